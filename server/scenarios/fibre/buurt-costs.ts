// Costs per buurt: every home carries its share of the route sections between it and the POP (each section split
// over the homes it serves), of its splitter and cabinet, and the POP share; connections at the take-rate. The
// shares add up to the design total, so buurten can be compared and phased without double counting shared feeders.
import { equipmentEurPerHome } from './fibre-costs.ts';
import type { NetworkDesign } from './design-network.ts';
import type { UnitCosts } from './fibre-defaults.ts';

export interface TargetHome {
  node: number;
  buurtCode: string | null;
  /** Copper only (no fibre, no coax), when coverage is known. */
  whiteSpot: boolean | null;
}

export interface BuurtCostRow {
  code: string;
  homesTargeted: number;
  homesPassed: number;
  homesConnected: number;
  capexPassedEur: number;
  capexTotalEur: number;
  costPerHomePassedEur: number | null;
  costPerHomeConnectedEur: number | null;
  whiteSpotShare: number | null;
}

export const NO_BUURT = '(geen buurt)';

export function buurtCosts(design: NetworkDesign, homes: readonly TargetHome[], costs: UnitCosts, takeRate: number): BuurtCostRow[] {
  const equipment = equipmentEurPerHome(design, costs);
  const rows = new Map<string, { targeted: number; passed: number; passedEur: number; whiteSpots: number; coverageKnown: number }>();
  for (const home of homes) {
    const code = home.buurtCode ?? NO_BUURT;
    const row = rows.get(code) ?? { targeted: 0, passed: 0, passedEur: 0, whiteSpots: 0, coverageKnown: 0 };
    rows.set(code, row);
    row.targeted++;
    if (home.whiteSpot !== null) {
      row.coverageKnown++;
      if (home.whiteSpot) row.whiteSpots++;
    }
    const route = design.routeEurPerHome.get(home.node);
    if (route === undefined) continue;
    row.passed++;
    row.passedEur += route + (equipment.get(home.node) ?? 0) + costs.popPerHomePassed;
  }
  return [...rows.entries()]
    .map(([code, r]) => {
      const homesConnected = Math.round(takeRate * r.passed);
      const capexTotalEur = r.passedEur + homesConnected * (costs.dropEur + costs.ontEur);
      return {
        code,
        homesTargeted: r.targeted,
        homesPassed: r.passed,
        homesConnected,
        capexPassedEur: r.passedEur,
        capexTotalEur,
        costPerHomePassedEur: r.passed > 0 ? r.passedEur / r.passed : null,
        costPerHomeConnectedEur: homesConnected > 0 ? capexTotalEur / homesConnected : null,
        whiteSpotShare: r.coverageKnown > 0 ? r.whiteSpots / r.coverageKnown : null,
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}
