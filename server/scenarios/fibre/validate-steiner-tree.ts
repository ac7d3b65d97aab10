// Independent check of a Steiner tree, deliberately naive (no shared code with the solver) so tests can trust it.
import type { SteinerTree } from './steiner.ts';
import type { WeightedGraph } from './weighted-graph.ts';

/** Problems with `tree` as a Steiner tree for `terminals`; an empty list means it is valid. */
export function validateSteinerTree(graph: WeightedGraph, terminals: readonly number[], tree: SteinerTree): string[] {
  const problems: string[] = [];
  const edges = new Set<number>();
  for (const e of tree.edges) {
    if (!Number.isInteger(e) || e < 0 || e >= graph.edgeCount) problems.push(`edge ${e} does not exist`);
    else if (edges.has(e)) problems.push(`edge ${e} is listed twice`);
    else edges.add(e);
  }
  if (problems.length > 0) return problems;

  const nodes = new Set<number>();
  const adjacency = new Map<number, number[]>();
  let weight = 0;
  for (const e of edges) {
    const u = graph.edgeU[e];
    const v = graph.edgeV[e];
    nodes.add(u);
    nodes.add(v);
    adjacency.set(u, [...(adjacency.get(u) ?? []), v]);
    adjacency.set(v, [...(adjacency.get(v) ?? []), u]);
    weight += graph.edgeWeight[e];
  }
  const uniqueTerminals = [...new Set(terminals)];
  // A lone terminal is a tree without edges.
  if (edges.size === 0 && uniqueTerminals.length === 1) nodes.add(uniqueTerminals[0]);

  for (const t of uniqueTerminals) if (!nodes.has(t)) problems.push(`terminal ${t} is not in the tree`);
  if (nodes.size > 0 && edges.size !== nodes.size - 1) problems.push(`${edges.size} edges on ${nodes.size} nodes: not a tree`);
  if (nodes.size > 0) {
    const start = nodes.values().next().value as number;
    const seen = new Set([start]);
    const stack = [start];
    while (stack.length > 0) {
      for (const y of adjacency.get(stack.pop()!) ?? []) {
        if (!seen.has(y)) {
          seen.add(y);
          stack.push(y);
        }
      }
    }
    if (seen.size !== nodes.size) problems.push(`tree is disconnected: ${seen.size} of ${nodes.size} nodes reachable`);
  }
  if (Math.abs(weight - tree.weight) > 1e-9 * Math.max(1, Math.abs(weight))) problems.push(`weight ${tree.weight} ≠ sum of edges ${weight}`);
  const listed = new Set(tree.nodes);
  if (listed.size !== nodes.size || [...nodes].some((x) => !listed.has(x))) problems.push('nodes do not match the edges');
  return problems;
}
