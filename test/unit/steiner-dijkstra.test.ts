// Shortest paths and the graph builder, checked against naive twins.
import { describe, expect, it } from 'vitest';
import { ShortestPathSearch, multiSourceShortestPaths, singleSourceShortestPaths } from '../../server/scenarios/fibre/dijkstra.ts';
import { createSeededRandom } from '../../server/scenarios/fibre/seeded-random.ts';
import { type WeightedGraph, createWeightedGraph, findEdge, otherEnd } from '../../server/scenarios/fibre/weighted-graph.ts';

/** Random graph that may be disconnected, with parallel edges and self-loops for the builder to clean up. */
function createRandomGraph(seed: number, nodeCount: number, edgeCount: number): WeightedGraph {
  const random = createSeededRandom(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const edges: [number, number, number][] = [];
  for (let i = 0; i < edgeCount; i++) edges.push([pick(nodeCount), pick(nodeCount), Math.round(random() * 1000) / 10]);
  return createWeightedGraph(nodeCount, edges);
}

function bellmanFord(graph: WeightedGraph, sources: number[]): Float64Array {
  const distance = new Float64Array(graph.nodeCount).fill(Infinity);
  for (const s of sources) distance[s] = 0;
  for (let round = 0; round < graph.nodeCount; round++) {
    let changed = false;
    for (let e = 0; e < graph.edgeCount; e++) {
      const [u, v, w] = [graph.edgeU[e], graph.edgeV[e], graph.edgeWeight[e]];
      if (distance[u] + w < distance[v]) [distance[v], changed] = [distance[u] + w, true];
      if (distance[v] + w < distance[u]) [distance[u], changed] = [distance[v] + w, true];
    }
    if (!changed) break;
  }
  return distance;
}

describe('Dijkstra', () => {
  it('matches Bellman-Ford from one source on 20 random graphs, and its predecessor paths have that length', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const graph = createRandomGraph(seed, 60, 100 + seed * 5);
      const { distance, predecessorEdge } = singleSourceShortestPaths(graph, 0);
      const expected = bellmanFord(graph, [0]);
      for (let x = 0; x < graph.nodeCount; x++) {
        expect(distance[x], `seed ${seed} node ${x}`).toBeCloseTo(expected[x], 9);
        let length = 0;
        for (let y = x; predecessorEdge[y] >= 0; y = otherEnd(graph, predecessorEdge[y], y)) length += graph.edgeWeight[predecessorEdge[y]];
        if (Number.isFinite(expected[x])) expect(length).toBeCloseTo(expected[x], 9);
      }
    }
  });

  it('matches Bellman-Ford from several sources and labels each node with its nearest source', () => {
    for (let seed = 21; seed <= 30; seed++) {
      const graph = createRandomGraph(seed, 80, 160);
      const sources = [3, 17, 42, 77];
      const { distance, region } = multiSourceShortestPaths(graph, sources);
      const expected = bellmanFord(graph, sources);
      for (let x = 0; x < graph.nodeCount; x++) {
        expect(distance[x]).toBeCloseTo(expected[x], 9);
        if (Number.isFinite(expected[x])) expect(bellmanFord(graph, [sources[region[x]]])[x]).toBeCloseTo(expected[x], 9);
        else expect(region[x]).toBe(-1);
      }
    }
  });

  it('gives the same distances when a search object is reused after reset()', () => {
    const graph = createRandomGraph(31, 100, 250);
    const search = new ShortestPathSearch(graph);
    for (const source of [5, 50, 95]) {
      search.reset();
      search.addSource(source, 0);
      search.run();
      expect([...search.distance]).toEqual([...bellmanFord(graph, [source])]);
    }
  });

  it('stops at maxDistance, settling every node up to that distance', () => {
    const graph = createRandomGraph(32, 100, 250);
    const search = new ShortestPathSearch(graph);
    search.addSource(0, 0);
    search.run({ maxDistance: 30 });
    const expected = bellmanFord(graph, [0]);
    for (let x = 0; x < graph.nodeCount; x++) if (expected[x] <= 30) expect(search.distance[x]).toBeCloseTo(expected[x], 9);
  });
});

describe('WeightedGraphBuilder', () => {
  it('keeps the lightest of parallel edges and drops self-loops', () => {
    const graph = createWeightedGraph(3, [[0, 1, 5], [1, 0, 3], [0, 1, 4], [2, 2, 1], [1, 2, 7]]);
    expect(graph.edgeCount).toBe(2);
    expect(graph.edgeWeight[findEdge(graph, 1, 0)]).toBe(3);
    expect(findEdge(graph, 2, 2)).toBe(-1);
    expect([...graph.adjOffset]).toEqual([0, 1, 3, 4]);
  });

  it('rejects negative weights and nodes outside the graph', () => {
    expect(() => createWeightedGraph(2, [[0, 1, -1]])).toThrow(/weight/);
    expect(() => createWeightedGraph(2, [[0, 2, 1]])).toThrow(/outside/);
  });
});
