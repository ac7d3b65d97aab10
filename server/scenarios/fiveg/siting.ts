// Siting check of a candidate antenna site: the omgevingsplan placement rules (checkPlacement), a municipal
// minimum distance to sensitive buildings, and the EMF safety volume. Pure; the most restrictive outcome wins.
import type { Address, Building, BuildingFunction } from '../../contracts/model.ts';
import type { Omgevingsplan } from '../../omgevingsplan/model.ts';
import { type PlacementVerdict, type Verdict, checkPlacement } from '../../omgevingsplan/rule-check.ts';
import type { Antenna } from './antenna.ts';
import type { AntennaCandidate } from './candidate.ts';
import { type FacadeExposure, boresightSafetyDistanceM, facadesInSafetyVolume } from './emf-safety.ts';
import type { EmfGuideline } from './emf.ts';
import { distanceToFootprintM } from './footprint-geometry.ts';

export interface SitingPolicy {
  /**
   * Minimum distance from the antenna to a sensitive building, m. Municipal policy, not national law (DOMAIN.md
   * §4.3); 0 switches it off. Default 100 m is an illustrative value.
   */
  minDistanceToSensitiveM: number;
  /** Building functions that count as sensitive; 'maatschappelijk' stands in for schools and day care. */
  sensitiveFunctions: BuildingFunction[];
  guideline: EmfGuideline;
  withReflection: boolean;
}

export const DEFAULT_SITING_POLICY: SitingPolicy = { minDistanceToSensitiveM: 100, sensitiveFunctions: ['maatschappelijk'], guideline: 'icnirp1998', withReflection: false };

export interface SitingResult {
  verdict: Verdict;
  placement: PlacementVerdict | null;
  sensitive: { nearestBuildingId: string | null; distanceM: number | null; minDistanceM: number; ok: boolean };
  emf: { safetyDistanceM: number; facades: FacadeExposure[]; addressesAffected: number; ok: boolean };
  reasons: { text: string; textEn: string; verdict: Verdict }[];
}

const SEVERITY: Record<Verdict, number> = { allowed: 0, 'permit-required': 1, 'not-allowed': 2 };

export function checkSiting(
  candidate: AntennaCandidate,
  antennas: readonly Antenna[],
  plan: Omgevingsplan | undefined,
  buildings: readonly Building[],
  addresses: readonly Address[],
  policy: SitingPolicy = DEFAULT_SITING_POLICY,
): SitingResult {
  const reasons: SitingResult['reasons'] = [];
  const host = candidate.buildingId === undefined ? undefined : buildings.find((b) => b.id === candidate.buildingId);
  const placement = plan
    ? checkPlacement(plan, {
        kind: candidate.kind === 'rooftop' ? 'rooftop-antenna' : 'antenna-mast',
        position: [candidate.x, candidate.y],
        heightM: candidate.heightM,
        ...(candidate.kind === 'rooftop' ? { buildingHeightM: host?.heightM ?? 0 } : {}),
      })
    : null;
  if (!placement) reasons.push({ text: 'Geen omgevingsplan geladen: planregels niet getoetst.', textEn: 'No omgevingsplan loaded: plan rules not checked.', verdict: 'permit-required' });

  let nearest: { id: string; d: number } | null = null;
  for (const b of buildings) {
    if (!policy.sensitiveFunctions.includes(b.function) || b.id === candidate.buildingId) continue;
    const d = distanceToFootprintM(candidate.x, candidate.y, b.footprint);
    if (!nearest || d < nearest.d) nearest = { id: b.id, d };
  }
  const sensitiveOk = policy.minDistanceToSensitiveM <= 0 || nearest === null || nearest.d >= policy.minDistanceToSensitiveM;
  if (!sensitiveOk) {
    const d = Math.round(nearest!.d);
    reasons.push({
      text: `Binnen ${policy.minDistanceToSensitiveM} m van een gevoelig gebouw (${nearest!.id}, ${d} m): in strijd met het ingestelde gemeentelijke antennebeleid.`,
      textEn: `Within ${policy.minDistanceToSensitiveM} m of a sensitive building (${nearest!.id}, ${d} m): against the configured municipal antenna policy.`,
      verdict: 'not-allowed',
    });
  }

  const facades = facadesInSafetyVolume(antennas, buildings, { guideline: policy.guideline, withReflection: policy.withReflection });
  const affected = new Set(facades.map((f) => f.buildingId));
  const addressesAffected = addresses.filter((a) => affected.has(a.buildingId)).length;
  const safetyDistanceM = antennas.reduce((m, a) => Math.max(m, boresightSafetyDistanceM(a, policy)), 0);
  const emfOk = facades.length === 0;
  if (!emfOk) {
    reasons.push({
      text: `${affected.size} gebouw(en) met ${addressesAffected} adres(sen) binnen de veiligheidsafstand (ICNIRP-referentieniveau overschreden aan de gevel): niet plaatsen zonder aanpassing van hoogte, richting of vermogen.`,
      textEn: `${affected.size} building(s) with ${addressesAffected} address(es) inside the safety distance (ICNIRP reference level exceeded at the façade): do not place without changing height, azimuth or power.`,
      verdict: 'not-allowed',
    });
  }

  const verdicts: Verdict[] = [placement?.verdict ?? 'allowed', ...reasons.map((r) => r.verdict)];
  const verdict = verdicts.reduce<Verdict>((v, x) => (SEVERITY[x] > SEVERITY[v] ? x : v), 'allowed');
  return {
    verdict,
    placement,
    sensitive: { nearestBuildingId: nearest?.id ?? null, distanceM: nearest ? Math.round(nearest.d * 100) / 100 : null, minDistanceM: policy.minDistanceToSensitiveM, ok: sensitiveOk },
    emf: { safetyDistanceM: Math.round(safetyDistanceM * 100) / 100, facades, addressesAffected, ok: emfOk },
    reasons,
  };
}
