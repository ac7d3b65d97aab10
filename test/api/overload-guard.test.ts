// The overload guard (RELIABILITY.md #25): past maxInFlight requests in progress, or while the event loop runs later
// than maxLoopLagMs, new API requests get 503 with Retry-After at once; the health check still answers; a slot is
// given back when a request ends or is aborted, and shedding stops once the loop has caught up.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { overloadGuard } from '../../server/api/overload-guard.ts';
import { errorHandler } from '../../server/api/problem.ts';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface SlowServer {
  url: string;
  /** Resolves when `n` slow requests are being held by the server. */
  waitForHeld(n: number): Promise<void>;
  /** Lets every held slow request finish. */
  releaseAll(): void;
  close(): Promise<void>;
}

/** An app with the guard in front of a route that holds each request until released, as a slow query would. */
async function createSlowServer(maxInFlight: number, maxLoopLagMs = 0): Promise<SlowServer> {
  const held: (() => void)[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const app = express();
  app.use(overloadGuard({ maxInFlight, maxLoopLagMs, exempt: (req) => req.path === '/api/health' }));
  app.get('/api/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/api/fast', (_req, res) => {
    res.json({ done: true });
  });
  // Synchronous work that keeps the event loop from I/O, as a long better-sqlite3 query does.
  app.get('/api/block', (_req, res) => {
    const until = performance.now() + 300;
    while (performance.now() < until);
    res.json({ done: true });
  });
  app.get('/api/slow', (_req, res) => {
    held.push(() => res.json({ done: true }));
    for (const w of waiters.filter((x) => held.length >= x.n)) w.resolve();
  });
  app.use(errorHandler(() => {}));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    waitForHeld: (n) => (held.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
    releaseAll: () => {
      for (const release of held.splice(0)) release();
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function get(url: string, o: { signal?: AbortSignal } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    // agent: false: one socket per request, as separate clients would use.
    const req = http.get(url, { agent: false, signal: o.signal }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

let slow: SlowServer | undefined;
afterEach(async () => {
  slow?.releaseAll();
  await slow?.close();
  slow = undefined;
});

describe('overload guard', () => {
  it('answers the third of three slow concurrent requests with 503 and Retry-After when maxInFlight is 2', async () => {
    slow = await createSlowServer(2);
    const first = get(`${slow.url}/api/slow`);
    const second = get(`${slow.url}/api/slow`);
    await slow.waitForHeld(2);
    const third = await get(`${slow.url}/api/slow`);
    expect(third.status).toBe(503);
    expect(third.headers['retry-after']).toBe('1');
    expect(third.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(third.body)).toMatchObject({ status: 503, code: 'unavailable' });
    slow.releaseAll();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
  });

  it('still answers the health check while shedding', async () => {
    slow = await createSlowServer(2);
    const held = [get(`${slow.url}/api/slow`), get(`${slow.url}/api/slow`)];
    await slow.waitForHeld(2);
    const health = await get(`${slow.url}/api/health`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
    slow.releaseAll();
    await Promise.all(held);
  });

  it('admits requests again once the slow ones have finished', async () => {
    slow = await createSlowServer(2);
    const held = [get(`${slow.url}/api/slow`), get(`${slow.url}/api/slow`)];
    await slow.waitForHeld(2);
    slow.releaseAll();
    await Promise.all(held);
    const again = get(`${slow.url}/api/slow`);
    await slow.waitForHeld(1);
    slow.releaseAll();
    expect((await again).status).toBe(200);
  });

  it('frees the slot of a request whose client went away', async () => {
    slow = await createSlowServer(1);
    const abort = new AbortController();
    const gone = get(`${slow.url}/api/slow`, { signal: abort.signal }).catch(() => 'aborted');
    await slow.waitForHeld(1);
    abort.abort();
    expect(await gone).toBe('aborted');
    // The server sees the close a moment after the client aborts: retry until a request is admitted (held; the
    // aborted one stays in the held list, so two held means the new one got in) rather than shed.
    let admitted = false;
    for (let i = 0; i < 50 && !admitted; i++) {
      const next = get(`${slow.url}/api/slow`);
      admitted = await Promise.race([slow.waitForHeld(2).then(() => true), next.then((r) => (r.status === 503 ? false : Promise.reject(new Error(`unexpected ${r.status}`))))]);
      if (!admitted) await new Promise((r) => setTimeout(r, 20));
    }
    expect(admitted).toBe(true);
  });

  it('sheds a request that arrives while the event loop is running late, then admits again', async () => {
    slow = await createSlowServer(100, 100);
    expect((await get(`${slow.url}/api/block`)).status).toBe(200);
    const shed = await get(`${slow.url}/api/fast`);
    expect(shed.status).toBe(503);
    expect(shed.headers['retry-after']).toBe('1');
    expect((await get(`${slow.url}/api/fast`)).status).toBe(200);
  });

  it('does not shed while the event loop keeps up', async () => {
    slow = await createSlowServer(100, 100);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await get(`${slow.url}/api/fast`)).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
  });

  it('refuses a maxInFlight below 1', () => {
    expect(() => overloadGuard({ maxInFlight: 0 })).toThrow(RangeError);
  });
});
