// The site optimiser as the 5G panel uses it: the POST /api/fiveg/optimise body (server/api/fiveg-router.ts), the
// chosen sites turned into panel candidates, and the data of the coverage-gain chart. Pure: positions arrive in RD
// New and are converted by the caller-supplied function at the edge.
import type { LonLat } from '../state/app-state.ts';
import { BANDS, MAX_CANDIDATES, type Band, type FivegCandidate } from './fiveg-candidate.ts';

export const OPTIMISE_LIMITS = { k: { min: 1, max: 10 }, rooftopCandidates: { min: 1, max: 1000 } } as const;
export const DEFAULT_OPTIMISE_K = 3;
export const DEFAULT_ROOFTOP_CANDIDATES = 200;

export interface OptimiseInput {
  k: number;
  rooftopCandidates: number;
  thresholdDbm: number;
  useStoredAntennas: boolean;
}

/** A chosen site as the server returns it (its antennaCandidate schema with defaults filled in). */
export interface OptimisedSite {
  id: string;
  kind: 'mast' | 'rooftop';
  x: number;
  y: number;
  heightM: number;
  buildingId?: string;
  bands: string[];
  azimuthsDeg: number[];
  downtiltDeg: number;
  eirpDbm: number;
}

export interface OptimiseResponse {
  selected: { candidateId: string; gainAddresses: number; cumulativeCovered: number; cumulativePercent: number }[];
  sites: OptimisedSite[];
  coveredBefore: number;
  coveredAfter: number;
  addresses: number;
  percentBefore: number;
  percentAfter: number;
  feasibleCandidates: number;
  thresholdDbm: number;
}

function isIntegerIn(value: number, { min, max }: { min: number; max: number }): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/** The request body; undefined when k or the candidate count is out of range or k exceeds the candidates. */
export function optimiseRequestBody(input: OptimiseInput): unknown {
  if (!isIntegerIn(input.k, OPTIMISE_LIMITS.k) || !isIntegerIn(input.rooftopCandidates, OPTIMISE_LIMITS.rooftopCandidates)) return undefined;
  if (input.k > input.rooftopCandidates) return undefined;
  return {
    k: input.k,
    rooftopCandidates: input.rooftopCandidates,
    thresholdDbm: input.thresholdDbm,
    useStoredAntennas: input.useStoredAntennas,
    // The baseline coverage needs no street grid; it is the slow part of a coverage run.
    options: { gridCellM: 0 },
  };
}

/**
 * The chosen sites appended to the current candidates, as many as fit under MAX_CANDIDATES; a site already in the
 * list (same building, or a mast within a metre) is not added twice.
 */
export function withOptimisedCandidates(current: readonly FivegCandidate[], sites: readonly OptimisedSite[], toLonLat: (x: number, y: number) => LonLat, toRd: (lonLat: LonLat) => [number, number]): FivegCandidate[] {
  const out = [...current];
  for (const site of sites) {
    if (out.length >= MAX_CANDIDATES) break;
    const duplicate = out.some((c) => {
      if (site.kind === 'rooftop') return c.kind === 'rooftop' && c.buildingId === site.buildingId;
      const [x, y] = toRd(c.lonLat);
      return c.kind === 'mast' && Math.hypot(x - site.x, y - site.y) < 1;
    });
    if (duplicate) continue;
    const band: Band = (BANDS as readonly string[]).includes(site.bands[0]) ? (site.bands[0] as Band) : 'n78';
    const base = { lonLat: toLonLat(site.x, site.y), heightM: site.heightM, azimuthsDeg: [...site.azimuthsDeg], downtiltDeg: site.downtiltDeg, eirpDbm: site.eirpDbm, band };
    out.push(site.kind === 'rooftop' && site.buildingId ? { kind: 'rooftop', buildingId: site.buildingId, ...base } : { kind: 'mast', ...base });
  }
  return out;
}

export interface OptimiseChartData {
  /** Share of addresses at or above the threshold with the current network, percent. */
  beforePercent: number;
  /** One bar per added site: the cumulative share after adding it, and what it added. */
  bars: { siteId: string; percent: number; gainAddresses: number }[];
  afterPercent: number;
  /** afterPercent − beforePercent, one decimal. */
  gainPoints: number;
}

export function optimiseChartData(response: OptimiseResponse): OptimiseChartData {
  return {
    beforePercent: response.percentBefore,
    bars: response.selected.map((s) => ({ siteId: s.candidateId, percent: s.cumulativePercent, gainAddresses: s.gainAddresses })),
    afterPercent: response.percentAfter,
    gainPoints: Math.round((response.percentAfter - response.percentBefore) * 10) / 10,
  };
}
