// Outdoor-to-indoor building penetration, 3GPP TR 38.901 §7.4.3 Tables 7.4.3-1/-2 (DOMAIN.md Part A §1.5).
// Deterministic: σP is not drawn; the caller gives the real indoor distance. Pure.

export const O2I_MODELS = ['low', 'high'] as const;
export type O2iModel = (typeof O2I_MODELS)[number];

/** Material losses in dB, Table 7.4.3-1 (fc in GHz). */
export const materialLossDb = {
  standardGlass: (fcGHz: number) => 2 + 0.2 * fcGHz,
  irrGlass: (fcGHz: number) => 23 + 0.3 * fcGHz,
  concrete: (fcGHz: number) => 5 + 4 * fcGHz,
  wood: (fcGHz: number) => 4.85 + 0.12 * fcGHz,
};

/** Through-wall loss PL_tw: low-loss = 30 % glass, 70 % concrete; high-loss = 70 % IRR glass, 30 % concrete. */
export function throughWallLossDb(model: O2iModel, fcGHz: number): number {
  const c = 10 ** (-materialLossDb.concrete(fcGHz) / 10);
  if (model === 'low') return 5 - 10 * Math.log10(0.3 * 10 ** (-materialLossDb.standardGlass(fcGHz) / 10) + 0.7 * c);
  return 5 - 10 * Math.log10(0.7 * 10 ** (-materialLossDb.irrGlass(fcGHz) / 10) + 0.3 * c);
}

/** Indoor loss PL_in = 0.5 dB per metre from the façade. */
export function indoorLossDb(d2DInM: number): number {
  return 0.5 * Math.max(0, d2DInM);
}

/** PL_tw + PL_in, the loss added to the outdoor path loss for an indoor receiver. */
export function o2iLossDb(model: O2iModel, fcGHz: number, d2DInM: number): number {
  return throughWallLossDb(model, fcGHz) + indoorLossDb(d2DInM);
}

/** Default year from which a building counts as high-loss (HR++/coated glazing); DOMAIN.md "Defaults we chose". */
export const HIGH_LOSS_FROM_YEAR = 2006;

/** NL mapping (design choice, DOMAIN.md §1.5): newer stock has coated glazing and is high-loss. */
export function o2iModelForBuildingYear(year: number, highLossFromYear = HIGH_LOSS_FROM_YEAR): O2iModel {
  return year >= highLossFromYear ? 'high' : 'low';
}
