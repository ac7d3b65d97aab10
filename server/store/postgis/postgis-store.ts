// The scale-out store: PostgreSQL 15 + PostGIS 3 through a pg connection pool. Same contract and same answers as
// the SQLite store (the shared suite in test/support/store-suite.ts runs on both); every write method is one
// transaction, every value a bound parameter, every identifier from a fixed list in migrations.ts.
import pg from 'pg';
import type { CollectionMeta, CollectionPage, CollectionQuery, FeatureRd } from '../../contracts/feature.ts';
import type { Address, Area, BboxRd, Building, Buurt, DatasetMeta, Municipality, Street } from '../../contracts/model.ts';
import { coreCollections } from '../core-collections.ts';
import { decodeMesh } from '../sqlite/mesh-codec.ts';
import type { BboxQuery, BuildingUpsertReport, Provenance, Store, StoreCounts } from '../store.ts';
import { type SpatialTable, migrateStore } from './migrations.ts';
import { openMigratedPool, withTransaction } from './pg-transaction.ts';
import { resilientPool } from './resilient-pool.ts';
import { INSERT_CHUNK, bboxCondition, insertFeatures, readCollection, readCollections, readItem, readItems, writeCollection } from './postgis-collections.ts';
import {
  type SpatialRow,
  addressRow,
  areaRow,
  buildingRow,
  buildingsCollection,
  insertSpatial,
  readMeta,
  removeBuildings,
  streetRow,
  writeMeshes,
  writeMeta,
} from './postgis-records.ts';

/** Rows read per query when streaming: each page is its own statement, so no transaction waits on the consumer. */
const STREAM_PAGE = 1000;

export interface PostgisStoreOptions {
  /** Pool size per server process. */
  maxConnections?: number;
}

export async function openPostgisStore(url: string, options: PostgisStoreOptions = {}): Promise<Store> {
  let lastError = '';
  const pool = resilientPool({ connectionString: url, max: options.maxConnections ?? 10, connectionTimeoutMillis: 5000 }, (e) => {
    lastError = e.message;
  });
  await openMigratedPool(pool, migrateStore);
  return new PostgisStore(pool, options.maxConnections ?? 10, () => lastError);
}

type Client = pg.PoolClient;

class PostgisStore implements Store {
  constructor(
    private readonly pool: pg.Pool,
    private readonly maxConnections: number,
    /** The pool's last connection error (resilient-pool.ts), for /api/health. */
    private readonly lastPoolError: () => string,
  ) {}

  private transaction<T>(work: (client: Client) => Promise<T>): Promise<T> {
    return withTransaction(this.pool, work);
  }

  async importMunicipality(m: Municipality, onProgress?: (done: number, total: number) => void): Promise<void> {
    const total = m.buildings.length + m.addresses.length + m.streets.length + m.areas.length + m.buurten.length;
    let done = 0;
    const tick = (n: number) => {
      done += n;
      onProgress?.(done, total);
    };
    const rows: Record<SpatialTable, SpatialRow[]> = {
      buildings: m.buildings.map((b, i) => buildingRow(b, i + 1)),
      addresses: m.addresses.map((a, i) => addressRow(a, i + 1)),
      streets: m.streets.map((s, i) => streetRow(s, i + 1)),
      areas: m.areas.map((a, i) => areaRow(a, i + 1)),
    };
    await this.transaction(async (c) => {
      for (const t of ['buildings', 'addresses', 'streets', 'areas'] as const) {
        await c.query(`DELETE FROM ${t}`);
        await insertSpatial(c, t, rows[t], tick);
      }
      await writeMeshes(c, m.buildings, true);
      await c.query('DELETE FROM buurten');
      for (let at = 0; at < m.buurten.length; at += INSERT_CHUNK) {
        const chunk = m.buurten.slice(at, at + INSERT_CHUNK).map((b) => ({ code: b.code, data: b }));
        await c.query('INSERT INTO buurten(code, data) SELECT r.code, r.data FROM json_to_recordset($1::json) AS r(code text, data json)', [JSON.stringify(chunk)]);
        tick(chunk.length);
      }
      for (const col of coreCollections(m)) await writeCollection(c, col.meta, col.features);
      await writeMeta(c, m.meta);
    });
  }

  async replaceBuildings(meta: DatasetMeta, buildings: Building[]): Promise<void> {
    const collection = buildingsCollection(meta, buildings);
    await this.transaction(async (c) => {
      await c.query('DELETE FROM buildings');
      await insertSpatial(c, 'buildings', buildings.map((b, i) => buildingRow(b, i + 1)));
      await writeMeshes(c, buildings, true);
      await writeCollection(c, collection.meta, collection.features);
      await writeMeta(c, meta);
    });
  }

  async replaceStreets(streets: Street[], provenance?: Provenance): Promise<void> {
    await this.replaceSpatial('streets', streets.map((s, i) => streetRow(s, i + 1)), { streets }, provenance);
  }

  async replaceAddresses(addresses: Address[], provenance?: Provenance): Promise<void> {
    await this.replaceSpatial('addresses', addresses.map((a, i) => addressRow(a, i + 1)), { addresses }, provenance);
  }

  /** One spatial table and its core collection, in one transaction; the dataset meta stays as it is. */
  private async replaceSpatial(
    table: 'streets' | 'addresses',
    rows: SpatialRow[],
    records: Partial<Pick<Municipality, 'streets' | 'addresses'>>,
    provenance?: Provenance,
  ): Promise<void> {
    await this.transaction(async (c) => {
      const datasetMeta: DatasetMeta = (await readMeta(c)) ?? {
        name: '',
        municipalityCode: '',
        source: 'import',
        licence: 'unknown',
        date: new Date().toISOString().slice(0, 10),
        synthetic: false,
        geoidHeightM: 0,
      };
      // Imported records are real data with their own source and licence, not part of a synthetic dataset.
      const meta: DatasetMeta = provenance ? { ...datasetMeta, ...provenance, synthetic: false } : datasetMeta;
      const empty = { buildings: [], addresses: [], streets: [], areas: [], buurten: [] };
      const collection = coreCollections({ meta, ...empty, ...records }).find((col) => col.meta.id === table)!;
      await c.query(`DELETE FROM ${table}`);
      await insertSpatial(c, table, rows);
      await writeCollection(c, collection.meta, collection.features);
    });
  }

  async upsertBuildings(meta: DatasetMeta, buildings: Building[], area?: BboxRd): Promise<BuildingUpsertReport> {
    const collection = buildingsCollection(meta, buildings);
    const incoming = new Set(buildings.map((b) => b.id));
    return this.transaction(async (c) => {
      const report: BuildingUpsertReport = { inserted: 0, updated: 0, removed: [] };
      if (area) {
        // Contained, not intersecting: a building crossing the area's edge may belong to a neighbouring area.
        const { rows } = await c.query<{ id: string }>(
          `SELECT id FROM buildings WHERE geom && ST_Expand(ST_MakeEnvelope($1, $2, $3, $4, 28992), 1)
             AND minx >= $1 AND maxx <= $3 AND miny >= $2 AND maxy <= $4 ORDER BY rid`,
          area,
        );
        report.removed = rows.map((r) => r.id).filter((id) => !incoming.has(id));
        await removeBuildings(c, report.removed);
      }
      const { rows: existing } = await c.query<{ id: string; rid: string }>('SELECT id, rid FROM buildings WHERE id = ANY($1::text[])', [[...incoming]]);
      const ridOf = new Map(existing.map((r) => [r.id, Number(r.rid)]));
      await removeBuildings(c, [...ridOf.keys()]);
      const { rows: maxRows } = await c.query<{ max: string | null }>('SELECT max(rid) AS max FROM buildings');
      let nextRid = Number(maxRows[0].max ?? 0) + 1;
      const rows = buildings.map((b) => {
        const old = ridOf.get(b.id);
        if (old === undefined) report.inserted++;
        else report.updated++;
        // An updated building keeps its rid, so allBuildings keeps its order.
        return buildingRow(b, old ?? nextRid++);
      });
      await insertSpatial(c, 'buildings', rows);
      await writeMeshes(c, buildings, false);
      // Not delete-and-insert: that would drop every feature of the collection.
      await c.query('INSERT INTO collections(id, meta) VALUES ($1, $2::json) ON CONFLICT (id) DO UPDATE SET meta = excluded.meta', [
        collection.meta.id,
        JSON.stringify(collection.meta),
      ]);
      await insertFeatures(c, 'buildings', collection.features);
      await writeMeta(c, meta);
      return report;
    });
  }

  async meta(): Promise<DatasetMeta | undefined> {
    return readMeta(this.pool);
  }

  async counts(): Promise<StoreCounts> {
    const { rows } = await this.pool.query<StoreCounts>(
      `SELECT (SELECT count(*)::int FROM buildings) AS buildings, (SELECT count(*)::int FROM addresses) AS addresses,
              (SELECT count(*)::int FROM streets) AS streets, (SELECT count(*)::int FROM areas) AS areas,
              (SELECT count(*)::int FROM buurten) AS buurten`,
    );
    return rows[0];
  }

  async extent(): Promise<BboxRd | undefined> {
    const { rows } = await this.pool.query<{ a: number | null; b: number; c: number; d: number }>(
      'SELECT min(minx) AS a, min(miny) AS b, max(maxx) AS c, max(maxy) AS d FROM buildings',
    );
    const r = rows[0];
    return r.a === null ? undefined : [r.a, r.b, r.c, r.d];
  }

  async building(id: string): Promise<Building | undefined> {
    const { rows } = await this.pool.query<{ data: Building; mesh: Buffer | null }>(
      'SELECT b.data, m.mesh FROM buildings b LEFT JOIN building_meshes m ON m.id = b.id WHERE b.id = $1',
      [id],
    );
    const r = rows[0];
    if (!r) return undefined;
    return r.mesh ? { ...r.data, lod2: decodeMesh(r.mesh) } : r.data;
  }

  async buildings(query: BboxQuery): Promise<Building[]> {
    return this.inBbox<Building>('buildings', query);
  }

  async *allBuildings(): AsyncIterable<Building> {
    let after = 0;
    for (;;) {
      const { rows } = await this.pool.query<{ rid: string; data: Building; mesh: Buffer | null }>(
        'SELECT b.rid, b.data, m.mesh FROM buildings b LEFT JOIN building_meshes m ON m.id = b.id WHERE b.rid > $1 ORDER BY b.rid LIMIT $2',
        [after, STREAM_PAGE],
      );
      if (rows.length === 0) return;
      for (const r of rows) yield r.mesh ? { ...r.data, lod2: decodeMesh(r.mesh) } : r.data;
      after = Number(rows[rows.length - 1].rid);
    }
  }

  async address(id: string): Promise<Address | undefined> {
    return this.byId<Address>('addresses', id);
  }

  async addresses(query: BboxQuery): Promise<Address[]> {
    return this.inBbox<Address>('addresses', query);
  }

  async addressesOfBuilding(buildingId: string): Promise<Address[]> {
    const { rows } = await this.pool.query<{ data: Address }>('SELECT data FROM addresses WHERE parent = $1 ORDER BY rid', [buildingId]);
    return rows.map((r) => r.data);
  }

  async streets(query: BboxQuery): Promise<Street[]> {
    return this.inBbox<Street>('streets', query);
  }

  async areas(query: BboxQuery): Promise<Area[]> {
    return this.inBbox<Area>('areas', query);
  }

  async buurten(): Promise<Buurt[]> {
    // COLLATE "C": byte order, as SQLite sorts, whatever the database's locale.
    const { rows } = await this.pool.query<{ data: Buurt }>('SELECT data FROM buurten ORDER BY code COLLATE "C"');
    return rows.map((r) => r.data);
  }

  async replaceCollection(meta: CollectionMeta, features: FeatureRd[]): Promise<void> {
    await this.transaction((c) => writeCollection(c, meta, features));
  }

  async collections(): Promise<CollectionMeta[]> {
    return readCollections(this.pool);
  }

  async collection(id: string): Promise<CollectionMeta | undefined> {
    return readCollection(this.pool, id);
  }

  async collectionItems(collectionId: string, query: CollectionQuery): Promise<CollectionPage> {
    const meta = await readCollection(this.pool, collectionId);
    if (!meta) throw new Error(`no collection ${collectionId}`);
    return readItems(this.pool, meta, query);
  }

  async collectionItem(collectionId: string, featureId: string): Promise<FeatureRd | undefined> {
    return readItem(this.pool, collectionId, featureId);
  }

  async replaceDocument(kind: string, id: string, value: unknown, collections: { meta: CollectionMeta; features: FeatureRd[] }[] = []): Promise<void> {
    await this.transaction(async (c) => {
      await c.query('INSERT INTO documents(kind, id, data) VALUES ($1, $2, $3::json) ON CONFLICT (kind, id) DO UPDATE SET data = excluded.data', [
        kind,
        id,
        JSON.stringify(value),
      ]);
      for (const col of collections) await writeCollection(c, col.meta, col.features);
    });
  }

  async document<T>(kind: string, id: string): Promise<T | undefined> {
    const { rows } = await this.pool.query<{ data: T }>('SELECT data FROM documents WHERE kind = $1 AND id = $2', [kind, id]);
    return rows[0]?.data;
  }

  async health(): Promise<Record<string, number | string | boolean>> {
    let reachable = true;
    let schemaVersion = 0;
    try {
      const { rows } = await this.pool.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
      schemaVersion = rows[0].v ?? 0;
    } catch {
      reachable = false;
    }
    return {
      store: 'postgis',
      reachable,
      schemaVersion,
      poolMax: this.maxConnections,
      poolTotal: this.pool.totalCount,
      poolIdle: this.pool.idleCount,
      poolWaiting: this.pool.waitingCount,
      ...(this.lastPoolError() ? { lastPoolError: this.lastPoolError() } : {}),
    };
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  private async byId<T>(table: SpatialTable, id: string): Promise<T | undefined> {
    const { rows } = await this.pool.query<{ data: T }>(`SELECT data FROM ${table} WHERE id = $1`, [id]);
    return rows[0]?.data;
  }

  private async inBbox<T>(table: SpatialTable, { bbox, limit, offset = 0 }: BboxQuery): Promise<T[]> {
    const { rows } = bbox
      ? await this.pool.query<{ data: T }>(`SELECT t.data FROM ${table} t WHERE ${bboxCondition('t', 1)} ORDER BY t.rid LIMIT $5 OFFSET $6`, [
          ...bbox,
          limit,
          offset,
        ])
      : await this.pool.query<{ data: T }>(`SELECT data FROM ${table} ORDER BY rid LIMIT $1 OFFSET $2`, [limit, offset]);
    return rows.map((r) => r.data);
  }
}
