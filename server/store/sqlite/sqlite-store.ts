// The embedded default store: one SQLite file (better-sqlite3), WAL, R*Tree bbox indexes.
// better-sqlite3 is synchronous; the async Store contract is met by returning settled promises.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CollectionMeta, CollectionPage, CollectionQuery, FeatureRd } from '../../contracts/feature.ts';
import type { Address, Area, BboxRd, Building, Buurt, DatasetMeta, Municipality, Street } from '../../contracts/model.ts';
import { bboxOfPoints, geometryBbox } from '../../geo/bbox.ts';
import { coreCollections } from '../core-collections.ts';
import type { BboxQuery, BuildingUpsertReport, Provenance, Store, StoreCounts } from '../store.ts';
import { decodeMesh, encodeMesh } from './mesh-codec.ts';
import { readCollection, readCollections, readItem, readItems, writeCollection } from './sqlite-collections.ts';
import { SCHEMA_VERSION, SPATIAL_TABLES, type SpatialTable, schemaSql } from './schema.ts';
import { assertSoundDatabase, withWritableCheck } from './open-checks.ts';

/** Rows read per query when streaming, so no read snapshot stays open across an await. */
const STREAM_PAGE = 1000;
const WAL_LIMIT_BYTES = 64 * 1024 * 1024;

export interface SqliteStoreOptions {
  readonly?: boolean;
}

export async function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Promise<Store> {
  return new SqliteStore(file, options);
}

interface SpatialRow {
  id: string;
  parent: string | null;
  data: unknown;
  bbox: BboxRd;
}

class SqliteStore implements Store {
  private readonly db: Database.Database;
  /** False for a read-only store written before meshes were stored (schema tables are created on writable opens). */
  private readonly hasMeshTable: boolean;

  constructor(
    private readonly file: string,
    options: SqliteStoreOptions,
  ) {
    if (!options.readonly) fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    // Fail now, with a clear message, on a file that is not a database rather than on the first query.
    assertSoundDatabase(this.db, file);
    this.db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      withWritableCheck(this.db, file, () => {
        this.db.pragma('journal_mode = WAL');
        this.db.pragma('synchronous = FULL');
        this.db.pragma(`journal_size_limit = ${WAL_LIMIT_BYTES}`);
        this.db.pragma('foreign_keys = ON');
        this.db.exec(schemaSql());
        this.db.prepare('INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)').run('schemaVersion', String(SCHEMA_VERSION));
      });
    }
    this.hasMeshTable = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'building_meshes'").get() !== undefined;
  }

  async importMunicipality(m: Municipality, onProgress?: (done: number, total: number) => void): Promise<void> {
    const total = m.buildings.length + m.addresses.length + m.streets.length + m.areas.length + m.buurten.length;
    let done = 0;
    const tick = () => {
      done++;
      if (onProgress && (done % 2000 === 0 || done === total)) onProgress(done, total);
    };
    const rows: Record<SpatialTable, SpatialRow[]> = {
      buildings: m.buildings.map((b) => ({ id: b.id, parent: null, data: withoutMesh(b), bbox: bboxOfPoints(b.footprint[0]) })),
      addresses: m.addresses.map((a) => ({
        id: a.id,
        parent: a.buildingId,
        data: a,
        bbox: [a.position[0], a.position[1], a.position[0], a.position[1]] as BboxRd,
      })),
      streets: m.streets.map((s) => ({ id: s.id, parent: null, data: s, bbox: bboxOfPoints(s.line) })),
      areas: m.areas.map((a) => ({ id: a.id, parent: null, data: a, bbox: bboxOfPoints(a.polygon[0]) })),
    };
    const replaceAll = this.db.transaction(() => {
      for (const t of SPATIAL_TABLES) {
        this.db.exec(`DELETE FROM ${t}; DELETE FROM ${t}_rtree;`);
        const insert = this.db.prepare(`INSERT INTO ${t}(rid, id, parent, data) VALUES (?, ?, ?, ?)`);
        const index = this.db.prepare(`INSERT INTO ${t}_rtree(rid, minx, maxx, miny, maxy) VALUES (?, ?, ?, ?, ?)`);
        rows[t].forEach((row, i) => {
          const rid = i + 1;
          insert.run(rid, row.id, row.parent, JSON.stringify(row.data));
          index.run(rid, row.bbox[0], row.bbox[2], row.bbox[1], row.bbox[3]);
          tick();
        });
      }
      this.writeMeshes(m.buildings);
      this.db.exec('DELETE FROM buurten');
      const insertBuurt = this.db.prepare('INSERT INTO buurten(code, data) VALUES (?, ?)');
      for (const b of m.buurten) {
        insertBuurt.run(b.code, JSON.stringify(b));
        tick();
      }
      for (const c of coreCollections(m)) writeCollection(this.db, c.meta, c.features);
      this.db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run('dataset', JSON.stringify(m.meta));
    });
    replaceAll();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async replaceBuildings(meta: DatasetMeta, buildings: Building[]): Promise<void> {
    const emptyRest = { addresses: [], streets: [], areas: [], buurten: [] };
    const collection = coreCollections({ meta, buildings, ...emptyRest }).find((c) => c.meta.id === 'buildings');
    this.db.transaction(() => {
      this.db.exec('DELETE FROM buildings; DELETE FROM buildings_rtree;');
      const insert = this.db.prepare('INSERT INTO buildings(rid, id, parent, data) VALUES (?, ?, NULL, ?)');
      const index = this.db.prepare('INSERT INTO buildings_rtree(rid, minx, maxx, miny, maxy) VALUES (?, ?, ?, ?, ?)');
      buildings.forEach((b, i) => {
        const bbox = bboxOfPoints(b.footprint[0]);
        insert.run(i + 1, b.id, JSON.stringify(withoutMesh(b)));
        index.run(i + 1, bbox[0], bbox[2], bbox[1], bbox[3]);
      });
      this.writeMeshes(buildings);
      if (collection) writeCollection(this.db, collection.meta, collection.features);
      this.db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run('dataset', JSON.stringify(meta));
    })();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async replaceStreets(streets: Street[], provenance?: Provenance): Promise<void> {
    this.replaceSpatial('streets', streets.map((s) => ({ id: s.id, parent: null, data: s, bbox: bboxOfPoints(s.line) })), { streets }, provenance);
  }

  async replaceAddresses(addresses: Address[], provenance?: Provenance): Promise<void> {
    const rows = addresses.map((a) => ({ id: a.id, parent: a.buildingId, data: a, bbox: [a.position[0], a.position[1], a.position[0], a.position[1]] as BboxRd }));
    this.replaceSpatial('addresses', rows, { addresses }, provenance);
  }

  /** One spatial table, its R*Tree and its core collection, in one transaction; the dataset meta stays as it is. */
  private replaceSpatial(table: 'streets' | 'addresses', rows: SpatialRow[], records: Partial<Pick<Municipality, 'streets' | 'addresses'>>, provenance?: Provenance): void {
    const metaRow = this.db.prepare("SELECT value FROM meta WHERE key = 'dataset'").get() as { value: string } | undefined;
    const datasetMeta: DatasetMeta = metaRow
      ? (JSON.parse(metaRow.value) as DatasetMeta)
      : { name: '', municipalityCode: '', source: 'import', licence: 'unknown', date: new Date().toISOString().slice(0, 10), synthetic: false, geoidHeightM: 0 };
    // Imported records are real data with their own source and licence, not part of a synthetic dataset.
    const meta: DatasetMeta = provenance ? { ...datasetMeta, ...provenance, synthetic: false } : datasetMeta;
    const collection = coreCollections({ meta, buildings: [], addresses: [], streets: [], areas: [], buurten: [], ...records }).find((c) => c.meta.id === table);
    this.db.transaction(() => {
      this.db.exec(`DELETE FROM ${table}; DELETE FROM ${table}_rtree;`);
      const insert = this.db.prepare(`INSERT INTO ${table}(rid, id, parent, data) VALUES (?, ?, ?, ?)`);
      const index = this.db.prepare(`INSERT INTO ${table}_rtree(rid, minx, maxx, miny, maxy) VALUES (?, ?, ?, ?, ?)`);
      rows.forEach((row, i) => {
        insert.run(i + 1, row.id, row.parent, JSON.stringify(row.data));
        index.run(i + 1, row.bbox[0], row.bbox[2], row.bbox[1], row.bbox[3]);
      });
      if (collection) writeCollection(this.db, collection.meta, collection.features);
    })();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async upsertBuildings(meta: DatasetMeta, buildings: Building[], area?: BboxRd): Promise<BuildingUpsertReport> {
    const emptyRest = { addresses: [], streets: [], areas: [], buurten: [] };
    const collection = coreCollections({ meta, buildings, ...emptyRest }).find((c) => c.meta.id === 'buildings');
    const report: BuildingUpsertReport = { inserted: 0, updated: 0, removed: [] };
    const incoming = new Set(buildings.map((b) => b.id));
    this.db.transaction(() => {
      const ridOf = this.db.prepare('SELECT rid FROM buildings WHERE id = ?').pluck();
      const dropFeature = this.db.prepare(
        "DELETE FROM features_rtree WHERE rid IN (SELECT rid FROM features WHERE collection = 'buildings' AND id = ?)",
      );
      const remove = (id: string, rid: number): void => {
        this.db.prepare('DELETE FROM buildings WHERE rid = ?').run(rid);
        this.db.prepare('DELETE FROM buildings_rtree WHERE rid = ?').run(rid);
        this.db.prepare('DELETE FROM building_meshes WHERE id = ?').run(id);
        dropFeature.run(id);
        this.db.prepare("DELETE FROM features WHERE collection = 'buildings' AND id = ?").run(id);
      };
      if (area) {
        // Contained, not intersecting: a building crossing the area's edge may belong to a neighbouring area.
        const inside = this.db
          .prepare('SELECT b.rid, b.id FROM buildings_rtree r JOIN buildings b ON b.rid = r.rid WHERE r.minx >= ? AND r.maxx <= ? AND r.miny >= ? AND r.maxy <= ?')
          .all(area[0], area[2], area[1], area[3]) as { rid: number; id: string }[];
        for (const row of inside) {
          if (incoming.has(row.id)) continue;
          remove(row.id, row.rid);
          report.removed.push(row.id);
        }
      }
      const insert = this.db.prepare('INSERT INTO buildings(rid, id, parent, data) VALUES (?, ?, NULL, ?)');
      const index = this.db.prepare('INSERT INTO buildings_rtree(rid, minx, maxx, miny, maxy) VALUES (?, ?, ?, ?, ?)');
      const insertMesh = this.db.prepare('INSERT INTO building_meshes(id, mesh) VALUES (?, ?)');
      let nextRid = ((this.db.prepare('SELECT max(rid) FROM buildings').pluck().get() as number | null) ?? 0) + 1;
      for (const b of buildings) {
        const old = ridOf.get(b.id) as number | undefined;
        if (old === undefined) report.inserted++;
        else {
          remove(b.id, old);
          report.updated++;
        }
        // An updated building keeps its rid, so allBuildings keeps its order.
        const rid = old ?? nextRid++;
        const bbox = bboxOfPoints(b.footprint[0]);
        insert.run(rid, b.id, JSON.stringify(withoutMesh(b)));
        index.run(rid, bbox[0], bbox[2], bbox[1], bbox[3]);
        if (b.lod2) insertMesh.run(b.id, encodeMesh(b.lod2));
      }
      if (collection) {
        // Not INSERT OR REPLACE: replacing the row would cascade-delete every feature of the collection.
        this.db
          .prepare('INSERT INTO collections(id, meta) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET meta = excluded.meta')
          .run(collection.meta.id, JSON.stringify(collection.meta));
        const insertFeature = this.db.prepare("INSERT INTO features(collection, id, data) VALUES ('buildings', ?, ?)");
        const indexFeature = this.db.prepare('INSERT INTO features_rtree(rid, minx, maxx, miny, maxy) VALUES (?, ?, ?, ?, ?)');
        for (const f of collection.features) {
          const { lastInsertRowid } = insertFeature.run(f.id, JSON.stringify(f));
          const [minX, minY, maxX, maxY] = geometryBbox(f.geometry!);
          indexFeature.run(lastInsertRowid, minX, maxX, minY, maxY);
        }
      }
      this.db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run('dataset', JSON.stringify(meta));
    })();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return report;
  }

  /** Call inside a transaction: replaces every stored mesh by the given buildings' meshes. */
  private writeMeshes(buildings: readonly Building[]): void {
    this.db.exec('DELETE FROM building_meshes');
    const insert = this.db.prepare('INSERT INTO building_meshes(id, mesh) VALUES (?, ?)');
    for (const b of buildings) if (b.lod2) insert.run(b.id, encodeMesh(b.lod2));
  }

  private meshOf(id: string): Building['lod2'] {
    if (!this.hasMeshTable) return undefined;
    const row = this.db.prepare('SELECT mesh FROM building_meshes WHERE id = ?').get(id) as { mesh: Buffer } | undefined;
    return row ? decodeMesh(row.mesh) : undefined;
  }

  async meta(): Promise<DatasetMeta | undefined> {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get('dataset') as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as DatasetMeta) : undefined;
  }

  async counts(): Promise<StoreCounts> {
    const count = (t: string) => (this.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    return {
      buildings: count('buildings'),
      addresses: count('addresses'),
      streets: count('streets'),
      areas: count('areas'),
      buurten: count('buurten'),
    };
  }

  async extent(): Promise<BboxRd | undefined> {
    const row = this.db
      .prepare('SELECT min(minx) AS a, min(miny) AS b, max(maxx) AS c, max(maxy) AS d FROM buildings_rtree')
      .get() as { a: number | null; b: number; c: number; d: number };
    return row.a === null ? undefined : [row.a, row.b, row.c, row.d];
  }

  async building(id: string): Promise<Building | undefined> {
    const building = this.byId<Building>('buildings', id);
    const mesh = building ? this.meshOf(id) : undefined;
    return building && mesh ? { ...building, lod2: mesh } : building;
  }

  async buildings(query: BboxQuery): Promise<Building[]> {
    return this.inBbox<Building>('buildings', query);
  }

  async *allBuildings(): AsyncIterable<Building> {
    let after = 0;
    const page = this.hasMeshTable
      ? this.db.prepare(
          'SELECT b.rid, b.data, m.mesh FROM buildings b LEFT JOIN building_meshes m ON m.id = b.id WHERE b.rid > ? ORDER BY b.rid LIMIT ?',
        )
      : this.db.prepare('SELECT rid, data, NULL AS mesh FROM buildings WHERE rid > ? ORDER BY rid LIMIT ?');
    for (;;) {
      const rows = page.all(after, STREAM_PAGE) as { rid: number; data: string; mesh: Buffer | null }[];
      if (rows.length === 0) return;
      for (const r of rows) {
        const building = JSON.parse(r.data) as Building;
        yield r.mesh ? { ...building, lod2: decodeMesh(r.mesh) } : building;
      }
      after = rows[rows.length - 1].rid;
    }
  }

  async address(id: string): Promise<Address | undefined> {
    return this.byId<Address>('addresses', id);
  }

  async addresses(query: BboxQuery): Promise<Address[]> {
    return this.inBbox<Address>('addresses', query);
  }

  async addressesOfBuilding(buildingId: string): Promise<Address[]> {
    const rows = this.db.prepare('SELECT data FROM addresses WHERE parent = ? ORDER BY rid').all(buildingId) as {
      data: string;
    }[];
    return rows.map((r) => JSON.parse(r.data) as Address);
  }

  async streets(query: BboxQuery): Promise<Street[]> {
    return this.inBbox<Street>('streets', query);
  }

  async areas(query: BboxQuery): Promise<Area[]> {
    return this.inBbox<Area>('areas', query);
  }

  async buurten(): Promise<Buurt[]> {
    const rows = this.db.prepare('SELECT data FROM buurten ORDER BY code').all() as { data: string }[];
    return rows.map((r) => JSON.parse(r.data) as Buurt);
  }

  async replaceCollection(meta: CollectionMeta, features: FeatureRd[]): Promise<void> {
    this.db.transaction(() => writeCollection(this.db, meta, features))();
  }

  async collections(): Promise<CollectionMeta[]> {
    return readCollections(this.db);
  }

  async collection(id: string): Promise<CollectionMeta | undefined> {
    return readCollection(this.db, id);
  }

  async collectionItems(collectionId: string, query: CollectionQuery): Promise<CollectionPage> {
    const meta = readCollection(this.db, collectionId);
    if (!meta) throw new Error(`no collection ${collectionId}`);
    return readItems(this.db, meta, query);
  }

  async collectionItem(collectionId: string, featureId: string): Promise<FeatureRd | undefined> {
    return readItem(this.db, collectionId, featureId);
  }

  async replaceDocument(
    kind: string,
    id: string,
    value: unknown,
    collections: { meta: CollectionMeta; features: FeatureRd[] }[] = [],
  ): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('INSERT OR REPLACE INTO documents(kind, id, data) VALUES (?, ?, ?)').run(kind, id, JSON.stringify(value));
      for (const c of collections) writeCollection(this.db, c.meta, c.features);
    })();
  }

  async document<T>(kind: string, id: string): Promise<T | undefined> {
    const row = this.db.prepare('SELECT data FROM documents WHERE kind = ? AND id = ?').get(kind, id) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as T) : undefined;
  }

  async health(): Promise<Record<string, number | string | boolean>> {
    let walBytes = 0;
    try {
      walBytes = fs.statSync(`${this.file}-wal`).size;
    } catch {
      walBytes = 0;
    }
    return { store: 'sqlite', walBytes };
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    if (!this.db.readonly) this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }

  private byId<T>(table: SpatialTable, id: string): T | undefined {
    const row = this.db.prepare(`SELECT data FROM ${table} WHERE id = ?`).get(id) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as T) : undefined;
  }

  private inBbox<T>(table: SpatialTable, { bbox, limit, offset = 0 }: BboxQuery): T[] {
    const rows = bbox
      ? (this.db
          .prepare(
            `SELECT t.data FROM ${table}_rtree r JOIN ${table} t ON t.rid = r.rid
             WHERE r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ?
             ORDER BY t.rid LIMIT ? OFFSET ?`,
          )
          .all(bbox[0], bbox[2], bbox[1], bbox[3], limit, offset) as { data: string }[])
      : (this.db.prepare(`SELECT data FROM ${table} ORDER BY rid LIMIT ? OFFSET ?`).all(limit, offset) as {
          data: string;
        }[]);
    return rows.map((r) => JSON.parse(r.data) as T);
  }
}


/** The record as stored in buildings.data: the mesh lives in building_meshes. */
function withoutMesh({ lod2: _mesh, ...rest }: Building): Omit<Building, 'lod2'> {
  return rest;
}
