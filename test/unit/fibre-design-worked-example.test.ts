// DOMAIN.md §5.5 through the whole fibre engine: route, GPON clustering and cost roll-up with the §5.3 defaults.
import { describe, expect, it } from 'vitest';
import type { Street } from '../../server/contracts/model.ts';
import { designNetwork } from '../../server/scenarios/fibre/design-network.ts';
import { DEFAULT_DESIGN_SETTINGS, DEFAULT_UNIT_COSTS, type DesignSettings } from '../../server/scenarios/fibre/fibre-defaults.ts';
import { billOfQuantities, costRollUp } from '../../server/scenarios/fibre/fibre-costs.ts';
import type { StreetNetwork } from '../../server/scenarios/fibre/street-network.ts';
import { priceEdges } from '../../server/scenarios/fibre/trench-cost-graph.ts';

const NAMES = ['P', 'a', 'b', 'c', 'd', 'e', 'f', 'g'];
const SURFACE: Record<string, Street['surface']> = { open: 'onverhard', tiles: 'tegels', asphalt: 'asfalt' };

/** The §5.5 graph as a street network: the lengths are given, so node positions only label the nodes. */
function createExampleNetwork(): StreetNetwork {
  const streets: [string, string, number, string][] = [
    ['P', 'a', 100, 'asphalt'],
    ['a', 'b', 80, 'tiles'],
    ['b', 'c', 80, 'tiles'],
    ['a', 'd', 120, 'tiles'],
    ['d', 'e', 60, 'open'],
    ['b', 'e', 100, 'tiles'],
    ['c', 'f', 90, 'open'],
    ['e', 'f', 70, 'tiles'],
    ['P', 'd', 150, 'open'],
    ['e', 'g', 50, 'tiles'],
    ['f', 'g', 60, 'asphalt'],
  ];
  const id = (n: string) => NAMES.indexOf(n);
  return {
    nodeX: Float64Array.from(NAMES, (_, i) => 145000 + 10 * i),
    nodeY: Float64Array.from(NAMES, () => 445000),
    edgeU: Int32Array.from(streets, ([u]) => id(u)),
    edgeV: Int32Array.from(streets, ([, v]) => id(v)),
    edgeLengthM: Float64Array.from(streets, ([, , l]) => l),
    edgeStreet: Int32Array.from(streets, (_, i) => i),
    streets: streets.map(([u, v, , s], i) => ({ id: `${u}–${v}`, name: `street ${i}`, class: 'woonstraat', surface: SURFACE[s] })),
  };
}

function createExampleDesign(settings: Partial<DesignSettings> = {}) {
  const network = createExampleNetwork();
  const fullSettings = { ...DEFAULT_DESIGN_SETTINGS, takeRate: 0.6, ...settings };
  const prices = priceEdges(network, { costs: DEFAULT_UNIT_COSTS, settings: fullSettings, existingDuctStreetIds: new Set(), openAnywayStreetIds: new Set() });
  const homesAtNode = new Map([['c', 20], ['e', 28], ['f', 18], ['g', 14]].map(([n, h]) => [NAMES.indexOf(n as string), h as number]));
  const design = designNetwork({ network, prices, costs: DEFAULT_UNIT_COSTS, settings: fullSettings, pop: { edge: 0, t: 0 }, homesAtNode });
  return { design, settings: fullSettings };
}

describe('fibre design of the DOMAIN.md §5.5 worked example', () => {
  it('routes the trench over P–d, d–e, e–f, e–g, c–f: 420 m for €12,900', () => {
    const { design } = createExampleDesign();
    expect(design.lines.map((l) => l.streetId).sort()).toEqual(['P–d', 'c–f', 'd–e', 'e–f', 'e–g']);
    expect(design.lines.reduce((s, l) => s + l.lengthM, 0)).toBe(420);
    expect(design.lines.reduce((s, l) => s + l.trenchEur, 0)).toBe(12_900);
    expect(design.homesPassed).toBe(80);
  });

  it('sums the fibre metres over homes on the tree to 21,960 (P2P)', () => {
    const { design } = createExampleDesign({ architecture: 'p2p' });
    expect(design.lines.reduce((s, l) => s + l.lengthM * l.fibres, 0)).toBe(21_960);
    expect(design.groups).toEqual([]);
  });

  it('groups the homes into three splitters of 1:32: {c} 20, {e} 28, {f, g} 32', () => {
    const { design } = createExampleDesign();
    const label = (members: { node: number }[]) => members.map((m) => NAMES[m.node]).sort().join(',');
    const groups = design.groups.map((g) => `${label(g.members)}=${g.homes}`).sort();
    expect(groups).toEqual(['c=20', 'e=28', 'f,g=32']);
    // The three splitters share one cabinet at e, where the branches meet; three feeder fibres leave the POP.
    expect(design.cabinets.map((c) => [NAMES[c.node], c.splitters, c.homes])).toEqual([['e', 3, 80]]);
    expect(design.lines.find((l) => l.streetId === 'P–d')?.fibres).toBe(3);
    expect(design.lines.find((l) => l.streetId === 'c–f')?.fibres).toBe(20);
  });

  it('rolls up to €23,400 passed (€292.50 per HP) and €49,800 in total at 60 % take-rate (€1,037.50 per HC)', () => {
    const { design, settings } = createExampleDesign();
    const boq = billOfQuantities(design, settings);
    const cost = costRollUp(design, boq, DEFAULT_UNIT_COSTS);
    expect(boq.trenchMBySurface).toEqual({ asfalt: 0, klinkers: 0, tegels: 120, onverhard: 300 });
    expect(boq.splitters).toBe(3);
    expect(boq.homesConnected).toBe(48);
    expect(cost.trenchEur).toBe(12_900);
    expect(cost.cableEur).toBe(2_100);
    expect(cost.popEur).toBe(6_000);
    expect(cost.splitterEur).toBe(2_400);
    expect(cost.capexPassedEur).toBe(23_400);
    expect(cost.costPerHomePassedEur).toBe(292.5);
    expect(cost.connectionsEur).toBe(26_400);
    expect(cost.capexTotalEur).toBe(49_800);
    expect(cost.costPerHomeConnectedEur).toBe(1_037.5);
  });

  it('makes a street opened anyway cheaper and reports the saving', () => {
    const network = createExampleNetwork();
    const settings = { ...DEFAULT_DESIGN_SETTINGS, openAnywayShare: 0.3 };
    const prices = priceEdges(network, { costs: DEFAULT_UNIT_COSTS, settings, existingDuctStreetIds: new Set(), openAnywayStreetIds: new Set(['P–d']) });
    const homesAtNode = new Map([[NAMES.indexOf('e'), 10]]);
    const design = designNetwork({ network, prices, costs: DEFAULT_UNIT_COSTS, settings, pop: { edge: 0, t: 0 }, homesAtNode });
    const cost = costRollUp(design, billOfQuantities(design, settings), DEFAULT_UNIT_COSTS);
    expect(design.lines.map((l) => l.streetId).sort()).toEqual(['P–d', 'd–e']);
    // 150 m unpaved at €25 → 30 % of €3,750 is paid.
    expect(cost.openAnywaySavingEur).toBeCloseTo(0.7 * 150 * 25, 9);
    expect(cost.trenchEur).toBeCloseTo(0.3 * 150 * 25 + 60 * 25, 9);
  });
});
