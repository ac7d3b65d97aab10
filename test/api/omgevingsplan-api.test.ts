import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { omgevingsplanRouter, storeOmgevingsplan } from '../../server/api/omgevingsplan-router.ts';
import { errorHandler } from '../../server/api/problem.ts';
import { rdToLonLatDeg } from '../../server/geo/crs.ts';
import { importOmgevingsplanGeoJson } from '../../server/omgevingsplan/import-geojson.ts';
import type { Omgevingsplan } from '../../server/omgevingsplan/model.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import type { Store } from '../../server/store/store.ts';
import { createMunicipality } from '../support/factories.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const box = (x0: number, y0: number, x1: number, y1: number) => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });

/**
 * Over the factory town (9 buildings of 9 m on a 100 m grid from RD 145000, 445000): a wonen zone with a
 * maximum of 8 m over the two western columns (6 buildings too tall), a centrum zone with a beschermd
 * stadsgezicht and 15 m over the eastern column, and the factory's water square.
 */
function createPlan(): Omgevingsplan {
  const text = JSON.stringify({
    type: 'FeatureCollection',
    name: 'Testplan',
    features: [
      { type: 'Feature', geometry: box(144990, 444990, 145150, 445300), properties: { functie: 'wonen', naam: 'West', maxBouwhoogteM: 8, regeltekst: 'Niet hoger dan 8 m.' } },
      { type: 'Feature', geometry: box(145190, 444990, 145300, 445300), properties: { functie: 'centrum', naam: 'Oud', maxBouwhoogteM: 15, erfgoed: 'beschermd stadsgezicht' } },
      { type: 'Feature', geometry: box(145400, 445000, 145450, 445050), properties: { functie: 'water', naam: 'Gracht' } },
    ],
  });
  return importOmgevingsplanGeoJson(text, 'testplan.geojson').plan;
}

async function createStore(withPlan: boolean): Promise<Store> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-omgevingsplan-'));
  const store = await openSqliteStore(path.join(dir, 'twin.sqlite'));
  cleanups.push(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  await store.importMunicipality(createMunicipality());
  if (withPlan) await storeOmgevingsplan(store, createPlan());
  return store;
}

async function serve(store: Store): Promise<string> {
  const app = express().use(express.json()).use('/api/omgevingsplan', omgevingsplanRouter(store)).use(errorHandler(() => {}));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  cleanups.unshift(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/omgevingsplan`;
}

const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('storeOmgevingsplan', () => {
  it('publishes the three collections with the plan', async () => {
    const store = await createStore(true);
    const ids = (await store.collections()).map((c) => c.id).filter((id) => id.startsWith('omgevingsplan-'));
    expect(ids.sort()).toEqual(['omgevingsplan-bouwhoogte', 'omgevingsplan-erfgoed', 'omgevingsplan-functies']);
    const page = await store.collectionItems('omgevingsplan-functies', { limit: 10, where: [['functie', 'water']] });
    expect(page.features.map((f) => f.properties.naam)).toEqual(['Gracht']);
  });
});

describe('GET /api/omgevingsplan/rules-at', () => {
  it('answers 503 when no plan is loaded', async () => {
    const base = await serve(await createStore(false));
    const res = await fetch(`${base}/rules-at?x=145005&y=445005`);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('lists what applies at an RD point', async () => {
    const base = await serve(await createStore(true));
    const body = await (await fetch(`${base}/rules-at?x=145005&y=445005`)).json();
    expect(body.gebiedsaanwijzingen.map((g: { groep: string }) => g.groep)).toEqual(['wonen']);
    expect(body.normwaarden[0]).toMatchObject({ norm: 'maximum bouwhoogte', kwantitatieveWaarde: 8 });
    expect(body.regels[0].regeltekst.tekst).toBe('Niet hoger dan 8 m.');
    expect(body.disclaimer.nl).toContain('niet juridisch bindend');
  });

  it('accepts lon/lat and converts them to RD', async () => {
    const base = await serve(await createStore(true));
    const [lon, lat] = rdToLonLatDeg(145250, 445100);
    const body = await (await fetch(`${base}/rules-at?lon=${lon}&lat=${lat}`)).json();
    expect(body.point[0]).toBeCloseTo(145250, 1);
    expect(body.gebiedsaanwijzingen.map((g: { groep: string }) => g.groep).sort()).toEqual(['beschermd stadsgezicht', 'centrum']);
  });

  it.each([
    ['x=145000', 'y'],
    ['lon=abc&lat=52', 'lon'],
    ['x=145000&y=445000&lon=5', 'x'],
    ['x=145000&y=445000&z=3', 'z'],
    ['', 'lon'],
  ])('answers 400 naming the parameter for ?%s', async (query, field) => {
    const base = await serve(await createStore(true));
    const res = await fetch(`${base}/rules-at?${query}`);
    expect(res.status).toBe(400);
    const body = await res.json();
    // Unknown keys are reported on their parent object, with the key named in the message.
    expect(body.errors.some((e: { field: string; message: string }) => e.field === field || e.message.includes(`"${field}"`))).toBe(true);
  });
});

describe('POST /api/omgevingsplan/check', () => {
  it('checks a mast and names the deciding rule', async () => {
    const base = await serve(await createStore(true));
    const body = await (await post(`${base}/check`, { structure: { kind: 'antenna-mast', heightM: 20 }, x: 145005, y: 445005 })).json();
    expect(body.verdict).toBe('not-allowed');
    expect(body.reasons.find((r: { verdict: string }) => r.verdict === 'not-allowed').ruleId).toBe('nl.imow-gm9999.juridischeregel.1');
  });

  it('takes the building height from the store for a rooftop antenna', async () => {
    const base = await serve(await createStore(true));
    const res = await post(`${base}/check`, { structure: { kind: 'rooftop-antenna', heightM: 3 }, x: 145205, y: 445005, buildingId: 'NL.IMBAG.Pand.9999100000000007' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.totalHeightM).toBe(12);
    expect(body.verdict).toBe('permit-required');
  });

  it('answers allowed for a small street cabinet in a residential zone', async () => {
    const base = await serve(await createStore(true));
    const body = await (await post(`${base}/check`, { structure: { kind: 'street-cabinet', heightM: 1.5, widthM: 1, depthM: 0.4 }, x: 145050, y: 445050 })).json();
    expect(body.verdict).toBe('allowed');
  });

  it.each([
    [{ structure: { kind: 'windmill', heightM: 3 }, x: 145000, y: 445000 }, 'structure.kind'],
    [{ structure: { kind: 'building', heightM: -3 }, x: 145000, y: 445000 }, 'structure.heightM'],
    [{ structure: { kind: 'building', heightM: 3, colour: 'red' }, x: 145000, y: 445000 }, 'colour'],
    [{ structure: { kind: 'building', heightM: 3 }, x: 145000, y: 445000, extra: 1 }, 'extra'],
    [{ structure: { kind: 'building', heightM: 3 }, lon: 5.3 }, 'lat'],
    [{ structure: { kind: 'rooftop-antenna', heightM: 3 }, x: 145000, y: 445000, buildingId: 'NL.IMBAG.Pand.0' }, 'buildingId'],
  ])('answers 400 naming the field for %j', async (requestBody, field) => {
    const base = await serve(await createStore(true));
    const res = await post(`${base}/check`, requestBody);
    expect(res.status).toBe(400);
    const body = await res.json();
    // Unknown keys are reported on their parent object, with the key named in the message.
    expect(body.errors.some((e: { field: string; message: string }) => e.field === field || e.message.includes(`"${field}"`))).toBe(true);
  });

  it('answers 400 for a rooftop antenna without building height', async () => {
    const base = await serve(await createStore(true));
    const res = await post(`${base}/check`, { structure: { kind: 'rooftop-antenna', heightM: 3 }, x: 145000, y: 445000 });
    expect(res.status).toBe(400);
    expect((await res.json()).detail).toContain('buildingHeightM');
  });
});

describe('GET /api/omgevingsplan/exceedances', () => {
  it('lists the buildings taller than the maximum bouwhoogte', async () => {
    const base = await serve(await createStore(true));
    const body = await (await fetch(`${base}/exceedances`)).json();
    expect(body.count).toBe(6);
    expect(body.buildingsChecked).toBe(9);
    expect(body.buildings[0]).toEqual({ id: 'NL.IMBAG.Pand.9999100000000001', heightM: 9, maxHeightM: 8, excessM: 1 });
  });
});
