import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { migrateCommand, parseStoreUrl } from '../../server/store/migrate-command.ts';
import { openPostgisStore } from '../../server/store/postgis/postgis-store.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import type { Store } from '../../server/store/store.ts';
import { createBuilding, createMunicipality } from '../support/factories.ts';
import { type PostgresCluster, skipWithoutPostgres, startPostgresCluster } from '../support/postgres-cluster.ts';
import { describeStore } from '../support/store-suite.ts';

const skip = skipWithoutPostgres('PostGIS store suite (test/unit/postgis-store.test.ts)');

describe.skipIf(skip)('PostGIS store', () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
    console.log(`PostgreSQL test cluster up: ${JSON.stringify(Object.fromEntries(Object.entries(cluster.timingsMs).map(([k, v]) => [k, Math.round(v)])))} ms`);
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  // One fresh database per test (a copy of a template with PostGIS), so no test sees another's rows.
  describeStore('PostGIS store', async () => openPostgisStore(await cluster.createDatabase()));

  describe('PostGIS specifics', () => {
    const stores: Store[] = [];
    const clients: pg.Client[] = [];
    afterEach(async () => {
      for (const s of stores.splice(0)) await s.close();
      for (const c of clients.splice(0)) await c.end();
    });
    async function createStore(url?: string): Promise<{ store: Store; url: string; sql: pg.Client }> {
      const dbUrl = url ?? (await cluster.createDatabase());
      const store = await openPostgisStore(dbUrl);
      stores.push(store);
      const sql = new pg.Client({ connectionString: dbUrl });
      await sql.connect();
      clients.push(sql);
      return { store, url: dbUrl, sql };
    }

    it('records its migrations once, also when two servers open a new database at the same time', async () => {
      const url = await cluster.createDatabase();
      const [a, b] = await Promise.all([openPostgisStore(url), openPostgisStore(url)]);
      stores.push(a, b);
      const { store, sql } = await createStore(url);
      const { rows } = await sql.query('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual([1]);
      expect(await store.health()).toMatchObject({ store: 'postgis', reachable: true, schemaVersion: 1, poolMax: 10 });
    });

    it('keeps real geometries in RD New (EPSG:28992) with GiST indexes', async () => {
      const { store, sql } = await createStore();
      const m = createMunicipality();
      await store.importMunicipality(m);
      const columns = await sql.query("SELECT f_table_name AS t, srid, type FROM geometry_columns WHERE f_geometry_column = 'geom' ORDER BY 1");
      expect(columns.rows).toEqual([
        { t: 'addresses', srid: 28992, type: 'POINT' },
        { t: 'areas', srid: 28992, type: 'POLYGON' },
        { t: 'buildings', srid: 28992, type: 'POLYGON' },
        { t: 'features', srid: 28992, type: 'GEOMETRY' },
        { t: 'streets', srid: 28992, type: 'LINESTRING' },
      ]);
      const gist = await sql.query("SELECT tablename FROM pg_indexes WHERE indexdef LIKE '%USING gist (geom)%' ORDER BY 1");
      expect(gist.rows.map((r) => r.tablename)).toEqual(['addresses', 'areas', 'buildings', 'features', 'streets']);
      const area = await sql.query('SELECT ST_Area(geom) AS a FROM buildings WHERE id = $1', [m.buildings[0].id]);
      expect(area.rows[0].a).toBe(100);
      // The bbox query can use the index (the planner is told not to scan, so only an index path remains).
      await sql.query('SET enable_seqscan = off');
      const plan = await sql.query(
        "EXPLAIN SELECT data FROM buildings t WHERE t.geom && ST_Expand(ST_MakeEnvelope(145100, 445100, 145110, 445110, 28992), 1)",
      );
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/buildings_geom/);
    });

    it('counts the pool in health()', async () => {
      const { store } = await createStore();
      await store.counts();
      const health = await store.health();
      expect(health.poolTotal).toBeGreaterThanOrEqual(1);
      expect(health.poolIdle).toBeGreaterThanOrEqual(0);
      expect(health.poolWaiting).toBe(0);
    });

    it('refuses an unreachable database promptly', async () => {
      const t = performance.now();
      // Port 1 on localhost: nothing listens there, so the connection is refused at once.
      await expect(openPostgisStore('postgres://postgres@127.0.0.1:1/nope')).rejects.toThrow(/ECONNREFUSED|connect/);
      expect(performance.now() - t).toBeLessThan(6000);
    });
  });

  describe('tweeling migrate', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const dirs: string[] = [];
    const stores: Store[] = [];
    afterEach(async () => {
      for (const s of stores.splice(0)) await s.close();
      for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
    });

    /** A small SQLite twin with a mesh, a re-provenanced streets layer, a thematic layer and a document. */
    async function createSqliteTwin(): Promise<string> {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-migrate-'));
      dirs.push(dir);
      const file = path.join(dir, 'twin.sqlite');
      const store = await openSqliteStore(file);
      const m = createMunicipality();
      m.buildings[2] = createBuilding(3, 145000, 445200, { lod2: { lod: '2.2', positions: [145000, 445200, 2, 145010, 445200, 2, 145000, 445210, 14], indices: [0, 1, 2], surface: [2] } });
      await store.importMunicipality(m);
      await store.replaceStreets([{ id: 'osm-1', line: [[145000, 445050], [145100, 445050]], name: 'Molenweg', class: 'woonstraat', surface: 'asfalt' }], { source: 'OSM', licence: 'ODbL-1.0', date: '2026-03-01' });
      const zones = { id: 'zones', title: { nl: 'Zones', en: 'Zones' }, description: { nl: '', en: '' }, source: 'test', licence: 'CC0-1.0', date: '2026-01-01', privacyClass: 'open' as const, synthetic: true, queryables: [] };
      await store.replaceDocument('omgevingsplan', 'current', { rules: ['r1'] }, [{ meta: zones, features: [{ id: 'z1', geometry: null, properties: { k: 1 } }] }]);
      await store.close();
      return file;
    }

    it('parses store locations', () => {
      expect(parseStoreUrl('sqlite:/tmp/x.sqlite')).toEqual({ kind: 'sqlite', file: '/tmp/x.sqlite' });
      expect(parseStoreUrl('postgresql://u@h/db')).toEqual({ kind: 'postgis', url: 'postgresql://u@h/db' });
      expect(() => parseStoreUrl('mysql://u@h/db')).toThrow(/not a store location/);
    });

    it('copies a whole twin and reads back the same records, meshes, collections and documents', async () => {
      const file = await createSqliteTwin();
      const url = await cluster.createDatabase();
      const report = await migrateCommand(`sqlite:${file}`, url);
      expect(report.ok).toBe(true);
      expect(report.rows.find((r) => r.what === 'building meshes')).toMatchObject({ source: 1, target: 1 });
      const [source, target] = [await openSqliteStore(file, { readonly: true }), await openPostgisStore(url)];
      stores.push(source, target);
      const all = async (s: Store) => {
        const out = [];
        for await (const b of s.allBuildings()) out.push(b);
        return out;
      };
      expect(await all(target)).toEqual(await all(source));
      expect(await target.collections()).toEqual(await source.collections());
      expect(await target.collection('streets')).toMatchObject({ source: 'OSM' });
      expect(await target.collectionItems('zones', { limit: 10 })).toEqual(await source.collectionItems('zones', { limit: 10 }));
      expect(await target.document('omgevingsplan', 'current')).toEqual({ rules: ['r1'] });
      expect(await target.meta()).toEqual(await source.meta());
      expect(await target.extent()).toEqual(await source.extent());
    });

    it('runs as `tweeling migrate`, prints the count table, and refuses a target that is not empty (exit 1)', async () => {
      const file = await createSqliteTwin();
      const url = await cluster.createDatabase();
      const bin = path.join(root, 'bin/tweeling.mjs');
      const first = spawnSync(process.execPath, [bin, 'migrate', '--from', `sqlite:${file}`, '--to', url], { encoding: 'utf8' });
      expect(first.stderr).not.toMatch(/Error/);
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/^buildings\s+9\s+9$/m);
      expect(first.stdout).toMatch(/^ {2}zones\s+1\s+1$/m);
      expect(first.stdout).toContain('migration verified');
      const again = spawnSync(process.execPath, [bin, 'migrate', '--from', `sqlite:${file}`, '--to', url], { encoding: 'utf8' });
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('the target store is not empty');
    }, 60_000);

    it('lets info, imports and build-tiles work on TWEELING_STORE_URL: a PostGIS-only deployment needs no SQLite twin', async () => {
      const url = await cluster.createDatabase();
      expect((await migrateCommand(`sqlite:${await createSqliteTwin()}`, url)).ok).toBe(true);
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-pg-cli-'));
      dirs.push(dataDir);
      const bin = path.join(root, 'bin/tweeling.mjs');
      const run = (...args: string[]) => spawnSync(process.execPath, [bin, '--data-dir', dataDir, ...args], { encoding: 'utf8', env: { ...process.env, TWEELING_STORE_URL: url } });

      const info = run('info');
      expect(info.status, info.stderr).toBe(0);
      expect(JSON.parse(info.stdout).counts).toMatchObject({ buildings: 9, streets: 1 });

      const streets = path.join(dataDir, 'streets.geojson');
      const line = (id: string, x0: number, x1: number) => ({ type: 'Feature', id, properties: { highway: 'residential', name: id }, geometry: { type: 'LineString', coordinates: [[x0, 445100], [x1, 445100]] } });
      fs.writeFileSync(streets, JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:28992' } }, features: [line('Kerkpad', 145000, 145100), line('Schoolpad', 145100, 145200)] }));
      const imported = run('import', 'streets', streets, '--source', 'test', '--licence', 'CC0-1.0');
      expect(imported.status, imported.stderr).toBe(0);
      const store = await openPostgisStore(url);
      stores.push(store);
      expect((await store.streets({ limit: 10 })).map((st) => st.name).sort()).toEqual(['Kerkpad', 'Schoolpad']);

      const tiles = run('build-tiles');
      expect(tiles.status, tiles.stderr).toBe(0);
      const tileset = JSON.parse(fs.readFileSync(path.join(dataDir, 'tiles/buildings/tileset.json'), 'utf8'));
      expect(tileset.asset.version).toBe('1.1');
      expect(fs.existsSync(path.join(dataDir, 'tweeling.sqlite')), 'no SQLite twin was created').toBe(false);
    }, 90_000);
  });
});
