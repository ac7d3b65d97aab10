// Constructive Steiner-tree heuristics (DOMAIN.md §5.4.2). Both are 2-approximations; they return a connected edge set
// spanning the terminals that the caller normalises (induced MST + pruning) and improves by local search.
import type { ShortestPathSearch } from './dijkstra.ts';
import type { WeightedGraph } from './weighted-graph.ts';

/**
 * Mehlhorn's variant of KMB: one multi-source Dijkstra gives each node its nearest terminal (Voronoi region); every
 * edge joining two regions is a candidate terminal-to-terminal path, and Kruskal over those candidates replaces the MST
 * of the full metric closure (which would need one Dijkstra per terminal).
 */
export function mehlhornEdges(graph: WeightedGraph, terminals: readonly number[], search: ShortestPathSearch): number[] {
  search.reset();
  terminals.forEach((t, i) => search.addSource(t, i));
  search.run();
  const { distance, region } = search;
  const bridgeEdges: number[] = [];
  const bridgeLength = new Float64Array(graph.edgeCount);
  for (let e = 0; e < graph.edgeCount; e++) {
    const u = graph.edgeU[e];
    const v = graph.edgeV[e];
    if (region[u] < 0 || region[v] < 0 || region[u] === region[v]) continue;
    bridgeEdges.push(e);
    bridgeLength[e] = distance[u] + search.weights[e] + distance[v];
  }
  bridgeEdges.sort((a, b) => bridgeLength[a] - bridgeLength[b] || a - b);
  const parent = terminals.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const chosenMark = new Uint8Array(graph.edgeCount);
  const chosen: number[] = [];
  // Paths to the same terminal share their tail: stop at the first edge already taken, the rest is in too.
  const takePathFrom = (node: number) => {
    for (let x = node, e = search.predecessorEdge[x]; e >= 0 && chosenMark[e] === 0; e = search.predecessorEdge[x]) {
      chosenMark[e] = 1;
      chosen.push(e);
      x = graph.edgeU[e] === x ? graph.edgeV[e] : graph.edgeU[e];
    }
  };
  let joined = 1;
  for (const e of bridgeEdges) {
    if (joined === terminals.length) break;
    const ru = find(region[graph.edgeU[e]]);
    const rv = find(region[graph.edgeV[e]]);
    if (ru === rv) continue;
    parent[ru] = rv;
    joined++;
    chosenMark[e] = 1;
    chosen.push(e);
    takePathFrom(graph.edgeU[e]);
    takePathFrom(graph.edgeV[e]);
  }
  return chosen;
}

/**
 * Takahashi–Matsuyama shortest-path heuristic from `root`: repeatedly attach the terminal nearest to the tree by its
 * shortest path. Distances to the growing tree are maintained incrementally: each new tree node becomes a source at
 * distance 0 and only nodes that get closer are revisited. The search's weights may be perturbed to diversify starts.
 */
export function shortestPathHeuristicEdges(
  graph: WeightedGraph,
  terminals: readonly number[],
  root: number,
  search: ShortestPathSearch,
): number[] {
  search.reset();
  const inTree = new Uint8Array(graph.nodeCount);
  inTree[root] = 1;
  search.addSource(root, 0);
  const edges: number[] = [];
  let remaining = terminals.filter((t) => t !== root);
  while (remaining.length > 0) {
    search.run();
    let nearest = -1;
    for (let i = 0; i < remaining.length; i++) {
      if (nearest < 0 || search.distance[remaining[i]] < search.distance[remaining[nearest]]) nearest = i;
    }
    const target = remaining[nearest];
    let x = target;
    for (const e of search.pathEdges(target)) {
      edges.push(e);
      inTree[x] = 1;
      search.addSource(x, 0);
      x = graph.edgeU[e] === x ? graph.edgeV[e] : graph.edgeU[e];
    }
    // Terminals that the new path passed through are now in the tree too.
    remaining = remaining.filter((t) => inTree[t] === 0 && t !== target);
  }
  return edges;
}
