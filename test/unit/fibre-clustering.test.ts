// GPON tree partitioning and cabinet siting on small hand-made trees.
import { describe, expect, it } from 'vitest';
import { designNetwork } from '../../server/scenarios/fibre/design-network.ts';
import { DEFAULT_DESIGN_SETTINGS, DEFAULT_UNIT_COSTS } from '../../server/scenarios/fibre/fibre-defaults.ts';
import { clusterHomes } from '../../server/scenarios/fibre/gpon-clustering.ts';
import { rootTree } from '../../server/scenarios/fibre/rooted-tree.ts';
import type { StreetNetwork } from '../../server/scenarios/fibre/street-network.ts';
import { priceEdges } from '../../server/scenarios/fibre/trench-cost-graph.ts';
import { createWeightedGraph } from '../../server/scenarios/fibre/weighted-graph.ts';

/** A straight street of `n` nodes 10 m apart along x from RD (145000, 445000), plus an unconnected stub far away. */
function createLineNetwork(n: number): StreetNetwork {
  const xs = Array.from({ length: n }, (_, i) => 145000 + 10 * i);
  return {
    nodeX: Float64Array.from([...xs, 150000, 150010]),
    nodeY: Float64Array.from([...xs.map(() => 445000), 445000, 445000]),
    edgeU: Int32Array.from([...xs.slice(1).map((_, i) => i), n]),
    edgeV: Int32Array.from([...xs.slice(1).map((_, i) => i + 1), n + 1]),
    edgeLengthM: Float64Array.from([...xs.slice(1).map(() => 10), 10]),
    edgeStreet: Int32Array.from([...xs.slice(1).map(() => 0), 1]),
    streets: [
      { id: 'lang', name: 'Lange straat', class: 'woonstraat', surface: 'klinkers' },
      { id: 'los', name: 'Losse straat', class: 'woonstraat', surface: 'klinkers' },
    ],
  };
}

describe('clusterHomes', () => {
  it('never exceeds the capacity, serves every home once, and fills whole splitters at a large block', () => {
    const graph = createWeightedGraph(6, [[0, 1, 1], [1, 2, 1], [2, 3, 1], [1, 4, 1], [4, 5, 1]]);
    const tree = rootTree(graph, [0, 1, 2, 3, 4], 0);
    const homes = [0, 5, 70, 9, 12, 30];
    const groups = clusterHomes(tree, (x) => homes[x], 32);
    for (const g of groups) {
      expect(g.homes).toBeLessThanOrEqual(32);
      expect(g.members.reduce((s, m) => s + m.homes, 0)).toBe(g.homes);
    }
    const served = new Map<number, number>();
    for (const g of groups) for (const m of g.members) served.set(m.node, (served.get(m.node) ?? 0) + m.homes);
    expect([...served.entries()].sort((a, b) => a[0] - b[0])).toEqual([[1, 5], [2, 70], [3, 9], [4, 12], [5, 30]]);
    // 126 homes need at least 4 splitters; the 70-home block fills two on its own.
    expect(groups.length).toBeGreaterThanOrEqual(4);
    expect(groups.filter((g) => g.anchor === 2 && g.homes === 32)).toHaveLength(2);
  });
});

describe('designNetwork', () => {
  it('moves a cabinet towards the POP when its first site is not allowed', () => {
    const network = createLineNetwork(6);
    const settings = DEFAULT_DESIGN_SETTINGS;
    const prices = priceEdges(network, { costs: DEFAULT_UNIT_COSTS, settings, existingDuctStreetIds: new Set(), openAnywayStreetIds: new Set() });
    const design = designNetwork({
      network,
      prices,
      costs: DEFAULT_UNIT_COSTS,
      settings,
      pop: { edge: 0, t: 0 },
      homesAtNode: new Map([[5, 10], [7, 4]]),
      // Nothing may stand east of x = 145030.
      cabinetSite: ([x]) => (x > 145030 ? { verdict: 'not-allowed', reasons: ['groen'] } : { verdict: 'allowed', reasons: [] }),
    });
    expect(design.cabinets).toHaveLength(1);
    expect(design.cabinets[0].positionRd[0]).toBe(145030);
    expect(design.cabinets[0].shiftedM).toBe(20);
    expect(design.cabinets[0].verdict).toBe('allowed');
    // The stub cannot be reached from the POP: reported with its homes, not passed.
    expect([...design.unreachable]).toEqual([[7, 4]]);
    expect(design.homesPassed).toBe(10);
    // Between the cabinet and the homes 10 fibres, above it one feeder fibre.
    const fibresAt = (x: number) => design.lines.find((l) => l.fromRd[0] === x)?.fibres;
    expect(fibresAt(145050)).toBe(10);
    expect(fibresAt(145030)).toBe(1);
  });
});
