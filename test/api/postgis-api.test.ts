// The same twin on both stores answers the same: the test twin's SQLite store is migrated into a throwaway
// PostGIS database (through `tweeling migrate`'s code) and a representative set of routes is compared byte for byte.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { dataPaths } from '../../server/config.ts';
import { openSensorStore } from '../../server/sensors/store/sensor-store.ts';
import { formatMigrateReport, migrateCommand } from '../../server/store/migrate-command.ts';
import { openPostgisStore } from '../../server/store/postgis/postgis-store.ts';
import type { Store } from '../../server/store/store.ts';
import { openWorkspace } from '../../server/workspace/workspace.ts';
import { type PostgresCluster, skipWithoutPostgres, startPostgresCluster } from '../support/postgres-cluster.ts';
import { type TestTwin, startTestTwin, testTwinConfig } from '../support/twin.ts';

const skip = skipWithoutPostgres('PostGIS API comparison (test/api/postgis-api.test.ts)');

/** The app over a given store, everything else as startTestTwin has it. */
async function startTwinOn(store: Store): Promise<{ url: string; close(): Promise<void> }> {
  const config = testTwinConfig();
  const sensors = openSensorStore(dataPaths(config).sensors, { readonly: true });
  const workspace = await openWorkspace(':memory:');
  const server = createApp({ store, sensors, config, workspace, log: () => {} }).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      sensors.close();
      await workspace.close();
    },
  };
}

describe.skipIf(skip)('the API on PostGIS and on SQLite', () => {
  let cluster: PostgresCluster;
  let sqlite: TestTwin;
  let postgis: Store;
  let postgisTwin: { url: string; close(): Promise<void> };
  let migrateReport: string;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    const url = await cluster.createDatabase();
    const t = performance.now();
    const report = await migrateCommand(`sqlite:${dataPaths({ dataDir: inject('twinDataDir') }).store}`, url);
    migrateReport = formatMigrateReport(report);
    console.log(`test twin migrated to PostGIS in ${Math.round(performance.now() - t)} ms (cluster ${JSON.stringify(cluster.timingsMs)})\n${migrateReport}`);
    expect(report.ok).toBe(true);
    postgis = await openPostgisStore(url);
    postgisTwin = await startTwinOn(postgis);
    sqlite = await startTestTwin();
  }, 180_000);

  afterAll(async () => {
    await postgisTwin?.close();
    await postgis?.close();
    await sqlite?.close();
    await cluster?.stop();
  });

  async function both(route: string): Promise<{ status: number; type: string | null; sqliteBody: string; postgisBody: string }> {
    const [a, b] = await Promise.all([fetch(sqlite.url + route), fetch(postgisTwin.url + route)]);
    expect(b.status, route).toBe(a.status);
    return { status: a.status, type: a.headers.get('content-type'), sqliteBody: await a.text(), postgisBody: await b.text() };
  }

  /** Absolute links name the server they came from (the two differ only in port), and pages carry the time they were made. */
  const withoutOrigin = (body: string, origin: string) =>
    body.split(origin).join('http://twin').replace(/"timeStamp":"[^"]*"/g, '"timeStamp":"T"');

  async function expectSame(route: string): Promise<string> {
    const r = await both(route);
    expect(r.status, route).toBe(200);
    expect(withoutOrigin(r.postgisBody, postgisTwin.url), route).toBe(withoutOrigin(r.sqliteBody, sqlite.url));
    return r.sqliteBody;
  }

  it('verified every count when migrating', () => {
    expect(migrateReport).toMatch(/migration verified/);
    expect(migrateReport).not.toMatch(/MISMATCH/);
  });

  it('answers the twin overview, layer catalogue and collections identically', async () => {
    const twin = JSON.parse(await expectSame('/api/twin')) as { counts: { buildings: number } };
    expect(twin.counts.buildings).toBeGreaterThan(100);
    await expectSame('/api/layers');
    await expectSame('/ogc/collections');
    await expectSame('/ogc/collections/buildings');
  });

  it('answers bbox pages, features and buildings identically', async () => {
    const twin = JSON.parse(await expectSame('/api/twin')) as { extentRd: number[]; extentLonLat: number[] };
    const [minX, minY, maxX, maxY] = twin.extentRd;
    const cx = (minX + maxX) / 2;
    const cy = (minY + maxY) / 2;
    const rdBox = [cx - 150, cy - 150, cx + 150, cy + 150].join(',');
    const page = JSON.parse(await expectSame(`/ogc/collections/buildings/items?bbox=${rdBox}&bbox-crs=${encodeURIComponent('http://www.opengis.net/def/crs/EPSG/0/28992')}&limit=10`)) as {
      features: { id: string }[];
      numberMatched: number;
    };
    expect(page.features).toHaveLength(10);
    expect(page.numberMatched).toBeGreaterThan(10);
    const [w, s, e, n] = twin.extentLonLat;
    const lonLatBox = [w + (e - w) * 0.4, s + (n - s) * 0.4, w + (e - w) * 0.6, s + (n - s) * 0.6].join(',');
    await expectSame(`/ogc/collections/buildings/items?bbox=${lonLatBox}&limit=10&offset=5`);
    await expectSame(`/ogc/collections/addresses/items?bbox=${lonLatBox}&limit=10`);
    const id = page.features[3].id;
    await expectSame(`/ogc/collections/buildings/items/${encodeURIComponent(id)}`);
    await expectSame(`/api/buildings/${encodeURIComponent(id)}`);
    const missing = await both('/api/buildings/NL.IMBAG.Pand.0000000000000000');
    expect(missing.status).toBe(404);
    expect(missing.postgisBody).toBe(missing.sqliteBody);
  });

  it('answers property filters, health indicators and omgevingsplan rules identically', async () => {
    const layers = JSON.parse(await expectSame('/ogc/collections')) as { collections: { id: string }[] };
    expect(layers.collections.length).toBeGreaterThan(5);
    await expectSame('/ogc/collections/buildings/items?function=woning&limit=10');
    await expectSame('/api/public-health/indicators');
    const twin = JSON.parse(await expectSame('/api/twin')) as { extentRd: number[] };
    const [minX, minY, maxX, maxY] = twin.extentRd;
    const rules = await expectSame(`/api/omgevingsplan/rules-at?x=${Math.round((minX + maxX) / 2)}&y=${Math.round((minY + maxY) / 2)}`);
    expect(rules.length).toBeGreaterThan(20);
  });
});
