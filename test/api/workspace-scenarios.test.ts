// Scenarios over real HTTP: versions with who/when/what, optimistic concurrency, restore, duplicate, publish,
// soft delete, briefings, and indicators from a real run compared with the current situation; on both workspace
// backends, and on PostgreSQL also two servers sharing one workspace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_KEYS } from '../../server/contracts/workspace.ts';
import { createUser } from '../../server/workspace/auth/user-store.ts';
import { type TestTwin, startTestTwin } from '../support/twin.ts';
import { freshWorkspaceTarget, startTwinsSharingOneWorkspace, workspaceBackends } from '../support/workspace-backends.ts';
import { callApi, sessionHeaders, signInByApi } from '../support/workspace-http.ts';

const ANTENNA = { id: 'a1', x: 150000, y: 450000, heightM: 30, azimuthDeg: 90, tiltDeg: 4, eirpDbm: 60, frequencyGHz: 3.5 };

const backends = workspaceBackends('workspace scenarios');

describe.each(backends)('scenarios and briefings (%s workspace)', (backend) => {
  let twin: TestTwin;
  let planner: Record<string, string>;
  let colleague: Record<string, string>;

  const signIn = async (username: string, password: string) => sessionHeaders(await signInByApi(twin.url, { username, password }));
  const call = (headers: Record<string, string>, method: string, path: string, body?: unknown) => callApi(twin.url, headers, method, path, body);

  beforeAll(async () => {
    twin = await startTestTwin({ workspace: await freshWorkspaceTarget(backend) });
    await createUser(twin.workspace, { username: 'petra', password: 'planner-secret-1', role: 'planner' });
    await createUser(twin.workspace, { username: 'karim', password: 'planner-secret-2', role: 'planner' });
    planner = await signIn('petra', 'planner-secret-1');
    colleague = await signIn('karim', 'planner-secret-2');
  });
  afterAll(async () => {
    await twin?.close();
  });

  describe('versions', () => {
    it('writes a new version per save with author, note and the changed fields, and keeps the old ones', async () => {
      const created = await call(planner, 'POST', '/api/scenarios', { name: 'Noord', description: 'eerste opzet', inputs: { layers: ['buildings'] } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'Noord', status: 'draft', version: 1, createdBy: 'petra', indicators: null });
      expect(created.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const id = created.body.id as string;

      const v2 = await call(colleague, 'PUT', `/api/scenarios/${id}`, { name: 'Noord', description: 'eerste opzet', inputs: { layers: ['buildings'], antennas: [ANTENNA] }, expectedVersion: 1, changeNote: 'mast erbij' });
      expect(v2.status).toBe(200);
      expect(v2.body).toMatchObject({ version: 2, updatedBy: 'karim', createdBy: 'petra' });
      const v3 = await call(planner, 'PUT', `/api/scenarios/${id}`, { name: 'Noord B', description: 'eerste opzet', inputs: v2.body.inputs, expectedVersion: 2 });
      expect(v3.body.version).toBe(3);

      const history = await call(planner, 'GET', `/api/scenarios/${id}/versions`);
      expect(history.body.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
      expect(history.body.versions[0]).toMatchObject({ author: 'petra', changed: ['name'], changeNote: '' });
      expect(history.body.versions[1]).toMatchObject({ author: 'karim', changed: ['inputs.antennas'], changeNote: 'mast erbij' });
    });

    it('answers 409 when the edit is based on an older version, and keeps the newer one', async () => {
      const { body: s } = await call(planner, 'POST', '/api/scenarios', { name: 'Zuid', inputs: {} });
      expect((await call(planner, 'PUT', `/api/scenarios/${s.id}`, { name: 'Zuid 1', inputs: {}, expectedVersion: 1 })).status).toBe(200);
      const stale = await call(colleague, 'PUT', `/api/scenarios/${s.id}`, { name: 'Zuid 2', inputs: {}, expectedVersion: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.currentVersion).toBe(2);
      expect((await call(planner, 'GET', `/api/scenarios/${s.id}`)).body).toMatchObject({ name: 'Zuid 1', version: 2 });
    });

    it('restores an old version as a new version with the old content', async () => {
      const { body: s } = await call(planner, 'POST', '/api/scenarios', { name: 'Oost', inputs: { layers: ['a'] } });
      await call(planner, 'PUT', `/api/scenarios/${s.id}`, { name: 'Oost later', inputs: { layers: ['b'] }, expectedVersion: 1 });
      const restored = await call(planner, 'POST', `/api/scenarios/${s.id}/restore`, { version: 1 });
      expect(restored.status).toBe(200);
      expect(restored.body).toMatchObject({ name: 'Oost', version: 3, inputs: { layers: ['a'] } });
      const history = await call(planner, 'GET', `/api/scenarios/${s.id}/versions`);
      expect(history.body.versions[0]).toMatchObject({ version: 3, changeNote: 'Restored version 1', changed: ['name', 'inputs.layers'] });
      expect((await call(planner, 'POST', `/api/scenarios/${s.id}/restore`, { version: 9 })).status).toBe(404);
    });

    it('duplicates into a new draft with its own id and history', async () => {
      const { body: s } = await call(planner, 'POST', '/api/scenarios', { name: 'West', inputs: { layers: ['x'] } });
      await call(planner, 'POST', `/api/scenarios/${s.id}/publish`);
      const copy = await call(colleague, 'POST', `/api/scenarios/${s.id}/duplicate`);
      expect(copy.status).toBe(201);
      expect(copy.body).toMatchObject({ name: 'West (kopie)', status: 'draft', version: 1, createdBy: 'karim', inputs: { layers: ['x'] } });
      expect(copy.body.id).not.toBe(s.id);
    });

    it('publishes and unpublishes', async () => {
      const { body: s } = await call(planner, 'POST', '/api/scenarios', { name: 'Pub', inputs: {} });
      expect((await call(planner, 'POST', `/api/scenarios/${s.id}/publish`)).body.status).toBe('published');
      expect((await fetch(`${twin.url}/api/scenarios/${s.id}`)).status).toBe(200);
      expect((await call(planner, 'POST', `/api/scenarios/${s.id}/unpublish`)).body.status).toBe('draft');
      expect((await fetch(`${twin.url}/api/scenarios/${s.id}`)).status).toBe(404);
    });

    it('soft-deletes: gone from the list and every route (404), kept in the database for the audit trail', async () => {
      const { body: s } = await call(planner, 'POST', '/api/scenarios', { name: 'Weg', inputs: {} });
      expect((await call(planner, 'DELETE', `/api/scenarios/${s.id}`)).status).toBe(204);
      expect((await call(planner, 'GET', `/api/scenarios/${s.id}`)).status).toBe(404);
      expect((await call(planner, 'GET', `/api/scenarios/${s.id}/versions`)).status).toBe(404);
      expect((await call(planner, 'PUT', `/api/scenarios/${s.id}`, { name: 'x', inputs: {}, expectedVersion: 1 })).status).toBe(404);
      expect((await call(planner, 'DELETE', `/api/scenarios/${s.id}`)).status).toBe(404);
      const list = await call(planner, 'GET', '/api/scenarios');
      expect(list.body.scenarios.some((x: { id: string }) => x.id === s.id)).toBe(false);
      expect(await twin.workspace.db.get('SELECT count(*) AS n FROM scenario_versions WHERE scenario_id = ?', [s.id])).toEqual({ n: 1 });
    });

    it('answers 404 for malformed and unknown ids', async () => {
      expect((await call(planner, 'GET', '/api/scenarios/1')).status).toBe(404);
      expect((await call(planner, 'GET', `/api/scenarios/${crypto.randomUUID()}`)).status).toBe(404);
    });

    it('rejects unknown input fields with 400 and a field path', async () => {
      const res = await call(planner, 'POST', '/api/scenarios', { name: 'x', inputs: { antennas: [{ ...ANTENNA, eirpDbm: 'hot' }] } });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('inputs.antennas.0.eirpDbm');
    });
  });

  describe('briefings', () => {
    const view = { camera: { lonDeg: 5.1, latDeg: 52.1, heightM: 800, headingDeg: 0, pitchDeg: -40 }, layers: ['buildings'] };

    it('creates, reads, updates and deletes a briefing', async () => {
      const created = await call(planner, 'POST', '/api/briefings', { title: 'Raad 12 mei', steps: [{ title: 'Stap 1', view }] });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ title: 'Raad 12 mei', summary: '', createdBy: 'petra', steps: [{ title: 'Stap 1', text: '', view }] });
      const id = created.body.id as string;
      const updated = await call(planner, 'PUT', `/api/briefings/${id}`, { title: 'Raad 19 mei', steps: [{ title: 'Stap 1', view }, { title: 'Stap 2', view }] });
      expect(updated.body.steps).toHaveLength(2);
      expect((await call(planner, 'GET', '/api/briefings')).body.briefings.map((b: { title: string }) => b.title)).toContain('Raad 19 mei');
      expect((await call(planner, 'DELETE', `/api/briefings/${id}`)).status).toBe(204);
      expect((await call(planner, 'GET', `/api/briefings/${id}`)).status).toBe(404);
    });

    it('refuses a briefing without steps', async () => {
      expect((await call(planner, 'POST', '/api/briefings', { title: 'Leeg', steps: [] })).status).toBe(400);
    });
  });

  describe('run and compare', () => {
    it('computes indicators with the engines and compares them with the current situation (b − a)', async () => {
      const twinInfo = await (await fetch(`${twin.url}/api/twin`)).json();
      const [minX, minY, maxX, maxY] = twinInfo.extentRd as number[];
      const centre = { x: (minX + maxX) / 2, y: (minY + maxY) / 2 };
      const defaults = await (await fetch(`${twin.url}/api/fibre/defaults`)).json();
      const pop = defaults.popSites[0].positionRd as [number, number];
      const inputs = {
        antennas: [0, 120, 240].map((azimuthDeg, i) => ({ ...ANTENNA, id: `s${i}`, ...centre, azimuthDeg })),
        fibre: { popPositionRd: pop, buurtCodes: [], takeRate: 0.5 },
      };
      const { body: s } = await call(planner, 'POST', '/api/scenarios', { name: 'Run', inputs });
      const run = await call(planner, 'POST', `/api/scenarios/${s.id}/run`);
      expect(run.status).toBe(200);
      const ind = run.body.indicators;
      expect(ind.coveragePct).toBeGreaterThan(0);
      expect(ind.coveragePct).toBeLessThanOrEqual(100);
      expect(ind.addressesCovered).toBeLessThanOrEqual(twinInfo.counts.addresses);
      expect(ind.coveragePct).toBeCloseTo((100 * ind.addressesCovered) / twinInfo.counts.addresses, 1);
      expect(ind.trenchM).toBeGreaterThan(100);
      expect(ind.homesPassed).toBeGreaterThan(0);
      expect(ind.capexTotalEur).toBeGreaterThan(0);
      // The scenario's indicators stay on its version: a rename keeps them, a changed antenna clears them.
      const renamed = await call(planner, 'PUT', `/api/scenarios/${s.id}`, { name: 'Run 2', inputs, expectedVersion: 1 });
      expect(renamed.body.indicators).toEqual(ind);

      const cmp = await call(planner, 'GET', `/api/scenarios/compare?a=${s.id}&b=current`);
      expect(cmp.status).toBe(200);
      expect(cmp.body.b).toMatchObject({ id: 'current' });
      const cur = cmp.body.b.indicators;
      // Three antennas more than the current network; adding antennas can only raise the best server at an address.
      expect(ind.antennaCount - cur.antennaCount).toBe(3);
      expect(cur.addressesCovered).toBeLessThanOrEqual(ind.addressesCovered);
      expect(cur.maxExposurePctIcnirp).toBeLessThanOrEqual(ind.maxExposurePctIcnirp);
      expect(cur.trenchM).toBe(0);
      expect(cmp.body.rows.map((r: { key: string }) => r.key)).toEqual([...INDICATOR_KEYS]);
      for (const row of cmp.body.rows) {
        expect(row.a).toBe(ind[row.key]);
        expect(row.b).toBe(cur[row.key]);
        if (row.a === null || row.b === null) expect(row.difference).toBeNull();
        else expect(row.difference).toBe(row.b - row.a);
      }
      const byKey = Object.fromEntries(cmp.body.rows.map((r: { key: string }) => [r.key, r]));
      expect(byKey.trenchM.better).toBe('b');
      expect(byKey.antennaCount.better).toBeNull();
      expect(byKey.costPerHomePassedEur.difference).toBeNull();
      if (cur.addressesCovered < ind.addressesCovered) expect(byKey.coveragePct.better).toBe('a');
    }, 120_000);

    it('compares two scenarios, with null differences where one has not been run', async () => {
      const { body: a } = await call(planner, 'POST', '/api/scenarios', { name: 'A', inputs: {} });
      const { body: b } = await call(planner, 'POST', '/api/scenarios', { name: 'B', inputs: {} });
      const cmp = await call(planner, 'GET', `/api/scenarios/compare?a=${a.id}&b=${b.id}`);
      expect(cmp.status).toBe(200);
      expect(cmp.body.rows.every((r: { difference: unknown; better: unknown }) => r.difference === null && r.better === null)).toBe(true);
      expect((await call(planner, 'GET', `/api/scenarios/compare?a=${a.id}&b=nope`)).status).toBe(400);
    });
  });
});

describe.skipIf(!backends.includes('postgres'))('two servers sharing one PostgreSQL workspace', () => {
  let a: TestTwin;
  let b: TestTwin;
  let onA: Record<string, string>;
  let onB: Record<string, string>;

  beforeAll(async () => {
    [a, b] = await startTwinsSharingOneWorkspace();
    await createUser(a.workspace, { username: 'petra', password: 'planner-secret-1', role: 'planner' });
    await createUser(a.workspace, { username: 'karim', password: 'planner-secret-2', role: 'planner' });
    onA = sessionHeaders(await signInByApi(a.url, { username: 'petra', password: 'planner-secret-1' }));
    onB = sessionHeaders(await signInByApi(b.url, { username: 'karim', password: 'planner-secret-2' }));
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('lists and reads on one server a scenario saved on the other', async () => {
    const saved = await callApi(a.url, onA, 'POST', '/api/scenarios', { name: 'Gedeeld', description: 'op A', inputs: { layers: ['buildings'] } });
    expect(saved.status).toBe(201);
    const list = await callApi(b.url, onB, 'GET', '/api/scenarios');
    expect(list.body.scenarios.map((s: { id: string }) => s.id)).toContain(saved.body.id);
    expect((await callApi(b.url, onB, 'GET', `/api/scenarios/${saved.body.id}`)).body).toEqual(saved.body);
  });

  it('numbers concurrent saves from both servers 1..N without gaps or duplicates, refusing stale ones with 409', async () => {
    const { body: s } = await callApi(a.url, onA, 'POST', '/api/scenarios', { name: 'Race', inputs: {} });
    const saves = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const [url, headers] = i % 2 === 0 ? [a.url, onA] : [b.url, onB];
        const current = await callApi(url, headers, 'GET', `/api/scenarios/${s.id}`);
        return callApi(url, headers, 'PUT', `/api/scenarios/${s.id}`, { name: `Race ${i}`, inputs: {}, expectedVersion: current.body.version, changeNote: `save ${i}` });
      }),
    );
    expect(saves.map((r) => r.status).filter((status) => status !== 200 && status !== 409)).toEqual([]);
    const saved = saves.filter((r) => r.status === 200);
    expect(saved.length).toBeGreaterThanOrEqual(1);
    const n = 1 + saved.length;
    expect(saved.map((r) => r.body.version as number).sort((x, y) => x - y)).toEqual(Array.from({ length: n - 1 }, (_, i) => i + 2));
    const history = await callApi(b.url, onB, 'GET', `/api/scenarios/${s.id}/versions`);
    expect(history.body.versions.map((v: { version: number }) => v.version)).toEqual(Array.from({ length: n }, (_, i) => n - i));
    expect((await callApi(a.url, onA, 'GET', `/api/scenarios/${s.id}`)).body.version).toBe(n);
    expect(await a.workspace.audit.verify(a.workspace.db)).toMatchObject({ ok: true });
  });
});
