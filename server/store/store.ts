// The storage contract every backend implements. Asynchronous on purpose: the SQLite store answers at once,
// the PostGIS store (scale-out) will go over the network, and callers must not notice the difference.
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

export interface Store {
  /** Replaces the whole municipality in one transaction: on any error the store is left as it was. */
  importMunicipality(municipality: Municipality, onProgress?: (done: number, total: number) => void): Promise<void>;
  meta(): Promise<DatasetMeta | undefined>;
  counts(): Promise<StoreCounts>;
  /** Full extent of all buildings, or undefined when the store is empty. */
  extent(): Promise<BboxRd | undefined>;

  building(id: string): Promise<Building | undefined>;
  buildings(query: BboxQuery): Promise<Building[]>;
  /** Streams every building in id order; for tiling and exports. */
  allBuildings(): AsyncIterable<Building>;

  address(id: string): Promise<Address | undefined>;
  addresses(query: BboxQuery): Promise<Address[]>;
  addressesOfBuilding(buildingId: string): Promise<Address[]>;

  streets(query: BboxQuery): Promise<Street[]>;
  areas(query: BboxQuery): Promise<Area[]>;
  buurten(): Promise<Buurt[]>;

  /** Liveness details for /api/health (e.g. WAL size). */
  health(): Promise<Record<string, number | string | boolean>>;
  close(): Promise<void>;
}
