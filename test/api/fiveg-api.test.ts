import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { fivegRouter } from '../../server/api/fiveg-router.ts';
import { errorHandler } from '../../server/api/problem.ts';
import { importOmgevingsplanGeoJson } from '../../server/omgevingsplan/import-geojson.ts';
import { storeOmgevingsplan } from '../../server/omgevingsplan/store-omgevingsplan.ts';
import { antennaCollection } from '../../server/scenarios/fiveg/antenna-collection.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import type { Store } from '../../server/store/store.ts';
import { createAddress, createBuilding, createMunicipality, createMastAntennas } from '../support/factories.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** The stored network: a three-sector n78 mast west of the factory town (buildings on a 100 m grid from RD 145000, 445000). */
const createStoredAntennas = () => createMastAntennas([144900, 445100]);

const box = (x0: number, y0: number, x1: number, y1: number) => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });

async function createStore(options: { antennas?: boolean; plan?: boolean } = {}): Promise<Store> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-fiveg-'));
  const store = await openSqliteStore(path.join(dir, 'twin.sqlite'));
  cleanups.push(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const m = createMunicipality();
  // A school (maatschappelijk) in the south-east and a 20 m office block (with one address) 2 m east of building 9.
  const office = createBuilding(11, 145212, 445200, { heightM: 20, function: 'kantoor' });
  m.buildings.push(createBuilding(10, 145400, 444800, { function: 'maatschappelijk' }), office);
  m.addresses.push(createAddress(11, office));
  await store.importMunicipality(m);
  if (options.antennas) {
    const { meta, features } = antennaCollection(createStoredAntennas(), { source: 'test', licence: 'CC0-1.0', date: '2026-01-01', synthetic: true });
    await store.replaceCollection(meta, features);
  }
  if (options.plan) {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      name: 'Testplan',
      features: [
        { type: 'Feature', geometry: box(144800, 444900, 145300, 445300), properties: { functie: 'wonen', naam: 'West', maxBouwhoogteM: 40 } },
        { type: 'Feature', geometry: box(145400, 445000, 145450, 445050), properties: { functie: 'water', naam: 'Gracht' } },
      ],
    });
    await storeOmgevingsplan(store, importOmgevingsplanGeoJson(text, 'testplan.geojson').plan);
  }
  return store;
}

const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function serve(store: Store): Promise<string> {
  const app = express().use(express.json()).use('/api/fiveg', fivegRouter(store)).use(errorHandler(() => {}));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  cleanups.unshift(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/fiveg`;
}

describe('GET /api/fiveg/pathloss', () => {
  it('reproduces worked example E2 (UMa NLOS, 3.5 GHz, 200 m): 114.46 dB, breakpoint 560 m', async () => {
    const base = await serve(await createStore());
    const res = await fetch(`${base}/pathloss?model=UMa&los=false&fcGHz=3.5&d2dM=200&hBsM=25&hUtM=1.5`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Math.abs(body.pathLossDb - 114.46)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(body.breakpointM - 560)).toBeLessThanOrEqual(0.01);
    expect(body).toMatchObject({ withinValidity: true, branch: 'NLOS', o2i: null });
  });

  it('adds the O2I loss: E2 with low-loss penetration and 10 m indoors (12.70 + 5 dB)', async () => {
    const base = await serve(await createStore());
    const body = await (await fetch(`${base}/pathloss?model=UMa&los=false&fcGHz=3.5&d2dM=200&hBsM=25&hUtM=1.5&o2i=low&d2dInM=10`)).json();
    expect(Math.abs(body.o2i.lossDb - 17.7)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(body.pathLossDb - (114.46 + 17.7))).toBeLessThanOrEqual(0.02);
    expect(Math.abs(body.outdoorPathLossDb - 114.46)).toBeLessThanOrEqual(0.01);
  });

  it('flags a distance below 10 m as outside validity instead of failing', async () => {
    const base = await serve(await createStore());
    const body = await (await fetch(`${base}/pathloss?model=UMi&los=true&fcGHz=3.5&d2dM=5&hBsM=10&hUtM=1.5`)).json();
    expect(body.withinValidity).toBe(false);
    expect(body.validityNotes[0]).toMatch(/d2DM/);
  });

  it.each([
    ['model=RMa&los=true&fcGHz=3.5&d2dM=100&hBsM=25&hUtM=1.5', 'model'],
    ['model=UMa&los=yes&fcGHz=3.5&d2dM=100&hBsM=25&hUtM=1.5', 'los'],
    ['model=UMa&los=true&fcGHz=0.3&d2dM=100&hBsM=25&hUtM=1.5', 'fcGHz'],
    ['model=UMi&los=true&fcGHz=120&d2dM=100&hBsM=10&hUtM=1.5', 'fcGHz'],
    ['model=UMa&los=true&fcGHz=3.5&d2dM=-1&hBsM=25&hUtM=1.5', 'd2dM'],
    ['model=UMa&los=true&fcGHz=3.5&d2dM=100&hBsM=-3&hUtM=1.5', 'hBsM'],
    ['model=UMa&los=true&fcGHz=3.5&d2dM=100&hBsM=0.5&hUtM=1.5', 'hBsM'],
    ['model=UMa&los=true&fcGHz=3.5&d2dM=100&hBsM=25&hUtM=-1', 'hUtM'],
    ['model=UMa&los=true&fcGHz=3.5&d2dM=100&hBsM=25&hUtM=1.5&o2i=medium', 'o2i'],
    ['model=UMa&los=true&fcGHz=3.5&d2dM=100&hBsM=25&hUtM=1.5&d2dInM=5', 'd2dInM'],
    ['model=UMa&los=true&fcGHz=abc&d2dM=100&hBsM=25&hUtM=1.5', 'fcGHz'],
    ['los=true&fcGHz=3.5&d2dM=100&hBsM=25&hUtM=1.5', 'model'],
  ])('answers 400 naming the field for ?%s', async (query, field) => {
    const base = await serve(await createStore());
    const res = await fetch(`${base}/pathloss?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = await res.json();
    expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});

describe('POST /api/fiveg/coverage', () => {
  it('covers every address from the stored antennas, per buurt, and caches by input hash', async () => {
    const base = await serve(await createStore({ antennas: true }));
    const res = await post(`${base}/coverage`, { options: { gridCellM: 20 } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.cached).toBe(false);
    expect(body.summary.antennas).toBe(3);
    expect(body.addresses.ids).toHaveLength(10);
    expect(body.addresses.bestRsrpDbm.every((v: number | null) => typeof v === 'number' && v < -40 && v > -140)).toBe(true);
    expect(body.buurten).toHaveLength(1);
    expect(body.buurten[0]).toMatchObject({ code: 'BU99990101', addresses: 10 });
    expect(body.buurten[0].atLeast.map((s: { thresholdDbm: number }) => s.thresholdDbm)).toEqual([-80, -90, -100, -110]);
    expect(body.summary.grid.points).toBeGreaterThan(0);
    // 70 dBm = 10 000 W: d_c = sqrt(10 000 / (4π·10)) = 8.92 m (DOMAIN.md §3.4 gives 8.93 m for 10 023.7 W).
    expect(body.antennas[0].safetyDistanceM).toBe(8.92);
    const again = await (await post(`${base}/coverage`, { options: { gridCellM: 20 } })).json();
    expect(again).toMatchObject({ cached: true, inputHash: body.inputHash });
  });

  it('reports the highest exposure per buurt: the address with the largest TER, matching the per-address values', async () => {
    const base = await serve(await createStore({ antennas: true }));
    const body = await (await post(`${base}/coverage`, { options: { gridCellM: 0 } })).json();
    const ter: number[] = body.addresses.ter;
    const top = Math.max(...ter);
    expect(body.exposure.perBuurt).toHaveLength(1);
    const row = body.exposure.perBuurt[0];
    expect(row).toMatchObject({ code: 'BU99990101', name: body.buurten[0].name });
    expect(row.maxTer).toBeGreaterThan(0);
    expect(row.maxTer).toBeCloseTo(top, 5);
    expect(ter[body.addresses.ids.indexOf(row.addressId)]).toBeCloseTo(top, 5);
    expect(body.exposure.maxTer).toBeCloseTo(top, 5);
    expect(body.exposure.maxTer).toBeCloseTo(body.summary.addresses.maxTer, 5);
  });

  it('adds candidate sites to the stored network and improves the weakest address', async () => {
    const base = await serve(await createStore({ antennas: true }));
    const before = await (await post(`${base}/coverage`, { options: { gridCellM: 0 } })).json();
    const withCandidate = await (
      await post(`${base}/coverage`, { options: { gridCellM: 0 }, candidates: [{ id: 'C1', kind: 'rooftop', x: 145217, y: 445205, heightM: 4, buildingId: 'NL.IMBAG.Pand.9999100000000011' }] })
    ).json();
    expect(withCandidate.summary.antennas).toBe(6);
    expect(withCandidate.inputHash).not.toBe(before.inputHash);
    expect(Math.min(...withCandidate.addresses.bestRsrpDbm)).toBeGreaterThan(Math.min(...before.addresses.bestRsrpDbm));
  });

  it('recomputes when the stored antennas change, and returns the grid on request', async () => {
    const store = await createStore({ antennas: true });
    const base = await serve(store);
    const first = await (await post(`${base}/coverage`, { options: { gridCellM: 20 }, include: { grid: true } })).json();
    expect(first.grid.bestRsrpDbm).toHaveLength(first.grid.cols * first.grid.rows);
    // Grid cells whose centre lies inside a building have no street-level value.
    expect(first.grid.bestRsrpDbm.filter((v: number | null) => v !== null)).toHaveLength(first.summary.grid.points);
    const louder = createStoredAntennas().map((a) => ({ ...a, eirpDbm: 73 }));
    const { meta, features } = antennaCollection(louder, { source: 'test', licence: 'CC0-1.0', date: '2026-01-01', synthetic: true });
    await store.replaceCollection(meta, features);
    const second = await (await post(`${base}/coverage`, { options: { gridCellM: 20 }, include: { grid: true } })).json();
    expect(second.cached).toBe(false);
    expect(second.inputHash).not.toBe(first.inputHash);
    // 3 dB more EIRP is 3 dB more RSRP everywhere (same conducted-to-gain split).
    expect(second.addresses.bestRsrpDbm[0] - first.addresses.bestRsrpDbm[0]).toBeCloseTo(3, 1);
  });

  it('answers nothing-in-range without stored antennas rather than failing', async () => {
    const base = await serve(await createStore());
    const body = await (await post(`${base}/coverage`, { options: { gridCellM: 0 } })).json();
    expect(body.summary.antennas).toBe(0);
    expect(body.addresses.bestRsrpDbm.every((v: number | null) => v === null)).toBe(true);
  });

  it.each([
    [{ candidates: [{ id: 'C1', kind: 'rooftop', x: 145155, y: 445155, heightM: 4, buildingId: 'NL.IMBAG.Pand.unknown' }] }, 'candidates.0.buildingId'],
    [{ candidates: [{ id: 'C1', kind: 'rooftop', x: 145155, y: 445155, heightM: 4 }] }, 'candidates.0.buildingId'],
    [{ candidates: [{ id: 'C1', kind: 'mast', x: 145155, y: 445155, heightM: -4 }] }, 'candidates.0.heightM'],
    [{ options: { gridCellM: -1 } }, 'options.gridCellM'],
    [{ options: { losMode: 'magic' } }, 'options.losMode'],
    [{ options: { bands: ['n99'] } }, 'options.bands.0'],
  ])('answers 400 naming the field for %j', async (payload, field) => {
    const base = await serve(await createStore({ antennas: true }));
    const res = await post(`${base}/coverage`, payload);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});

describe('POST /api/fiveg/siting', () => {
  it('refuses a mast next to a school under the distance policy and allows it with the policy off', async () => {
    const base = await serve(await createStore({ plan: true }));
    const candidate = { id: 'S1', kind: 'mast', x: 145380, y: 444780, heightM: 25 };
    const body = await (await post(`${base}/siting`, { candidate })).json();
    expect(body.verdict).toBe('not-allowed');
    expect(body.sensitive).toMatchObject({ nearestBuildingId: 'NL.IMBAG.Pand.9999100000000010', ok: false, minDistanceM: 100 });
    const relaxed = await (await post(`${base}/siting`, { candidate, policy: { minDistanceToSensitiveM: 0 } })).json();
    expect(relaxed.sensitive.ok).toBe(true);
    expect(relaxed.verdict).not.toBe('not-allowed');
  });

  it('runs the omgevingsplan placement check: a mast in water is not allowed', async () => {
    const base = await serve(await createStore({ plan: true }));
    const body = await (await post(`${base}/siting`, { candidate: { id: 'S2', kind: 'mast', x: 145420, y: 445020, heightM: 20 }, policy: { minDistanceToSensitiveM: 0 } })).json();
    expect(body.placement.verdict).toBe('not-allowed');
    expect(body.verdict).toBe('not-allowed');
  });

  it('flags a rooftop antenna whose safety volume reaches a neighbouring façade', async () => {
    const base = await serve(await createStore({ plan: true }));
    // 4 m above the 9 m building 9 (15 m NAP), aimed east at the 20 m office façade 4 m away: S ≈ 50 W/m² > 10.
    const candidate = { id: 'S3', kind: 'rooftop', x: 145208, y: 445205, heightM: 4, buildingId: 'NL.IMBAG.Pand.9999100000000009', azimuthsDeg: [90], downtiltDeg: 0, eirpDbm: 70 };
    const body = await (await post(`${base}/siting`, { candidate, policy: { minDistanceToSensitiveM: 0 } })).json();
    expect(body.emf.ok).toBe(false);
    expect(body.emf.facades.map((f: { buildingId: string }) => f.buildingId)).toEqual(['NL.IMBAG.Pand.9999100000000011']);
    expect(body.emf.addressesAffected).toBe(1);
    expect(body.verdict).toBe('not-allowed');
    // Aimed west, away from the office, the façade only sees the 30 dB back lobe.
    const away = await (await post(`${base}/siting`, { candidate: { ...candidate, azimuthsDeg: [270] }, policy: { minDistanceToSensitiveM: 0 } })).json();
    expect(away.emf.ok).toBe(true);
  });

  it('answers 400 naming the field for a bad candidate', async () => {
    const base = await serve(await createStore());
    const res = await post(`${base}/siting`, { candidate: { id: 'S1', kind: 'tower', x: 145380, y: 444780, heightM: 25 } });
    expect(res.status).toBe(400);
    expect((await res.json()).errors.map((e: { field: string }) => e.field)).toContain('candidate.kind');
  });
});

describe('POST /api/fiveg/optimise', () => {
  it('picks the candidate that covers most uncovered addresses and reports the gain per site', async () => {
    const base = await serve(await createStore({ antennas: true }));
    // The stored mast is west of town; a candidate on the office in the east should add the far addresses.
    const candidates = [
      { id: 'EAST', kind: 'rooftop', x: 145217, y: 445205, heightM: 4, buildingId: 'NL.IMBAG.Pand.9999100000000011', eirpDbm: 70 },
      { id: 'FAR', kind: 'mast', x: 147500, y: 447500, heightM: 30 },
    ];
    const res = await post(`${base}/optimise`, { k: 1, candidates, thresholdDbm: -75, policy: { minDistanceToSensitiveM: 0 } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.selected.map((s: { candidateId: string }) => s.candidateId)).toEqual(['EAST']);
    expect(body.selected[0].gainAddresses).toBeGreaterThan(0);
    expect(body.coveredAfter).toBe(body.coveredBefore + body.selected[0].gainAddresses);
    expect(body.selected[0].cumulativeCovered).toBe(body.coveredAfter);
    // The chosen site in full, with the schema defaults, so the client can add it as a candidate.
    expect(body.sites).toEqual([{ ...candidates[0], operator: 'Kandidaat', bands: ['n78'], azimuthsDeg: [0, 120, 240], downtiltDeg: 6 }]);
  });

  it('returns generated rooftop sites in full, in the order of the selection', async () => {
    const base = await serve(await createStore({ antennas: true }));
    const body = await (await post(`${base}/optimise`, { k: 2, rooftopCandidates: 5, thresholdDbm: -75, policy: { minDistanceToSensitiveM: 0 } })).json();
    expect(body.selected).toHaveLength(2);
    expect(body.sites.map((s: { id: string }) => s.id)).toEqual(body.selected.map((s: { candidateId: string }) => s.candidateId));
    for (const site of body.sites) expect(site).toMatchObject({ kind: 'rooftop', heightM: 4, buildingId: expect.any(String), x: expect.any(Number), y: expect.any(Number) });
  });

  it('answers 400 naming k when k exceeds the candidates', async () => {
    const base = await serve(await createStore({ antennas: true }));
    const res = await post(`${base}/optimise`, { k: 3, candidates: [{ id: 'A', kind: 'mast', x: 145050, y: 445050, heightM: 25 }] });
    expect(res.status).toBe(400);
    expect((await res.json()).errors.map((e: { field: string }) => e.field)).toEqual(['k']);
  });
});
