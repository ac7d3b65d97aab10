// DOMAIN.md §5.5: the worked trench-route example, computed with networkx 3.6.1 and exhaustive search.
import { describe, expect, it } from 'vitest';
import { solveSteinerTree } from '../../server/scenarios/fibre/steiner.ts';
import { validateSteinerTree } from '../../server/scenarios/fibre/validate-steiner-tree.ts';
import { createWeightedGraph } from '../../server/scenarios/fibre/weighted-graph.ts';

const UNIT_COST_EUR_PER_M = { open: 25, tiles: 45, asphalt: 90 } as const;
type Surface = keyof typeof UNIT_COST_EUR_PER_M;

function createExampleStreets() {
  const names = ['P', 'a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const id = (name: string) => names.indexOf(name);
  const streets: [string, string, number, Surface][] = [
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
  const graph = createWeightedGraph(
    names.length,
    streets.map(([u, v, lengthM, surface]) => [id(u), id(v), lengthM * UNIT_COST_EUR_PER_M[surface]] as const),
  );
  // No parallel streets, so the builder keeps insertion order: edge i is streets[i].
  const lengthM = (edge: number) => streets[edge][2];
  const label = (edge: number) => [names[graph.edgeU[edge]], names[graph.edgeV[edge]]].sort().join('–');
  return { graph, terminals: ['P', 'c', 'e', 'f', 'g'].map(id), lengthM, label };
}

describe('Steiner tree on the DOMAIN.md §5.5 street graph', () => {
  it('routes the trench over P–d, d–e, e–f, e–g and c–f: 420 m for €12,900', () => {
    const { graph, terminals, lengthM, label } = createExampleStreets();
    const tree = solveSteinerTree(graph, terminals);
    expect(validateSteinerTree(graph, terminals, tree)).toEqual([]);
    expect(tree.edges.map(label).sort()).toEqual(['P–d', 'c–f', 'd–e', 'e–f', 'e–g']);
    expect(tree.edges.reduce((sum, e) => sum + lengthM(e), 0)).toBe(420);
    expect(tree.weight).toBe(12_900);
  });
});
