// Street centre lines → a routable network with topology repair. Real centre-line data (NWB, BGT, OSM and our own
// generator) has endpoints that stop just short of the street they meet, T-junctions whose end vertex lies on the
// middle of another line, and crossings without a shared vertex; a router would treat each as a dead end. We split
// every line at each of these places and merge points closer than the snap tolerance into one node, and report every
// repair so that a planner can check the data instead of trusting a silently "fixed" network.
import type { PointRd, Street } from '../../contracts/model.ts';
import { SpatialGrid } from './spatial-grid.ts';
import { type StreetNetwork, StreetNetworkBuilder, edgeCountOf, networkComponents, projectOnSegment } from './street-network.ts';

export interface StreetNetworkOptions {
  /** Points closer than this become one node (default 0.5 m). */
  snapToleranceM?: number;
}

export type RepairKind = 'gap-closed' | 'endpoint-on-line' | 'crossing-split' | 'shared-vertex-split';

export interface RepairExample {
  kind: RepairKind;
  positionRd: PointRd;
  streetIds: string[];
  /** How far a point moved, for snaps. */
  distanceM?: number;
}

export interface TopologyReport {
  snapToleranceM: number;
  streets: number;
  nodes: number;
  edges: number;
  /** Nodes merged from points at different positions (0 < distance ≤ tolerance): gaps the snap closed. */
  gapsClosed: number;
  /** Lines split where another line's endpoint touches or nearly touches their interior (T-junctions). */
  endpointOnLineSplits: number;
  /** Lines split where they cross another line without a shared vertex (or pass through it at one of their own vertices). */
  crossingSplits: number;
  /** Interior vertices shared with another street: the lines are joined there (a node, so the router can turn). */
  sharedVertexSplits: number;
  /** Segments between two equal consecutive vertices of a line, dropped (a line of only such segments is dropped whole). */
  zeroLengthSegmentsDropped: number;
  /** Edges that joined the same two nodes as an earlier edge (overlapping duplicate lines), dropped. */
  duplicateEdgesDropped: number;
  /** Connected components; more than one means parts of the town cannot reach each other over the streets. */
  components: number;
  /** Share (0–1) of the nodes in the largest component; 1 for a connected network, 0 for an empty one. */
  largestComponentShare: number;
  /** Streets of every component but the largest, so they can be inspected (at most 20 per component, 20 components). */
  isolatedComponents: { nodes: number; streetIds: string[] }[];
  /** Up to 10 examples per repair kind. */
  examples: RepairExample[];
}

const DEFAULT_SNAP_TOLERANCE_M = 0.5;
const GRID_CELL_M = 50;
/** Split parameters this close to a segment's end are that end (avoids slivers from rounding). */
const T_EPSILON = 1e-9;
const MAX_EXAMPLES_PER_KIND = 10;
/** Moves shorter than this (1 µm) are floating-point noise, not closed gaps. */
const GAP_EPSILON_M = 1e-6;

interface Segment {
  street: number;
  /** Whether a is the line's first point and b its last (zero-length segments are dropped before this is set). */
  first: boolean;
  last: boolean;
  ax: number;
  ay: number;
  bx: number;
  by: number;
}

export function buildStreetNetwork(streets: readonly Street[], options: StreetNetworkOptions = {}): { network: StreetNetwork; report: TopologyReport } {
  const tolerance = options.snapToleranceM ?? DEFAULT_SNAP_TOLERANCE_M;
  if (!(tolerance >= 0)) throw new RangeError(`snapToleranceM must be ≥ 0, got ${tolerance}`);
  const examples = new ExampleLog();
  const { segments, zeroLength } = segmentsOf(streets);
  const grid = new SpatialGrid(GRID_CELL_M);
  segments.forEach((s, i) => grid.insert(i, Math.min(s.ax, s.bx) - tolerance, Math.min(s.ay, s.by) - tolerance, Math.max(s.ax, s.bx) + tolerance, Math.max(s.ay, s.by) + tolerance));

  // 1. Split parameters per segment: crossings with other segments and line endpoints on or near the interior.
  const splits: number[][] = segments.map(() => []);
  let crossingSplits = 0;
  let endpointOnLineSplits = 0;
  segments.forEach((s, i) => {
    grid.query(Math.min(s.ax, s.bx), Math.min(s.ay, s.by), Math.max(s.ax, s.bx), Math.max(s.ay, s.by), (j) => {
      if (j <= i) return;
      const other = segments[j];
      const hit = properIntersection(s, other);
      if (hit === null) return;
      const inS = hit.t > T_EPSILON && hit.t < 1 - T_EPSILON;
      const inOther = hit.u > T_EPSILON && hit.u < 1 - T_EPSILON;
      // A touch at a line's end is a T-junction, handled below with the snap tolerance; a touch at an interior
      // vertex of one line (a polyline passing through the other) is a crossing that only the other line must split.
      const touchesLineEnd = (!inS && isLineEndAt(s, hit.t)) || (!inOther && isLineEndAt(other, hit.u));
      // An interior vertex ends one segment and starts the next: count the touch once, from the segment it starts.
      const atSegmentEnd = (!inS && hit.t >= 1 - T_EPSILON) || (!inOther && hit.u >= 1 - T_EPSILON);
      if ((!inS && !inOther) || touchesLineEnd || atSegmentEnd) return;
      if (inS) splits[i].push(hit.t);
      if (inOther) splits[j].push(hit.u);
      crossingSplits++;
      examples.add({ kind: 'crossing-split', positionRd: [s.ax + hit.t * (s.bx - s.ax), s.ay + hit.t * (s.by - s.ay)], streetIds: [streets[s.street].id, streets[other.street].id] });
    });
  });
  streets.forEach((street, k) => {
    for (const p of [street.line[0], street.line[street.line.length - 1]]) {
      grid.query(p[0] - tolerance, p[1] - tolerance, p[0] + tolerance, p[1] + tolerance, (i) => {
        const s = segments[i];
        const { t, distanceM } = projectOnSegment(p[0], p[1], s.ax, s.ay, s.bx, s.by);
        if (distanceM > tolerance) return;
        // Near a segment end, the node merge below joins them; only the interior needs a split.
        if (Math.hypot(p[0] - s.ax, p[1] - s.ay) <= tolerance || Math.hypot(p[0] - s.bx, p[1] - s.by) <= tolerance) return;
        splits[i].push(t);
        endpointOnLineSplits++;
        examples.add({ kind: 'endpoint-on-line', positionRd: [p[0], p[1]], streetIds: [street.id, streets[s.street].id], distanceM: round(distanceM) });
      });
    }
  });

  // 2. Points in line order (vertices and split points), merged into nodes when within the tolerance.
  const points: LinePoint[] = [];
  const segmentPoints: number[][] = [];
  const addPoint = (x: number, y: number, street: number, kind: LinePoint['kind']) => points.push({ x, y, street, kind }) - 1;
  segments.forEach((s, i) => {
    const ts = [...new Set(splits[i])].sort((a, b) => a - b);
    const ids = [addPoint(s.ax, s.ay, s.street, s.first ? 'end' : 'interior')];
    for (const t of ts) ids.push(addPoint(s.ax + t * (s.bx - s.ax), s.ay + t * (s.by - s.ay), s.street, 'split'));
    ids.push(addPoint(s.bx, s.by, s.street, s.last ? 'end' : 'interior'));
    segmentPoints.push(ids);
  });
  const nodeOfPoint = mergePoints(points, tolerance);

  const builder = new StreetNetworkBuilder(streets.map(({ id, surface, class: cls, name }) => ({ id, surface, class: cls, name })));
  const nodeCount = Math.max(-1, ...nodeOfPoint.node) + 1;
  for (let n = 0; n < nodeCount; n++) builder.addNode(0, 0);
  points.forEach((p, i) => {
    // The representative (first point of the cluster in line order) gives the node its position.
    if (nodeOfPoint.representative[i] === i) {
      builder.x[nodeOfPoint.node[i]] = p.x;
      builder.y[nodeOfPoint.node[i]] = p.y;
    }
  });
  // A node whose points lay at different positions closed a gap: report it once, with the largest move.
  const moved = new Map<number, { distanceM: number; point: number }>();
  points.forEach((p, i) => {
    const node = nodeOfPoint.node[i];
    const d = Math.hypot(p.x - builder.x[node], p.y - builder.y[node]);
    // Split points computed on two different lines differ by rounding noise; that is not a gap in the data.
    if (d > GAP_EPSILON_M && d > (moved.get(node)?.distanceM ?? 0)) moved.set(node, { distanceM: d, point: i });
  });
  for (const [node, { distanceM, point }] of [...moved].slice(0, MAX_EXAMPLES_PER_KIND)) {
    const streetIds = new Set(points.filter((_, i) => nodeOfPoint.node[i] === node).map((p) => streets[p.street].id));
    examples.add({ kind: 'gap-closed', positionRd: [points[point].x, points[point].y], streetIds: [...streetIds], distanceM: round(distanceM) });
  }
  // Edges are straight between nodes, so two edges on the same node pair lie on top of each other: keep the first.
  const edgeKeys = new Set<string>();
  let duplicateEdgesDropped = 0;
  segmentPoints.forEach((ids, i) => {
    for (let k = 1; k < ids.length; k++) {
      const u = nodeOfPoint.node[ids[k - 1]];
      const v = nodeOfPoint.node[ids[k]];
      if (u === v) continue;
      const key = u < v ? `${u}:${v}` : `${v}:${u}`;
      if (edgeKeys.has(key)) {
        duplicateEdgesDropped++;
        continue;
      }
      edgeKeys.add(key);
      builder.addEdge(u, v, segments[i].street);
    }
  });
  const network = builder.finish();

  const sharedVertexSplits = countSharedInteriorVertices(points, nodeOfPoint.node, streets, examples);
  const { components, isolatedComponents, largestComponentShare } = describeComponents(network);
  return {
    network,
    report: {
      snapToleranceM: tolerance,
      streets: streets.length,
      nodes: nodeCount,
      edges: edgeCountOf(network),
      gapsClosed: moved.size,
      endpointOnLineSplits,
      crossingSplits,
      sharedVertexSplits,
      zeroLengthSegmentsDropped: zeroLength,
      duplicateEdgesDropped,
      components,
      largestComponentShare,
      isolatedComponents,
      examples: examples.list,
    },
  };
}

/** Whether parameter t (at 0 or 1) of segment s is the first or last point of its street's line. */
const isLineEndAt = (s: Segment, t: number): boolean => (t <= T_EPSILON ? s.first : s.last);

function segmentsOf(streets: readonly Street[]): { segments: Segment[]; zeroLength: number } {
  const segments: Segment[] = [];
  let zeroLength = 0;
  streets.forEach((street, k) => {
    const start = segments.length;
    for (let i = 1; i < street.line.length; i++) {
      const [ax, ay] = street.line[i - 1];
      const [bx, by] = street.line[i];
      if (ax === bx && ay === by) {
        zeroLength++;
        continue;
      }
      segments.push({ street: k, first: segments.length === start, last: false, ax, ay, bx, by });
    }
    if (segments.length > start) segments[segments.length - 1].last = true;
  });
  return { segments, zeroLength };
}

interface LinePoint {
  x: number;
  y: number;
  street: number;
  /** A line's first/last vertex, one of its interior vertices, or a point where we split it. */
  kind: 'end' | 'interior' | 'split';
}

/** Intersection of two segments as parameters along each, or null when they are parallel or miss each other. */
function properIntersection(a: Segment, b: Segment): { t: number; u: number } | null {
  const rx = a.bx - a.ax;
  const ry = a.by - a.ay;
  const sx = b.bx - b.ax;
  const sy = b.by - b.ay;
  const denom = rx * sy - ry * sx;
  // Parallel or collinear: overlapping centre lines are not crossings; their endpoints are handled as T-junctions.
  if (Math.abs(denom) < 1e-12 * Math.hypot(rx, ry) * Math.hypot(sx, sy)) return null;
  const qx = b.ax - a.ax;
  const qy = b.ay - a.ay;
  const t = (qx * sy - qy * sx) / denom;
  const u = (qx * ry - qy * rx) / denom;
  if (t < 0 || t > 1 || u < 0 || u > 1) return null;
  return { t, u };
}

/**
 * Union of points within `tolerance` (transitively), numbered in order of first appearance. The representative of a
 * cluster is its first street vertex (a computed split point only when it has none), so nodes keep surveyed positions.
 */
function mergePoints(points: LinePoint[], tolerance: number): { node: Int32Array; representative: Int32Array } {
  const parent = Int32Array.from({ length: points.length }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const grid = new SpatialGrid(Math.max(tolerance, 0.01) * 4);
  points.forEach((p, i) => {
    grid.query(p.x - tolerance, p.y - tolerance, p.x + tolerance, p.y + tolerance, (j) => {
      const q = points[j];
      if (Math.hypot(p.x - q.x, p.y - q.y) > tolerance) return;
      const a = find(i);
      const b = find(j);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    });
    grid.insert(i, p.x, p.y, p.x, p.y);
  });
  const node = new Int32Array(points.length);
  const representativeOfRoot = new Map<number, number>();
  const nodeOfRoot = new Map<number, number>();
  for (let i = 0; i < points.length; i++) {
    const root = find(i);
    if (!nodeOfRoot.has(root)) nodeOfRoot.set(root, nodeOfRoot.size);
    node[i] = nodeOfRoot.get(root)!;
    const rep = representativeOfRoot.get(root);
    if (rep === undefined || (points[rep].kind === 'split' && points[i].kind !== 'split')) representativeOfRoot.set(root, i);
  }
  const representative = Int32Array.from({ length: points.length }, (_, i) => representativeOfRoot.get(find(i))!);
  return { node, representative };
}

/** Nodes where an interior vertex of one street meets a vertex of another street. */
function countSharedInteriorVertices(points: LinePoint[], node: Int32Array, streets: readonly Street[], examples: ExampleLog): number {
  const streetsAtNode = new Map<number, Set<number>>();
  const interiorPointAtNode = new Map<number, number>();
  points.forEach((p, i) => {
    if (p.kind === 'split') return;
    const set = streetsAtNode.get(node[i]) ?? new Set<number>();
    set.add(p.street);
    streetsAtNode.set(node[i], set);
    if (p.kind === 'interior' && !interiorPointAtNode.has(node[i])) interiorPointAtNode.set(node[i], i);
  });
  let count = 0;
  for (const [n, i] of interiorPointAtNode) {
    const at = streetsAtNode.get(n)!;
    if (at.size < 2) continue;
    count++;
    examples.add({ kind: 'shared-vertex-split', positionRd: [points[i].x, points[i].y], streetIds: [...at].map((s) => streets[s].id) });
  }
  return count;
}

function describeComponents(network: StreetNetwork): { components: number; largestComponentShare: number; isolatedComponents: { nodes: number; streetIds: string[] }[] } {
  const { label, count } = networkComponents(network);
  if (count <= 1) return { components: count, largestComponentShare: count, isolatedComponents: [] };
  const size = new Int32Array(count);
  for (const l of label) size[l]++;
  let largest = 0;
  for (let c = 1; c < count; c++) if (size[c] > size[largest]) largest = c;
  const streetsOf = new Map<number, Set<string>>();
  for (let e = 0; e < network.edgeU.length; e++) {
    const c = label[network.edgeU[e]];
    if (c === largest) continue;
    const set = streetsOf.get(c) ?? new Set<string>();
    if (set.size < 20) set.add(network.streets[network.edgeStreet[e]].id);
    streetsOf.set(c, set);
  }
  const isolatedComponents = [...streetsOf.entries()].slice(0, 20).map(([c, ids]) => ({ nodes: size[c], streetIds: [...ids] }));
  return { components: count, largestComponentShare: size[largest] / label.length, isolatedComponents };
}

class ExampleLog {
  readonly list: RepairExample[] = [];
  private readonly perKind = new Map<RepairKind, number>();

  add(example: RepairExample): void {
    const n = this.perKind.get(example.kind) ?? 0;
    if (n >= MAX_EXAMPLES_PER_KIND) return;
    this.perKind.set(example.kind, n + 1);
    this.list.push(example);
  }
}

const round = (m: number) => Math.round(m * 1000) / 1000;
