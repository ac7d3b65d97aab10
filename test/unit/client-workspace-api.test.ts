// The workspace API wrapper: CSRF header handling and problem+json errors against a recording fetch, and the whole
// planner's round trip against the real app (startTestTwin) with a cookie jar standing in for the browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceApi, WorkspaceApiError } from '../../client/api/workspace-api.ts';
import { errorKeyOf } from '../../client/workspace/workspace-session.ts';
import { createUser } from '../../server/workspace/auth/user-store.ts';
import { startTestTwin, type TestTwin } from '../support/twin.ts';
import { freshWorkspaceTarget, workspaceBackends } from '../support/workspace-backends.ts';

interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

function createRecordingFetch(answer: (call: Call) => Response): { fetchImpl: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetchImpl = (async (url: string, init: RequestInit = {}) => {
    const call = { method: init.method ?? 'GET', url, headers: { ...(init.headers as Record<string, string>) }, body: init.body as string | undefined };
    calls.push(call);
    return answer(call);
  }) as typeof fetch;
  return { fetchImpl, calls };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const USER = { id: '6f1c1b52-3a5b-4c4e-9b9c-2b1d2f3e4a5b', username: 'planner1', role: 'planner' as const };

describe('workspace API wrapper', () => {
  it('keeps the CSRF token from login and sends it on state-changing requests only', async () => {
    const { fetchImpl, calls } = createRecordingFetch((call) =>
      call.url.endsWith('/api/auth/login') ? json({ user: USER, csrfToken: 'tok-1' }) : call.method === 'POST' ? json({ id: 'x' }, 201) : json({ scenarios: [] }),
    );
    const api = createWorkspaceApi({ baseUrl: 'http://twin', fetchImpl });
    await api.login({ username: 'planner1', password: 'pw' });
    expect(api.session.user?.role).toBe('planner');
    await api.listScenarios();
    await api.createScenario({ name: 'A', inputs: {} });
    expect(calls[0].headers['x-csrf-token']).toBeUndefined();
    expect(calls[1]).toMatchObject({ method: 'GET', url: 'http://twin/api/scenarios' });
    expect(calls[1].headers['x-csrf-token']).toBeUndefined();
    expect(calls[2]).toMatchObject({ method: 'POST', url: 'http://twin/api/scenarios' });
    expect(calls[2].headers['x-csrf-token']).toBe('tok-1');
  });

  it('throws problem+json errors with the server detail as the message', async () => {
    const { fetchImpl } = createRecordingFetch(() =>
      new Response(JSON.stringify({ type: 'about:blank', title: 'Conflict', status: 409, code: 'conflict', detail: 'Version 3 is not the latest (4)' }), {
        status: 409,
        headers: { 'content-type': 'application/problem+json' },
      }),
    );
    const api = createWorkspaceApi({ fetchImpl });
    const error = await api.updateScenario('id', { name: 'x', inputs: {}, expectedVersion: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkspaceApiError);
    expect(error).toMatchObject({ status: 409, code: 'conflict', message: 'Version 3 is not the latest (4)' });
    expect(errorKeyOf(error, 'save').key).toBe('ws.error.conflict');
  });

  it('falls back to the status line when the error body is not JSON', async () => {
    const { fetchImpl } = createRecordingFetch(() => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const error = await createWorkspaceApi({ fetchImpl }).listBriefings().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, message: 'HTTP 502 Bad Gateway' });
    expect(errorKeyOf(error, 'run').key).toBe('ws.error.run');
  });

  it('follows a 202 run job until done and then reads the scenario again', async () => {
    let polls = 0;
    const { fetchImpl, calls } = createRecordingFetch((call) => {
      if (call.url.endsWith('/run')) return json({ id: 'job-1', state: 'queued', progress: { done: 0, total: 2, phase: 'q' }, links: { self: '/api/jobs/job-1' } }, 202);
      if (call.url.endsWith('/api/jobs/job-1')) return json({ id: 'job-1', state: ++polls < 2 ? 'running' : 'done', progress: { done: polls, total: 2, phase: 'r' } });
      return json({ id: 's1', indicators: { coveragePct: 50 } });
    });
    const progress: number[] = [];
    const scenario = await createWorkspaceApi({ fetchImpl }).runScenario('s1', { intervalMs: 1, onProgress: (p) => progress.push(p.done) });
    expect(scenario).toMatchObject({ id: 's1', indicators: { coveragePct: 50 } });
    expect(progress).toEqual([1, 2]);
    expect(calls.at(-1)?.url).toBe('/api/scenarios/s1');
  });
});

/** What the browser does for the page: keep the session cookie and send it back (same origin). */
function createCookieFetch(): typeof fetch {
  const jar = new Map<string, string>();
  return (async (url: string, init: RequestInit = {}) => {
    const headers = { ...(init.headers as Record<string, string>) };
    if (jar.size > 0) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(url, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair.split('=');
      if (value) jar.set(name, value);
      else jar.delete(name);
    }
    return response;
  }) as typeof fetch;
}

describe.each(workspaceBackends('client workspace API'))('workspace API wrapper against the real app (%s workspace)', (backend) => {
  let twin: TestTwin;
  beforeAll(async () => {
    twin = await startTestTwin({ workspace: await freshWorkspaceTarget(backend) });
    await createUser(twin.workspace, { username: 'planner-api', password: 'correct horse 1', role: 'planner' });
  });
  afterAll(async () => {
    await twin?.close();
  });

  it('signs in, creates, edits (409 on a stale version), lists versions, restores, publishes and deletes', async () => {
    const api = createWorkspaceApi({ baseUrl: twin.url, fetchImpl: createCookieFetch() });
    expect((await api.me()).user).toBeNull();
    const wrong = await api.login({ username: 'planner-api', password: 'wrong password' }).catch((e: unknown) => e);
    expect(wrong).toMatchObject({ status: 401 });
    const info = await api.login({ username: 'planner-api', password: 'correct horse 1' });
    expect(info.user?.role).toBe('planner');
    expect(info.csrfToken).toBeTruthy();

    const created = await api.createScenario({ name: 'Twee masten', description: 'eerste ontwerp', inputs: {} });
    expect(created).toMatchObject({ name: 'Twee masten', status: 'draft', version: 1 });
    const v2 = await api.updateScenario(created.id, { name: 'Twee masten noord', description: 'eerste ontwerp', inputs: created.inputs, expectedVersion: 1, changeNote: 'naam' });
    expect(v2.version).toBe(2);
    const stale = await api.updateScenario(created.id, { name: 'Oud', inputs: created.inputs, expectedVersion: 1 }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(WorkspaceApiError);
    expect(errorKeyOf(stale, 'save').key).toBe('ws.error.conflict');

    const versions = await api.listVersions(created.id);
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
    expect(versions.find((v) => v.version === 2)).toMatchObject({ author: 'planner-api', changeNote: 'naam', changed: ['name'] });
    const restored = await api.restoreVersion(created.id, 1);
    expect(restored).toMatchObject({ version: 3, name: 'Twee masten' });

    expect((await api.publishScenario(created.id)).status).toBe('published');
    expect((await api.unpublishScenario(created.id)).status).toBe('draft');
    const copy = await api.duplicateScenario(created.id);
    expect(copy.id).not.toBe(created.id);
    expect((await api.listScenarios()).map((s) => s.id).sort()).toEqual([created.id, copy.id].sort());
    await api.deleteScenario(copy.id);
    expect((await api.listScenarios()).map((s) => s.id)).toEqual([created.id]);

    await api.logout();
    expect(api.session.user).toBeNull();
    // Signed out, the cookie is gone: a change is refused.
    const refused = await api.createScenario({ name: 'x', inputs: {} }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 401 });
  });
});
