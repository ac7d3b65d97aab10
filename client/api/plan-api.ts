// The omgevingsplan endpoints: rules at a point, a placement check, buildings above the height norm.
import type { LonLat, StructureKind } from '../state/app-state.ts';
import { ApiError, fetchJson } from './twin-api.ts';

export interface PlanNorm {
  naam: string;
  waarde: number | string | null;
  eenheid?: string | null;
}

export interface PlanRule {
  identificatie: string;
  titel?: string | null;
  tekst?: string | null;
  activiteiten?: (string | { naam?: string; identificatie?: string })[];
  normen?: PlanNorm[];
  gebiedsaanwijzingen?: { type?: string; naam?: string }[];
}

export interface RulesAt {
  position?: unknown;
  locaties?: unknown[];
  regels: PlanRule[];
}

export const VERDICTS = ['allowed', 'permit-required', 'not-allowed'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface CheckReason {
  ruleId?: string;
  text: string;
  textEn?: string;
  verdict: Verdict;
}

export interface CheckResult {
  verdict: Verdict;
  reasons: CheckReason[];
}

export interface PlacementRequest {
  structure: { kind: StructureKind; heightM: number; widthM?: number; depthM?: number };
  lon: number;
  lat: number;
  buildingId?: string;
}

export interface Exceedance {
  id: string;
  heightM: number;
  maxHeightM: number;
}

export async function fetchRulesAt([lon, lat]: LonLat, signal?: AbortSignal): Promise<RulesAt> {
  const query = new URLSearchParams({ lon: lon.toFixed(7), lat: lat.toFixed(7) });
  const body = await fetchJson<RulesAt>(`/api/omgevingsplan/rules-at?${query}`, signal);
  return { ...body, regels: Array.isArray(body?.regels) ? body.regels : [] };
}

export async function checkPlacement(request: PlacementRequest, signal?: AbortSignal): Promise<CheckResult> {
  const url = '/api/omgevingsplan/check';
  const response = await fetch(url, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(request),
    signal,
  });
  if (!response.ok) throw new ApiError(url, response.status);
  return (await response.json()) as CheckResult;
}

export async function fetchExceedances(): Promise<Exceedance[]> {
  const body = await fetchJson<{ buildings?: Exceedance[] }>('/api/omgevingsplan/exceedances');
  return Array.isArray(body?.buildings) ? body.buildings : [];
}
