// Topology repair and access points on hand-made street networks (RD New metres around 145000, 445000).
import { describe, expect, it } from 'vitest';
import type { Street } from '../../server/contracts/model.ts';
import { attachPoints } from '../../server/scenarios/fibre/address-drops.ts';
import { buildStreetNetwork } from '../../server/scenarios/fibre/build-street-network.ts';
import { DEFAULT_DESIGN_SETTINGS, DEFAULT_UNIT_COSTS } from '../../server/scenarios/fibre/fibre-defaults.ts';
import { networkComponents } from '../../server/scenarios/fibre/street-network.ts';
import { edgeCostEur, priceEdges } from '../../server/scenarios/fibre/trench-cost-graph.ts';

const X = 145000;
const Y = 445000;

function createStreet(id: string, line: [number, number][], overrides: Partial<Street> = {}): Street {
  return { id, line: line.map(([x, y]) => [X + x, Y + y] as [number, number]), name: id, class: 'woonstraat', surface: 'klinkers', ...overrides };
}

const totalLength = (lengths: Float64Array) => lengths.reduce((a, b) => a + b, 0);

describe('buildStreetNetwork', () => {
  it('splits a through street where a side street ends on its middle (T-junction)', () => {
    const { network, report } = buildStreetNetwork([createStreet('main', [[0, 0], [100, 0]]), createStreet('side', [[40, 0], [40, 60]])]);
    expect(report.endpointOnLineSplits).toBe(1);
    expect(report.gapsClosed).toBe(0);
    expect(report.nodes).toBe(4);
    expect(report.edges).toBe(3);
    expect(report.components).toBe(1);
    expect(totalLength(network.edgeLengthM)).toBeCloseTo(160, 9);
    expect(report.examples).toContainEqual(expect.objectContaining({ kind: 'endpoint-on-line', streetIds: ['side', 'main'] }));
  });

  it('snaps a side street that stops 0.3 m short of the through street, and reports the gap', () => {
    const { network, report } = buildStreetNetwork([createStreet('main', [[0, 0], [100, 0]]), createStreet('side', [[40, 0.3], [40, 60]])]);
    expect(report.components).toBe(1);
    expect(report.endpointOnLineSplits).toBe(1);
    expect(report.gapsClosed).toBe(1);
    const snap = report.examples.find((e) => e.kind === 'gap-closed');
    expect(snap?.distanceM).toBeCloseTo(0.3, 6);
    // The junction keeps the surveyed end vertex of the side street.
    const junction = [...network.nodeX.keys()].find((n) => network.nodeX[n] === X + 40 && network.nodeY[n] === Y + 0.3);
    expect(junction).toBeDefined();
  });

  it('leaves a gap wider than the tolerance open and reports two components', () => {
    const { report } = buildStreetNetwork([createStreet('main', [[0, 0], [100, 0]]), createStreet('side', [[40, 2], [40, 60]])]);
    expect(report.components).toBe(2);
    expect(report.isolatedComponents).toEqual([{ nodes: 2, streetIds: ['side'] }]);
  });

  it('splits two lines that cross without a shared vertex', () => {
    const { network, report } = buildStreetNetwork([createStreet('ns', [[50, -50], [50, 50]]), createStreet('ew', [[0, 0], [100, 0]])]);
    expect(report.crossingSplits).toBe(1);
    expect(report.nodes).toBe(5);
    expect(report.edges).toBe(4);
    const centre = [...network.nodeX.keys()].filter((n) => Math.abs(network.nodeX[n] - (X + 50)) < 1e-9 && Math.abs(network.nodeY[n] - Y) < 1e-9);
    expect(centre).toHaveLength(1);
  });

  it('splits a line where another street passes through it at one of its own vertices', () => {
    const { report } = buildStreetNetwork([createStreet('main', [[0, 0], [100, 0]]), createStreet('bend', [[30, -40], [50, 0], [70, 40]])]);
    expect(report.crossingSplits).toBe(1);
    expect(report.components).toBe(1);
    expect(report.nodes).toBe(5);
    expect(report.edges).toBe(4);
  });

  it('joins streets at a shared interior vertex', () => {
    const { report } = buildStreetNetwork([createStreet('a', [[0, 0], [50, 0], [100, 0]]), createStreet('b', [[50, 0], [50, 80]])]);
    expect(report.sharedVertexSplits).toBe(1);
    expect(report.components).toBe(1);
    expect(report.edges).toBe(3);
  });

  it('with tolerance 0 does not snap the near miss', () => {
    const { report } = buildStreetNetwork([createStreet('main', [[0, 0], [100, 0]]), createStreet('side', [[40, 0.3], [40, 60]])], { snapToleranceM: 0 });
    expect(report.components).toBe(2);
  });
});

describe('attachPoints', () => {
  it('splits the nearest edge at the foot of each address and reports an address too far from any street', () => {
    const { network } = buildStreetNetwork([createStreet('main', [[0, 0], [100, 0]])]);
    const points: [number, number][] = [
      [X + 30, Y + 12],
      [X + 30.2, Y - 9],
      [X + 70, Y + 5],
      [X + 50, Y + 400],
    ];
    const attached = attachPoints(network, points, { maxDistanceM: 250 });
    expect(attached.nodeOfPoint[3]).toBe(-1);
    expect(Number.isNaN(attached.distanceM[3])).toBe(true);
    // Feet within 0.5 m share a node; the edge now runs 0 → 30 → 70 → 100.
    expect(attached.nodeOfPoint[0]).toBe(attached.nodeOfPoint[1]);
    expect(attached.distanceM[0]).toBeCloseTo(12, 9);
    expect(attached.network.edgeU.length).toBe(3);
    expect(totalLength(attached.network.edgeLengthM)).toBeCloseTo(100, 9);
    const n = attached.nodeOfPoint[2];
    expect(attached.network.nodeX[n]).toBeCloseTo(X + 70, 9);
    expect(networkComponents(attached.network).count).toBe(1);
  });

  it('uses an edge end as the access node when the foot lies on it', () => {
    const { network } = buildStreetNetwork([createStreet('main', [[0, 0], [100, 0]])]);
    const attached = attachPoints(network, [[X - 5, Y + 3]]);
    expect(attached.nodeOfPoint[0]).toBe(0);
    expect(attached.network.edgeU.length).toBe(1);
  });
});

describe('priceEdges', () => {
  it('charges length × unit cost by surface, a free duct at the reuse rate, and crossings into side streets', () => {
    const { network } = buildStreetNetwork([
      createStreet('weg', [[0, 0], [100, 0]], { class: 'hoofdweg', surface: 'asfalt' }),
      createStreet('straat', [[50, 0], [50, 40]], { surface: 'tegels' }),
      createStreet('pad', [[100, 0], [100, 30]], { surface: 'onverhard' }),
    ]);
    const prices = priceEdges(network, {
      costs: DEFAULT_UNIT_COSTS,
      settings: DEFAULT_DESIGN_SETTINGS,
      existingDuctStreetIds: new Set(['pad']),
      openAnywayStreetIds: new Set(),
    });
    const costOf = (id: string) =>
      [...prices.keys()].filter((e) => network.streets[network.edgeStreet[e]].id === id).reduce((sum, e) => sum + edgeCostEur(network.edgeLengthM[e], prices[e], DEFAULT_UNIT_COSTS), 0);
    expect(costOf('weg')).toBeCloseTo(100 * 90, 6);
    // 40 m of tiles at €45 plus half a road crossing (€1,000) where the side street leaves the main road.
    expect(costOf('straat')).toBeCloseTo(40 * 45 + 500, 6);
    expect(costOf('pad')).toBeCloseTo(30 * 8, 6);
  });
});
