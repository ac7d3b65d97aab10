// 3GPP TR 38.901 §7.4.1 (Table 7.4.1-1) median path loss for UMa and UMi-Street Canyon, LOS and NLOS, as checked
// against ns-3's ThreeGppPropagationLossModel (DOMAIN.md Part A §1). Pure; never throws on out-of-range inputs:
// it evaluates and flags them (ns-3 does the same with EnforceParameterRanges = false).

/** c as ns-3 and the DOMAIN.md oracles use it; 299 792 458 would shift breakpoints by 0.07 %. */
export const SPEED_OF_LIGHT_M_PER_S = 3.0e8;

export const PATH_LOSS_MODELS = ['UMa', 'UMi'] as const;
export type PathLossModel = (typeof PATH_LOSS_MODELS)[number];

/** Model validity (Table 7.4.1-1 and its notes); outside these we still compute, and say so. */
export const PATH_LOSS_VALIDITY = {
  fcGHz: [0.5, 100],
  d2DM: [10, 5000],
  hUtM: [1.5, 22.5],
} as const;

/** Nominal base-station height per scenario; other heights are evaluated but flagged. */
export const NOMINAL_BS_HEIGHT_M: Record<PathLossModel, number> = { UMa: 25, UMi: 10 };

/** Shadow-fading σ (dB), Table 7.4.1-1 values at all frequencies (DOMAIN.md §1.3 recommendation). */
export const SHADOW_FADING_SIGMA_DB: Record<PathLossModel, { los: number; nlos: number }> = {
  UMa: { los: 4, nlos: 6 },
  UMi: { los: 4, nlos: 7.82 },
};

/** Effective environment height hE: 1 m always for UMi; for UMa the expected case (deterministic engine). */
export const ENVIRONMENT_HEIGHT_M = 1;

export type PathLossBranch = 'PL1' | 'PL2' | 'NLOS';

export interface PathLossResult {
  pathLossDb: number;
  d3DM: number;
  breakpointM: number;
  branch: PathLossBranch;
  /** Median LOS loss at the same geometry (the floor of the NLOS formula). */
  losPathLossDb: number;
  withinValidity: boolean;
  /** Why not within validity, one short phrase per violated range. */
  validityNotes: string[];
  /**
   * Whether hBS is the scenario's nominal height (25 m UMa, 10 m UMi). Other heights are common in practice and
   * the formulas take hBS as a parameter, so this is information, not a validity violation.
   */
  nominalBsHeight: boolean;
}

/** Breakpoint distance d'BP = 4·h'BS·h'UT·fc/c (Note 1 of Table 7.4.1-1), fc in GHz here, metres out. */
export function breakpointDistanceM(hBsM: number, hUtM: number, fcGHz: number, hEM = ENVIRONMENT_HEIGHT_M): number {
  return (4 * (hBsM - hEM) * (hUtM - hEM) * fcGHz * 1e9) / SPEED_OF_LIGHT_M_PER_S;
}

/** Free-space path loss, the sanity reference of §1.3. */
export function freeSpacePathLossDb(fcGHz: number, d3DM: number): number {
  return 32.45 + 20 * Math.log10(fcGHz) + 20 * Math.log10(d3DM);
}

/**
 * Median path loss (shadow fading 0). Below d2D = 10 m the loss is evaluated at 10 m (the model has no values
 * closer in) and flagged; every other out-of-range input is evaluated as given and flagged.
 */
export function pathLoss(model: PathLossModel, los: boolean, d2DM: number, hBsM: number, hUtM: number, fcGHz: number): PathLossResult {
  const notes = validityNotes(d2DM, hBsM, hUtM, fcGHz);
  const d2D = Math.max(d2DM, PATH_LOSS_VALIDITY.d2DM[0]);
  const dh = hBsM - hUtM;
  const d3D = Math.sqrt(d2D * d2D + dh * dh);
  const bp = breakpointDistanceM(hBsM, hUtM, fcGHz);
  const lgF = Math.log10(fcGHz);
  const lgD3 = Math.log10(d3D);
  const beyond = d2D > bp;
  const losDb = model === 'UMa' ? umaLos(lgD3, lgF, beyond, bp, dh) : umiLos(lgD3, lgF, beyond, bp, dh);
  let pl = losDb;
  let branch: PathLossBranch = beyond ? 'PL2' : 'PL1';
  if (!los) {
    const nlos = model === 'UMa' ? 13.54 + 39.08 * lgD3 + 20 * lgF - 0.6 * (hUtM - 1.5) : 35.3 * lgD3 + 22.4 + 21.3 * lgF - 0.3 * (hUtM - 1.5);
    // The NLOS loss is never below the LOS loss at the same geometry (max in Table 7.4.1-1).
    pl = Math.max(losDb, nlos);
    branch = 'NLOS';
  }
  return { pathLossDb: pl, d3DM: d3D, breakpointM: bp, branch, losPathLossDb: losDb, withinValidity: notes.length === 0, validityNotes: notes, nominalBsHeight: hBsM === NOMINAL_BS_HEIGHT_M[model] };
}

/**
 * The same median loss as pathLoss().pathLossDb without allocating a result: for the coverage hot loop, which
 * evaluates millions of links. Inputs are assumed in range (the caller clamps d2D to ≥ 10 m).
 */
export function pathLossDbFast(isUma: boolean, los: boolean, d2DM: number, hBsM: number, hUtM: number, fcGHz: number, lgF: number): number {
  const dh = hBsM - hUtM;
  const lgD3 = 0.5 * Math.log10(d2DM * d2DM + dh * dh);
  const bp = (4 * (hBsM - 1) * (hUtM - 1) * fcGHz * 1e9) / SPEED_OF_LIGHT_M_PER_S;
  const beyond = d2DM > bp;
  const losDb = isUma ? umaLos(lgD3, lgF, beyond, bp, dh) : umiLos(lgD3, lgF, beyond, bp, dh);
  if (los) return losDb;
  const nlos = isUma ? 13.54 + 39.08 * lgD3 + 20 * lgF - 0.6 * (hUtM - 1.5) : 35.3 * lgD3 + 22.4 + 21.3 * lgF - 0.3 * (hUtM - 1.5);
  return nlos > losDb ? nlos : losDb;
}

function umaLos(lgD3: number, lgF: number, beyondBp: boolean, bp: number, dh: number): number {
  if (!beyondBp) return 28.0 + 22 * lgD3 + 20 * lgF;
  return 28.0 + 40 * lgD3 + 20 * lgF - 9 * Math.log10(bp * bp + dh * dh);
}

function umiLos(lgD3: number, lgF: number, beyondBp: boolean, bp: number, dh: number): number {
  if (!beyondBp) return 32.4 + 21 * lgD3 + 20 * lgF;
  return 32.4 + 40 * lgD3 + 20 * lgF - 9.5 * Math.log10(bp * bp + dh * dh);
}

function validityNotes(d2DM: number, hBsM: number, hUtM: number, fcGHz: number): string[] {
  const notes: string[] = [];
  const v = PATH_LOSS_VALIDITY;
  if (fcGHz < v.fcGHz[0] || fcGHz > v.fcGHz[1]) notes.push(`fcGHz outside ${v.fcGHz[0]}–${v.fcGHz[1]} GHz`);
  if (d2DM < v.d2DM[0]) notes.push(`d2DM below ${v.d2DM[0]} m: evaluated at ${v.d2DM[0]} m`);
  if (d2DM > v.d2DM[1]) notes.push(`d2DM above ${v.d2DM[1]} m`);
  if (hUtM < v.hUtM[0] || hUtM > v.hUtM[1]) notes.push(`hUtM outside ${v.hUtM[0]}–${v.hUtM[1]} m`);
  return notes;
}
