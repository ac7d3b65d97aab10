// The role matrix: every forbidden action per role is refused on the server (401 anonymous, 403 wrong role, 404 for
// a citizen asking for a draft), every refusal is audit-logged, and nothing is written (RELIABILITY.md #14).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/workspace/auth/user-store.ts';
import { type TestTwin, startTestTwin } from '../support/twin.ts';
import { freshWorkspaceTarget, workspaceBackends } from '../support/workspace-backends.ts';

type Who = 'anonymous' | 'council' | 'planner' | 'admin';
interface Session {
  headers: Record<string, string>;
}

describe.each(workspaceBackends('workspace roles'))('roles (%s workspace)', (backend) => {
  let twin: TestTwin;
  const sessions = {} as Record<Who, Session>;
  let draftId: string;
  let publishedId: string;
  let briefingId: string;

  const VIEW = { camera: { lonDeg: 5.1, latDeg: 52.1, heightM: 800, headingDeg: 0, pitchDeg: -40 }, layers: ['buildings'] };
  const BRIEFING = { title: 'Antennes in Noord', summary: 'Twee varianten', steps: [{ title: 'Overzicht', text: 'De wijk', view: VIEW }] };

  async function signIn(username: string, password: string): Promise<Session> {
    const res = await fetch(`${twin.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
    const body = (await res.json()) as { csrfToken: string };
    return { headers: { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], 'x-csrf-token': body.csrfToken } };
  }

  function call(who: Who, method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${twin.url}${path}`, {
      method,
      headers: { ...sessions[who].headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  beforeAll(async () => {
    twin = await startTestTwin({ workspace: await freshWorkspaceTarget(backend) });
    await createUser(twin.workspace, { username: 'raad', password: 'council-secret-1', role: 'council' });
    await createUser(twin.workspace, { username: 'petra', password: 'planner-secret-1', role: 'planner' });
    await createUser(twin.workspace, { username: 'beheer', password: 'admin-secret-12', role: 'admin' });
    sessions.anonymous = { headers: {} };
    sessions.council = await signIn('raad', 'council-secret-1');
    sessions.planner = await signIn('petra', 'planner-secret-1');
    sessions.admin = await signIn('beheer', 'admin-secret-12');
    draftId = (await (await call('planner', 'POST', '/api/scenarios', { name: 'Concept', inputs: {} })).json()).id;
    publishedId = (await (await call('planner', 'POST', '/api/scenarios', { name: 'Gepubliceerd', inputs: {} })).json()).id;
    expect((await call('planner', 'POST', `/api/scenarios/${publishedId}/publish`)).status).toBe(200);
    briefingId = (await (await call('planner', 'POST', '/api/briefings', BRIEFING)).json()).id;
  });
  afterAll(async () => {
    await twin.close();
  });

  const update = (version: number) => ({ name: 'Gewijzigd', inputs: {}, expectedVersion: version });

  /** Actions only planners (and admins) may take, on the published scenario so that the refusal is about the role. */
  const plannerActions = (): [string, string, unknown?][] => [
    ['POST', '/api/scenarios', { name: 'Nieuw', inputs: {} }],
    ['PUT', `/api/scenarios/${publishedId}`, update(2)],
    ['DELETE', `/api/scenarios/${publishedId}`],
    ['POST', `/api/scenarios/${publishedId}/duplicate`],
    ['POST', `/api/scenarios/${publishedId}/restore`, { version: 1 }],
    ['POST', `/api/scenarios/${publishedId}/publish`],
    ['POST', `/api/scenarios/${publishedId}/unpublish`],
    ['POST', `/api/scenarios/${publishedId}/run`],
    ['POST', '/api/briefings', BRIEFING],
    ['PUT', `/api/briefings/${briefingId}`, BRIEFING],
    ['DELETE', `/api/briefings/${briefingId}`],
  ];
  /** Actions for planners and council members. */
  const readerActions = (): [string, string][] => [
    ['GET', `/api/scenarios/${publishedId}/versions`],
    ['GET', `/api/scenarios/compare?a=${publishedId}&b=current`],
    ['GET', '/api/briefings'],
    ['GET', `/api/briefings/${briefingId}`],
  ];
  const adminActions = (): [string, string][] => [
    ['GET', '/api/audit'],
    ['GET', '/api/audit/verify'],
  ];

  describe('role matrix', () => {
    it('refuses anonymous citizens every signed-in action with 401', async () => {
      for (const [method, path, body] of [...plannerActions(), ...readerActions(), ...adminActions()]) {
        const res = await call('anonymous', method, path, body);
        expect(res.status, `${method} ${path}`).toBe(401);
        expect((await res.json()).code).toBe('unauthenticated');
      }
    });

    it('refuses council members the planner and admin actions with 403', async () => {
      for (const [method, path, body] of [...plannerActions(), ...adminActions()]) {
        const res = await call('council', method, path, body);
        expect(res.status, `${method} ${path}`).toBe(403);
      }
    });

    it('refuses planners the admin actions with 403', async () => {
      for (const [method, path] of adminActions()) expect((await call('planner', method, path)).status, `${method} ${path}`).toBe(403);
    });

    it('lets council members read versions and briefings', async () => {
      for (const [method, path] of readerActions().filter(([, p]) => !p.includes('compare'))) {
        expect((await call('council', method, path)).status, `${method} ${path}`).toBe(200);
      }
    });

    it('lets admins read the audit log', async () => {
      for (const [method, path] of adminActions()) expect((await call('admin', method, path)).status).toBe(200);
    });

    it('wrote nothing for the refused requests: the scenarios and the briefing are as they were', async () => {
      const list = await (await call('planner', 'GET', '/api/scenarios')).json();
      expect(list.scenarios.map((s: { name: string }) => s.name).sort()).toEqual(['Concept', 'Gepubliceerd']);
      expect(list.scenarios.every((s: { version: number }) => s.version === 1)).toBe(true);
      expect((await call('planner', 'GET', `/api/briefings/${briefingId}`)).status).toBe(200);
    });

    it('audit-logs every refusal', async () => {
      const denied = (await twin.workspace.audit.list(twin.workspace.db, { limit: 1000 })).filter((e) => e.action === 'auth.denied');
      const expected = (plannerActions().length + readerActions().length + adminActions().length) + (plannerActions().length + adminActions().length) + adminActions().length;
      expect(denied.length).toBeGreaterThanOrEqual(expected);
      expect(denied.some((e) => e.actorRole === 'council' && e.target === `DELETE /api/scenarios/${publishedId}`)).toBe(true);
    });
  });

  describe('citizens and drafts', () => {
    it('gives a citizen 404 (not 403) for a draft, the same as for an unknown id', async () => {
      const draft = await call('anonymous', 'GET', `/api/scenarios/${draftId}`);
      const unknown = await call('anonymous', 'GET', `/api/scenarios/${crypto.randomUUID()}`);
      expect(draft.status).toBe(404);
      expect(unknown.status).toBe(404);
      expect((await draft.json()).code).toBe((await unknown.json()).code);
    });

    it('shows a citizen the published scenario, and only that one in the list', async () => {
      expect((await call('anonymous', 'GET', `/api/scenarios/${publishedId}`)).status).toBe(200);
      const list = await (await call('anonymous', 'GET', '/api/scenarios')).json();
      expect(list.scenarios.map((s: { id: string }) => s.id)).toEqual([publishedId]);
    });

    it('shows council members drafts too', async () => {
      expect((await call('council', 'GET', `/api/scenarios/${draftId}`)).status).toBe(200);
    });
  });
});
