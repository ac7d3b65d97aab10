// Checks shared by the bad-input and fault tests (RELIABILITY.md, "Twenty-five bad inputs"): a refusal is an RFC 9457
// problem+json body with a code and a detail and nothing of the server's insides; the server keeps serving; a refused
// write leaves every table as it was.
import http from 'node:http';
import type Database from 'better-sqlite3';
import { expect } from 'vitest';

export interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  ms: number;
}

/** Things a client must never see: stack frames, SQL, our file paths, library names. */
export const LEAK_PATTERNS: RegExp[] = [/at .*\.ts:/, /\bSELECT\b/, /\/work\//, /node_modules/, /better-sqlite3/, /SqliteError/, /RangeError|TypeError/];

/** One request with node:http, so paths go out exactly as written (no URL normalisation of `..`). */
export function rawRequest(
  baseUrl: string,
  method: string,
  rawPath: string,
  o: { body?: string | Buffer; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<RawReply> {
  const { hostname, port } = new URL(baseUrl);
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method, headers: o.headers, timeout: o.timeoutMs ?? 20_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${rawPath.slice(0, 80)} timed out`)));
    req.on('error', reject);
    req.end(o.body);
  });
}

/** Asserts that nothing of the server's insides is in a body. */
export function expectNoLeak(body: string): void {
  for (const pattern of LEAK_PATTERNS) expect(body, `body leaks ${pattern}`).not.toMatch(pattern);
}

/** Asserts an RFC 9457 problem with the given status (one of several if an array), a code and a detail, leaking nothing. */
export function expectProblem(reply: { status: number; headers: http.IncomingHttpHeaders | Headers; body: string }, status: number | number[], code?: string | RegExp): Record<string, unknown> {
  const statuses = Array.isArray(status) ? status : [status];
  expect(statuses, `status ${reply.status}: ${reply.body.slice(0, 300)}`).toContain(reply.status);
  const type = reply.headers instanceof Headers ? reply.headers.get('content-type') : reply.headers['content-type'];
  expect(type).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(reply.body) as Record<string, unknown>;
  expect(problem.status).toBe(reply.status);
  expect(typeof problem.code).toBe('string');
  expect(typeof problem.detail).toBe('string');
  if (code !== undefined) expect(problem.code).toMatch(typeof code === 'string' ? new RegExp(`^${code}$`) : code);
  expectNoLeak(reply.body);
  return problem;
}

/** The server still answers its health check. */
export async function expectHealthy(baseUrl: string): Promise<void> {
  const res = await fetch(`${baseUrl}/api/health`);
  expect(res.status).toBe(200);
  expect(((await res.json()) as { status: string }).status).toBe('ok');
}

/** Row count of every table of a database, to compare before and after a refused write. */
export function tableCounts(db: Database.Database): Record<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, (db.prepare(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as { n: number }).n]));
}

/** Prototype pollution leaves no trace on plain objects. */
export function expectCleanPrototype(): void {
  const probe = {} as Record<string, unknown>;
  for (const key of ['role', 'isAdmin', 'x', 'polluted']) expect(probe[key], `Object.prototype.${key}`).toBeUndefined();
}
