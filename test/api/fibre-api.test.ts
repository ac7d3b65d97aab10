import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import type { Municipality } from '../../server/contracts/model.ts';
import { fibreRouter } from '../../server/api/fibre-router.ts';
import { errorHandler } from '../../server/api/problem.ts';
import { type FibreSituation, storeFibreSituation } from '../../server/scenarios/fibre/fibre-situation.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import type { Store } from '../../server/store/store.ts';
import { createAddress, createBuilding, createMunicipality } from '../support/factories.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/**
 * The factory town (9 buildings on a 100 m grid from RD 145000, 445000, one street along its south side) with three
 * side streets between the columns, and one farm 1.5 km east, too far from any street to connect.
 */
function createFibreTown(): Municipality {
  const m = createMunicipality();
  for (const [i, x] of [145050, 145150, 145250].entries()) {
    m.streets.push({ id: `s${i + 2}`, line: [[x, 444990], [x, 445300]], name: `Dwarsstraat ${i + 1}`, class: 'woonstraat', surface: i === 2 ? 'asfalt' : 'tegels' });
  }
  const farm = createBuilding(10, 146800, 445000);
  m.buildings.push(farm);
  m.addresses.push(createAddress(10, farm));
  return m;
}

function createSituation(m: Municipality): FibreSituation {
  return {
    meta: { source: 'test', licence: 'CC0-1.0', date: '2026-01-01', synthetic: true },
    // The first two addresses have fibre already.
    coverage: Object.fromEntries(m.addresses.map((a, i) => [a.id, i < 2 ? 'fibre' : 'copper-only'])),
    popSites: [{ id: 'pop-1', name: 'Wijkcentrale Zuid', positionRd: [145000, 444990] }],
    existingDuctStreetIds: [],
    fibreBuurten: [],
    whiteSpotBuurten: ['BU99990101'],
  };
}

async function createStore(withSituation: boolean): Promise<Store> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-fibre-'));
  const store = await openSqliteStore(path.join(dir, 'twin.sqlite'));
  cleanups.push(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const m = createFibreTown();
  await store.importMunicipality(m);
  if (withSituation) await storeFibreSituation(store, createSituation(m), []);
  return store;
}

async function serve(store: Store): Promise<string> {
  const app = express().use(express.json()).use('/api/fibre', fibreRouter(store)).use(errorHandler(() => {}));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  cleanups.unshift(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/fibre`;
}

async function postDesign(base: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${base}/design`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

describe('GET /api/fibre/defaults', () => {
  it('lists the §5.3 unit costs, splitter ratios and the §5.6 take-rate', async () => {
    const base = await serve(await createStore(true));
    const json = await (await fetch(`${base}/defaults`)).json();
    expect(json.unitCosts.trenchPerM).toEqual({ asfalt: 90, klinkers: 45, tegels: 45, onverhard: 25 });
    expect(json.splitterRatios).toEqual([32, 64]);
    expect(json.takeRate).toBe(0.5);
    expect(json.popSites.map((p: { id: string }) => p.id)).toEqual(['pop-1']);
  });
});

describe('POST /api/fibre/design', () => {
  it('designs the town from a POP position: homes passed, trench per surface, costs, CRS84 network, disconnected farm', async () => {
    const base = await serve(await createStore(false));
    const { status, json } = await postDesign(base, { pop: { x: 145000, y: 444995 }, takeRate: 0.6 });
    expect(status).toBe(200);
    expect(json.summary.homesPassed).toBe(9);
    expect(json.summary.homesConnected).toBe(5);
    expect(json.disconnected.count).toBe(1);
    expect(json.disconnected.listed[0]).toMatchObject({ addressId: '9999200000000010', reason: 'too-far-from-street' });
    const surfaces = json.trenchMBySurface;
    expect(surfaces.klinkers + surfaces.tegels + surfaces.asfalt + surfaces.onverhard).toBeCloseTo(json.summary.trenchM, 1);
    expect(surfaces.tegels).toBeGreaterThan(0);
    expect(json.summary.costPerHomePassedEur).toBeCloseTo(json.summary.capexPassedEur / 9, 1);
    expect(json.network.type).toBe('FeatureCollection');
    const routes = json.network.features.filter((f: any) => f.properties.kind === 'route');
    expect(routes.length).toBeGreaterThan(0);
    // Sections between access points are merged into runs for the map, without losing or adding a metre.
    expect(routes.reduce((sum: number, f: any) => sum + f.properties.lengthM, 0)).toBeCloseTo(json.summary.routeM, 1);
    expect(json.network.features.filter((f: any) => f.properties.kind === 'pop')).toHaveLength(1);
    for (const f of routes) {
      for (const [lon, lat] of f.geometry.coordinates) {
        expect(lon).toBeGreaterThan(3);
        expect(lon).toBeLessThan(8);
        expect(lat).toBeGreaterThan(50);
        expect(lat).toBeLessThan(54);
      }
    }
    expect(json.buurten).toEqual([expect.objectContaining({ code: 'BU99990101', name: 'Centrum', homesPassed: 9 })]);
    expect(json.cached).toBe(false);
    const again = await postDesign(base, { pop: { x: 145000, y: 444995 }, takeRate: 0.6 });
    expect(again.json.cached).toBe(true);
    expect(again.json.inputHash).toBe(json.inputHash);
  });

  it('takes the POP by site id, leaves addresses with fibre out, and phases the buurten', async () => {
    const base = await serve(await createStore(true));
    const { status, json } = await postDesign(base, { pop: { id: 'pop-1' }, phasing: { order: 'white-spot-share', yearlyBudgetEur: 1e6, startYear: 2027 } });
    expect(status).toBe(200);
    expect(json.summary.homesAlreadyFibre).toBe(2);
    expect(json.summary.homesPassed).toBe(7);
    expect(json.buurten[0].whiteSpotShare).toBe(1);
    expect(json.phases).toEqual([expect.objectContaining({ year: 2027, buurtCodes: ['BU99990101'] })]);
  });

  it('reports a street opened anyway as a saving', async () => {
    const base = await serve(await createStore(false));
    const plain = await postDesign(base, { pop: { x: 145000, y: 444995 } });
    const opened = await postDesign(base, { pop: { x: 145000, y: 444995 }, openAnywayStreetIds: ['s2'] });
    expect(opened.json.summary.openAnywaySavingEur).toBeGreaterThan(0);
    expect(opened.json.summary.capexPassedEur).toBeLessThan(plain.json.summary.capexPassedEur);
  });

  it('answers 503 while no municipality is loaded', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-fibre-empty-'));
    const store = await openSqliteStore(path.join(dir, 'twin.sqlite'));
    cleanups.push(async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const { status, json } = await postDesign(await serve(store), { pop: { x: 145000, y: 444995 } });
    expect(status).toBe(503);
    expect(json.detail).toMatch(/No street network/);
  });

  it.each([
    ['a POP far outside the network', { pop: { x: 100000, y: 400000 } }, /pop: .*more than 250 m from every street/],
    ['an unknown POP site', { pop: { id: 'pop-9' } }, /pop\.id: unknown POP site pop-9/],
    ['a negative cost', { pop: { x: 145000, y: 444995 }, unitCosts: { dropEur: -5 } }, /unitCosts\.dropEur: costs must be ≥ 0/],
    ['an unknown surface', { pop: { x: 145000, y: 444995 }, unitCosts: { trenchPerM: { beton: 50 } } }, /unitCosts\.trenchPerM.*beton/],
    ['an unknown buurt', { pop: { x: 145000, y: 444995 }, buurten: ['BU99999999'] }, /buurten: unknown buurt BU99999999/],
    ['an unknown street to open anyway', { pop: { x: 145000, y: 444995 }, openAnywayStreetIds: ['nope'] }, /openAnywayStreetIds: unknown street nope/],
    ['a take-rate above 100 %', { pop: { x: 145000, y: 444995 }, takeRate: 1.5 }, /takeRate/],
  ])('answers 400 naming the problem for %s', async (_label, body, detail) => {
    const base = await serve(await createStore(true));
    const { status, json } = await postDesign(base, body);
    expect(status).toBe(400);
    expect(json.detail).toMatch(detail);
  });
});
