import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { errorHandler } from '../../server/api/problem.ts';
import { publicHealthRouter } from '../../server/api/public-health-router.ts';
import { INDICATOR_CATALOGUE } from '../../server/health/indicator-catalogue.ts';
import type { HealthRow } from '../../server/health/model.ts';
import { storeHealth } from '../../server/health/store-health.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import type { Store } from '../../server/store/store.ts';
import { createMunicipality, createSquare } from '../support/factories.ts';

/** The raw value of the suppressed buurt: must never leave the server. */
const SECRET = 71.234;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function createRows(): HealthRow[] {
  const row = (buurtCode: string, value: number, respondents: number): HealthRow => ({ buurtCode, indicator: 'roken', value, unit: '%', respondents, year: 2024 });
  return [
    row('BU99990101', SECRET, 30),
    row('BU99990102', 18.4, 200),
    row('BU99990103', 22.6, 120),
    // Suppressed too, so the pair rests on 75 respondents and no complementary suppression is needed.
    row('BU99990104', 25.2, 45),
    { ...row('BU99990102', 52.2, 200), indicator: 'overgewicht' },
  ];
}

async function createStore(withHealth: boolean): Promise<Store> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-public-health-'));
  const store = await openSqliteStore(path.join(dir, 'twin.sqlite'));
  cleanups.push(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const m = createMunicipality();
  for (const [i, name] of ['Oost', 'Zuid', 'West'].entries()) {
    m.buurten.push({ code: `BU9999010${i + 2}`, name, polygon: createSquare(145400 + i * 500, 444900, 500), population: 2000, households: 900 });
  }
  await store.importMunicipality(m);
  if (withHealth) await storeHealth(store, createRows(), INDICATOR_CATALOGUE.filter((d) => d.id === 'roken' || d.id === 'overgewicht'));
  return store;
}

async function serve(store: Store): Promise<string> {
  const app = express().use('/api/public-health', publicHealthRouter(store)).use(errorHandler(() => {}));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  cleanups.unshift(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/public-health`;
}

describe('GET /api/public-health/indicators', () => {
  it('lists the indicators with threshold, year and source', async () => {
    const base = await serve(await createStore(true));
    const res = await fetch(`${base}/indicators`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.threshold).toBe(50);
    expect(body.indicators.map((i: { id: string }) => i.id)).toEqual(['overgewicht', 'roken']);
    const roken = body.indicators[1];
    expect(Object.keys(roken).sort()).toEqual(['description', 'higherIsBetter', 'id', 'source', 'title', 'unit', 'year']);
    expect(roken).toMatchObject({ unit: '%', higherIsBetter: false, year: 2024, title: { nl: 'Rookt', en: 'Smokes' } });
  });

  it('answers an empty list when no health data has been loaded', async () => {
    const base = await serve(await createStore(false));
    expect(await (await fetch(`${base}/indicators`)).json()).toEqual({ threshold: 50, indicators: [] });
  });
});

describe('GET /api/public-health/indicators/:id', () => {
  it('gives every buurt its published value, suppressed ones as null with status onvoldoende-gegevens', async () => {
    const base = await serve(await createStore(true));
    const body = await (await fetch(`${base}/indicators/roken`)).json();
    expect(body.indicator.id).toBe('roken');
    expect(body.buurten).toEqual([
      { code: 'BU99990101', name: 'Centrum', value: null, status: 'onvoldoende-gegevens', respondents: null },
      { code: 'BU99990102', name: 'Oost', value: 18, status: 'ok', respondents: 200 },
      { code: 'BU99990103', name: 'Zuid', value: 23, status: 'ok', respondents: 120 },
      { code: 'BU99990104', name: 'West', value: null, status: 'onvoldoende-gegevens', respondents: null },
    ]);
  });

  it('never sends the raw value or the respondent count of a suppressed buurt', async () => {
    const base = await serve(await createStore(true));
    for (const route of ['/indicators', '/indicators/roken', '/indicators/overgewicht']) {
      const text = await (await fetch(`${base}${route}`)).text();
      expect(text).not.toContain(String(SECRET));
      expect(text).not.toMatch(/\b71\b/);
      expect(text).not.toMatch(/\b30\b/);
      expect(text).not.toContain('25.2');
    }
  });

  it('computes the legend classes from published values only', async () => {
    const base = await serve(await createStore(true));
    const body = await (await fetch(`${base}/indicators/roken`)).json();
    expect(body.classes).toEqual([
      { min: 18, max: 23, count: 1 },
      { min: 23, max: 23, count: 1 },
    ]);
  });

  it('answers 404 problem+json for an unknown indicator', async () => {
    const base = await serve(await createStore(true));
    const res = await fetch(`${base}/indicators/geluk`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await res.json()).code).toBe('not-found');
  });

  it('answers 400 for a malformed indicator id', async () => {
    const base = await serve(await createStore(true));
    for (const id of ['Roken', 'roken%3BDROP', '..%2Fdocuments']) {
      const res = await fetch(`${base}/indicators/${id}`);
      expect(res.status, id).toBe(400);
      expect((await res.json()).code).toBe('invalid-parameter');
    }
  });
});

describe('the gezondheid collection', () => {
  it('never holds the raw value of a suppressed buurt', async () => {
    const store = await createStore(true);
    const page = await store.collectionItems('gezondheid', { limit: 100 });
    expect(page.numberMatched).toBe(4);
    const centrum = page.features.find((f) => f.id === 'BU99990101');
    expect(centrum?.properties).toMatchObject({ roken: null, roken_status: 'onvoldoende-gegevens', roken_respondenten: null });
    const text = JSON.stringify(page);
    expect(text).not.toContain(String(SECRET));
    expect(text).not.toContain('25.2');
  });
});
