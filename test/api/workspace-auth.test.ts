// Sign-in, sessions, CSRF and the login rate limit over real HTTP (RELIABILITY.md #11, #14, #17), on both workspace
// backends; and, on PostgreSQL, two servers sharing one workspace: sessions and the login limit work across them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, setUserDisabled } from '../../server/workspace/auth/user-store.ts';
import { type TestTwin, startTestTwin } from '../support/twin.ts';
import { freshWorkspaceTarget, startTwinsSharingOneWorkspace, workspaceBackends } from '../support/workspace-backends.ts';

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

async function loginAt(url: string, username: string, password: string) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', ...json({ username, password }) });
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { res, setCookie, cookie: setCookie.split(';')[0], body: (await res.json()) as Record<string, unknown> };
}

const backends = workspaceBackends('workspace auth');

describe.each(backends)('workspace auth (%s workspace)', (backend) => {
  let twin: TestTwin;
  beforeAll(async () => {
    twin = await startTestTwin({ workspace: await freshWorkspaceTarget(backend) });
    await createUser(twin.workspace, { username: 'petra', password: 'planner-secret-1', role: 'planner' });
    await createUser(twin.workspace, { username: 'limit', password: 'limit-secret-12', role: 'council' });
  });
  afterAll(async () => {
    await twin.close();
  });

  const login = (username: string, password: string) => loginAt(twin.url, username, password);

  describe('sign in and out', () => {
    it('answers the session info and a cookie with HttpOnly, SameSite=Strict and Path=/', async () => {
      const { res, setCookie, body } = await login('petra', 'planner-secret-1');
      expect(res.status).toBe(200);
      expect(body.user).toMatchObject({ username: 'petra', role: 'planner' });
      expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(setCookie).toMatch(/^tweeling_session=[A-Za-z0-9_-]{43};/);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Strict/i);
      expect(setCookie).toMatch(/Path=\//);
      // Plain http here: the cookie must not be marked Secure, or the browser would drop it.
      expect(setCookie).not.toMatch(/Secure/i);
    });

    it('knows the signed-in user on /me and forgets it after logout', async () => {
      const { cookie, body } = await login('petra', 'planner-secret-1');
      const me = await (await fetch(`${twin.url}/api/auth/me`, { headers: { cookie } })).json();
      expect(me).toEqual({ user: body.user, csrfToken: body.csrfToken });
      const out = await fetch(`${twin.url}/api/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': String(body.csrfToken) } });
      expect(out.status).toBe(204);
      expect(out.headers.get('set-cookie')).toMatch(/tweeling_session=;/);
      const after = await (await fetch(`${twin.url}/api/auth/me`, { headers: { cookie } })).json();
      expect(after).toEqual({ user: null, csrfToken: null });
    });

    it('treats an expired session as signed out: 401 on a planner route', async () => {
      const { cookie, body } = await login('petra', 'planner-secret-1');
      const headers = { cookie, 'x-csrf-token': String(body.csrfToken) };
      await twin.workspace.db.run("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z' WHERE user_id = ?", [(body.user as { id: string }).id]);
      expect(await (await fetch(`${twin.url}/api/auth/me`, { headers })).json()).toEqual({ user: null, csrfToken: null });
      const res = await fetch(`${twin.url}/api/scenarios`, { method: 'POST', ...json({ name: 'x', inputs: {} }, headers) });
      expect(res.status).toBe(401);
    });

    it('answers 401 for a forged or garbage session cookie', async () => {
      for (const cookie of [`tweeling_session=${'A'.repeat(43)}`, 'tweeling_session=../../etc', 'tweeling_session=']) {
        const res = await fetch(`${twin.url}/api/briefings`, { headers: { cookie } });
        expect(res.status, cookie).toBe(401);
      }
    });

    it('treats a caller without a cookie as an anonymous citizen', async () => {
      expect(await (await fetch(`${twin.url}/api/auth/me`)).json()).toEqual({ user: null, csrfToken: null });
    });

    it('gives the same generic 401 for a wrong password and an unknown user, and audit-logs both without the password', async () => {
      const wrong = await login('petra', 'not-the-password');
      const unknown = await login('nobody', 'not-the-password');
      expect(wrong.res.status).toBe(401);
      expect(unknown.res.status).toBe(401);
      expect(wrong.body.detail).toBe('Wrong username or password');
      expect(unknown.body.detail).toBe(wrong.body.detail);
      expect(wrong.setCookie).toBe('');
      const failed = (await twin.workspace.audit.list(twin.workspace.db, { limit: 1000 })).filter((e) => e.action === 'auth.login-failed');
      expect(failed.map((e) => e.details.username)).toEqual(expect.arrayContaining(['petra', 'nobody']));
      expect(JSON.stringify(failed)).not.toContain('not-the-password');
    });

    it('refuses a disabled account', async () => {
      await createUser(twin.workspace, { username: 'gone', password: 'gone-secret-12', role: 'council' });
      await setUserDisabled(twin.workspace, 'gone', true);
      expect((await login('gone', 'gone-secret-12')).res.status).toBe(401);
    });
  });

  describe('CSRF', () => {
    it('refuses a state-changing request of a signed-in session without the X-CSRF-Token header', async () => {
      const { cookie } = await login('petra', 'planner-secret-1');
      const res = await fetch(`${twin.url}/api/scenarios`, { method: 'POST', ...json({ name: 'x', inputs: {} }, { cookie }) });
      expect(res.status).toBe(403);
      expect((await res.json()).code).toBe('forbidden');
      const list = await (await fetch(`${twin.url}/api/scenarios`, { headers: { cookie } })).json();
      expect(list.scenarios).toEqual([]);
    });

    it('refuses a wrong token and accepts the right one', async () => {
      const { cookie, body } = await login('petra', 'planner-secret-1');
      const wrong = await fetch(`${twin.url}/api/scenarios`, { method: 'POST', ...json({ name: 'x', inputs: {} }, { cookie, 'x-csrf-token': 'A'.repeat(43) }) });
      expect(wrong.status).toBe(403);
      const right = await fetch(`${twin.url}/api/scenarios`, { method: 'POST', ...json({ name: 'x', inputs: {} }, { cookie, 'x-csrf-token': String(body.csrfToken) }) });
      expect(right.status).toBe(201);
    });
  });

  describe('CSRF scope', () => {
    // Reproduces the bug where signing in broke the 5G and fibre panels: their public calculators got 403.
    it('does not ask for the token on the public calculators, whose answer is the same for everyone', async () => {
      const { cookie } = await login('petra', 'planner-secret-1');
      const res = await fetch(`${twin.url}/api/omgevingsplan/check`, {
        method: 'POST',
        ...json({ structure: { kind: 'street-cabinet', heightM: 1.5 }, lon: 0, lat: 0 }, { cookie }),
      });
      expect(res.status).not.toBe(403);
    });

    it('asks for it on every route that acts with the session: auth, scenarios, briefings, participation, audit', async () => {
      const { cookie } = await login('petra', 'planner-secret-1');
      for (const path of ['/api/auth/logout', '/api/scenarios', '/api/briefings', '/api/participation/sessions']) {
        const res = await fetch(`${twin.url}${path}`, { method: 'POST', ...json({}, { cookie }) });
        expect(res.status, path).toBe(403);
      }
    });
  });

  describe('login rate limit', () => {
    it('answers 429 with Retry-After after 10 failures for one username and client, even with the right password', async () => {
      for (let i = 0; i < 10; i++) expect((await login('limit', `wrong-${i}-password`)).res.status).toBe(401);
      const blocked = await login('limit', 'limit-secret-12');
      expect(blocked.res.status).toBe(429);
      const retryAfter = Number(blocked.res.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      // Another username from the same client is not affected.
      expect((await login('petra', 'planner-secret-1')).res.status).toBe(200);
    });

    it('stores only a hash of the username and client, never the pair itself', async () => {
      const rows = await twin.workspace.db.all<{ key_hash: string }>('SELECT key_hash FROM login_failures');
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(rows)).not.toContain('limit');
    });

    it('forgets the failures of a username after a successful sign-in', async () => {
      for (let i = 0; i < 9; i++) expect((await login('petra', `wrong-${i}-password`)).res.status).toBe(401);
      expect((await login('petra', 'planner-secret-1')).res.status).toBe(200);
      for (let i = 0; i < 9; i++) expect((await login('petra', `wrong-${i}-password`)).res.status).toBe(401);
      expect((await login('petra', 'planner-secret-1')).res.status).toBe(200);
    });
  });

  describe('bad bodies', () => {
    it('rejects a prototype-pollution body with 400 and leaves Object.prototype alone', async () => {
      const res = await fetch(`${twin.url}/api/auth/login`, { method: 'POST', ...json('{"username":"petra","password":"planner-secret-1","__proto__":{"role":"admin"}}') });
      expect(res.status).toBe(400);
      expect(({} as Record<string, unknown>).role).toBeUndefined();
    });

    it('rejects a prototype-pollution scenario body with 400', async () => {
      const { cookie, body } = await login('petra', 'planner-secret-1');
      const res = await fetch(`${twin.url}/api/scenarios`, {
        method: 'POST',
        ...json('{"name":"p","inputs":{},"__proto__":{"role":"admin"}}', { cookie, 'x-csrf-token': String(body.csrfToken) }),
      });
      expect(res.status).toBe(400);
      expect(({} as Record<string, unknown>).role).toBeUndefined();
    });

    it('answers 413 for a 2 MiB scenario and 201 for one just under 1 MiB', async () => {
      const { cookie, body } = await login('petra', 'planner-secret-1');
      const headers = { cookie, 'x-csrf-token': String(body.csrfToken) };
      const big = await fetch(`${twin.url}/api/scenarios`, { method: 'POST', ...json({ name: 'big', description: 'x'.repeat(2 * 1024 * 1024), inputs: {} }, headers) });
      expect(big.status).toBe(413);
      expect((await big.json()).code).toBe('too-large');
      // 100 views of 30 layer ids each is well over the app-wide 16 kB and under 1 MiB; the schema caps views at 50.
      const view = { camera: { lonDeg: 5, latDeg: 52, heightM: 500, headingDeg: 0, pitchDeg: -45 }, layers: Array.from({ length: 100 }, (_, i) => `layer-${i}-${'x'.repeat(80)}`) };
      const large = { name: 'large', inputs: { views: Array.from({ length: 50 }, () => view) } };
      expect(JSON.stringify(large).length).toBeGreaterThan(400_000);
      const ok = await fetch(`${twin.url}/api/scenarios`, { method: 'POST', ...json(large, headers) });
      expect(ok.status).toBe(201);
    });
  });
});

describe.runIf(backends.includes('postgres'))('two servers sharing one PostgreSQL workspace', () => {
  let a: TestTwin;
  let b: TestTwin;
  beforeAll(async () => {
    [a, b] = await startTwinsSharingOneWorkspace();
    await createUser(a.workspace, { username: 'petra', password: 'planner-secret-1', role: 'planner' });
    await createUser(b.workspace, { username: 'shared-limit', password: 'limit-secret-12', role: 'council' });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('accepts a session made on one server on the other, and ends it everywhere on sign-out', async () => {
    const { cookie, body } = await loginAt(a.url, 'petra', 'planner-secret-1');
    const headers = { cookie, 'x-csrf-token': String(body.csrfToken) };
    expect(await (await fetch(`${b.url}/api/auth/me`, { headers })).json()).toEqual({ user: body.user, csrfToken: body.csrfToken });
    const created = await fetch(`${b.url}/api/scenarios`, { method: 'POST', ...json({ name: 'Shared', inputs: {} }, headers) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const list = (await (await fetch(`${a.url}/api/scenarios`, { headers })).json()) as { scenarios: { id: string }[] };
    expect(list.scenarios.map((s) => s.id)).toContain(id);

    expect((await fetch(`${b.url}/api/auth/logout`, { method: 'POST', headers })).status).toBe(204);
    expect(await (await fetch(`${a.url}/api/auth/me`, { headers })).json()).toEqual({ user: null, csrfToken: null });
    expect((await fetch(`${a.url}/api/scenarios`, { method: 'POST', ...json({ name: 'After', inputs: {} }, headers) })).status).toBe(401);
  });

  it('counts failed sign-ins on both servers together: the 11th attempt is refused on either', async () => {
    for (let i = 0; i < 10; i++) {
      const server = i % 2 === 0 ? a : b;
      expect((await loginAt(server.url, 'shared-limit', `wrong-${i}-password`)).res.status, `attempt ${i + 1}`).toBe(401);
    }
    expect((await loginAt(a.url, 'shared-limit', 'limit-secret-12')).res.status).toBe(429);
    expect((await loginAt(b.url, 'shared-limit', 'limit-secret-12')).res.status).toBe(429);
  });
});
