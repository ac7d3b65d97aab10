// The twenty-five bad inputs of RELIABILITY.md, one `describe` per row, against the real app. Each row asserts the
// expected refusal (problem+json, nothing of the server's insides in the body), that nothing was written, and that the
// server still serves. Where another file holds the fuller test, the row says which and asserts the behaviour once
// more briefly. Rows 22–24 need a process of their own: test/conformance/faults.test.ts.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveInside } from '../../server/api/static-files.ts';
import { dataPaths } from '../../server/config.ts';
import { insertSession } from '../../server/participation/session-store.ts';
import { createUser } from '../../server/workspace/auth/user-store.ts';
import type { Actor } from '../../server/workspace/roles.ts';
import type { SqliteSqlDb } from '../../server/workspace/sql/sqlite-sql-db.ts';
import { createPm10StationBody } from '../support/factories.ts';
import { type RawReply, expectCleanPrototype, expectHealthy, expectNoLeak, expectProblem, rawRequest, tableCounts } from '../support/problem-checks.ts';
import { type StaFixture, createStaFixture } from '../support/sta-fixture.ts';
import { type TestTwin, startTestTwin } from '../support/twin.ts';

const PLANNER: Actor = { role: 'planner', userId: '2c0d5b8e-7f3a-4f1e-9d6c-5a4b3c2d1e0f', username: 'planner' };
/** What a ReDoS or a sleep would blow: generous for a shared 2-core machine, far below any backtracking blow-up. */
const FAST_MS = 500;

let twin: TestTwin;
let sta: StaFixture;
let planner: Record<string, string>;
let otherPlanner: Record<string, string>;
let datastreamId: number;
/** Each comment POST comes from its own loopback address so that the per-client bucket (row 17) stays out of the way. */
let nextClient = 10;

const req = (method: string, p: string, o: { body?: string | Buffer; headers?: Record<string, string>; timeoutMs?: number } = {}) => rawRequest(twin.url, method, p, o);
const json = (method: string, p: string, body: unknown, headers: Record<string, string> = {}) =>
  req(method, p, { body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

function workspaceCounts(): Record<string, number> {
  // This suite runs on the embedded SQLite workspace: its connection answers the counts synchronously.
  return tableCounts((twin.workspace.db as SqliteSqlDb).connection);
}
function sensorCounts(): Record<string, number> {
  return tableCounts(sta.store.db);
}
async function openSession(): Promise<string> {
  const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  return (await insertSession(twin.workspace, { title: 'Park aan de gracht', introduction: 'Wat vindt u?', scenarioId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', closesAt }, PLANNER)).id;
}
const comment = (overrides: Record<string, unknown> = {}) => ({ category: 'idea', text: 'Meer bomen in deze straat', position: { lonDeg: 5.1214, latDeg: 52.0907, heightM: 4.5 }, ...overrides });
function postComment(sessionId: string, body: unknown, headers: Record<string, string> = {}): Promise<RawReply> {
  const { hostname, port } = new URL(twin.url);
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  const localAddress = `127.0.${Math.floor(nextClient / 250)}.${(nextClient++ % 250) + 1}`;
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const r = http.request({ hostname, port, path: `/api/participation/sessions/${sessionId}/comments`, method: 'POST', localAddress, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, ms: performance.now() - t }));
    });
    r.on('error', reject);
    r.end(payload);
  });
}
async function signIn(username: string, password: string): Promise<Record<string, string>> {
  const res = await json('POST', '/api/auth/login', { username, password });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return { cookie: String(res.headers['set-cookie']?.[0] ?? '').split(';')[0], 'x-csrf-token': (JSON.parse(res.body) as { csrfToken: string }).csrfToken };
}
const scenario = (inputs: unknown = {}) => ({ name: 'Proef', inputs });

beforeAll(async () => {
  twin = await startTestTwin();
  sta = await createStaFixture();
  await createUser(twin.workspace, { username: 'petra', password: 'planner-secret-1', role: 'planner' });
  await createUser(twin.workspace, { username: 'piet', password: 'planner-secret-2', role: 'planner' });
  planner = await signIn('petra', 'planner-secret-1');
  otherPlanner = await signIn('piet', 'planner-secret-2');
  const thing = await sta.call('POST', '/Things', createPm10StationBody('paal', 'bad-input station'));
  expect(thing.status).toBe(201);
  datastreamId = (await sta.call('GET', `/Things(${thing.json['@iot.id']})/Datastreams`)).json.value[0]['@iot.id'];
});
afterAll(async () => {
  await sta?.close();
  await twin?.close();
});

describe('#1 tile path traversal', () => {
  it.each([
    '/tiles/buildings/../../package.json',
    '/tiles/buildings/..%2f..%2fpackage.json',
    '/tiles/buildings/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/tiles/buildings/%252e%252e%252f%252e%252e%252fpackage.json',
    '/tiles/buildings/..%5c..%5cpackage.json',
    '/tiles/buildings/tileset.json%00.json',
    '/tiles/buildings/tile.b3dm%00.json',
  ])('answers %s with 404 or 400 and no file contents', async (p) => {
    const res = await req('GET', p);
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toMatch(/"dependencies"|root:x:0/);
    expectNoLeak(res.body);
  });

  it('does not follow a symlink out of the tile root (fuller: test/unit/tiles-serving.test.ts)', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-symlink-'));
    try {
      fs.mkdirSync(path.join(root, 'tiles'));
      fs.writeFileSync(path.join(root, 'secret.json'), '{"secret":1}');
      fs.symlinkSync(path.join(root, 'secret.json'), path.join(root, 'tiles', 'link.json'));
      fs.writeFileSync(path.join(root, 'tiles', 'ok.json'), '{}');
      expect(resolveInside(path.join(root, 'tiles'), 'link.json')).toBeUndefined();
      expect(resolveInside(path.join(root, 'tiles'), 'ok.json')).toBe(fs.realpathSync(path.join(root, 'tiles', 'ok.json')));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('#2 tile route abuse', () => {
  it.each(['/tiles/nosuchset/tileset.json', '/tiles/../tileset.json', `/tiles/${'x'.repeat(5000)}/tileset.json`, '/tiles/buildings/tileset.html', '/tiles/buildings/x.js'])(
    'answers %s with 404 problem+json',
    async (p) => {
      const res = await req('GET', p);
      expect(res.status).toBe(404);
      if (res.headers['content-type']?.includes('problem')) expectProblem(res, 404);
      expectNoLeak(res.body);
    },
  );

  it('serves tiles with their type, nosniff and an ETag that gives 304', async () => {
    const first = await req('GET', '/tiles/buildings/tileset.json');
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"/);
    expect((await req('GET', '/tiles/buildings/tileset.json', { headers: { 'if-none-match': etag } })).status).toBe(304);
  });
});

describe('#3 SQL injection through $filter and CQL-like values (fuller: ogc-features.test.ts, sta-api.test.ts)', () => {
  it.each([
    "result eq '1' or 1 eq 1--'",
    "name eq 'x'' OR 1=1--'",
    "substringof('%'';DROP TABLE observations;--', name)",
    "name eq 'x' UNION SELECT 1",
    "name eq 'x';SELECT pg_sleep(5)",
    "name eq 'xʼ OR 1=1--'",
    "substringof('%', name)",
    "substringof('_', name)",
  ])('$filter=%s → 400 or a literal match, fast, no table changed', async (filter) => {
    const before = sensorCounts();
    const t = performance.now();
    const res = await sta.call('GET', `/Datastreams?$filter=${encodeURIComponent(filter)}`);
    expect(performance.now() - t).toBeLessThan(FAST_MS);
    expect([200, 400]).toContain(res.status);
    if (res.status === 200) expect(res.json.value).toEqual([]);
    else expectProblem({ status: res.status, headers: res.headers, body: res.text }, 400);
    expect(sensorCounts()).toEqual(before);
  });

  it('treats a quote-and-comment OGC filter value as a literal', async () => {
    const res = await req('GET', `/ogc/collections/addresses/items?street=${encodeURIComponent("x' OR 1=1--")}`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).numberMatched).toBe(0);
  });
});

describe('#4 property names as expressions (fuller: ogc-features.test.ts row 4)', () => {
  it.each(['properties=exec(java.lang.Runtime)', 'sortby=__proto__', 'sortby=constructor', 'properties=name;DROP'])('OGC %s → 400 unknown parameter', async (q) => {
    const problem = expectProblem(await req('GET', `/ogc/collections/buildings/items?${q}`), 400);
    expect(problem.queryables).toBeInstanceOf(Array);
  });

  it.each(['$orderby=1/0', '$select=password', '$orderby=password', '$select=__proto__'])('STA %s → 400 naming the property', async (q) => {
    const res = await sta.call('GET', `/Datastreams?${q}`);
    expectProblem({ status: res.status, headers: res.headers, body: res.text }, 400);
  });
});

describe('#5 OGC API Features parameter validation', () => {
  it.each(['bbox=1,2,3', 'bbox=a,b,c,d', 'bbox=5,91,6,92', 'limit=0', 'limit=-1', 'limit=abc', 'limit=1e9', 'foo=bar'])('items?%s → 400', async (q) => {
    expectProblem(await req('GET', `/ogc/collections/buildings/items?${q}`), 400);
  });

  it.each(['/ogc?foo=bar', '/ogc/conformance?foo=bar', '/ogc/collections?foo=bar', '/ogc/collections/buildings?foo=bar', '/ogc/collections/buildings/queryables?foo=bar'])(
    '%s → 400 for an undeclared parameter (/req/core/query-param-unknown)',
    async (p) => {
      expectProblem(await req('GET', p), 400);
    },
  );

  it('clamps an over-maximum limit and answers 404 for unknown collections and features', async () => {
    const res = await req('GET', '/ogc/collections/streets/items?limit=20000');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).numberReturned).toBeLessThanOrEqual(10_000);
    expectProblem(await req('GET', '/ogc/collections/nosuch/items'), 404);
    expectProblem(await req('GET', '/ogc/collections/buildings/items/nosuch-feature'), [400, 404]);
  });
});

describe('#6 datetime edge cases', () => {
  it.each(['2024-13-45T00:00:00Z', '2024-01-01T00:00:00', '../..', 'x'.repeat(5000)])('datetime=%s → 400 fast', async (dt) => {
    const res = await req('GET', `/ogc/collections/buildings/items?limit=1&datetime=${encodeURIComponent(dt)}`);
    expectProblem(res, 400);
    expect(res.ms).toBeLessThan(FAST_MS);
  });

  it.each(['2024-01-01T00:00:00Z/..', '../2024-01-01T00:00:00Z', '2024-01-01t00:00:00z'])('datetime=%s is accepted (valid, RFC 3339 allows lowercase)', async (dt) => {
    expect((await req('GET', `/ogc/collections/buildings/items?limit=1&datetime=${encodeURIComponent(dt)}`)).status).toBe(200);
  });

  it('refuses an invalid STA phenomenonTime filter with 400', async () => {
    const res = await sta.call('GET', `/Observations?$filter=${encodeURIComponent('phenomenonTime gt 2024-13-45T00:00:00Z')}`);
    expect(res.status).toBe(400);
  });
});

describe('#7 oversized bodies', () => {
  it('refuses a 17 KiB comment with 413 problem+json and no row (fuller: participation-comments.test.ts)', async () => {
    const sessionId = await openSession();
    const before = workspaceCounts();
    expectProblem(await postComment(sessionId, comment({ text: 'a'.repeat(17 * 1024) })), 413, 'too-large');
    expect(workspaceCounts()).toEqual(before);
  });

  it('refuses a 2 MiB scenario with 413 (fuller: workspace-auth.test.ts)', async () => {
    const before = workspaceCounts();
    expectProblem(await json('POST', '/api/scenarios', { name: 'Groot', description: 'x'.repeat(2 * 1024 * 1024), inputs: {} }, planner), 413);
    expect(workspaceCounts()).toEqual(before);
  });

  it('answers a 100 MB chunked upload without Content-Length with 413 before it has all been sent, RSS flat', async () => {
    const { hostname, port } = new URL(twin.url);
    const rssBefore = process.memoryUsage().rss;
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const total = 100 * 1024 * 1024;
    const result = await new Promise<{ status: number; sent: number; body: string }>((resolve, reject) => {
      const socket = net.connect(Number(port), hostname);
      let sent = 0;
      let answer = '';
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
        resolve({ status, sent, body: answer.split('\r\n\r\n').slice(1).join('\r\n\r\n') });
        socket.destroy();
      };
      socket.on('data', (c: Buffer) => {
        answer += c.toString('utf8');
        if (/\r\n\r\n[\s\S]*\}/.test(answer)) finish();
      });
      socket.on('error', () => finish());
      socket.on('close', finish);
      socket.on('connect', () => {
        socket.write(`POST /api/auth/login HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
        const pump = () => {
          while (!done && sent < total) {
            sent += chunk.length;
            socket.write(`${chunk.length.toString(16)}\r\n`);
            socket.write(chunk);
            if (!socket.write('\r\n')) {
              socket.once('drain', pump);
              return;
            }
          }
          if (!done) socket.write('0\r\n\r\n');
        };
        pump();
      });
      setTimeout(() => reject(new Error('no answer to the chunked upload')), 25_000).unref();
    });
    expect(result.status, result.body).toBe(413);
    expect(result.sent).toBeLessThan(total);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024);
    await expectHealthy(twin.url);
  });
});

describe('#8 compressed body bomb', () => {
  it('applies the limit to the inflated size: a gzip body that inflates to 100 MB → 413', async () => {
    const bomb = zlib.gzipSync(Buffer.concat([Buffer.from('{"name":"'), Buffer.alloc(100 * 1024 * 1024, 0x61), Buffer.from('"}')]), { level: 9 });
    expect(bomb.length).toBeLessThan(200 * 1024);
    const before = workspaceCounts();
    for (const p of ['/api/auth/login', '/api/scenarios']) {
      const res = await req('POST', p, { body: bomb, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', ...(p === '/api/scenarios' ? planner : {}) } });
      expectProblem(res, 413, 'too-large');
    }
    expect(workspaceCounts()).toEqual(before);
    await expectHealthy(twin.url);
  });

  it('refuses an unsupported Content-Encoding with 415', async () => {
    expectProblem(await req('POST', '/api/auth/login', { body: '{"username":"a","password":"b"}', headers: { 'content-type': 'application/json', 'content-encoding': 'xyz' } }), 415);
  });
});

describe('#9 deeply nested JSON inside the size limit', () => {
  it('refuses 100 000 levels of [[[…]]] with 400 and keeps serving', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const before = workspaceCounts();
    const res = await req('POST', '/api/scenarios', { body: `{"name":"x","inputs":{"layers":${deep}}}`, headers: { 'content-type': 'application/json', ...planner } });
    expectProblem(res, 400);
    expect(workspaceCounts()).toEqual(before);
    await expectHealthy(twin.url);
  });

  it('refuses 2 500 levels in a 16 kB comment body with 400', async () => {
    const deep = '{"a":'.repeat(2500) + '1' + '}'.repeat(2500);
    expectProblem(await postComment(await openSession(), `{"category":"idea","text":"x","position":${deep}}`), 400);
  });

  it('refuses GeoJSON coordinates nested 10 000 deep and a GeometryCollection nested 1 000 deep in STA with 400', async () => {
    const before = sensorCounts();
    const coords = '['.repeat(10_000) + '5,52' + ']'.repeat(10_000);
    let collection = '{"type":"Point","coordinates":[5,52]}';
    for (let i = 0; i < 1000; i++) collection = `{"type":"GeometryCollection","geometries":[${collection}]}`;
    for (const geometry of [`{"type":"Polygon","coordinates":${coords}}`, collection]) {
      const res = await sta.call('POST', '/Locations', `{"name":"l","description":"d","encodingType":"application/geo+json","location":${geometry}}`);
      expectProblem({ status: res.status, headers: res.headers, body: res.text }, 400);
    }
    expect(sensorCounts()).toEqual(before);
  });
});

describe('#10 wrong or malformed content (fuller: json-bodies.test.ts)', () => {
  it('refuses XML carrying an XXE payload with 415, unparsed', async () => {
    const res = await req('POST', '/api/auth/login', { body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', headers: { 'content-type': 'application/xml' } });
    expectProblem(res, 415);
    expect(res.body).not.toMatch(/root:|ENTITY/);
  });

  it.each(['{"username": ', '   ', '"x"'])('answers %j with 400', async (body) => {
    expectProblem(await req('POST', '/api/auth/login', { body, headers: { 'content-type': 'application/json' } }), 400);
  });
});

describe('#11 prototype pollution', () => {
  it('refuses __proto__ and constructor.prototype in a comment and in scenario inputs, and the citizen is still refused moderation', async () => {
    const sessionId = await openSession();
    const before = workspaceCounts();
    expectProblem(await postComment(sessionId, '{"category":"idea","text":"x","position":{"lonDeg":5,"latDeg":52,"heightM":0},"__proto__":{"role":"council"}}'), 400);
    expectProblem(await json('POST', '/api/scenarios', '{"name":"x","inputs":{"__proto__":{"isAdmin":true}}}', planner), 400);
    expectProblem(await json('POST', '/api/scenarios', '{"name":"x","inputs":{"constructor":{"prototype":{"isAdmin":true}}}}', planner), 400);
    expect(workspaceCounts()).toEqual(before);
    expectCleanPrototype();
    expect((await json('POST', '/api/participation/comments/00000000-0000-4000-8000-000000000000/moderate', { action: 'approve' })).status).toBe(401);
  });

  it('keeps STA properties with __proto__ and constructor inert: plain data, no prototype changed', async () => {
    const res = await sta.call('POST', '/Things', '{"name":"p","description":"d","properties":{"__proto__":{"role":"council"},"constructor":{"prototype":{"isAdmin":true}}}}');
    expect(res.status).toBe(201);
    expectCleanPrototype();
    const stored = JSON.parse((sta.store.db.prepare('SELECT properties FROM things WHERE id = ?').get(res.json['@iot.id']) as { properties: string }).properties) as Record<string, unknown>;
    // constructor is kept as an own data member; __proto__ is dropped by zod's record parsing rather than set as a prototype.
    expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
    expect(stored.constructor).toEqual({ prototype: { isAdmin: true } });
    expect((stored as { role?: unknown }).role).toBeUndefined();
  });

  it('refuses ?__proto__[x]=1 on query-validated routes', async () => {
    expectProblem(await req('GET', '/ogc/collections/buildings/items?__proto__[x]=1'), 400);
    expectCleanPrototype();
  });
});

describe('#12 type confusion at zod boundaries (fuller: participation-comments.test.ts)', () => {
  it.each([
    ['text as an array', { text: ['a'] }],
    ['text as an operator object', { text: { $gt: '' } }],
    ['a longitude of 999', { position: { lonDeg: 999, latDeg: 52, heightM: 0 } }],
    ['text with a NUL', { text: 'a\u0000b' }],
  ])('refuses %s with 400 and a field path', async (_name, overrides) => {
    const sessionId = await openSession();
    const before = workspaceCounts();
    const problem = expectProblem(await postComment(sessionId, comment(overrides)), 400);
    expect(JSON.stringify(problem.errors)).toMatch(/text|position/);
    expect(workspaceCounts()).toEqual(before);
  });

  it('refuses a lone surrogate, 1e400 and a numeric string for a number', async () => {
    const sessionId = await openSession();
    expectProblem(await postComment(sessionId, '{"category":"idea","text":"a\\ud800b","position":{"lonDeg":5,"latDeg":52,"heightM":0}}'), 400);
    expectProblem(await postComment(sessionId, '{"category":"idea","text":"a","position":{"lonDeg":1e400,"latDeg":52,"heightM":0}}'), 400);
    expectProblem(await postComment(sessionId, '{"category":"idea","text":"a","position":{"lonDeg":"5","latDeg":52,"heightM":0}}'), 400);
  });

  it('accepts -0 as a coordinate (it is a number) without a 500', async () => {
    const res = await postComment(await openSession(), comment({ position: { lonDeg: 5.12, latDeg: 52.09, heightM: -0 } }));
    expect(res.status).toBe(201);
  });
});

describe('#13 invalid geometry', () => {
  it.each([
    ['an unclosed ring', '{"type":"Polygon","coordinates":[[[5,52],[5.1,52],[5.1,52.1]]]}'],
    ['empty coordinates', '{"type":"Polygon","coordinates":[]}'],
    ['RD metres claimed as WGS84', '{"type":"Point","coordinates":[155000,463000]}'],
    ['a point with one number', '{"type":"Point","coordinates":[5]}'],
  ])('refuses a Location with %s with 400 and stores nothing', async (_name, geometry) => {
    const before = sensorCounts();
    const res = await sta.call('POST', '/Locations', `{"name":"l","description":"d","encodingType":"application/geo+json","location":${geometry}}`);
    expectProblem({ status: res.status, headers: res.headers, body: res.text }, 400);
    expect(sensorCounts()).toEqual(before);
  });

  it('refuses a scenario antenna outside the RD domain and more than 200 antennas with 400', async () => {
    const antenna = { id: 'a', x: 155_000, y: 463_000, heightM: 30, azimuthDeg: 0, tiltDeg: 5, eirpDbm: 60, frequencyGHz: 3.5 };
    const before = workspaceCounts();
    expectProblem(await json('POST', '/api/scenarios', scenario({ antennas: [{ ...antenna, x: 5.1 * 1e9 }] }), planner), 400);
    expectProblem(await json('POST', '/api/scenarios', scenario({ antennas: Array.from({ length: 201 }, (_, i) => ({ ...antenna, id: `a${i}` })) }), planner), 400);
    expect(workspaceCounts()).toEqual(before);
  });
});

describe('#14 authorization and IDOR (fuller: workspace-roles.test.ts, workspace-auth.test.ts)', () => {
  it('answers 401 without a session, with a garbage cookie and with an alg:none JWT', async () => {
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"admin","role":"admin"}').toString('base64url')}.`;
    for (const headers of [{} as Record<string, string>, { cookie: 'tweeling_session=garbage' }, { authorization: `Bearer ${none}` }]) {
      expectProblem(await req('GET', '/api/audit', { headers }), 401);
    }
  });

  it('refuses a citizen the moderation queue with 401 and answers 404 for an unknown scenario', async () => {
    const sessionId = await openSession();
    expect((await req('GET', `/api/participation/sessions/${sessionId}/comments?status=pending`)).status).toBe(401);
    expectProblem(await req('GET', '/api/scenarios/0190f3a2-0000-7000-8000-000000000000'), 404);
  });

  it('gives scenarios unpredictable ids (UUIDs, not a sequence)', async () => {
    const a = JSON.parse((await json('POST', '/api/scenarios', scenario(), planner)).body).id as string;
    const b = JSON.parse((await json('POST', '/api/scenarios', scenario(), otherPlanner)).body).id as string;
    for (const id of [a, b]) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(a.slice(-12)).not.toBe(b.slice(-12));
  });
});

describe('#15 moderation bypass and XSS (fuller: participation-comments.test.ts)', () => {
  it('stores markup as plain text, JSON-escaped, and keeps a pending comment off every public route', async () => {
    const sessionId = await openSession();
    const placed = await postComment(sessionId, comment({ text: '<img src=x onerror=alert(1)>' }));
    expect(placed.status).toBe(201);
    expect(placed.body).not.toContain('<img');
    const { id } = JSON.parse(placed.body) as { id: string };
    for (const p of [`/api/participation/sessions/${sessionId}/comments`, `/api/participation/sessions/${sessionId}/comments.geojson`, `/api/participation/sessions/${sessionId}/comments.csv`]) {
      const res = await req('GET', p);
      expect(res.status).toBe(200);
      expect(res.body).not.toContain(id);
    }
  });
});

describe('#16 personal data in a comment (fuller: participation-comments.test.ts, participation-personal-data.test.ts)', () => {
  it.each(['Mail me op jan@example.nl', 'Bel me: 06-12345678', 'Ik woon op 3511 AB 12'])('refuses %j before storing it, without echoing it', async (text) => {
    const sessionId = await openSession();
    const before = workspaceCounts();
    const problem = expectProblem(await postComment(sessionId, comment({ text })), 400, 'personal-data');
    expect(JSON.stringify(problem)).not.toContain(text.split(' ').at(-1));
    expect(workspaceCounts()).toEqual(before);
  });
});

describe('#17 rate-limit evasion (fuller: participation-comments.test.ts rate limits)', () => {
  it('answers the 6th comment from one participant with 429, Retry-After and no row, whatever X-Forwarded-For says', async () => {
    const sessionId = await openSession();
    let cookie = '';
    for (let i = 0; i < 5; i++) {
      const ok = await postComment(sessionId, comment({ text: `Idee ${i}` }), { ...(cookie ? { cookie } : {}), 'x-forwarded-for': `203.0.113.${i}` });
      expect(ok.status).toBe(201);
      cookie ||= String(ok.headers['set-cookie']?.[0] ?? '').split(';')[0];
    }
    const before = workspaceCounts();
    const sixth = await postComment(sessionId, comment({ text: 'Idee 6' }), { cookie, 'x-forwarded-for': '198.51.100.7' });
    expectProblem(sixth, 429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    expect(workspaceCounts()).toEqual(before);
  });
});

describe('#18 ReDoS', () => {
  it.each(['/api', '/ogc', '/sta/v1.1', '/tiles/buildings', '/cesium', ''])('answers a pathological path under %s fast with 4xx', async (prefix) => {
    const res = await req('GET', `${prefix}/a${'-a'.repeat(8000)}/a`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.ms).toBeLessThan(FAST_MS);
  });

  it('answers a 4 KiB filter of parentheses and 1 000 nested substringof() with 400 fast, with no event-loop stall', async () => {
    let nested = "'x'";
    for (let i = 0; i < 1000; i++) nested = `substringof(${nested}, name)`;
    let maxLagMs = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      maxLagMs = Math.max(maxLagMs, now - last - 5);
      last = now;
    }, 5);
    try {
      for (const filter of ['('.repeat(4096), nested]) {
        const t = performance.now();
        const res = await sta.call('GET', `/Datastreams?$filter=${encodeURIComponent(filter)}`);
        expect(performance.now() - t).toBeLessThan(FAST_MS);
        expect([400, 414, 431]).toContain(res.status);
      }
      const ogc = await req('GET', `/ogc/collections/buildings/items?filter=${'('.repeat(4096)}`);
      expect([400, 414, 431]).toContain(ogc.status);
    } finally {
      clearInterval(timer);
    }
    // The server shares this process with the test (sta fixture): a catastrophic regex would stall this timer.
    expect(maxLagMs).toBeLessThan(FAST_MS);
  });

  it('runs on path-to-regexp ≥ 8.4.0 (CVE-2024-45296, CVE-2026-4926)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../node_modules/path-to-regexp/package.json'), 'utf8')) as { version: string };
    const [major, minor] = pkg.version.split('.').map(Number);
    expect(major > 8 || (major === 8 && minor >= 4), `path-to-regexp ${pkg.version}`).toBe(true);
  });
});

describe('#19 SensorThings ingest edge cases (fuller: sta-api.test.ts)', () => {
  it('refuses an Observation for a nonexistent Datastream with 400/404 and no orphan row', async () => {
    const before = sensorCounts();
    const nav = await sta.call('POST', '/Datastreams(999999)/Observations', { phenomenonTime: '2024-01-01T00:00:00Z', result: 1 });
    expectProblem({ status: nav.status, headers: nav.headers, body: nav.text }, [400, 404]);
    const link = await sta.call('POST', '/Observations', { phenomenonTime: '2024-01-01T00:00:00Z', result: 1, Datastream: { '@iot.id': 999999 } });
    expectProblem({ status: link.status, headers: link.headers, body: link.text }, [400, 404]);
    expect(sensorCounts()).toEqual(before);
    expect(sta.store.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('clamps $top=1000000, refuses $expand 10 levels deep and an invalid phenomenonTime', async () => {
    const top = await sta.call('GET', '/Observations?$top=1000000');
    expect(top.status).toBe(200);
    expect(top.json.value.length).toBeLessThanOrEqual(1000);
    const deep = await sta.call('GET', `/Things?$expand=${'Datastreams/Thing/'.repeat(5)}Datastreams`);
    expect(deep.status).toBe(400);
    const before = sensorCounts();
    const bad = await sta.call('POST', `/Datastreams(${datastreamId})/Observations`, { phenomenonTime: '2024-13-45T00:00:00Z', result: 1 });
    expectProblem({ status: bad.status, headers: bad.headers, body: bad.text }, 400);
    expect(sensorCounts()).toEqual(before);
  });

  it('keeps an object result as sent and creates one row for a retried Idempotency-Key', async () => {
    const body = { phenomenonTime: '2024-01-01T00:00:00Z', result: { pm10: 2.5, flags: ['ok'] } };
    const first = await sta.call('POST', `/Datastreams(${datastreamId})/Observations`, body, { 'idempotency-key': 'bad-inputs-19' });
    expect(first.status, first.text).toBe(201);
    const countAfterFirst = sensorCounts().observations;
    const retry = await sta.call('POST', `/Datastreams(${datastreamId})/Observations`, body, { 'idempotency-key': 'bad-inputs-19' });
    expect(retry.json['@iot.id']).toBe(first.json['@iot.id']);
    expect(sensorCounts().observations).toBe(countAfterFirst);
    expect((await sta.call('GET', `/Observations(${first.json['@iot.id']})`)).json.result).toEqual(body.result);
  });
});

describe('#20 zip slip and zip bombs', () => {
  it('has no archive upload on the HTTP API: a zip POST is refused (415/404) and nothing lands in the tile root', async () => {
    const tilesDir = dataPaths({ dataDir: twin.dataDir }).buildingTiles;
    const before = fs.readdirSync(tilesDir).sort();
    // A minimal zip whose one entry is named ../../x (local file header signature PK\x03\x04).
    const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(22), Buffer.from([8, 0, 0, 0]), Buffer.from('../../x')]);
    for (const p of ['/api/scenarios', '/api/scenarios/import', '/api/tilesets', '/ogc/collections/buildings/items']) {
      const res = await req('POST', p, { body: zip, headers: { 'content-type': 'application/zip', ...planner } });
      expect([404, 405, 415]).toContain(res.status);
      expectNoLeak(res.body);
    }
    expect(fs.readdirSync(tilesDir).sort()).toEqual(before);
    expect(fs.existsSync(path.join(tilesDir, '../../x'))).toBe(false);
  });
});

describe('#21 SSRF through URL-valued fields', () => {
  it.each(['http://169.254.169.254/latest/meta-data/', 'http://[::]/', 'http://0x7f000001/', 'http://2130706433/'])('refuses a layer url %s in scenario inputs (v1 fetches no user URLs)', async (url) => {
    const before = workspaceCounts();
    expectProblem(await json('POST', '/api/scenarios', scenario({ layers: [{ id: 'x', url }] }), planner), 400);
    expectProblem(await json('POST', '/api/scenarios', scenario({ webhook: url }), planner), 400);
    expect(workspaceCounts()).toEqual(before);
  });
});

describe('#22 kill -9 during a write burst (the test itself: test/conformance/faults.test.ts, sta-durability.test.ts)', () => {
  it('opens file workspaces with WAL and synchronous=FULL, the precondition for keeping acknowledged comments', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-ws-'));
    const { openWorkspace } = await import('../../server/workspace/workspace.ts');
    const ws = await openWorkspace(path.join(dir, 'workspace.sqlite'));
    try {
      const db = (ws.db as SqliteSqlDb).connection;
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      await ws.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('#23 SIGTERM with in-flight work (the test itself: test/conformance/faults.test.ts)', () => {
  it('keeps busy_timeout modest so a drain cannot hang on a lock', () => {
    expect(Number(sta.store.db.pragma('busy_timeout', { simple: true }))).toBeLessThanOrEqual(5000);
  });
});

describe('#24 storage faults (the test itself: test/conformance/faults.test.ts)', () => {
  it('exposes the WAL size in /api/health and bounds the WAL with journal_size_limit', async () => {
    const health = JSON.parse((await req('GET', '/api/health')).body) as Record<string, unknown>;
    expect(JSON.stringify(health)).toMatch(/walBytes/);
    const limit = Number(sta.store.db.pragma('journal_size_limit', { simple: true }));
    expect(limit).toBeGreaterThan(0);
    expect(limit).toBeLessThanOrEqual(64 * 1024 * 1024);
  });
});

describe('#25 slow clients', () => {
  it('closes a connection whose headers trickle in at 1 byte/s at headersTimeout (10 s), and serves others meanwhile', async () => {
    const { startServer } = await import('../../server/serve.ts');
    const { createApp } = await import('../../server/app.ts');
    const { loadConfig } = await import('../../server/config.ts');
    const { openSqliteStore } = await import('../../server/store/sqlite/sqlite-store.ts');
    const config = loadConfig({}, { dataDir: twin.dataDir, port: 0, host: '127.0.0.1' });
    const store = await openSqliteStore(dataPaths(config).store);
    const listenersBefore = { SIGTERM: process.listeners('SIGTERM'), SIGINT: process.listeners('SIGINT') };
    const server = await startServer(createApp({ store, config, log: () => {} }), config, store);
    const { port } = server.address() as net.AddressInfo;
    try {
      const socket = net.connect(port, '127.0.0.1');
      const request = 'GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ' + 'a'.repeat(100);
      let i = 0;
      let answer = '';
      socket.on('data', (c: Buffer) => (answer += c.toString()));
      const t0 = performance.now();
      const trickle = setInterval(() => {
        if (i < request.length && !socket.destroyed) socket.write(request[i++]);
      }, 1000);
      const closedAfterMs = await new Promise<number>((resolve) => {
        socket.on('close', () => resolve(performance.now() - t0));
        socket.on('error', () => {});
        // Meanwhile a normal client is served.
        setTimeout(async () => {
          expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
        }, 2000);
      });
      clearInterval(trickle);
      expect(closedAfterMs).toBeGreaterThanOrEqual(9_000);
      expect(closedAfterMs).toBeLessThan(14_000);
      expect(answer).toMatch(/^(HTTP\/1\.1 408|$)/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      // startServer installed its drain handlers on this (test) process: take exactly those off again.
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        for (const l of process.listeners(signal)) if (!listenersBefore[signal].includes(l)) process.off(signal, l);
      }
    }
  }, 30_000);
});

describe('security headers (issue #8 item 7)', () => {
  /** RELIABILITY.md, "Our helmet setup": the strict same-origin-workers policy for the page. */
  const RELIABILITY_POLICY: Record<string, string> = {
    'default-src': "'self'",
    'script-src': "'self'",
    'worker-src': "'self'",
    'style-src': "'self' 'unsafe-inline'",
    'img-src': "'self' data: blob:",
    'connect-src': "'self'",
    'object-src': "'none'",
    'base-uri': "'self'",
    'frame-ancestors': "'self'",
  };
  /**
   * Where app.ts PAGE_CSP differs from it, all additions that do not widen script-src or allow eval:
   * - worker-src blob: Cesium's TaskProcessor starts a worker from a blob: URL that imports the real script whenever
   *   the worker URL counts as cross-origin (CesiumGS ContentSecurityPolicyGuide: "Cross-origin CESIUM_BASE_URL");
   *   blob workers inherit this page policy, so they still cannot eval or compile WebAssembly.
   * - form-action 'self' tightens the policy (form-action does not fall back to default-src, so without it a form
   *   could post anywhere); font-src 'self' restates the default-src fallback.
   */
  const DEVIATIONS: Record<string, string> = { 'worker-src': "'self' blob:", 'font-src': "'self'", 'form-action': "'self'" };

  const parseCsp = (header: string) => Object.fromEntries(header.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(/\s+/)[0], d.split(/\s+/).slice(1).join(' ')]));

  it('sends exactly the RELIABILITY.md page policy plus the documented deviations', async () => {
    const page = await req('GET', '/');
    expect(parseCsp(String(page.headers['content-security-policy']))).toEqual({ ...RELIABILITY_POLICY, ...DEVIATIONS });
    expect(String(page.headers['content-security-policy'])).not.toMatch(/unsafe-eval|wasm-unsafe-eval|\*/);
  });

  it.each(['/api/health', '/api/nosuch', '/ogc/collections', '/sta/v1.1/Things', '/tiles/buildings/tileset.json'])('%s carries nosniff and no X-Powered-By', async (p) => {
    const res = await req('GET', p);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['content-security-policy']).toBeDefined();
  });
});
