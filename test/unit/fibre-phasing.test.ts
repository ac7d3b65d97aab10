// Phasing into yearly budgets, and per-buurt costs that add up to the design total.
import { describe, expect, it } from 'vitest';
import { buurtCosts } from '../../server/scenarios/fibre/buurt-costs.ts';
import { designNetwork } from '../../server/scenarios/fibre/design-network.ts';
import { DEFAULT_DESIGN_SETTINGS, DEFAULT_UNIT_COSTS } from '../../server/scenarios/fibre/fibre-defaults.ts';
import { billOfQuantities, costRollUp } from '../../server/scenarios/fibre/fibre-costs.ts';
import { type PhasingBuurt, planPhases } from '../../server/scenarios/fibre/phasing.ts';
import type { StreetNetwork } from '../../server/scenarios/fibre/street-network.ts';
import { priceEdges } from '../../server/scenarios/fibre/trench-cost-graph.ts';

function createBuurten(): PhasingBuurt[] {
  return [
    { code: 'BU00000001', costEur: 400, costPerHomePassedEur: 900, whiteSpotShare: 0.1 },
    { code: 'BU00000002', costEur: 500, costPerHomePassedEur: 300, whiteSpotShare: 0.8 },
    { code: 'BU00000003', costEur: 300, costPerHomePassedEur: 500, whiteSpotShare: 0.5 },
    { code: 'BU00000004', costEur: 1500, costPerHomePassedEur: 700, whiteSpotShare: 0 },
  ];
}

describe('planPhases', () => {
  it('fills years in order of cost per home passed without letting a later buurt jump ahead', () => {
    const phases = planPhases(createBuurten(), { order: 'cost-per-home', yearlyBudgetEur: 1000, startYear: 2027 });
    expect(phases).toEqual([
      { year: 2027, buurtCodes: ['BU00000002', 'BU00000003'], costEur: 800, overBudget: false },
      { year: 2028, buurtCodes: ['BU00000004'], costEur: 1500, overBudget: true },
      { year: 2029, buurtCodes: ['BU00000001'], costEur: 400, overBudget: false },
    ]);
  });

  it('orders by white-spot share, and by a priority list with the rest after it', () => {
    const byWhiteSpots = planPhases(createBuurten(), { order: 'white-spot-share', yearlyBudgetEur: 10_000, startYear: 2027 });
    expect(byWhiteSpots[0].buurtCodes).toEqual(['BU00000002', 'BU00000003', 'BU00000001', 'BU00000004']);
    const byPriority = planPhases(createBuurten(), { order: 'priority', priority: ['BU00000004', 'BU00000001'], yearlyBudgetEur: 10_000, startYear: 2027 });
    expect(byPriority[0].buurtCodes).toEqual(['BU00000004', 'BU00000001', 'BU00000002', 'BU00000003']);
  });
});

describe('buurtCosts', () => {
  it('splits the capex over buurten so that the rows add up to the design total', () => {
    // A comb: a main street 0…4 with the POP at 0 and homes at 2 (buurt A), 3 and 4 (buurt B).
    const network: StreetNetwork = {
      nodeX: Float64Array.from([0, 50, 100, 150, 200], (x) => 145000 + x),
      nodeY: Float64Array.from([0, 0, 0, 0, 0], () => 445000),
      edgeU: Int32Array.from([0, 1, 2, 3]),
      edgeV: Int32Array.from([1, 2, 3, 4]),
      edgeLengthM: Float64Array.from([50, 50, 50, 50]),
      edgeStreet: Int32Array.from([0, 0, 1, 1]),
      streets: [
        { id: 'a', name: 'A', class: 'woonstraat', surface: 'asfalt' },
        { id: 'b', name: 'B', class: 'woonstraat', surface: 'tegels' },
      ],
    };
    const settings = { ...DEFAULT_DESIGN_SETTINGS, takeRate: 0.5 };
    const prices = priceEdges(network, { costs: DEFAULT_UNIT_COSTS, settings, existingDuctStreetIds: new Set(), openAnywayStreetIds: new Set() });
    const homes = [
      ...Array.from({ length: 30 }, () => ({ node: 2, buurtCode: 'BU00000001', whiteSpot: true })),
      ...Array.from({ length: 20 }, () => ({ node: 3, buurtCode: 'BU00000002', whiteSpot: false })),
      ...Array.from({ length: 10 }, () => ({ node: 4, buurtCode: 'BU00000002', whiteSpot: true })),
    ];
    const homesAtNode = new Map([[2, 30], [3, 20], [4, 10]]);
    const design = designNetwork({ network, prices, costs: DEFAULT_UNIT_COSTS, settings, pop: { edge: 0, t: 0 }, homesAtNode });
    const total = costRollUp(design, billOfQuantities(design, settings), DEFAULT_UNIT_COSTS);
    const rows = buurtCosts(design, homes, DEFAULT_UNIT_COSTS, settings.takeRate);
    expect(rows.map((r) => [r.code, r.homesPassed, r.homesConnected])).toEqual([['BU00000001', 30, 15], ['BU00000002', 30, 15]]);
    expect(rows.reduce((s, r) => s + r.capexPassedEur, 0)).toBeCloseTo(total.capexPassedEur, 6);
    expect(rows.reduce((s, r) => s + r.capexTotalEur, 0)).toBeCloseTo(total.capexTotalEur, 6);
    expect(rows[1].whiteSpotShare).toBeCloseTo(1 / 3, 12);
    // Buurt B lies further out and pays for the last 100 m alone: dearer per home.
    expect(rows[1].costPerHomePassedEur!).toBeGreaterThan(rows[0].costPerHomePassedEur!);
  });
});
