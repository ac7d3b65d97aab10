// Pure readings of a coverage response: a buurt's share of addresses at or above a threshold, the change against
// the previous run, and the best RSRP per building (from its addresses) for colouring the 3D buildings.
import { rsrpColour } from './rsrp-classes.ts';

export interface ThresholdShare {
  thresholdDbm: number;
  count: number;
  percent: number;
}

export interface BuurtCoverage {
  code: string;
  name: string;
  addresses: number;
  atLeast: ThresholdShare[];
  medianRsrpDbm: number | null;
  addressesOverEmfLimit: number;
}

/** Percentage at or above the threshold, or undefined when the run did not count that threshold. */
export function percentAtLeast(atLeast: readonly ThresholdShare[], thresholdDbm: number): number | undefined {
  return atLeast.find((s) => s.thresholdDbm === thresholdDbm)?.percent;
}

export interface BuurtRow {
  code: string;
  name: string;
  addresses: number;
  percent: number | undefined;
  /** Percentage points gained (or lost) against the previous run; undefined without one. */
  changePoints: number | undefined;
  medianRsrpDbm: number | null;
}

export function buurtRows(current: readonly BuurtCoverage[], previous: readonly BuurtCoverage[] | undefined, thresholdDbm: number): BuurtRow[] {
  const before = new Map((previous ?? []).map((b) => [b.code, percentAtLeast(b.atLeast, thresholdDbm)]));
  return current.map((b) => {
    const percent = percentAtLeast(b.atLeast, thresholdDbm);
    const old = before.get(b.code);
    return {
      code: b.code,
      name: b.name,
      addresses: b.addresses,
      percent,
      changePoints: percent !== undefined && old !== undefined ? Math.round((percent - old) * 10) / 10 : undefined,
      medianRsrpDbm: b.medianRsrpDbm,
    };
  });
}

/** Best RSRP over each building's addresses; addresses without a building or without signal in range are skipped. */
export function bestRsrpPerBuilding(
  addressIds: readonly string[],
  bestRsrpDbm: readonly (number | null)[],
  buildingOfAddress: ReadonlyMap<string, string>,
): Map<string, number | null> {
  const best = new Map<string, number | null>();
  addressIds.forEach((id, i) => {
    const building = buildingOfAddress.get(id);
    if (!building) return;
    const value = bestRsrpDbm[i] ?? null;
    const known = best.get(building);
    if (known === undefined || (value !== null && (known === null || value > known))) best.set(building, value);
  });
  return best;
}

/** Building id → CSS colour of its RSRP class. */
export function buildingCoverageColours(best: ReadonlyMap<string, number | null>, thresholdsDbm?: readonly number[]): Map<string, string> {
  const colours = new Map<string, string>();
  for (const [id, value] of best) colours.set(id, rsrpColour(value, thresholdsDbm));
  return colours;
}
