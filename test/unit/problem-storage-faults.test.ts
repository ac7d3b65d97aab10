// Which errors from the databases mean "the store cannot take this now" (503 + Retry-After) rather than a bug (500):
// SQLite's busy/full/read-only codes, PostgreSQL's outage SQLSTATEs and the driver's connection errors.
import express from 'express';
import { describe, expect, it } from 'vitest';
import { errorHandler } from '../../server/api/problem.ts';

async function answerTo(err: unknown): Promise<{ status: number; retryAfter: string | null; body: { code: string; detail: string } }> {
  const app = express();
  app.get('/', () => {
    throw err;
  });
  app.use(errorHandler(() => undefined));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  try {
    const { port } = server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/`);
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { code: string; detail: string } };
  } finally {
    server.close();
  }
}

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('storage faults become 503 storage-unavailable with Retry-After', () => {
  it.each([
    ['SQLite busy', withCode('SQLITE_BUSY')],
    ['SQLite disk full', withCode('SQLITE_FULL')],
    ['SQLite read-only', withCode('SQLITE_READONLY_DIRECTORY')],
    ['PostgreSQL admin shutdown (57P01)', withCode('57P01', 'terminating connection due to administrator command')],
    ['PostgreSQL starting up (57P03)', withCode('57P03', 'the database system is starting up')],
    ['PostgreSQL connection failure (08006)', withCode('08006')],
    ['PostgreSQL disk full (53100)', withCode('53100')],
    ['PostgreSQL serialization failure (40001)', withCode('40001')],
    ['connection refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['connection terminated', new Error('Connection terminated unexpectedly')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
  ])('%s', async (_name, err) => {
    const r = await answerTo(err);
    expect(r.status).toBe(503);
    expect(r.body.code).toBe('storage-unavailable');
    expect(Number(r.retryAfter)).toBeGreaterThan(0);
    expect(JSON.stringify(r.body)).not.toMatch(/5432|ECONN|SQLITE|57P|terminat/);
  });

  it.each([
    ['a PostgreSQL syntax error (42601)', withCode('42601', 'syntax error at or near "SELEC"')],
    ['a unique violation (23505)', withCode('23505', 'duplicate key value violates unique constraint "users_pkey"')],
    ['a SQLite constraint error', withCode('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: users.id')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
  ])('but %s stays a 500 that reveals nothing', async (_name, err) => {
    const r = await answerTo(err);
    expect(r.status).toBe(500);
    expect(r.retryAfter).toBeNull();
    expect(JSON.stringify(r.body)).not.toMatch(/syntax|users|UNIQUE|undefined/);
  });
});
