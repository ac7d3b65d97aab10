// Compact undirected weighted graph for the trench-route solvers. Street graphs of a town have 10⁴–10⁶ edges, so the
// adjacency is stored as CSR typed arrays (no per-node objects) and every algorithm addresses nodes and edges by index.
import { InvalidParameter } from '../../errors.ts';

/** Immutable undirected graph; nodes are 0…nodeCount−1, edges 0…edgeCount−1. */
export interface WeightedGraph {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Endpoints of edge e: edgeU[e] < edgeV[e] (self-loops are dropped by the builder). */
  readonly edgeU: Int32Array;
  readonly edgeV: Int32Array;
  /** Non-negative weight (for trenches: cost in € = length × unit cost). */
  readonly edgeWeight: Float64Array;
  /** Neighbours of node x are adjNode[adjOffset[x] … adjOffset[x+1]−1], reached over edge adjEdge[same index]. */
  readonly adjOffset: Int32Array;
  readonly adjNode: Int32Array;
  readonly adjEdge: Int32Array;
}

/** The endpoint of edge e that is not `node`. */
export function otherEnd(graph: WeightedGraph, edge: number, node: number): number {
  return graph.edgeU[edge] === node ? graph.edgeV[edge] : graph.edgeU[edge];
}

/** Sum of the weights of the given edges. */
export function totalWeight(graph: WeightedGraph, edges: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < edges.length; i++) sum += graph.edgeWeight[edges[i]];
  return sum;
}

/**
 * Collects edges and builds a {@link WeightedGraph}. Parallel edges collapse to the lightest one, because a Steiner tree
 * never uses the heavier of two parallel edges; self-loops are dropped because no tree can use them.
 */
export class WeightedGraphBuilder {
  // Keyed by u·nodeCount+v (u < v): exact as a double for nodeCount up to ~9·10⁷, far beyond any street graph.
  private readonly edgeIndexByKey = new Map<number, number>();
  private us: number[] = [];
  private vs: number[] = [];
  private weights: number[] = [];

  constructor(readonly nodeCount: number) {
    if (!Number.isInteger(nodeCount) || nodeCount < 0) throw new InvalidParameter(`Node count must be a non-negative integer, got ${nodeCount}`);
  }

  /** Adds edge {u, v}; returns false when it was a self-loop or a heavier-or-equal parallel edge and thus ignored. */
  addEdge(u: number, v: number, weight: number): boolean {
    this.checkNode(u);
    this.checkNode(v);
    if (!Number.isFinite(weight) || weight < 0) throw new InvalidParameter(`Edge ${u}–${v} has weight ${weight}; weights must be finite and ≥ 0`);
    if (u === v) return false;
    const [a, b] = u < v ? [u, v] : [v, u];
    const key = a * this.nodeCount + b;
    const existing = this.edgeIndexByKey.get(key);
    if (existing !== undefined) {
      if (weight >= this.weights[existing]) return false;
      this.weights[existing] = weight;
      return true;
    }
    this.edgeIndexByKey.set(key, this.us.length);
    this.us.push(a);
    this.vs.push(b);
    this.weights.push(weight);
    return true;
  }

  build(): WeightedGraph {
    const n = this.nodeCount;
    const m = this.us.length;
    const edgeU = Int32Array.from(this.us);
    const edgeV = Int32Array.from(this.vs);
    const edgeWeight = Float64Array.from(this.weights);
    const adjOffset = new Int32Array(n + 1);
    for (let e = 0; e < m; e++) {
      adjOffset[edgeU[e] + 1]++;
      adjOffset[edgeV[e] + 1]++;
    }
    for (let x = 0; x < n; x++) adjOffset[x + 1] += adjOffset[x];
    const fill = adjOffset.slice(0, n);
    const adjNode = new Int32Array(2 * m);
    const adjEdge = new Int32Array(2 * m);
    for (let e = 0; e < m; e++) {
      const u = edgeU[e];
      const v = edgeV[e];
      adjNode[fill[u]] = v;
      adjEdge[fill[u]++] = e;
      adjNode[fill[v]] = u;
      adjEdge[fill[v]++] = e;
    }
    return { nodeCount: n, edgeCount: m, edgeU, edgeV, edgeWeight, adjOffset, adjNode, adjEdge };
  }

  private checkNode(x: number): void {
    if (!Number.isInteger(x) || x < 0 || x >= this.nodeCount) throw new InvalidParameter(`Node ${x} is outside 0…${this.nodeCount - 1}`);
  }
}

/** Convenience for tests and small callers: a graph from [u, v, weight] triples. */
export function createWeightedGraph(nodeCount: number, edges: Iterable<readonly [number, number, number]>): WeightedGraph {
  const builder = new WeightedGraphBuilder(nodeCount);
  for (const [u, v, w] of edges) builder.addEdge(u, v, w);
  return builder.build();
}

/** Finds edge {u, v} by scanning u's adjacency (degrees in street graphs are tiny); −1 when absent. */
export function findEdge(graph: WeightedGraph, u: number, v: number): number {
  for (let i = graph.adjOffset[u]; i < graph.adjOffset[u + 1]; i++) if (graph.adjNode[i] === v) return graph.adjEdge[i];
  return -1;
}

/**
 * 1 for every node reachable from `source` over edges of finite weight (a breadth-first sweep: where only
 * reachability matters it does the work of a Dijkstra without the heap).
 */
export function reachableFrom(graph: WeightedGraph, source: number): Uint8Array {
  const reached = new Uint8Array(graph.nodeCount);
  const queue = new Int32Array(graph.nodeCount);
  let tail = 0;
  queue[tail++] = source;
  reached[source] = 1;
  for (let head = 0; head < tail; head++) {
    const x = queue[head];
    for (let i = graph.adjOffset[x]; i < graph.adjOffset[x + 1]; i++) {
      const y = graph.adjNode[i];
      if (reached[y] === 0 && graph.edgeWeight[graph.adjEdge[i]] < Infinity) {
        reached[y] = 1;
        queue[tail++] = y;
      }
    }
  }
  return reached;
}
