// A candidate antenna site as the 5G panel edits it, its compact URL-hash form, and the request body the server's
// antennaCandidate schema (server/scenarios/fiveg/candidate.ts) accepts. Pure: positions stay CRS84 here and are
// converted to RD New by the caller-supplied function at the edge.
import type { LonLat } from '../state/app-state.ts';

export const CANDIDATE_KINDS = ['mast', 'rooftop'] as const;
export type CandidateKind = (typeof CANDIDATE_KINDS)[number];

/** The bands the server knows (server/scenarios/fiveg/antenna.ts BAND_IDS). */
export const BANDS = ['n78', 'n3', 'n28'] as const;
export type Band = (typeof BANDS)[number];

/** The server accepts at most 20; ten keeps the panel and the URL readable. */
export const MAX_CANDIDATES = 10;

export interface FivegCandidate {
  kind: CandidateKind;
  lonLat: LonLat;
  /** Rooftop only: the BAG pand the antenna stands on. */
  buildingId?: string;
  /** Mast: antenna height above ground. Rooftop: height of the support above the roof. */
  heightM: number;
  azimuthsDeg: readonly number[];
  downtiltDeg: number;
  eirpDbm: number;
  band: Band;
}

/** The server's antennaCandidate body. */
export interface CandidatePayload {
  id: string;
  operator: string;
  x: number;
  y: number;
  kind: CandidateKind;
  heightM: number;
  buildingId?: string;
  bands: Band[];
  azimuthsDeg: number[];
  downtiltDeg: number;
  eirpDbm: number;
}

/** Limits of the server schema, also used as the inputs' min/max. */
export const CANDIDATE_LIMITS = {
  heightM: { min: 0.5, max: 300 },
  downtiltDeg: { min: -10, max: 30 },
  eirpDbm: { min: 0, max: 90 },
} as const;

export function createCandidate(lonLat: LonLat, buildingId?: string): FivegCandidate {
  // A rooftop support is a few metres; a street mast carries its antennas at ~25 m (a typical macro mast).
  return buildingId
    ? { kind: 'rooftop', lonLat, buildingId, heightM: 4, azimuthsDeg: [0, 120, 240], downtiltDeg: 6, eirpDbm: 70, band: 'n78' }
    : { kind: 'mast', lonLat, heightM: 25, azimuthsDeg: [0, 120, 240], downtiltDeg: 6, eirpDbm: 70, band: 'n78' };
}

function clamp(value: number, { min, max }: { min: number; max: number }): number {
  return Math.min(max, Math.max(min, value));
}

/** Azimuths from free text ("0, 120, 240" or "0 120 240"): 1–6 values, each folded into 0–359.9°. */
export function parseAzimuths(text: string): number[] | undefined {
  const values = text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(Number);
  if (values.length < 1 || values.length > 6 || !values.every(Number.isFinite)) return undefined;
  return values.map((v) => Math.round((((v % 360) + 360) % 360) * 10) / 10 % 360);
}

export function candidatePayload(c: FivegCandidate, index: number, toRd: (lonLat: LonLat) => [number, number]): CandidatePayload {
  const [x, y] = toRd(c.lonLat);
  return {
    id: `kandidaat-${index + 1}`,
    operator: 'Kandidaat',
    // Centimetres are plenty and keep request bodies (and the server's cache keys) stable.
    x: Math.round(x * 100) / 100,
    y: Math.round(y * 100) / 100,
    kind: c.kind,
    heightM: clamp(c.heightM, CANDIDATE_LIMITS.heightM),
    ...(c.kind === 'rooftop' && c.buildingId ? { buildingId: c.buildingId } : {}),
    bands: [c.band],
    azimuthsDeg: [...c.azimuthsDeg],
    downtiltDeg: clamp(c.downtiltDeg, CANDIDATE_LIMITS.downtiltDeg),
    eirpDbm: clamp(c.eirpDbm, CANDIDATE_LIMITS.eirpDbm),
  };
}

/** A key for "same site, same settings" whatever the candidate's place in the list (siting results are cached by it). */
export function candidateKey(c: FivegCandidate): string {
  return candidateToText(c);
}

const BUILDING_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** `m,lon,lat,height,az_az_az,tilt,eirp,band[,buildingId]` (r for rooftop); six decimals of a degree ≈ 0.1 m. */
export function candidateToText(c: FivegCandidate): string {
  const fields = [
    c.kind === 'rooftop' ? 'r' : 'm',
    c.lonLat[0].toFixed(6),
    c.lonLat[1].toFixed(6),
    String(c.heightM),
    c.azimuthsDeg.join('_'),
    String(c.downtiltDeg),
    String(c.eirpDbm),
    c.band,
  ];
  if (c.kind === 'rooftop' && c.buildingId) fields.push(c.buildingId);
  return fields.join(',');
}

function inRange(value: number, { min, max }: { min: number; max: number }): boolean {
  return Number.isFinite(value) && value >= min && value <= max;
}

/** Reads one candidate written by candidateToText; anything malformed or out of range gives undefined. */
export function candidateFromText(text: string): FivegCandidate | undefined {
  const [kind, lonText, latText, heightText, azText, tiltText, eirpText, band, buildingId] = text.split(',');
  const lon = Number(lonText);
  const lat = Number(latText);
  const heightM = Number(heightText);
  const downtiltDeg = Number(tiltText);
  const eirpDbm = Number(eirpText);
  const azimuthsDeg = parseAzimuths((azText ?? '').replace(/_/g, ' '));
  if (kind !== 'm' && kind !== 'r') return undefined;
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) return undefined;
  if (!inRange(heightM, CANDIDATE_LIMITS.heightM) || !inRange(downtiltDeg, CANDIDATE_LIMITS.downtiltDeg) || !inRange(eirpDbm, CANDIDATE_LIMITS.eirpDbm)) return undefined;
  if (!azimuthsDeg || !(BANDS as readonly string[]).includes(band)) return undefined;
  const base = { lonLat: [lon, lat] as LonLat, heightM, azimuthsDeg, downtiltDeg, eirpDbm, band: band as Band };
  if (kind === 'r') return buildingId && BUILDING_ID.test(buildingId) ? { kind: 'rooftop', buildingId, ...base } : undefined;
  return { kind: 'mast', ...base };
}

export function candidatesToText(list: readonly FivegCandidate[]): string {
  return list.map(candidateToText).join(';');
}

export function candidatesFromText(text: string | null): FivegCandidate[] {
  if (!text) return [];
  return text
    .split(';')
    .map(candidateFromText)
    .filter((c): c is FivegCandidate => c !== undefined)
    .slice(0, MAX_CANDIDATES);
}
