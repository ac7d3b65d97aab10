// The street network as the fibre engine sees it: nodes at RD New positions and straight edges between them, each
// edge remembering the street it lies on (for surface, class and id). Built by build-street-network.ts; address
// drops (address-drops.ts) split its edges further. Plain data so it can be cached and shared between designs.
import type { Street } from '../../contracts/model.ts';

export type StreetInfo = Pick<Street, 'id' | 'surface' | 'class' | 'name'>;

export interface StreetNetwork {
  /** Node positions, RD New metres. */
  nodeX: Float64Array;
  nodeY: Float64Array;
  edgeU: Int32Array;
  edgeV: Int32Array;
  edgeLengthM: Float64Array;
  /** Index into `streets` of the street each edge lies on. */
  edgeStreet: Int32Array;
  streets: readonly StreetInfo[];
}

export const nodeCountOf = (network: StreetNetwork): number => network.nodeX.length;
export const edgeCountOf = (network: StreetNetwork): number => network.edgeU.length;

/** Growable columns for assembling a network; `finish` freezes them into typed arrays. */
export class StreetNetworkBuilder {
  readonly x: number[] = [];
  readonly y: number[] = [];
  readonly u: number[] = [];
  readonly v: number[] = [];
  readonly lengthM: number[] = [];
  readonly street: number[] = [];

  constructor(readonly streets: readonly StreetInfo[]) {}

  addNode(x: number, y: number): number {
    this.x.push(x);
    this.y.push(y);
    return this.x.length - 1;
  }

  /** Adds edge u–v with its Euclidean length; zero-length edges (u = v) are skipped. */
  addEdge(u: number, v: number, street: number): void {
    if (u === v) return;
    this.u.push(u);
    this.v.push(v);
    this.lengthM.push(Math.hypot(this.x[u] - this.x[v], this.y[u] - this.y[v]));
    this.street.push(street);
  }

  finish(): StreetNetwork {
    return {
      nodeX: Float64Array.from(this.x),
      nodeY: Float64Array.from(this.y),
      edgeU: Int32Array.from(this.u),
      edgeV: Int32Array.from(this.v),
      edgeLengthM: Float64Array.from(this.lengthM),
      edgeStreet: Int32Array.from(this.street),
      streets: this.streets,
    };
  }
}

/** Closest point of segment a–b to p: parameter t ∈ [0, 1] along the segment and the distance in metres. */
export function projectOnSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): { t: number; distanceM: number } {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / len2));
  return { t, distanceM: Math.hypot(ax + t * dx - px, ay + t * dy - py) };
}

/** Connected components of the network: a label per node (0 = the component of node 0, …) and the component count. */
export function networkComponents(network: StreetNetwork): { label: Int32Array; count: number } {
  const n = nodeCountOf(network);
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (let e = 0; e < edgeCountOf(network); e++) {
    const a = find(network.edgeU[e]);
    const b = find(network.edgeV[e]);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const label = new Int32Array(n).fill(-1);
  const labelOfRoot = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    if (!labelOfRoot.has(root)) labelOfRoot.set(root, labelOfRoot.size);
    label[i] = labelOfRoot.get(root)!;
  }
  return { label, count: labelOfRoot.size };
}
