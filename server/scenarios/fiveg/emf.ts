// EMF exposure in the far field (DOMAIN.md Part A §3): power density and field strength from EIRP, the ICNIRP
// general-public reference levels NL applies (EU 1999/519/EC = ICNIRP 1998; identical to ICNIRP 2020 whole-body
// power density above 400 MHz), the compliance (safety) distance and the total exposure ratio. Pure, SI units.

/** Free-space impedance used for S ↔ E checks (E = sqrt(30·EIRP)/d implies Z0 = 120π). */
export const FREE_SPACE_IMPEDANCE_OHM = 120 * Math.PI;

/** Ground-reflection factor on S (ITU-T K.52 / IEC 62232 style, unverified): field × 1.6. */
export const GROUND_REFLECTION_FACTOR = 2.56;

/** Power density S = EIRP / (4π d²), W/m². */
export function powerDensityWPerM2(eirpW: number, distanceM: number): number {
  return eirpW / (4 * Math.PI * distanceM * distanceM);
}

/** Field strength E = sqrt(30·EIRP) / d, V/m. */
export function fieldStrengthVPerM(eirpW: number, distanceM: number): number {
  return Math.sqrt(30 * eirpW) / distanceM;
}

export const EMF_GUIDELINES = ['icnirp1998', 'icnirp2020'] as const;
export type EmfGuideline = (typeof EMF_GUIDELINES)[number];

export interface ReferenceLevel {
  powerDensityWPerM2: number;
  /** Field-strength reference level, V/m; for ICNIRP 2020 above 2 GHz (no E given) the S-equivalent √(S·Z0). */
  fieldStrengthVPerM: number;
}

/**
 * General-public whole-body reference level at a frequency (MHz) per §3.2: 2 W/m² (10–400 MHz), f/200 W/m²
 * (400–2000 MHz), 10 W/m² (2–300 GHz). E follows ICNIRP 1998 (28 V/m, 1.375·√f, 61 V/m).
 */
export function referenceLevel(frequencyMHz: number, guideline: EmfGuideline = 'icnirp1998'): ReferenceLevel {
  if (frequencyMHz < 400) return { powerDensityWPerM2: 2, fieldStrengthVPerM: guideline === 'icnirp1998' ? 28 : 27.7 };
  if (frequencyMHz <= 2000) return { powerDensityWPerM2: frequencyMHz / 200, fieldStrengthVPerM: 1.375 * Math.sqrt(frequencyMHz) };
  return { powerDensityWPerM2: 10, fieldStrengthVPerM: guideline === 'icnirp1998' ? 61 : Math.sqrt(10 * FREE_SPACE_IMPEDANCE_OHM) };
}

/** Distance beyond which S ≤ S_lim: d_c = sqrt(EIRP·k / (4π·S_lim)), k = 2.56 with the ground-reflection factor. */
export function complianceDistanceM(eirpW: number, limitWPerM2: number, withReflection = false): number {
  return Math.sqrt((eirpW * (withReflection ? GROUND_REFLECTION_FACTOR : 1)) / (4 * Math.PI * limitWPerM2));
}

export interface ExposureSource {
  eirpW: number;
  distanceM: number;
  frequencyMHz: number;
}

/** Total exposure ratio Σ S_i / S_lim(f_i); compliant when ≤ 1 (ICNIRP summation, thermal regime). */
export function totalExposureRatio(sources: readonly ExposureSource[], guideline: EmfGuideline = 'icnirp1998'): number {
  let ter = 0;
  for (const s of sources) ter += powerDensityWPerM2(s.eirpW, s.distanceM) / referenceLevel(s.frequencyMHz, guideline).powerDensityWPerM2;
  return ter;
}
