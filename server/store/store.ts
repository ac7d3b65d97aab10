// The storage contract every backend implements. Asynchronous on purpose: the SQLite store answers at once,
// the PostGIS store (scale-out) will go over the network, and callers must not notice the difference.
import type { CollectionMeta, CollectionPage, CollectionQuery, FeatureRd } from '../contracts/feature.ts';
import type { Address, Area, BboxRd, Building, Buurt, DatasetMeta, Municipality, Street } from '../contracts/model.ts';

export interface BboxQuery {
  bbox?: BboxRd;
  limit: number;
  offset?: number;
}

export interface StoreCounts {
  buildings: number;
  addresses: number;
  streets: number;
  areas: number;
  buurten: number;
}

/** Where an imported layer comes from: shown in the layer catalogue and OGC collection metadata. */
export type Provenance = Pick<DatasetMeta, 'source' | 'licence' | 'date'>;

export interface BuildingUpsertReport {
  inserted: number;
  updated: number;
  /** Ids of stored buildings removed because they lay inside `area` and were not upserted. */
  removed: string[];
}

export interface Store {
  /** Replaces the whole municipality in one transaction: on any error the store is left as it was. */
  importMunicipality(municipality: Municipality, onProgress?: (done: number, total: number) => void): Promise<void>;
  meta(): Promise<DatasetMeta | undefined>;
  counts(): Promise<StoreCounts>;
  /** Full extent of all buildings, or undefined when the store is empty. */
  extent(): Promise<BboxRd | undefined>;

  /**
   * Replaces only the buildings (records, imported meshes and the buildings collection) and the dataset meta,
   * in one transaction; addresses, streets, areas, buurten and other collections stay as they are.
   */
  replaceBuildings(meta: DatasetMeta, buildings: Building[]): Promise<void>;
  /**
   * Upserts buildings and the dataset meta in one transaction: each building replaces the stored one with the
   * same id (mesh included) or is added. With `area`, stored buildings whose footprint bbox lies entirely inside
   * it and that are not among `buildings` are removed (a re-imported area's demolished buildings). Everything
   * else stays as it is.
   */
  upsertBuildings(meta: DatasetMeta, buildings: Building[], area?: BboxRd): Promise<BuildingUpsertReport>;
  /**
   * Replaces only the streets (records, bbox index and the streets collection) in one transaction; `provenance`
   * (source, licence, date of the imported data) goes into the collection's metadata, else the dataset's is kept.
   */
  replaceStreets(streets: Street[], provenance?: Provenance): Promise<void>;
  /** Replaces only the addresses (records, bbox index and the addresses collection) in one transaction, like replaceStreets. */
  replaceAddresses(addresses: Address[], provenance?: Provenance): Promise<void>;

  /** One building, with its imported mesh (`lod2`) when it has one. */
  building(id: string): Promise<Building | undefined>;
  /** Buildings in a bbox, without meshes (lists stay small; use building(id) or allBuildings for meshes). */
  buildings(query: BboxQuery): Promise<Building[]>;
  /** Streams every building in id order, with its imported mesh; for tiling and exports. */
  allBuildings(): AsyncIterable<Building>;

  address(id: string): Promise<Address | undefined>;
  addresses(query: BboxQuery): Promise<Address[]>;
  addressesOfBuilding(buildingId: string): Promise<Address[]>;

  streets(query: BboxQuery): Promise<Street[]>;
  areas(query: BboxQuery): Promise<Area[]>;
  buurten(): Promise<Buurt[]>;

  /**
   * Feature collections: every vector layer as served over OGC API Features. The core records are written as
   * collections by importMunicipality; thematic layers (omgevingsplan, health, …) by replaceCollection.
   */
  /** Replaces one collection (metadata and all features) in one transaction. */
  replaceCollection(meta: CollectionMeta, features: FeatureRd[]): Promise<void>;
  collections(): Promise<CollectionMeta[]>;
  collection(id: string): Promise<CollectionMeta | undefined>;
  collectionItems(collectionId: string, query: CollectionQuery): Promise<CollectionPage>;
  collectionItem(collectionId: string, featureId: string): Promise<FeatureRd | undefined>;

  /**
   * Whole documents that are read as one (e.g. an omgevingsplan's rules and activities), with the collections
   * derived from them written in the same transaction.
   */
  replaceDocument(kind: string, id: string, value: unknown, collections?: { meta: CollectionMeta; features: FeatureRd[] }[]): Promise<void>;
  document<T>(kind: string, id: string): Promise<T | undefined>;

  /** Liveness details for /api/health (e.g. WAL size). */
  health(): Promise<Record<string, number | string | boolean>>;
  close(): Promise<void>;
}
