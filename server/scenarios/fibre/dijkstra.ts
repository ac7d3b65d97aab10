// Dijkstra with a binary heap over typed arrays. The Steiner local search runs thousands of small, bounded searches on
// the same graph, so one ShortestPathSearch owns its buffers and only resets the nodes the previous run touched.
import type { WeightedGraph } from './weighted-graph.ts';

export interface ShortestPathResult {
  /** Distance from the nearest source; Infinity when unreachable. */
  distance: Float64Array;
  /** Edge to the predecessor on a shortest path; −1 for sources and unreachable nodes. */
  predecessorEdge: Int32Array;
  /** Label of the nearest source (its Voronoi region): the source's index in `sources`; −1 when unreachable. */
  region: Int32Array;
}

/** Lazy-deletion binary min-heap of (key, node); a node may be in it several times with decreasing keys. */
class NodeHeap {
  private keys = new Float64Array(64);
  private nodes = new Int32Array(64);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  push(key: number, node: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      this.nodes = nodes;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent] <= key) break;
      this.keys[i] = this.keys[parent];
      this.nodes[i] = this.nodes[parent];
      i = parent;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
  }

  topKey(): number {
    return this.keys[0];
  }

  /** Removes the minimum and returns its node (read topKey() first for its key). */
  pop(): number {
    const top = this.nodes[0];
    const last = --this.size;
    const key = this.keys[last];
    const node = this.nodes[last];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && this.keys[child + 1] < this.keys[child]) child++;
      if (this.keys[child] >= key) break;
      this.keys[i] = this.keys[child];
      this.nodes[i] = this.nodes[child];
      i = child;
    }
    this.keys[i] = key;
    this.nodes[i] = node;
    return top;
  }
}

/**
 * Reusable (multi-source) Dijkstra. Usage: reset(), addSource() for each source, then run(). addSource() after run()
 * continues incrementally: only nodes whose distance improves are revisited (used by the shortest-path heuristic, which
 * grows a tree and needs distances to the whole tree after each step).
 */
export class ShortestPathSearch {
  readonly distance: Float64Array;
  readonly predecessorEdge: Int32Array;
  readonly region: Int32Array;
  private readonly heap = new NodeHeap();
  private touched: Int32Array;
  private touchedCount = 0;

  /** `weights` defaults to the graph's own; pass a perturbed copy to explore alternative routes. */
  constructor(
    readonly graph: WeightedGraph,
    readonly weights: Float64Array = graph.edgeWeight,
  ) {
    const n = graph.nodeCount;
    this.distance = new Float64Array(n).fill(Infinity);
    this.predecessorEdge = new Int32Array(n).fill(-1);
    this.region = new Int32Array(n).fill(-1);
    this.touched = new Int32Array(Math.min(n, 1024));
  }

  /** Forgets the previous run in time proportional to the nodes it reached. */
  reset(): void {
    for (let i = 0; i < this.touchedCount; i++) {
      const x = this.touched[i];
      this.distance[x] = Infinity;
      this.predecessorEdge[x] = -1;
      this.region[x] = -1;
    }
    this.touchedCount = 0;
    this.heap.clear();
  }

  /** Nodes reached (finite distance) since the last reset, in the order first reached. */
  reachedNodes(): Int32Array {
    return this.touched.subarray(0, this.touchedCount);
  }

  addSource(node: number, region: number, initialDistance = 0): void {
    if (initialDistance >= this.distance[node]) return;
    this.label(node, initialDistance, -1, region);
  }

  /**
   * Settles nodes in distance order. Stops early when the next distance exceeds `maxDistance` (nodes beyond stay
   * unsettled; their distances are upper bounds) or when `stopAt` accepts a settled node, which is then returned.
   * Returns −1 when the search ran out of nodes.
   */
  run(options: { maxDistance?: number; stopAt?: (node: number) => boolean } = {}): number {
    const { adjOffset, adjNode, adjEdge } = this.graph;
    const { distance, weights, heap } = this;
    const maxDistance = options.maxDistance ?? Infinity;
    const stopAt = options.stopAt;
    while (heap.size > 0) {
      const key = heap.topKey();
      if (key > maxDistance) return -1;
      const x = heap.pop();
      // Stale entry: the node was pushed again with a smaller key (pushes only happen on strict improvement).
      if (key !== distance[x]) continue;
      if (stopAt !== undefined && stopAt(x)) return x;
      const regionX = this.region[x];
      for (let i = adjOffset[x]; i < adjOffset[x + 1]; i++) {
        const y = adjNode[i];
        const d = key + weights[adjEdge[i]];
        if (d < distance[y]) this.label(y, d, adjEdge[i], regionX);
      }
    }
    return -1;
  }

  /**
   * Shortest path between two source regions (labels 0 and 1) shorter than `bound`: returns the crossing edge of the
   * best path, or −1 if none. Every node of a path of length L lies within L/2 of the nearer region, and the edge where
   * the path passes from one Voronoi region into the other prices it at ≤ L, so the search stops at half the best
   * length found. A crossing is priced only against an already-final neighbour (distance ≤ the node's own), because a
   * tentative one may still be relabelled into the node's own region.
   */
  runUntilRegionsMeet(bound: number): { edge: number; length: number } {
    const { adjOffset, adjNode, adjEdge } = this.graph;
    const { distance, region, weights, heap } = this;
    let best = bound;
    let bestEdge = -1;
    while (heap.size > 0) {
      const key = heap.topKey();
      if (key >= best / 2) break;
      const x = heap.pop();
      if (key !== distance[x]) continue;
      const regionX = region[x];
      for (let i = adjOffset[x]; i < adjOffset[x + 1]; i++) {
        const y = adjNode[i];
        const d = key + weights[adjEdge[i]];
        if (region[y] >= 0 && region[y] !== regionX && distance[y] <= key) {
          if (d + distance[y] < best) {
            best = d + distance[y];
            bestEdge = adjEdge[i];
          }
        } else if (d < distance[y]) {
          this.label(y, d, adjEdge[i], regionX);
        }
      }
    }
    return { edge: bestEdge, length: best };
  }

  /** Edges of the shortest path from `node` back to its source, node end first. */
  pathEdges(node: number): number[] {
    const edges: number[] = [];
    for (let x = node, e = this.predecessorEdge[x]; e >= 0; e = this.predecessorEdge[x]) {
      edges.push(e);
      x = this.graph.edgeU[e] === x ? this.graph.edgeV[e] : this.graph.edgeU[e];
    }
    return edges;
  }

  private label(node: number, d: number, edge: number, region: number): void {
    if (this.distance[node] === Infinity) {
      if (this.touchedCount === this.touched.length) {
        const grown = new Int32Array(Math.min(this.graph.nodeCount, this.touched.length * 2));
        grown.set(this.touched);
        this.touched = grown;
      }
      this.touched[this.touchedCount++] = node;
    }
    this.distance[node] = d;
    this.predecessorEdge[node] = edge;
    this.region[node] = region;
    this.heap.push(d, node);
  }
}

/** One-shot multi-source Dijkstra: each node gets its distance to, path to and index of the nearest source. */
export function multiSourceShortestPaths(graph: WeightedGraph, sources: ArrayLike<number>): ShortestPathResult {
  const search = new ShortestPathSearch(graph);
  for (let i = 0; i < sources.length; i++) search.addSource(sources[i], i);
  search.run();
  return { distance: search.distance, predecessorEdge: search.predecessorEdge, region: search.region };
}

export function singleSourceShortestPaths(graph: WeightedGraph, source: number): ShortestPathResult {
  return multiSourceShortestPaths(graph, [source]);
}
