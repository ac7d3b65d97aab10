// The 5G scenario endpoints (server/api/fiveg-router.ts) and the existing antennas (OGC collection `antennes`).
import type { CandidatePayload } from '../fiveg/fiveg-candidate.ts';
import type { CoverageGrid } from '../fiveg/coverage-image.ts';
import type { BuurtCoverage, ThresholdShare } from '../fiveg/coverage-summary.ts';
import type { BuurtExposure } from '../fiveg/exposure-rows.ts';
import type { OptimiseResponse } from '../fiveg/fiveg-optimise.ts';
import type { Verdict } from './plan-api.ts';
import { type JobProgress, runJob } from './scenario-job.ts';
import { fetchAllFeatures } from './feature-api.ts';
import { ApiError } from './twin-api.ts';

export interface ExistingAntenna {
  id: string;
  siteId: string;
  operator: string;
  kind: string;
  lonLat: [number, number];
  /** Antenna centre above ground, metres (rooftop: building plus support). */
  heightM: number;
  band: string;
  azimuthDeg: number;
  downtiltDeg: number;
  hBeamwidthDeg: number;
  vBeamwidthDeg: number;
  safetyDistanceM: number;
}

export interface CoverageResponse {
  summary: { addresses: { total: number; atLeast: ThresholdShare[] }; antennas: number; sites: number; seconds: number };
  buurten: BuurtCoverage[];
  antennas: { id: string; operator: string; band: string; safetyDistanceM: number }[];
  /** Per address: best RSRP and the total exposure ratio (TER, 1 = ICNIRP reference level). */
  addresses: { ids: string[]; bestRsrpDbm: (number | null)[]; ter?: (number | null)[] } | null;
  grid: CoverageGrid | null;
  options: { thresholdsDbm: number[] };
  /** Highest total exposure ratio (1 = ICNIRP reference level) per buurt and town-wide. */
  exposure?: { perBuurt: BuurtExposure[]; maxTer: number };
}

export interface SitingReason {
  text: string;
  textEn?: string;
  verdict: Verdict;
}

export interface SitingResponse {
  verdict: Verdict;
  placement: { verdict: Verdict; reasons: SitingReason[] } | null;
  emf: { safetyDistanceM: number; addressesAffected: number; ok: boolean };
  reasons: SitingReason[];
}

async function postJson<T>(url: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok) throw new ApiError(url, response.status);
  return (await response.json()) as T;
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export async function fetchExistingAntennas(url = '/ogc/collections/antennes/items', signal?: AbortSignal): Promise<ExistingAntenna[]> {
  const features = await fetchAllFeatures(url, signal);
  const antennas: ExistingAntenna[] = [];
  for (const f of features) {
    const g = f.geometry;
    if (g?.type !== 'Point') continue;
    const [lon, lat] = g.coordinates as [number, number];
    const p = f.properties as Record<string, unknown>;
    antennas.push({
      id: String(f.id ?? ''),
      siteId: String(p.siteId ?? f.id ?? ''),
      operator: String(p.operator ?? ''),
      kind: String(p.kind ?? ''),
      lonLat: [lon, lat],
      heightM: num(p.heightM, 20),
      band: String(p.band ?? ''),
      azimuthDeg: num(p.azimuthDeg, 0),
      downtiltDeg: num(p.downtiltDeg, 6),
      hBeamwidthDeg: num(p.hBeamwidthDeg, 65),
      vBeamwidthDeg: num(p.vBeamwidthDeg, 10),
      safetyDistanceM: num(p.safetyDistanceM, 0),
    });
  }
  return antennas;
}

export interface CoverageRequest {
  candidates: CandidatePayload[];
  useStoredAntennas: boolean;
  /** Street grid spacing; the grid is most of the server's work (10 m takes ~4× as long as 20 m). */
  gridCellM: number;
}

export function coverageBody(request: CoverageRequest): unknown {
  return {
    candidates: request.candidates,
    options: { gridCellM: request.gridCellM },
    useStoredAntennas: request.useStoredAntennas,
    include: { addresses: true, grid: true },
  };
}

/** Runs as a server job: progress while it runs, and aborting the signal cancels it on the server. */
export function runCoverage(request: CoverageRequest, signal?: AbortSignal, onProgress?: (progress: JobProgress) => void): Promise<CoverageResponse> {
  return runJob<CoverageResponse>('/api/fiveg/coverage/jobs', coverageBody(request), { signal, onProgress });
}

export function checkSiting(candidate: CandidatePayload, signal?: AbortSignal): Promise<SitingResponse> {
  return postJson<SitingResponse>('/api/fiveg/siting', { candidate }, signal);
}

/** Address id → building id, for colouring buildings by their addresses' coverage. */
export async function fetchAddressBuildings(signal?: AbortSignal): Promise<Map<string, string>> {
  const features = await fetchAllFeatures('/ogc/collections/addresses/items', signal);
  const map = new Map<string, string>();
  for (const f of features) {
    const building = (f.properties as Record<string, unknown>)?.buildingId;
    if (f.id !== undefined && typeof building === 'string') map.set(String(f.id), building);
  }
  return map;
}

/** Body from optimiseRequestBody (client/fiveg/fiveg-optimise.ts). */
export function runOptimise(body: unknown, signal?: AbortSignal, onProgress?: (progress: JobProgress) => void): Promise<OptimiseResponse> {
  return runJob<OptimiseResponse>('/api/fiveg/optimise/jobs', body, { signal, onProgress });
}
