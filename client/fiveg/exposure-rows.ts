// Rows of the "highest exposure per buurt" table: the server's per-buurt maximum total exposure ratio (TER, 1 = the
// ICNIRP reference level) as a percentage of the limit, highest first. Pure, so it is unit-tested without a DOM.

export interface BuurtExposure {
  code: string;
  name: string;
  maxTer: number;
  addressId: string | null;
}

export interface ExposureRow {
  code: string;
  name: string;
  /** maxTer × 100: percent of the reference level. */
  percentOfLimit: number;
  addressId: string | null;
}

export function exposureRows(perBuurt: readonly BuurtExposure[]): ExposureRow[] {
  return perBuurt
    .map((b) => ({ code: b.code, name: b.name, percentOfLimit: b.maxTer * 100, addressId: b.addressId }))
    .sort((a, b) => b.percentOfLimit - a.percentOfLimit || a.name.localeCompare(b.name));
}

/**
 * Fraction digits that keep two significant digits of a small percentage (typical exposure is 0.001–1 % of the
 * limit, which one decimal would round to 0) and one decimal from 1 % up.
 */
export function percentDecimals(percent: number): number {
  if (!(percent > 0) || percent >= 1) return 1;
  return Math.min(6, 1 - Math.floor(Math.log10(percent)));
}
