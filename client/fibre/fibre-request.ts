// The fibre design request as the panel builds it (server/api/fibre-router.ts designBody): the chosen POP and
// buurten, only the unit costs the user changed, take rate and yearly budget for the phasing. Pure.

/** The unit costs the panel lets a planner edit, as paths into the server's unitCosts object. */
export const EDITABLE_UNIT_COSTS = [
  'trenchPerM.asfalt',
  'trenchPerM.klinkers',
  'trenchPerM.tegels',
  'trenchPerM.onverhard',
  'ductAndCablePerM',
  'roadCrossingEur',
  'dropEur',
  'ontEur',
  'popPerHomePassed',
  'splitterEur',
  'cabinetEur',
] as const;
export type EditableUnitCost = (typeof EDITABLE_UNIT_COSTS)[number];

export type UnitCosts = Record<string, number | Record<string, number>>;

export function unitCostAt(costs: UnitCosts, path: EditableUnitCost): number | undefined {
  const [head, tail] = path.split('.');
  const value = costs[head];
  if (tail === undefined) return typeof value === 'number' ? value : undefined;
  return typeof value === 'object' && value !== null && typeof value[tail] === 'number' ? value[tail] : undefined;
}

/** Only the values that differ from the defaults, nested as the server's unitCostOverridesSchema wants them. */
export function unitCostOverrides(defaults: UnitCosts, edited: Partial<Record<EditableUnitCost, number>>): Record<string, number | Record<string, number>> {
  const overrides: Record<string, number | Record<string, number>> = {};
  for (const path of EDITABLE_UNIT_COSTS) {
    const value = edited[path];
    if (value === undefined || !Number.isFinite(value) || value < 0 || value === unitCostAt(defaults, path)) continue;
    const [head, tail] = path.split('.');
    if (tail === undefined) overrides[head] = value;
    else overrides[head] = { ...((overrides[head] as Record<string, number> | undefined) ?? {}), [tail]: value };
  }
  return overrides;
}

export interface DesignInput {
  popId: string;
  buurten: readonly string[];
  defaults: UnitCosts;
  edited: Partial<Record<EditableUnitCost, number>>;
  takeRate: number;
  yearlyBudgetEur: number;
}

export function designBody(input: DesignInput): Record<string, unknown> {
  const overrides = unitCostOverrides(input.defaults, input.edited);
  return {
    pop: { id: input.popId },
    buurten: [...input.buurten].sort(),
    ...(Object.keys(overrides).length > 0 ? { unitCosts: overrides } : {}),
    takeRate: Math.max(0, Math.min(1, input.takeRate)),
    phasing: { order: 'cost-per-home', yearlyBudgetEur: input.yearlyBudgetEur },
  };
}

/** The cost parts of a design, in the order the bar chart stacks them; zero parts are left out. */
export const COST_PARTS = ['trenchEur', 'crossingEur', 'cableEur', 'popEur', 'splitterEur', 'cabinetEur', 'connectionsEur'] as const;
export type CostPart = (typeof COST_PARTS)[number];

export function costBreakdown(costs: Record<string, number | null>): { part: CostPart; eur: number }[] {
  return COST_PARTS.map((part) => ({ part, eur: costs[part] ?? 0 })).filter((p) => p.eur > 0);
}

export type HomeStatus = 'fibre' | 'passed' | 'white-spot' | 'unreachable';
export const HOME_STATUSES: readonly HomeStatus[] = ['fibre', 'passed', 'white-spot', 'unreachable'];

/**
 * What the design means for one address: it already has fibre; the new network passes it (in a chosen buurt);
 * it stays a white spot (not chosen); or it is in a chosen buurt but too far from the network (disconnected).
 */
export function homeStatus(hasFibre: boolean, buurtCode: string, targeted: ReadonlySet<string>, disconnected: ReadonlySet<string>, addressId: string): HomeStatus {
  if (hasFibre) return 'fibre';
  if (!targeted.has(buurtCode)) return 'white-spot';
  return disconnected.has(addressId) ? 'unreachable' : 'passed';
}

/** Path width in pixels by the cable's fibre count: 2 px for a drop-size cable up to 8 px for a feeder. */
export function cableWidthPx(fibres: number): number {
  return Math.min(8, 2 + Math.log2(Math.max(1, fibres)) * 0.7);
}
