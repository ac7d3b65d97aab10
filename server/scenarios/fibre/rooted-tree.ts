// A Steiner tree hung from the POP: every tree node gets its parent and the edge towards the POP, in an order where
// parents come before children, so "downstream" sums are one reverse sweep.
import type { WeightedGraph } from './weighted-graph.ts';

export interface RootedTree {
  root: number;
  /** Tree nodes, root first, every parent before its children. */
  order: number[];
  /** Parent node per graph node (−1 for the root and for nodes outside the tree). */
  parent: Int32Array;
  /** Graph edge from a node to its parent (−1 for the root and outside). */
  parentEdge: Int32Array;
}

export function rootTree(graph: WeightedGraph, treeEdges: readonly number[], root: number): RootedTree {
  // Incident tree edges per node in CSR form (offsets + one flat array): no per-node lists.
  const offset = new Int32Array(graph.nodeCount + 1);
  for (const e of treeEdges) {
    offset[graph.edgeU[e] + 1]++;
    offset[graph.edgeV[e] + 1]++;
  }
  for (let x = 0; x < graph.nodeCount; x++) offset[x + 1] += offset[x];
  const fill = offset.slice(0, graph.nodeCount);
  const incident = new Int32Array(2 * treeEdges.length);
  for (const e of treeEdges) {
    incident[fill[graph.edgeU[e]]++] = e;
    incident[fill[graph.edgeV[e]]++] = e;
  }
  const parent = new Int32Array(graph.nodeCount).fill(-1);
  const parentEdge = new Int32Array(graph.nodeCount).fill(-1);
  const visited = new Uint8Array(graph.nodeCount);
  const order = [root];
  visited[root] = 1;
  for (let i = 0; i < order.length; i++) {
    const x = order[i];
    for (let j = offset[x]; j < offset[x + 1]; j++) {
      const e = incident[j];
      const y = graph.edgeU[e] === x ? graph.edgeV[e] : graph.edgeU[e];
      if (visited[y]) continue;
      visited[y] = 1;
      parent[y] = x;
      parentEdge[y] = e;
      order.push(y);
    }
  }
  return { root, order, parent, parentEdge };
}

/** Σ of `value` over each node's subtree (the node itself included). */
export function subtreeSums(tree: RootedTree, value: (node: number) => number, size: number): Float64Array {
  const sum = new Float64Array(size);
  for (let i = tree.order.length - 1; i >= 0; i--) {
    const x = tree.order[i];
    sum[x] += value(x);
    if (tree.parent[x] >= 0) sum[tree.parent[x]] += sum[x];
  }
  return sum;
}
