// Local search for Steiner trees after Uchoa & Werneck, "Fast local search for Steiner trees in graphs" (ALENEX 2010):
// key-path exchange, key-vertex elimination, and Steiner-node insertion/elimination evaluated by induced MST + pruning.
// First-improvement: every accepted move strictly lowers the weight, so the search terminates.
import { ShortestPathSearch } from './dijkstra.ts';
import { type EdgeSet, InducedMst, mergeForKruskal, sortForKruskal } from './induced-mst.ts';
import type { WeightedGraph } from './weighted-graph.ts';

/** A maximal tree path whose interior nodes are non-terminals of tree degree 2 (endpoints: terminals or degree ≥ 3). */
interface KeyPath {
  from: number;
  to: number;
  edges: number[];
  weight: number;
}

/** Memo key of the Steiner-node scan, below every key-vertex key (−1 − v). */
const STEINER_NODE_MOVES = Number.MIN_SAFE_INTEGER;

export class SteinerLocalSearch {
  private readonly search: ShortestPathSearch;
  private readonly mst: InducedMst;
  private readonly inTree: Uint8Array;
  private readonly treeDegree: Int32Array;
  private readonly edgeInTree: Uint8Array;
  /** Edges removed by the move being evaluated, and the component each remaining tree node belongs to. */
  private readonly edgeBlockedStamp: Int32Array;
  private readonly componentStamp: Int32Array;
  private stamp = 0;
  /** Marks of nodesOf, reset by a new stamp per call. */
  private readonly nodeMark: Int32Array;
  private nodeMarkStamp = 0;
  private current: EdgeSet = { edges: [], weight: 0 };
  /**
   * Bumped whenever the tree changes. A move that failed on a tree version needs no re-test on that same version:
   * this spares the confirming final pass most of its work. Keys: key paths from·n+to, key vertices −1−v, and
   * STEINER_NODE_MOVES for the whole insertion/elimination scan.
   */
  private treeVersion = 0;
  private failedAtVersion = new Map<number, number>();

  constructor(
    readonly graph: WeightedGraph,
    readonly isTerminal: Uint8Array,
    /** performance.now() value after which the search returns the best tree so far. */
    private readonly deadlineMs: number,
  ) {
    this.search = new ShortestPathSearch(graph);
    this.mst = new InducedMst(graph, isTerminal);
    this.inTree = new Uint8Array(graph.nodeCount);
    this.treeDegree = new Int32Array(graph.nodeCount);
    this.edgeInTree = new Uint8Array(graph.edgeCount);
    this.edgeBlockedStamp = new Int32Array(graph.edgeCount);
    this.componentStamp = new Int32Array(graph.nodeCount);
    this.nodeMark = new Int32Array(graph.nodeCount);
  }

  /** Normalises a connected edge set spanning the terminals, then applies moves until a local optimum or the deadline. */
  improve(edges: readonly number[]): EdgeSet {
    const normalised = this.mst.solve(this.nodesOf(edges));
    if (normalised === null) throw new Error('SteinerLocalSearch.improve needs a connected edge set');
    this.failedAtVersion.clear();
    this.load(normalised);
    let improved = true;
    while (improved && !this.pastDeadline()) {
      improved = this.keyPathExchange() || this.keyVertexElimination() || this.steinerNodeMoves();
    }
    return this.current;
  }

  private pastDeadline(): boolean {
    return performance.now() > this.deadlineMs;
  }

  /** Accepts `candidate` edges (connected, spanning the terminals) if, once normalised, they weigh less. */
  private tryAccept(candidateEdges: readonly number[]): boolean {
    const normalised = this.mst.solve(this.nodesOf(candidateEdges));
    if (normalised === null || !isLighter(normalised.weight, this.current.weight)) return false;
    this.load(normalised);
    return true;
  }

  private load(tree: EdgeSet): void {
    const { graph } = this;
    for (const e of this.current.edges) {
      this.edgeInTree[e] = 0;
      this.inTree[graph.edgeU[e]] = 0;
      this.inTree[graph.edgeV[e]] = 0;
      this.treeDegree[graph.edgeU[e]] = 0;
      this.treeDegree[graph.edgeV[e]] = 0;
    }
    for (const e of tree.edges) {
      this.edgeInTree[e] = 1;
      this.inTree[graph.edgeU[e]] = 1;
      this.inTree[graph.edgeV[e]] = 1;
      this.treeDegree[graph.edgeU[e]]++;
      this.treeDegree[graph.edgeV[e]]++;
    }
    this.current = tree;
    this.treeVersion++;
  }

  private failedBefore(key: number): boolean {
    return this.failedAtVersion.get(key) === this.treeVersion;
  }

  private markFailed(key: number): void {
    this.failedAtVersion.set(key, this.treeVersion);
  }

  private nodesOf(edges: readonly number[]): number[] {
    const { graph, nodeMark } = this;
    const stamp = ++this.nodeMarkStamp;
    const nodes: number[] = [];
    for (const e of edges) {
      for (const x of [graph.edgeU[e], graph.edgeV[e]]) {
        if (nodeMark[x] === stamp) continue;
        nodeMark[x] = stamp;
        nodes.push(x);
      }
    }
    return nodes;
  }

  private isKeyNode(x: number): boolean {
    return this.isTerminal[x] === 1 || this.treeDegree[x] >= 3;
  }

  /** The key path leaving key node `from` over tree edge `firstEdge`. */
  private walkKeyPath(from: number, firstEdge: number): KeyPath {
    const { graph } = this;
    const edges = [firstEdge];
    let weight = graph.edgeWeight[firstEdge];
    let prevEdge = firstEdge;
    let x = graph.edgeU[firstEdge] === from ? graph.edgeV[firstEdge] : graph.edgeU[firstEdge];
    while (!this.isKeyNode(x)) {
      let next = -1;
      for (let i = graph.adjOffset[x]; i < graph.adjOffset[x + 1]; i++) {
        const e = graph.adjEdge[i];
        if (e !== prevEdge && this.edgeInTree[e]) next = e;
      }
      edges.push(next);
      weight += graph.edgeWeight[next];
      prevEdge = next;
      x = graph.edgeU[next] === x ? graph.edgeV[next] : graph.edgeU[next];
    }
    return { from, to: x, edges, weight };
  }

  private treeEdgesAt(x: number): number[] {
    const { graph } = this;
    const edges: number[] = [];
    for (let i = graph.adjOffset[x]; i < graph.adjOffset[x + 1]; i++) if (this.edgeInTree[graph.adjEdge[i]]) edges.push(graph.adjEdge[i]);
    return edges;
  }

  private keyPaths(): KeyPath[] {
    const paths: KeyPath[] = [];
    for (const x of this.nodesOf(this.current.edges)) {
      if (!this.isKeyNode(x)) continue;
      for (const e of this.treeEdgesAt(x)) {
        const path = this.walkKeyPath(x, e);
        if (path.from < path.to) paths.push(path);
      }
    }
    return paths;
  }

  /**
   * One pass replacing key paths by the shortest path between the two components their removal leaves. The pass goes
   * on after an improvement (re-testing every path after each move made the search quadratic); paths that the move
   * altered are skipped and get their turn in the next pass.
   */
  private keyPathExchange(): boolean {
    let improved = false;
    for (const path of this.keyPaths()) {
      if (this.pastDeadline()) break;
      if (improved && !this.isCurrentKeyPath(path)) continue;
      const key = path.from * this.graph.nodeCount + path.to;
      if (this.failedBefore(key)) continue;
      const replacement = this.reconnect(path.edges, [path.from, path.to], path.weight);
      if (replacement !== null && this.tryAccept(replacement)) improved = true;
      else this.markFailed(key);
    }
    return improved;
  }

  private isCurrentKeyPath(path: KeyPath): boolean {
    if (!this.edgeInTree[path.edges[0]] || !this.inTree[path.from] || !this.isKeyNode(path.from)) return false;
    const now = this.walkKeyPath(path.from, path.edges[0]);
    return now.to === path.to && now.edges.length === path.edges.length && now.edges.every((e, i) => e === path.edges[i]);
  }

  /** Remove a non-terminal node of degree ≥ 3 with all its key paths and reconnect the pieces (Voronoi-based MST). */
  private keyVertexElimination(): boolean {
    let improved = false;
    for (const v of this.nodesOf(this.current.edges)) {
      if (!this.inTree[v] || this.isTerminal[v] || this.treeDegree[v] < 3) continue;
      if (this.pastDeadline()) break;
      if (this.failedBefore(-1 - v)) continue;
      const paths = this.treeEdgesAt(v).map((e) => this.walkKeyPath(v, e));
      const removed = paths.flatMap((p) => p.edges);
      const removedWeight = paths.reduce((sum, p) => sum + p.weight, 0);
      const replacement = this.reconnect(removed, paths.map((p) => p.to), removedWeight);
      if (replacement !== null && this.tryAccept(replacement)) improved = true;
      else this.markFailed(-1 - v);
    }
    return improved;
  }

  /**
   * Steiner-node insertion (add a node adjacent to ≥ 2 tree nodes) and elimination (drop a Steiner node), each
   * evaluated exactly as the pruned MST of the induced subgraph on the new node set.
   */
  private steinerNodeMoves(): boolean {
    const { graph } = this;
    if (this.failedBefore(STEINER_NODE_MOVES)) return false;
    const treeNodes = this.nodesOf(this.current.edges);
    const treeNeighbourCount = new Map<number, number>();
    for (const x of treeNodes) {
      for (let i = graph.adjOffset[x]; i < graph.adjOffset[x + 1]; i++) {
        const y = graph.adjNode[i];
        if (!this.inTree[y]) treeNeighbourCount.set(y, (treeNeighbourCount.get(y) ?? 0) + 1);
      }
    }
    const candidates = [...treeNeighbourCount].filter(([, count]) => count >= 2).map(([y]) => y).sort((a, b) => a - b);
    const treeEdgesSorted = sortForKruskal(graph, [...this.current.edges]);
    for (const y of candidates) {
      if (this.pastDeadline()) return false;
      const edgesToTree: number[] = [];
      for (let i = graph.adjOffset[y]; i < graph.adjOffset[y + 1]; i++) if (this.inTree[graph.adjNode[i]]) edgesToTree.push(graph.adjEdge[i]);
      // The current tree is the MST of its node set (normalised by solve()), so the MST with y is within these edges.
      const candidateEdges = mergeForKruskal(graph, treeEdgesSorted, sortForKruskal(graph, edgesToTree));
      const result = this.mst.solveOver([...treeNodes, y], candidateEdges);
      if (result !== null && isLighter(result.weight, this.current.weight)) {
        this.load(result);
        return true;
      }
    }
    const inducedSorted = this.mst.inducedEdges(treeNodes);
    for (let i = 0; i < treeNodes.length; i++) {
      const v = treeNodes[i];
      if (this.isTerminal[v]) continue;
      if (this.pastDeadline()) return false;
      const result = this.mst.solveOver(
        treeNodes.filter((x) => x !== v),
        inducedSorted,
      );
      if (result !== null && isLighter(result.weight, this.current.weight)) {
        this.load(result);
        return true;
      }
    }
    this.markFailed(STEINER_NODE_MOVES);
    return false;
  }

  /**
   * Removes `removedEdges` from the current tree and reconnects the components containing `anchors` with paths found
   * by one multi-source Dijkstra (each component a source set; Kruskal over edges between their Voronoi regions).
   * Exact for two components. Returns the new edge set, or null when no reconnection is cheaper than `budget`.
   */
  private reconnect(removedEdges: readonly number[], anchors: readonly number[], budget: number): number[] | null {
    const { graph, search } = this;
    const stamp = ++this.stamp;
    for (const e of removedEdges) this.edgeBlockedStamp[e] = stamp;
    search.reset();
    for (let c = 0; c < anchors.length; c++) {
      // Flood each remaining piece of the tree from its anchor without crossing removed edges.
      const stack = [anchors[c]];
      this.componentStamp[anchors[c]] = stamp;
      while (stack.length > 0) {
        const x = stack.pop()!;
        search.addSource(x, c);
        for (let i = graph.adjOffset[x]; i < graph.adjOffset[x + 1]; i++) {
          const e = graph.adjEdge[i];
          const y = graph.adjNode[i];
          if (!this.edgeInTree[e] || this.edgeBlockedStamp[e] === stamp || this.componentStamp[y] === stamp) continue;
          this.componentStamp[y] = stamp;
          stack.push(y);
        }
      }
    }
    const { distance, region } = search;
    const kept = () => this.current.edges.filter((e) => this.edgeBlockedStamp[e] !== stamp);
    if (anchors.length === 2) {
      const { edge, length } = search.runUntilRegionsMeet(budget);
      if (edge < 0 || !isLighter(length, budget)) return null;
      return [...kept(), edge, ...search.pathEdges(graph.edgeU[edge]), ...search.pathEdges(graph.edgeV[edge])];
    }
    // Several pieces: settle up to budget/2 (by the argument in runUntilRegionsMeet) and join the pieces by Kruskal
    // over the crossing edges.
    search.run({ maxDistance: budget / 2 });
    const bridges: number[] = [];
    const bridgeLength = new Map<number, number>();
    for (const x of search.reachedNodes()) {
      for (let i = graph.adjOffset[x]; i < graph.adjOffset[x + 1]; i++) {
        const y = graph.adjNode[i];
        if (x > y || region[y] < 0 || region[y] === region[x]) continue;
        const length = distance[x] + graph.edgeWeight[graph.adjEdge[i]] + distance[y];
        if (length >= budget) continue;
        bridges.push(graph.adjEdge[i]);
        bridgeLength.set(graph.adjEdge[i], length);
      }
    }
    bridges.sort((a, b) => bridgeLength.get(a)! - bridgeLength.get(b)! || a - b);
    const parent = anchors.map((_, i) => i);
    const find = (i: number): number => {
      while (parent[i] !== i) i = parent[i] = parent[parent[i]];
      return i;
    };
    const added: number[] = [];
    let joined = 1;
    for (const e of bridges) {
      if (joined === anchors.length) break;
      const ru = find(region[graph.edgeU[e]]);
      const rv = find(region[graph.edgeV[e]]);
      if (ru === rv) continue;
      parent[ru] = rv;
      joined++;
      added.push(e, ...search.pathEdges(graph.edgeU[e]), ...search.pathEdges(graph.edgeV[e]));
    }
    // Connections may share path prefixes, so the exact weight is left to tryAccept's normalisation.
    if (joined < anchors.length) return null;
    return [...kept(), ...added];
  }
}

/** Strictly lighter beyond floating-point noise, so rounding cannot make the search cycle. */
function isLighter(a: number, b: number): boolean {
  return a < b - 1e-9 * Math.max(1, Math.abs(b));
}
