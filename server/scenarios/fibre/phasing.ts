// Roll-out phasing: buurten in a chosen order (cheapest per home passed first, most white spots first, or a given
// priority list) packed into yearly phases within a yearly budget. The order is kept strictly — a buurt never jumps
// ahead of one ranked above it just because it would fit a year's leftover budget — so the ranking means what it says.

export const PHASING_ORDERS = ['cost-per-home', 'white-spot-share', 'priority'] as const;
export type PhasingOrder = (typeof PHASING_ORDERS)[number];

export interface PhasingBuurt {
  code: string;
  costEur: number;
  costPerHomePassedEur: number | null;
  /** Share of the buurt's addresses with copper only (no fibre, no coax); null when coverage is unknown. */
  whiteSpotShare: number | null;
}

export interface PhasingOptions {
  order: PhasingOrder;
  /** For order 'priority': buurt codes first in this order; the rest follow by cost per home. */
  priority?: readonly string[];
  yearlyBudgetEur: number;
  startYear: number;
}

export interface Phase {
  year: number;
  buurtCodes: string[];
  costEur: number;
  /** A single buurt dearer than a whole year's budget gets a year of its own, flagged. */
  overBudget: boolean;
}

export function orderBuurten(buurten: readonly PhasingBuurt[], options: Pick<PhasingOptions, 'order' | 'priority'>): PhasingBuurt[] {
  const byCost = (a: PhasingBuurt, b: PhasingBuurt) =>
    (a.costPerHomePassedEur ?? Infinity) - (b.costPerHomePassedEur ?? Infinity) || a.code.localeCompare(b.code);
  if (options.order === 'white-spot-share') {
    return [...buurten].sort((a, b) => (b.whiteSpotShare ?? -1) - (a.whiteSpotShare ?? -1) || byCost(a, b));
  }
  if (options.order === 'priority') {
    const rank = new Map((options.priority ?? []).map((code, i) => [code, i]));
    return [...buurten].sort((a, b) => (rank.get(a.code) ?? Infinity) - (rank.get(b.code) ?? Infinity) || byCost(a, b));
  }
  return [...buurten].sort(byCost);
}

export function planPhases(buurten: readonly PhasingBuurt[], options: PhasingOptions): Phase[] {
  if (!(options.yearlyBudgetEur > 0)) throw new RangeError('yearlyBudgetEur must be positive');
  const phases: Phase[] = [];
  let current: Phase | null = null;
  for (const buurt of orderBuurten(buurten, options)) {
    if (current && current.costEur + buurt.costEur > options.yearlyBudgetEur) current = null;
    if (!current) {
      current = { year: options.startYear + phases.length, buurtCodes: [], costEur: 0, overBudget: false };
      phases.push(current);
    }
    current.buurtCodes.push(buurt.code);
    current.costEur += buurt.costEur;
    if (current.costEur > options.yearlyBudgetEur) {
      current.overBudget = true;
      current = null;
    }
  }
  return phases;
}
