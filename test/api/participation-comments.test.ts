// Citizen side of participation over HTTP: placing comments, what the public sees, limits and bad input
// (RELIABILITY.md #7, #11, #12, #15, #16, #17). Sessions and moderation are set up with the domain functions here;
// participation-planner.test.ts does the same through the signed-in routes. Both workspace backends; on PostgreSQL
// also two servers sharing one workspace (sessions, the comment limit and moderation across them).
import http from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CommentInput } from '../../server/contracts/workspace.ts';
import { moderateComment } from '../../server/participation/comment-store.ts';
import { insertSession, closeSession } from '../../server/participation/session-store.ts';
import { createUser } from '../../server/workspace/auth/user-store.ts';
import type { Actor } from '../../server/workspace/roles.ts';
import { startTestTwin, type TestTwin } from '../support/twin.ts';
import { freshWorkspaceTarget, startTwinsSharingOneWorkspace, workspaceBackends } from '../support/workspace-backends.ts';
import { postAs, signInByApi } from '../support/workspace-http.ts';

const PLANNER: Actor = { role: 'planner', userId: '2c0d5b8e-7f3a-4f1e-9d6c-5a4b3c2d1e0f', username: 'planner' };

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request; `localAddress` picks the loopback source address, i.e. which client the server sees. */
function send(twin: TestTwin, method: string, path: string, o: { body?: unknown; raw?: string; headers?: Record<string, string>; localAddress?: string } = {}): Promise<Reply> {
  const { hostname, port } = new URL(twin.url);
  const payload = o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
  const headers: Record<string, string> = { ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...o.headers };
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path, method, headers, localAddress: o.localAddress }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function createCommentInput(overrides: Partial<CommentInput> = {}): CommentInput {
  return { category: 'idea', text: 'Meer bomen in deze straat', position: { lonDeg: 5.1214, latDeg: 52.0907, heightM: 4.5 }, ...overrides };
}

async function openSession(twin: TestTwin): Promise<string> {
  const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  return (await insertSession(twin.workspace, { title: 'Park aan de gracht', introduction: 'Wat vindt u?', scenarioId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', closesAt }, PLANNER)).id;
}

async function commentCount(twin: TestTwin): Promise<number> {
  return (await twin.workspace.db.get<{ n: number }>('SELECT count(*) AS n FROM participation_comments'))!.n;
}

async function rateLimitHitCount(twin: TestTwin): Promise<number> {
  return (await twin.workspace.db.get<{ n: number }>('SELECT count(*) AS n FROM rate_limit_hits'))!.n;
}

function cookieOf(reply: Reply): string {
  const setCookie = reply.headers['set-cookie']?.[0] ?? '';
  return setCookie.split(';')[0];
}

async function postComment(twin: TestTwin, sessionId: string, o: { input?: unknown; cookie?: string; headers?: Record<string, string>; localAddress?: string } = {}) {
  return send(twin, 'POST', `/api/participation/sessions/${sessionId}/comments`, {
    body: o.input ?? createCommentInput(),
    headers: { ...(o.cookie ? { cookie: o.cookie } : {}), ...o.headers },
    localAddress: o.localAddress,
  });
}

/** What anyone can see of a session: the list, the GeoJSON and the CSV. */
async function publicViews(twin: TestTwin, sessionId: string) {
  const base = `/api/participation/sessions/${sessionId}`;
  const [list, geojson, csv] = await Promise.all([send(twin, 'GET', `${base}/comments`), send(twin, 'GET', `${base}/comments.geojson`), send(twin, 'GET', `${base}/comments.csv`)]);
  return { list, geojson, csv, texts: (JSON.parse(list.body) as { comments: { text: string }[] }).comments.map((c) => c.text) };
}

const backends = workspaceBackends('participation comments');

describe.each(backends)('participation comments (%s workspace)', (backend) => {
  let twin: TestTwin;
  beforeEach(async () => {
    twin = await startTestTwin({ workspace: await freshWorkspaceTarget(backend) });
  });
  afterEach(async () => {
    await twin?.close();
  });

  describe('a citizen places a comment', () => {
    it('stores it pending and sets an HttpOnly, SameSite=Strict participant cookie', async () => {
      const sessionId = await openSession(twin);
      const reply = await postComment(twin, sessionId);
      expect(reply.status).toBe(201);
      expect(JSON.parse(reply.body)).toMatchObject({ sessionId, status: 'pending', text: 'Meer bomen in deze straat', answer: null });
      const cookie = reply.headers['set-cookie']?.[0] ?? '';
      expect(cookie).toMatch(/^tweeling_participant=[0-9a-f]{32};/);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Strict');
      expect(cookie).toContain('Path=/api/participation');
    });

    it('stores only a keyed hash of the participant token, and no address', async () => {
      const sessionId = await openSession(twin);
      const reply = await postComment(twin, sessionId);
      const token = cookieOf(reply).split('=')[1];
      const rows = await twin.workspace.db.all<Record<string, unknown>>('SELECT * FROM participation_comments');
      const dump = JSON.stringify([rows, await twin.workspace.db.all('SELECT * FROM rate_limit_hits')]);
      expect(dump).not.toContain(token);
      expect(dump).not.toContain('127.0.0.1');
      const columns = Object.keys(rows[0]);
      // Nothing about the person: no name, e-mail, IP or address column.
      expect(columns).toEqual(['id', 'session_id', 'category', 'text', 'lon_deg', 'lat_deg', 'height_m', 'building_id', 'status', 'answer', 'participant_hash', 'created_at']);
    });

    it('reads the open session publicly', async () => {
      const sessionId = await openSession(twin);
      const reply = await send(twin, 'GET', `/api/participation/sessions/${sessionId}`);
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toMatchObject({ id: sessionId, status: 'open', url: `/?mode=participation&session=${sessionId}` });
    });

    it('refuses comments on a closed session with 409 and writes nothing', async () => {
      const sessionId = await openSession(twin);
      await closeSession(twin.workspace, sessionId, PLANNER);
      const reply = await postComment(twin, sessionId);
      expect(reply.status).toBe(409);
      expect(await commentCount(twin)).toBe(0);
    });

    it('answers 404 for an unknown session and for an id that is no UUID', async () => {
      expect((await postComment(twin, '11111111-2222-4333-8444-555555555555')).status).toBe(404);
      expect((await send(twin, 'GET', '/api/participation/sessions/1')).status).toBe(404);
      expect((await send(twin, 'GET', '/api/participation/sessions/..%2f..%2fetc/comments')).status).toBe(404);
    });
  });

  describe('moderation decides what the public sees', () => {
    it('shows a comment nowhere while pending, everywhere once approved, and nowhere once hidden', async () => {
      const sessionId = await openSession(twin);
      const placed = JSON.parse((await postComment(twin, sessionId, { input: createCommentInput({ text: 'Een bankje bij de speeltuin' }) })).body) as { id: string };

      const pending = await publicViews(twin, sessionId);
      expect(pending.texts).toEqual([]);
      expect(JSON.parse(pending.geojson.body).features).toEqual([]);
      expect(pending.csv.body).not.toContain('bankje');

      await moderateComment(twin.workspace, placed.id, { action: 'approve', answer: 'Dank u, we nemen het mee' }, PLANNER);
      const approved = await publicViews(twin, sessionId);
      expect(approved.texts).toEqual(['Een bankje bij de speeltuin']);
      const list = JSON.parse(approved.list.body) as { comments: { answer: string; createdAt: string }[] };
      expect(list.comments[0].answer).toBe('Dank u, we nemen het mee');
      expect(list.comments[0].createdAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(approved.geojson.headers['content-type']).toContain('application/geo+json');
      const feature = JSON.parse(approved.geojson.body).features[0];
      expect(feature.geometry).toEqual({ type: 'Point', coordinates: [5.1214, 52.0907, 4.5] });
      expect(Object.keys(feature.properties).sort()).toEqual(['answer', 'buildingId', 'category', 'createdAt', 'text']);
      expect(feature.properties.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(approved.csv.headers['content-type']).toContain('text/csv');
      expect(approved.csv.body).toContain('Een bankje bij de speeltuin');

      await moderateComment(twin.workspace, placed.id, { action: 'hide' }, PLANNER);
      const hidden = await publicViews(twin, sessionId);
      expect(hidden.texts).toEqual([]);
      expect(JSON.parse(hidden.geojson.body).features).toEqual([]);
      expect(hidden.csv.body).not.toContain('bankje');
    });

    it('keeps the moderation queue from citizens: ?status=pending|hidden|all → 401', async () => {
      const sessionId = await openSession(twin);
      await postComment(twin, sessionId);
      for (const status of ['pending', 'hidden', 'all']) {
        const reply = await send(twin, 'GET', `/api/participation/sessions/${sessionId}/comments?status=${status}`);
        expect(reply.status).toBe(401);
        expect(reply.body).not.toContain('Meer bomen');
      }
    });

    it('refuses every moderation and session route to a citizen (401) and audit-logs the denials', async () => {
      const sessionId = await openSession(twin);
      const placed = JSON.parse((await postComment(twin, sessionId)).body) as { id: string };
      const attempts: [string, string, unknown?][] = [
        ['POST', `/api/participation/comments/${placed.id}/moderate`, { action: 'approve' }],
        ['GET', '/api/participation/sessions'],
        ['POST', '/api/participation/sessions', { title: 'x', scenarioId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', closesAt: '2099-01-01T00:00:00Z' }],
        ['POST', `/api/participation/sessions/${sessionId}/close`, {}],
        ['GET', `/api/participation/sessions/${sessionId}/qr.svg`],
      ];
      for (const [method, path, body] of attempts) {
        const reply = await send(twin, method, path, { body });
        expect(reply.status, `${method} ${path}`).toBe(401);
        expect(reply.headers['content-type']).toContain('application/problem+json');
      }
      const denials = (await twin.workspace.audit.list(twin.workspace.db, { limit: 50 })).filter((e) => e.action === 'auth.denied');
      expect(denials).toHaveLength(attempts.length);
      expect(JSON.parse((await publicViews(twin, sessionId)).list.body).comments).toEqual([]);
    });
  });

  describe('rate limits (RELIABILITY.md #17)', () => {
    it('answers the 6th comment in 10 minutes from one participant with 429, Retry-After and RateLimit headers, and no row', async () => {
      const sessionId = await openSession(twin);
      const first = await postComment(twin, sessionId, { localAddress: '127.0.0.2' });
      const cookie = cookieOf(first);
      // Each from another loopback address, so only the participant bucket can fill up.
      for (let i = 3; i <= 6; i++) expect((await postComment(twin, sessionId, { cookie, localAddress: `127.0.0.${i}` })).status).toBe(201);
      expect(await commentCount(twin)).toBe(5);
      const sixth = await postComment(twin, sessionId, { cookie, localAddress: '127.0.0.7' });
      expect(sixth.status).toBe(429);
      expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(500);
      expect(Number(sixth.headers['retry-after'])).toBeLessThanOrEqual(600);
      expect(sixth.headers['ratelimit']).toMatch(/^limit=5, remaining=0, reset=\d+$/);
      expect(sixth.headers['ratelimit-policy']).toBe('5;w=600');
      expect(JSON.parse(sixth.body)).toMatchObject({ status: 429, code: 'too-many-requests' });
      expect(await commentCount(twin)).toBe(5);
      // Five comments, each one hit per bucket; the refusal counted nothing.
      expect(await rateLimitHitCount(twin)).toBe(10);
    });

    it('does not reset the client bucket for a new cookie with a rotating X-Forwarded-For', async () => {
      const sessionId = await openSession(twin);
      for (let i = 1; i <= 5; i++) {
        const reply = await postComment(twin, sessionId, { headers: { 'x-forwarded-for': `203.0.113.${i}` } });
        expect(reply.status).toBe(201);
        expect(reply.headers['ratelimit']).toContain(`remaining=${5 - i}`);
      }
      const sixth = await postComment(twin, sessionId, { headers: { 'x-forwarded-for': '198.51.100.77' } });
      expect(sixth.status).toBe(429);
      expect(sixth.headers['retry-after']).toBeDefined();
      expect(await commentCount(twin)).toBe(5);
    });

    it('counts the client bucket across sessions', async () => {
      const a = await openSession(twin);
      const b = await openSession(twin);
      for (let i = 0; i < 5; i++) expect((await postComment(twin, i % 2 ? a : b)).status).toBe(201);
      expect((await postComment(twin, a)).status).toBe(429);
    });
  });

  describe('bad input is refused with nothing stored', () => {
    it.each([
      ['an e-mail address', 'Mail me op jan@example.nl', 'e-mailadres'],
      ['a mobile number', 'Bel me: 06-12345678', 'telefoonnummer'],
      ['an international number', 'Bel +31 6 1234 5678', 'telefoonnummer'],
      ['a postcode with house number', 'Ik woon op 3511 AB 12', 'postcode met huisnummer'],
    ])('refuses %s with 400 personal-data and a Dutch and English explanation', async (_kind, text, nlWord) => {
      const sessionId = await openSession(twin);
      const reply = await postComment(twin, sessionId, { input: createCommentInput({ text }) });
      expect(reply.status).toBe(400);
      const problem = JSON.parse(reply.body) as { code: string; detail: string; explanation: { nl: string; en: string } };
      expect(problem.code).toBe('personal-data');
      expect(problem.explanation.nl).toContain(nlWord);
      expect(problem.explanation.en).toMatch(/^Your comment contains/);
      expect(problem.detail).toBe(problem.explanation.en);
      expect(reply.body).not.toContain(text.split(' ').at(-1) as string);
      expect(await commentCount(twin)).toBe(0);
    });

    it('stores an XSS payload verbatim and serves it as escaped JSON', async () => {
      const sessionId = await openSession(twin);
      const text = '<img src=x onerror=alert(1)> <a href="javascript:alert(2)">klik</a> & </script>';
      const placed = await postComment(twin, sessionId, { input: createCommentInput({ text }) });
      expect(placed.status).toBe(201);
      expect(placed.headers['content-type']).toContain('application/json');
      expect(placed.body).not.toContain('<img');
      expect(placed.body).not.toContain('</script>');
      const { id } = JSON.parse(placed.body) as { id: string; text: string };
      expect((await twin.workspace.db.get<{ text: string }>('SELECT text FROM participation_comments WHERE id = ?', [id]))!.text).toBe(text);
      await moderateComment(twin.workspace, id, { action: 'approve' }, PLANNER);
      const views = await publicViews(twin, sessionId);
      expect(views.texts).toEqual([text]);
      expect(views.list.body).not.toContain('<img');
      expect(views.geojson.body).not.toContain('<img');
    });

    it.each([
      ['__proto__', '{"category":"idea","text":"x","position":{"lonDeg":5,"latDeg":52,"heightM":0},"__proto__":{"role":"council"}}'],
      ['constructor.prototype', '{"category":"idea","text":"x","position":{"lonDeg":5,"latDeg":52,"heightM":0},"constructor":{"prototype":{"isAdmin":true}}}'],
      ['__proto__ in position', '{"category":"idea","text":"x","position":{"lonDeg":5,"latDeg":52,"heightM":0,"__proto__":{"isAdmin":true}}}'],
    ])('refuses a prototype-pollution body (%s) with 400', async (_name, raw) => {
      const sessionId = await openSession(twin);
      const reply = await send(twin, 'POST', `/api/participation/sessions/${sessionId}/comments`, { raw });
      expect(reply.status).toBe(400);
      expect(({} as Record<string, unknown>).role).toBeUndefined();
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect(await commentCount(twin)).toBe(0);
    });

    it.each([
      ['text as an array', { text: ['a'] }],
      ['text as an operator object', { text: { $gt: '' } }],
      ['text with a NUL', { text: 'a\u0000b' }],
      ['text of 1001 characters', { text: 'a'.repeat(1001) }],
      ['an unknown category', { category: 'complaint' }],
      ['a longitude of 999', { position: { lonDeg: 999, latDeg: 52, heightM: 0 } }],
      ['a name field', { name: 'Jan' }],
    ])('refuses %s with 400 naming the field', async (_name, overrides) => {
      const sessionId = await openSession(twin);
      const reply = await postComment(twin, sessionId, { input: { ...createCommentInput(), ...overrides } });
      expect(reply.status).toBe(400);
      expect(JSON.parse(reply.body).errors.length).toBeGreaterThan(0);
      expect(await commentCount(twin)).toBe(0);
    });

    it('refuses a 17 KiB comment with 413 and keeps serving', async () => {
      const sessionId = await openSession(twin);
      const reply = await postComment(twin, sessionId, { input: createCommentInput({ text: 'a'.repeat(17 * 1024) }) });
      expect(reply.status).toBe(413);
      expect(reply.headers['content-type']).toContain('application/problem+json');
      expect(await commentCount(twin)).toBe(0);
      expect((await send(twin, 'GET', '/api/health')).status).toBe(200);
    });

    it('refuses unknown query parameters on the public list', async () => {
      const sessionId = await openSession(twin);
      expect((await send(twin, 'GET', `/api/participation/sessions/${sessionId}/comments?__proto__[x]=1`)).status).toBe(400);
    });
  });

  describe('CSV export', () => {
    it('neutralises spreadsheet formulas and quotes per RFC 4180', async () => {
      const sessionId = await openSession(twin);
      const placed = JSON.parse((await postComment(twin, sessionId, { input: createCommentInput({ text: '=HYPERLINK("http://evil.example","klik")' }) })).body) as { id: string };
      await moderateComment(twin.workspace, placed.id, { action: 'approve', answer: '+SUM(1,2)' }, PLANNER);
      const csv = (await send(twin, 'GET', `/api/participation/sessions/${sessionId}/comments.csv`)).body;
      expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""klik"")"`);
      expect(csv).toContain(`"'+SUM(1,2)"`);
      expect(csv.split('\r\n')[0]).toBe('\uFEFFid,category,text,answer,createdAt,lonDeg,latDeg,heightM,buildingId');
    });
  });
});

describe.runIf(backends.includes('postgres'))('two servers sharing one PostgreSQL workspace', () => {
  let a: TestTwin;
  let b: TestTwin;
  beforeAll(async () => {
    [a, b] = await startTwinsSharingOneWorkspace();
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('shows a session made on one server on the other', async () => {
    const sessionId = await openSession(a);
    const reply = await send(b, 'GET', `/api/participation/sessions/${sessionId}`);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ id: sessionId, status: 'open' });
  });

  it('counts one participant\'s comments on both servers together: the 6th is 429 on either, with no row', async () => {
    const sessionId = await openSession(a);
    const first = await postComment(a, sessionId, { localAddress: '127.0.1.1' });
    expect(first.status).toBe(201);
    const cookie = cookieOf(first);
    // Alternating servers, each from another loopback address, so only the shared participant bucket can fill up.
    for (let i = 2; i <= 5; i++) {
      const reply = await postComment(i % 2 === 0 ? b : a, sessionId, { cookie, localAddress: `127.0.1.${i}` });
      expect(reply.status, `comment ${i}`).toBe(201);
      expect(reply.headers['ratelimit']).toContain(`remaining=${5 - i}`);
    }
    for (const server of [b, a]) {
      const refused = await postComment(server, sessionId, { cookie, localAddress: '127.0.1.9' });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(500);
      expect(refused.headers['ratelimit']).toMatch(/^limit=5, remaining=0, reset=\d+$/);
    }
    expect(await commentCount(a)).toBe(5);
    expect(await commentCount(b)).toBe(5);
  });

  it('publishes on one server what a planner approved on the other', async () => {
    const sessionId = await openSession(a);
    const placed = JSON.parse((await postComment(a, sessionId, { input: createCommentInput({ text: 'Een watertappunt bij het plein' }), localAddress: '127.0.2.1' })).body) as { id: string };
    expect((await publicViews(a, sessionId)).texts).toEqual([]);
    await createUser(a.workspace, { username: 'petra', password: 'planner-secret-1', role: 'planner' });
    const planner = await signInByApi(b.url, { username: 'petra', password: 'planner-secret-1' });
    await postAs(b.url, planner, `/api/participation/comments/${placed.id}/moderate`, { action: 'approve', answer: 'Komt er' });
    const views = await publicViews(a, sessionId);
    expect(views.texts).toEqual(['Een watertappunt bij het plein']);
    expect(JSON.parse(views.list.body).comments[0].answer).toBe('Komt er');
    expect((await b.workspace.audit.verify(b.workspace.db)).ok).toBe(true);
  });
});
