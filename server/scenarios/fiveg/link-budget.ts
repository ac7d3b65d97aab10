// Downlink link budget to SS-RSRP (DOMAIN.md Part A §2.2–2.3): power per resource element, thermal noise per
// RE, SNR/SINR and the conventional coverage classes. Pure; dBm and dB throughout, names carry the unit.

export const wattToDbm = (w: number): number => 10 * Math.log10(w * 1000);
export const dbmToWatt = (dbm: number): number => 10 ** (dbm / 10) / 1000;
export const dbToLinear = (db: number): number => 10 ** (db / 10);
export const linearToDb = (x: number): number => 10 * Math.log10(x);

export const SUBCARRIERS_PER_PRB = 12;

/** Power per resource element with equal power over all REs: P_RE = P_tot − 10·log10(12·N_RB). */
export function powerPerResourceElementDbm(totalPowerDbm: number, resourceBlocks: number): number {
  return totalPowerDbm - 10 * Math.log10(SUBCARRIERS_PER_PRB * resourceBlocks);
}

/** Thermal noise per RE: −174 dBm/Hz + 10·log10(SCS) + NF. */
export function noisePerResourceElementDbm(subcarrierSpacingHz: number, noiseFigureDb: number): number {
  return -174 + 10 * Math.log10(subcarrierSpacingHz) + noiseFigureDb;
}

export interface LinkLosses {
  feederLossDb?: number;
  o2iLossDb?: number;
  bodyLossDb?: number;
  rxGainDbi?: number;
}

/** RSRP = P_RE + G_tx − L_feeder − PL − L_O2I − L_body + G_rx (dBm). */
export function rsrpDbm(pReDbm: number, txGainDbi: number, pathLossDb: number, losses: LinkLosses = {}): number {
  return pReDbm + txGainDbi - (losses.feederLossDb ?? 0) - pathLossDb - (losses.o2iLossDb ?? 0) - (losses.bodyLossDb ?? 0) + (losses.rxGainDbi ?? 0);
}

/** SINR = S / (Σ I + N) in linear units; all inputs in dBm (per RE), result in dB. */
export function sinrDb(servingDbm: number, interferersDbm: readonly number[], noiseDbm: number): number {
  let denominatorMw = 10 ** (noiseDbm / 10);
  for (const i of interferersDbm) denominatorMw += 10 ** (i / 10);
  return servingDbm - 10 * Math.log10(denominatorMw);
}

export const COVERAGE_CLASSES = ['excellent', 'good', 'fair', 'poor', 'none'] as const;
export type CoverageClass = (typeof COVERAGE_CLASSES)[number];

/** Lower bounds (dBm) of excellent, good, fair, poor (§2.3, industry rules of thumb; configurable). */
export const DEFAULT_RSRP_THRESHOLDS_DBM = [-80, -90, -100, -110] as const;

export function coverageClass(rsrp: number, thresholdsDbm: readonly number[] = DEFAULT_RSRP_THRESHOLDS_DBM): CoverageClass {
  for (let i = 0; i < thresholdsDbm.length; i++) if (rsrp >= thresholdsDbm[i]) return COVERAGE_CLASSES[i];
  return 'none';
}
