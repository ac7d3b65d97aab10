// Planner side of participation over HTTP, signed in with a local account: sessions on published scenarios,
// the moderation queue, QR codes, and what other roles may not do (RELIABILITY.md #14, #15). Both workspace backends.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { createUser } from '../../server/workspace/auth/user-store.ts';
import type { AccountRole } from '../../server/workspace/auth/user-store.ts';
import { startTestTwin, type TestTwin } from '../support/twin.ts';
import { freshWorkspaceTarget, workspaceBackends } from '../support/workspace-backends.ts';

interface Login {
  cookie: string;
  csrf: string;
}

describe.each(workspaceBackends('participation planner'))('participation planner (%s workspace)', (backend) => {
  let twin: TestTwin;
  beforeEach(async () => {
    twin = await startTestTwin({ workspace: await freshWorkspaceTarget(backend) });
  });
  afterEach(async () => {
    await twin?.close();
  });

  async function signIn(role: AccountRole): Promise<Login> {
    const username = `${role}-user`;
    await createUser(twin.workspace, { username, password: 'correct horse battery', role });
    const res = await fetch(`${twin.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'correct horse battery' }),
    });
    expect(res.status).toBe(200);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { cookie, csrf: csrfToken };
  }

  /** A request as the signed-in user (or as an anonymous citizen when `as` is undefined). */
  async function call(as: Login | undefined, method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (as) {
      headers.cookie = as.cookie;
      if (method !== 'GET') headers['x-csrf-token'] = as.csrf;
    }
    const res = await fetch(`${twin.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // SVG and CSV answers are not JSON.
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  async function createScenario(planner: Login, published: boolean): Promise<string> {
    const created = await call(planner, 'POST', '/api/scenarios', { name: 'Meer groen', inputs: {} });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    if (published) expect((await call(planner, 'POST', `/api/scenarios/${id}/publish`)).status).toBe(200);
    return id;
  }

  function sessionInput(scenarioId: string, closesInDays = 14) {
    return { title: 'Park aan de gracht', introduction: 'Wat vindt u van het plan?', scenarioId, closesAt: new Date(Date.now() + closesInDays * 86_400_000).toISOString() };
  }

  async function createOpenSession(planner: Login): Promise<string> {
    const created = await call(planner, 'POST', '/api/participation/sessions', sessionInput(await createScenario(planner, true)));
    expect(created.status).toBe(201);
    return created.json.id as string;
  }

  async function placeComment(sessionId: string, text: string): Promise<string> {
    const placed = await call(undefined, 'POST', `/api/participation/sessions/${sessionId}/comments`, { category: 'concern', text, position: { lonDeg: 5.12, latDeg: 52.09, heightM: 2 } });
    expect(placed.status).toBe(201);
    return placed.json.id as string;
  }

  describe('sessions', () => {
    it('a planner opens a session on a published scenario, with retention 90 days after closing, and it is audit-logged', async () => {
      const planner = await signIn('planner');
      const scenarioId = await createScenario(planner, true);
      const input = sessionInput(scenarioId);
      const created = await call(planner, 'POST', '/api/participation/sessions', input);
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({ title: input.title, scenarioId, status: 'open', url: `/?mode=participation&session=${created.json.id}` });
      expect(Date.parse(created.json.retentionUntil as string) - Date.parse(created.json.closesAt as string)).toBe(90 * 86_400_000);
      const listed = await call(planner, 'GET', '/api/participation/sessions');
      expect((listed.json.sessions as { id: string }[]).map((s) => s.id)).toEqual([created.json.id]);
      const entry = (await twin.workspace.audit.list(twin.workspace.db, { limit: 20 })).find((e) => e.action === 'participation.session.create');
      expect(entry).toMatchObject({ actorRole: 'planner', target: `participation-session:${created.json.id}` });
    });

    it('refuses a draft scenario (409), an unknown one (404) and a closing time in the past (400)', async () => {
      const planner = await signIn('planner');
      const draft = await createScenario(planner, false);
      expect((await call(planner, 'POST', '/api/participation/sessions', sessionInput(draft))).status).toBe(409);
      expect((await call(planner, 'POST', '/api/participation/sessions', sessionInput('11111111-2222-4333-8444-555555555555'))).status).toBe(404);
      const published = await createScenario(planner, true);
      expect((await call(planner, 'POST', '/api/participation/sessions', sessionInput(published, -1))).status).toBe(400);
    });

    it('closing a session stops comments (409) and a second close is a conflict', async () => {
      const planner = await signIn('planner');
      const sessionId = await createOpenSession(planner);
      const closed = await call(planner, 'POST', `/api/participation/sessions/${sessionId}/close`);
      expect(closed.status).toBe(200);
      expect(closed.json.status).toBe('closed');
      expect((await call(planner, 'POST', `/api/participation/sessions/${sessionId}/close`)).status).toBe(409);
      const late = await call(undefined, 'POST', `/api/participation/sessions/${sessionId}/comments`, { category: 'idea', text: 'Te laat', position: { lonDeg: 5, latDeg: 52, heightM: 0 } });
      expect(late.status).toBe(409);
      expect((await twin.workspace.audit.list(twin.workspace.db, { limit: 20 })).some((e) => e.action === 'participation.session.close')).toBe(true);
    });

    it('serves a QR code of the absolute session URL', async () => {
      const planner = await signIn('planner');
      const sessionId = await createOpenSession(planner);
      const qr = await call(planner, 'GET', `/api/participation/sessions/${sessionId}/qr.svg`);
      expect(qr.status).toBe(200);
      expect(qr.headers.get('content-type')).toContain('image/svg+xml');
      const expected = await QRCode.toString(`${twin.url}/?mode=participation&session=${sessionId}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      expect(qr.text).toBe(expected);
    });

    it('refuses a state change without the CSRF header', async () => {
      const planner = await signIn('planner');
      const res = await fetch(`${twin.url}/api/participation/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: planner.cookie },
        body: JSON.stringify(sessionInput(await createScenario(planner, true))),
      });
      expect(res.status).toBe(403);
      expect((await call(planner, 'GET', '/api/participation/sessions')).json.sessions).toEqual([]);
    });
  });

  describe('moderation', () => {
    it('the queue shows pending comments to the planner; approve with an answer publishes them, hide removes them', async () => {
      const planner = await signIn('planner');
      const sessionId = await createOpenSession(planner);
      const id = await placeComment(sessionId, 'Te weinig parkeerplaatsen bij de school');

      const queue = await call(planner, 'GET', `/api/participation/sessions/${sessionId}/comments?status=pending`);
      expect(queue.status).toBe(200);
      expect(queue.json.comments).toMatchObject([{ id, status: 'pending', text: 'Te weinig parkeerplaatsen bij de school' }]);

      const approved = await call(planner, 'POST', `/api/participation/comments/${id}/moderate`, { action: 'approve', answer: 'Er komt een kiss-and-ride strook.' });
      expect(approved.status).toBe(200);
      expect(approved.json).toMatchObject({ status: 'approved', answer: 'Er komt een kiss-and-ride strook.' });
      const publicList = await call(undefined, 'GET', `/api/participation/sessions/${sessionId}/comments`);
      expect(publicList.json.comments).toMatchObject([{ id, answer: 'Er komt een kiss-and-ride strook.' }]);

      expect((await call(planner, 'POST', `/api/participation/comments/${id}/moderate`, { action: 'hide' })).status).toBe(200);
      expect((await call(undefined, 'GET', `/api/participation/sessions/${sessionId}/comments`)).json.comments).toEqual([]);
      expect((await call(undefined, 'GET', `/api/participation/sessions/${sessionId}/comments.geojson`)).json.features).toEqual([]);
      expect((await call(undefined, 'GET', `/api/participation/sessions/${sessionId}/comments.csv`)).text).not.toContain('parkeerplaatsen');
      const hiddenQueue = await call(planner, 'GET', `/api/participation/sessions/${sessionId}/comments?status=hidden`);
      expect((hiddenQueue.json.comments as { id: string }[]).map((c) => c.id)).toEqual([id]);
    });

    it('audits every moderation action without the comment text or the answer', async () => {
      const planner = await signIn('planner');
      const sessionId = await createOpenSession(planner);
      const id = await placeComment(sessionId, 'Het fietspad is gevaarlijk');
      await call(planner, 'POST', `/api/participation/comments/${id}/moderate`, { action: 'approve', answer: 'We kijken ernaar' });
      await call(planner, 'POST', `/api/participation/comments/${id}/moderate`, { action: 'hide' });
      const entries = (await twin.workspace.audit.list(twin.workspace.db, { limit: 50 })).filter((e) => e.target === `participation-comment:${id}`);
      expect(entries.map((e) => e.action)).toEqual(['participation.comment.hide', 'participation.comment.approve']);
      const log = JSON.stringify(await twin.workspace.audit.list(twin.workspace.db, { limit: 100 }));
      expect(log).not.toContain('fietspad');
      expect(log).not.toContain('We kijken ernaar');
      expect((await twin.workspace.audit.verify(twin.workspace.db)).ok).toBe(true);
    });

    it('answers 404 when moderating a comment that does not exist', async () => {
      const planner = await signIn('planner');
      expect((await call(planner, 'POST', '/api/participation/comments/11111111-2222-4333-8444-555555555555/moderate', { action: 'approve' })).status).toBe(404);
    });

    it('a council member may not moderate, see the queue or open sessions (403, audit-logged)', async () => {
      const planner = await signIn('planner');
      const council = await signIn('council');
      const sessionId = await createOpenSession(planner);
      const id = await placeComment(sessionId, 'Graag meer bankjes');
      const attempts = [
        await call(council, 'POST', `/api/participation/comments/${id}/moderate`, { action: 'approve' }),
        await call(council, 'GET', `/api/participation/sessions/${sessionId}/comments?status=pending`),
        await call(council, 'POST', '/api/participation/sessions', sessionInput(await createScenario(planner, true))),
        await call(council, 'POST', `/api/participation/sessions/${sessionId}/close`),
      ];
      expect(attempts.map((a) => a.status)).toEqual([403, 403, 403, 403]);
      const denials = (await twin.workspace.audit.list(twin.workspace.db, { limit: 100 })).filter((e) => e.action === 'auth.denied' && e.actorRole === 'council');
      expect(denials).toHaveLength(4);
      expect((await call(undefined, 'GET', `/api/participation/sessions/${sessionId}/comments`)).json.comments).toEqual([]);
    });
  });
});
