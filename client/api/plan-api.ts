// The omgevingsplan endpoints: rules at a point, a placement check, buildings above the height norm.
import type { LonLat, StructureKind } from '../state/app-state.ts';
import { ApiError, fetchJson } from './twin-api.ts';

export interface PlanNorm {
  naam: string;
  waarde: number | string | null;
  eenheid?: string | null;
}

/** One juridische regel as the rules panel shows it: its text with the norms, activities and designations it carries. */
export interface PlanRule {
  identificatie: string;
  titel?: string | null;
  tekst?: string | null;
  activiteiten?: (string | { naam?: string; identificatie?: string })[];
  normen?: PlanNorm[];
  gebiedsaanwijzingen?: { type?: string; naam?: string }[];
}

export interface RulesAt {
  regels: PlanRule[];
  disclaimer?: string;
}

/** The server's GET /api/omgevingsplan/rules-at body (server/omgevingsplan/rules-at.ts): flat IMOW lists linked by rule id. */
export interface RulesAtResponse {
  regels?: { identificatie: string; regeltekst?: { titel?: string; tekst?: string } | null }[];
  activiteiten?: { identificatie: string; naam: string; activiteitregelkwalificatie?: string; regelId: string }[];
  gebiedsaanwijzingen?: { type?: string; naam?: string; groep?: string; regelIds?: string[] }[];
  normwaarden?: {
    norm: string;
    eenheid?: string | null;
    kwantitatieveWaarde?: number | null;
    kwalitatieveWaarde?: string | null;
    regelIds?: string[];
  }[];
  disclaimer?: string;
}

/** Waardelijst values may come as URIs: `…/concept/BeschermdStadsgezicht` → `BeschermdStadsgezicht`. */
function lastSegment(value: string | undefined): string {
  return (value ?? '').split('/').pop() ?? '';
}

/** Groups the flat lists under the rule that carries them, so each rule reads as one article. */
export function rulesFromResponse(body: RulesAtResponse | null | undefined): RulesAt {
  const list = <T>(v: T[] | undefined): T[] => (Array.isArray(v) ? v : []);
  const activiteiten = list(body?.activiteiten);
  const gebiedsaanwijzingen = list(body?.gebiedsaanwijzingen);
  const normwaarden = list(body?.normwaarden);
  const regels = list(body?.regels).map((r): PlanRule => ({
    identificatie: r.identificatie,
    titel: r.regeltekst?.titel ?? null,
    tekst: r.regeltekst?.tekst ?? null,
    activiteiten: activiteiten
      .filter((a) => a.regelId === r.identificatie)
      .map((a) => ({ identificatie: a.identificatie, naam: a.activiteitregelkwalificatie ? `${a.naam} (${a.activiteitregelkwalificatie})` : a.naam })),
    normen: normwaarden
      .filter((w) => list(w.regelIds).includes(r.identificatie))
      .map((w) => ({ naam: w.norm, waarde: w.kwantitatieveWaarde ?? w.kwalitatieveWaarde ?? null, eenheid: w.eenheid ?? null })),
    gebiedsaanwijzingen: gebiedsaanwijzingen
      .filter((g) => list(g.regelIds).includes(r.identificatie))
      .map((g) => ({ type: lastSegment(g.groep) || g.type, naam: g.naam })),
  }));
  return { regels, ...(body?.disclaimer ? { disclaimer: body.disclaimer } : {}) };
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
  return rulesFromResponse(await fetchJson<RulesAtResponse>(`/api/omgevingsplan/rules-at?${query}`, signal));
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
