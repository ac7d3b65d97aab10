// The town a 5G run works on, loaded once from the store: buildings, addresses, buurten, the building BVH and the
// stored antennas. Holds no state itself; the job wrapper keeps one per store fingerprint.
import { createHash } from 'node:crypto';
import type { Address, Building, Buurt } from '../../contracts/model.ts';
import type { Store } from '../../store/store.ts';
import type { Antenna } from './antenna.ts';
import { ANTENNA_COLLECTION_ID, featureToAntenna } from './antenna-collection.ts';
import { type BuildingScene, buildBuildingScene } from './building-scene.ts';

export interface TownContext {
  /** Hash of the store's dataset identity and counts: changes when a new municipality or antenna set is written. */
  fingerprint: string;
  buildings: Building[];
  addresses: Address[];
  buurten: Buurt[];
  scene: BuildingScene;
  storedAntennas: Antenna[];
  buildingIndex: Map<string, number>;
}

/**
 * Identity of what is in the store: dataset metadata and counts (a municipality import replaces everything and
 * its metadata says which dataset it is), plus every stored antenna (few, and edited independently).
 */
export async function storeFingerprint(store: Store): Promise<string> {
  const [meta, counts, antennas] = await Promise.all([store.meta(), store.counts(), loadStoredAntennas(store)]);
  return createHash('sha256').update(JSON.stringify({ meta, counts, antennas })).digest('hex').slice(0, 32);
}

export async function loadTownContext(store: Store): Promise<TownContext> {
  const fingerprint = await storeFingerprint(store);
  const counts = await store.counts();
  const buildings: Building[] = [];
  for await (const b of store.allBuildings()) buildings.push(b);
  const addresses = await store.addresses({ limit: Math.max(1, counts.addresses) });
  const buurten = await store.buurten();
  const storedAntennas = await loadStoredAntennas(store);
  return { fingerprint, buildings, addresses, buurten, scene: buildBuildingScene(buildings), storedAntennas, buildingIndex: new Map(buildings.map((b, i) => [b.id, i])) };
}

export async function loadStoredAntennas(store: Store): Promise<Antenna[]> {
  if (!(await store.collection(ANTENNA_COLLECTION_ID))) return [];
  const out: Antenna[] = [];
  const pageSize = 5000;
  for (let offset = 0; ; offset += pageSize) {
    const page = await store.collectionItems(ANTENNA_COLLECTION_ID, { limit: pageSize, offset });
    for (const f of page.features) out.push(featureToAntenna(f));
    if (page.features.length < pageSize) return out;
  }
}
