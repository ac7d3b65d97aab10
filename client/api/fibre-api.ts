// The fibre roll-out planner endpoints (server/api/fibre-router.ts) and the collections it draws on.
import type { Verdict } from './plan-api.ts';
import { type JobProgress, runJob } from './scenario-job.ts';
import { fetchAllFeatures } from './feature-api.ts';
import { fetchJson } from './twin-api.ts';
import type { UnitCosts } from '../fibre/fibre-request.ts';

export interface PopSite {
  id: string;
  name: string;
  positionLonLat: [number, number];
}

export interface FibreDefaults {
  unitCosts: UnitCosts;
  takeRate: number;
  popSites: PopSite[];
  disclaimer?: { nl: string; en: string };
}

export interface FibreBuurtRow {
  code: string;
  name: string | null;
  homesTargeted: number;
  homesPassed: number;
  homesConnected: number;
  capexTotalEur: number;
  costPerHomePassedEur: number | null;
  whiteSpotShare: number | null;
}

export interface FibrePhase {
  year: number;
  buurtCodes: string[];
  costEur: number;
  overBudget: boolean;
}

export interface NetworkFeature {
  type: 'Feature';
  geometry: { type: 'LineString'; coordinates: [number, number][] } | { type: 'Point'; coordinates: [number, number] };
  properties: { kind: 'route' | 'cabinet' | 'pop' | string; cableFibres?: number; fibres?: number; siteVerdict?: Verdict; siteReasons?: string | null; homes?: number };
}

export interface FibreDesign {
  summary: {
    homesTargeted: number;
    homesPassed: number;
    homesConnected: number;
    homesAlreadyFibre: number;
    homesDisconnected: number;
    routeM: number;
    trenchM: number;
    capexPassedEur: number;
    capexTotalEur: number;
    costPerHomePassedEur: number | null;
    costPerHomeConnectedEur: number | null;
  };
  trenchMBySurface: Record<string, number>;
  costs: Record<string, number | null>;
  buurten: FibreBuurtRow[];
  phases: FibrePhase[];
  cabinets: { count: number; checkedAgainstOmgevingsplan: boolean; notAllowed: number };
  network: { type: 'FeatureCollection'; features: NetworkFeature[] };
  disconnected: { count: number; listed: { addressId: string; buurtCode: string | null; reason: string }[] };
  disclaimer?: { nl: string; en: string };
}

export interface Buurt {
  code: string;
  name: string;
  households: number;
}

export interface FibreAddress {
  id: string;
  lonLat: [number, number];
  hasFibre: boolean;
  buurtCode: string;
}

export async function fetchFibreDefaults(): Promise<FibreDefaults> {
  const body = await fetchJson<FibreDefaults>('/api/fibre/defaults');
  return { ...body, popSites: Array.isArray(body?.popSites) ? body.popSites : [] };
}

export async function fetchBuurten(): Promise<Buurt[]> {
  const features = await fetchAllFeatures('/ogc/collections/buurten/items');
  return features
    .map((f) => f.properties as Record<string, unknown>)
    .map((p) => ({ code: String(p.code ?? ''), name: String(p.name ?? p.code ?? ''), households: Number(p.households ?? 0) }))
    .filter((b) => b.code !== '');
}

/** Every address with its current fixed-network coverage (glasvezel-dekking: fibre, coax, …). */
export async function fetchFibreAddresses(): Promise<FibreAddress[]> {
  const features = await fetchAllFeatures('/ogc/collections/glasvezel-dekking/items');
  const out: FibreAddress[] = [];
  for (const f of features) {
    if (f.geometry?.type !== 'Point') continue;
    const p = f.properties as Record<string, unknown>;
    out.push({ id: String(f.id ?? ''), lonLat: f.geometry.coordinates as [number, number], hasFibre: p.dekking === 'fibre', buurtCode: String(p.buurtCode ?? '') });
  }
  return out;
}

/** Runs as a server job: progress while it runs, and aborting the signal cancels it on the server. */
export function designFibre(body: unknown, signal?: AbortSignal, onProgress?: (progress: JobProgress) => void): Promise<FibreDesign> {
  return runJob<FibreDesign>('/api/fibre/design/jobs', body, { signal, onProgress });
}
