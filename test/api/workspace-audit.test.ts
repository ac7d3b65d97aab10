// The audit log over HTTP: every change is recorded with who and what, admins can page through it, and the hash
// chain shows tampering (issue #7, RELIABILITY.md #14).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/workspace/auth/user-store.ts';
import { type TestTwin, startTestTwin } from '../support/twin.ts';
import { freshWorkspaceTarget, workspaceBackends } from '../support/workspace-backends.ts';
import { callApi, sessionHeaders, signInByApi } from '../support/workspace-http.ts';

describe.each(workspaceBackends('workspace audit'))('audit log over HTTP (%s workspace)', (backend) => {
  let twin: TestTwin;
  let admin: Record<string, string>;
  let planner: Record<string, string>;

  const signIn = async (username: string, password: string) => sessionHeaders(await signInByApi(twin.url, { username, password }));
  const call = (headers: Record<string, string>, method: string, path: string, body?: unknown) => callApi(twin.url, headers, method, path, body);

  beforeAll(async () => {
    twin = await startTestTwin({ workspace: await freshWorkspaceTarget(backend) });
    await createUser(twin.workspace, { username: 'beheer', password: 'admin-secret-12', role: 'admin' });
    await createUser(twin.workspace, { username: 'petra', password: 'planner-secret-1', role: 'planner' });
    admin = await signIn('beheer', 'admin-secret-12');
    planner = await signIn('petra', 'planner-secret-1');
  });
  afterAll(async () => {
    await twin.close();
  });

  describe('audit log', () => {
    it('records scenario and briefing changes with the actor', async () => {
      const { body: s } = await call(planner, 'POST', '/api/scenarios', { name: 'Audit', inputs: {} });
      await call(planner, 'PUT', `/api/scenarios/${s.id}`, { name: 'Audit 2', inputs: {}, expectedVersion: 1 });
      await call(planner, 'POST', `/api/scenarios/${s.id}/publish`);
      await call(planner, 'POST', `/api/scenarios/${s.id}/restore`, { version: 1 });
      await call(planner, 'DELETE', `/api/scenarios/${s.id}`);
      const view = { camera: { lonDeg: 5, latDeg: 52, heightM: 500, headingDeg: 0, pitchDeg: -45 }, layers: [] };
      const { body: b } = await call(planner, 'POST', '/api/briefings', { title: 'B', steps: [{ title: 'S', view }] });
      await call(planner, 'DELETE', `/api/briefings/${b.id}`);

      const { status, body } = await call(admin, 'GET', '/api/audit?limit=1000');
      expect(status).toBe(200);
      const mine = body.entries.filter((e: { target: string }) => e.target === `scenario:${s.id}`).reverse();
      expect(mine.map((e: { action: string }) => e.action)).toEqual(['scenario.create', 'scenario.update', 'scenario.publish', 'scenario.restore', 'scenario.delete']);
      expect(mine.every((e: { actorRole: string; actorId: string }) => e.actorRole === 'planner' && typeof e.actorId === 'string')).toBe(true);
      expect(mine[1].details).toMatchObject({ version: 2, changed: ['name'] });
      const briefing = body.entries.filter((e: { target: string }) => e.target === `briefing:${b.id}`).map((e: { action: string }) => e.action);
      expect(briefing).toEqual(['briefing.delete', 'briefing.create']);
      expect(body.entries.some((e: { action: string }) => e.action === 'auth.login')).toBe(true);
    });

    it('pages newest first with limit and before', async () => {
      const first = await call(admin, 'GET', '/api/audit?limit=3');
      expect(first.body.entries).toHaveLength(3);
      const seqs = first.body.entries.map((e: { seq: number }) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a: number, b: number) => b - a));
      const next = await call(admin, 'GET', `/api/audit?limit=3&before=${seqs[2]}`);
      expect(next.body.entries[0].seq).toBe(seqs[2] - 1);
      expect((await call(admin, 'GET', '/api/audit?limit=0')).status).toBe(400);
    });

    it('verifies the chain, and reports where it breaks after a row is edited behind its back', async () => {
      const ok = await call(admin, 'GET', '/api/audit/verify');
      expect(ok.body).toMatchObject({ ok: true });
      expect(ok.body.entries).toBeGreaterThan(5);
      // The append-only trigger stops an ordinary UPDATE; an attacker with file (or owner) access could drop it.
      const db = twin.workspace.db;
      await expect(db.run("UPDATE audit_log SET actor_role = 'admin' WHERE seq = 3")).rejects.toThrow(/append-only/);
      await db.run(db.dialect === 'postgres' ? 'DROP TRIGGER audit_log_no_update ON audit_log' : 'DROP TRIGGER audit_log_no_update');
      await db.run("UPDATE audit_log SET details = '{\"username\":\"someone-else\"}' WHERE seq = 3");
      const broken = await call(admin, 'GET', '/api/audit/verify');
      expect(broken.body).toEqual({ ok: false, entries: 2, brokenAt: 3 });
    });
  });
});
