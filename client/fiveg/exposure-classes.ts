// Classes for the EMF exposure map: a building's highest total exposure ratio (TER, 1 = the ICNIRP general-public
// reference level) over its addresses, in steps of ten. Real exposure near antennas is typically well under 1 %
// of the limit, so the lower classes carry the information; a building at or above the limit is red.

export interface ExposureClass {
  /** Upper bound as a fraction of the limit (exclusive); the last is Infinity. */
  below: number;
  colour: string;
  /** Lower bound in percent of the limit, for the legend. */
  fromPercent: number;
}

export const EXPOSURE_CLASSES: readonly ExposureClass[] = [
  { below: 0.0001, colour: '#dadaeb', fromPercent: 0 },
  { below: 0.001, colour: '#cbc9e2', fromPercent: 0.01 },
  { below: 0.01, colour: '#9e9ac8', fromPercent: 0.1 },
  { below: 0.1, colour: '#6a51a3', fromPercent: 1 },
  { below: 1, colour: '#3f007d', fromPercent: 10 },
  { below: Infinity, colour: '#d7191c', fromPercent: 100 },
];
export const NO_EXPOSURE_COLOUR = '#bdbdbd';

export function exposureColour(ter: number | null | undefined): string {
  if (ter === null || ter === undefined || !Number.isFinite(ter)) return NO_EXPOSURE_COLOUR;
  return (EXPOSURE_CLASSES.find((c) => ter < c.below) ?? EXPOSURE_CLASSES[EXPOSURE_CLASSES.length - 1]).colour;
}

/** Building id → the highest TER of its addresses (null where no address has a value). */
export function maxTerPerBuilding(addressIds: readonly string[], ter: readonly (number | null)[], buildingOfAddress: ReadonlyMap<string, string>): Map<string, number | null> {
  const max = new Map<string, number | null>();
  addressIds.forEach((id, i) => {
    const building = buildingOfAddress.get(id);
    if (!building) return;
    const value = ter[i] ?? null;
    const known = max.get(building);
    if (known === undefined || (value !== null && (known === null || value > known))) max.set(building, value);
  });
  return max;
}

export function buildingExposureColours(max: ReadonlyMap<string, number | null>): Map<string, string> {
  const colours = new Map<string, string>();
  for (const [id, value] of max) colours.set(id, exposureColour(value));
  return colours;
}
