// "MST of the induced subgraph, then prune non-terminal leaves": the normalisation step of every Steiner heuristic
// (KMB's last two steps) and the evaluation function of Steiner-node insertion/elimination. Buffers are owned by the
// instance and reset by generation stamps, so evaluating a candidate costs only the size of its node set.
import type { WeightedGraph } from './weighted-graph.ts';

export interface EdgeSet {
  edges: number[];
  weight: number;
}

export class InducedMst {
  private readonly memberStamp: Int32Array;
  private stamp = 0;
  private readonly parent: Int32Array;
  private readonly degree: Int32Array;
  /** CSR offsets and fill positions of prune()'s incidence lists. */
  private readonly offset: Int32Array;
  private readonly fill: Int32Array;

  constructor(
    readonly graph: WeightedGraph,
    /** 1 for terminals: never pruned. */
    readonly isTerminal: Uint8Array,
  ) {
    this.memberStamp = new Int32Array(graph.nodeCount);
    this.parent = new Int32Array(graph.nodeCount);
    this.degree = new Int32Array(graph.nodeCount);
    this.offset = new Int32Array(graph.nodeCount).fill(-1);
    this.fill = new Int32Array(graph.nodeCount);
  }

  /**
   * Minimum spanning tree of the subgraph induced by `nodes`, with non-terminal leaves pruned repeatedly.
   * Returns null when the induced subgraph is disconnected (then no tree on exactly these nodes exists).
   */
  solve(nodes: ArrayLike<number>): EdgeSet | null {
    return this.solveOver(nodes, this.inducedEdges(nodes));
  }

  /** Edges with both ends in `nodes`, sorted for Kruskal (see sortForKruskal). */
  inducedEdges(nodes: ArrayLike<number>): number[] {
    const { graph } = this;
    const stamp = this.nextStamp();
    for (let i = 0; i < nodes.length; i++) this.memberStamp[nodes[i]] = stamp;
    const edges: number[] = [];
    for (let i = 0; i < nodes.length; i++) {
      const x = nodes[i];
      for (let j = graph.adjOffset[x]; j < graph.adjOffset[x + 1]; j++) {
        const y = graph.adjNode[j];
        // Each induced edge is seen from both ends; keep it once, from its lower endpoint.
        if (x < y && this.memberStamp[y] === stamp) edges.push(graph.adjEdge[j]);
      }
    }
    return sortForKruskal(graph, edges);
  }

  /**
   * Like solve(), but Kruskal only considers `sortedEdges` (those with both ends in `nodes`). Callers pass a known
   * superset of the MST: e.g. when adding node v to a tree that is the MST of its node set, the new MST uses only the
   * old tree edges and v's edges, so a candidate insertion costs O(tree) instead of O(induced edges · log).
   */
  solveOver(nodes: ArrayLike<number>, sortedEdges: readonly number[]): EdgeSet | null {
    const { graph } = this;
    const stamp = this.nextStamp();
    for (let i = 0; i < nodes.length; i++) {
      const x = nodes[i];
      this.memberStamp[x] = stamp;
      this.parent[x] = x;
    }
    const chosen: number[] = [];
    for (const e of sortedEdges) {
      const u = graph.edgeU[e];
      const v = graph.edgeV[e];
      if (this.memberStamp[u] !== stamp || this.memberStamp[v] !== stamp) continue;
      const ru = this.find(u);
      const rv = this.find(v);
      if (ru === rv) continue;
      this.parent[ru] = rv;
      chosen.push(e);
    }
    // A spanning tree on k distinct nodes has k−1 edges; fewer means the induced subgraph is disconnected.
    if (chosen.length !== this.countDistinct(nodes, stamp) - 1) return null;
    return this.prune(chosen);
  }

  /** Removes non-terminal leaves (and the edges to them) until none is left; `edges` must form a forest. */
  prune(edges: readonly number[]): EdgeSet {
    const { graph, degree } = this;
    for (const e of edges) {
      degree[graph.edgeU[e]] = 0;
      degree[graph.edgeV[e]] = 0;
    }
    for (const e of edges) {
      degree[graph.edgeU[e]]++;
      degree[graph.edgeV[e]]++;
    }
    // Incident edge positions per node in CSR form, nodes in order of first appearance (so leaves are found, and
    // pruned, in a deterministic order); `offset` is −1 outside calls.
    const { offset, fill } = this;
    const nodes: number[] = [];
    let total = 0;
    for (const e of edges) {
      for (let k = 0; k < 2; k++) {
        const x = k === 0 ? graph.edgeU[e] : graph.edgeV[e];
        if (offset[x] >= 0) continue;
        offset[x] = total;
        fill[x] = total;
        total += degree[x];
        nodes.push(x);
      }
    }
    const incident = new Int32Array(total);
    for (let i = 0; i < edges.length; i++) {
      incident[fill[graph.edgeU[edges[i]]]++] = i;
      incident[fill[graph.edgeV[edges[i]]]++] = i;
    }
    // Queue of non-terminal leaves; removing one may expose its neighbour as the next (dangling chains).
    const removed = new Uint8Array(edges.length);
    const leaves: number[] = [];
    for (const x of nodes) if (degree[x] === 1 && !this.isTerminal[x]) leaves.push(x);
    while (leaves.length > 0) {
      const leaf = leaves.pop()!;
      if (degree[leaf] !== 1) continue;
      let i = -1;
      for (let j = offset[leaf]; i < 0; j++) if (!removed[incident[j]]) i = incident[j];
      removed[i] = 1;
      const other = graph.edgeU[edges[i]] === leaf ? graph.edgeV[edges[i]] : graph.edgeU[edges[i]];
      degree[leaf]--;
      degree[other]--;
      if (degree[other] === 1 && !this.isTerminal[other]) leaves.push(other);
    }
    for (const x of nodes) offset[x] = -1;
    const kept: number[] = [];
    let weight = 0;
    for (let i = 0; i < edges.length; i++) {
      if (removed[i]) continue;
      kept.push(edges[i]);
      weight += graph.edgeWeight[edges[i]];
    }
    for (const e of edges) {
      degree[graph.edgeU[e]] = 0;
      degree[graph.edgeV[e]] = 0;
    }
    return { edges: kept, weight };
  }

  private countDistinct(nodes: ArrayLike<number>, stamp: number): number {
    // Re-stamp with −stamp to count each node once even if `nodes` lists it twice.
    let count = 0;
    for (let i = 0; i < nodes.length; i++) {
      if (this.memberStamp[nodes[i]] === stamp) {
        this.memberStamp[nodes[i]] = -stamp;
        count++;
      }
    }
    return count;
  }

  private nextStamp(): number {
    this.stamp++;
    return this.stamp;
  }

  private find(x: number): number {
    const parent = this.parent;
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }
}

/** Ascending weight, ties by edge id, so that results do not depend on the order in which edges were collected. */
export function sortForKruskal(graph: WeightedGraph, edges: number[]): number[] {
  return edges.sort((a, b) => graph.edgeWeight[a] - graph.edgeWeight[b] || a - b);
}

/** Merges two lists sorted by sortForKruskal's order. */
export function mergeForKruskal(graph: WeightedGraph, a: readonly number[], b: readonly number[]): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const wa = graph.edgeWeight[a[i]];
    const wb = graph.edgeWeight[b[j]];
    merged.push(wa < wb || (wa === wb && a[i] < b[j]) ? a[i++] : b[j++]);
  }
  while (i < a.length) merged.push(a[i++]);
  while (j < b.length) merged.push(b[j++]);
  return merged;
}
