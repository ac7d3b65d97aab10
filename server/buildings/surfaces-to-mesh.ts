// Surfaces of one building (rings of vertex indices with semantics) → our compact mesh (RD x, y, NAP z; shared
// vertices; one surface class per triangle) and a footprint polygon. Pure.
import { type BuildingMesh, type PointRd, type PolygonRd, SURFACE_GROUND, SURFACE_ROOF, SURFACE_WALL } from '../contracts/model.ts';
import { ringSignedArea } from '../geo/polygon.ts';
import type { Surface, SurfaceClass } from './city-object-surfaces.ts';
import { newellNormal, type Point3, triangulateSurface } from './triangulate-surface.ts';

export interface MeshAndFootprint {
  mesh: BuildingMesh;
  /** Outer ring counter-clockwise, holes clockwise; undefined when no area could be derived. */
  footprint: PolygonRd | undefined;
  /** How the footprint was found, for the import report. */
  footprintFrom: 'ground-surfaces' | 'convex-hull' | 'none';
  minZ: number;
  maxZ: number;
}

/** Millimetre grid for matching ground-surface corners across parts whose vertices were not deduplicated. */
const KEY_SCALE = 1000;

/** A surface without semantics is classified by which way it faces. */
function classifyByNormal(normal: readonly number[]): SurfaceClass {
  const len = Math.hypot(normal[0], normal[1], normal[2]);
  if (len === 0) return SURFACE_WALL;
  const up = normal[2] / len;
  // Roof pitches up to ~78° still count as roof; anything facing mostly down is a floor or ground surface.
  if (up > 0.2) return SURFACE_ROOF;
  if (up < -0.5) return SURFACE_GROUND;
  return SURFACE_WALL;
}

export function surfacesToMesh(surfaces: readonly Surface[], vertex: (index: number) => Point3, lod: string): MeshAndFootprint {
  const positions: number[] = [];
  const indices: number[] = [];
  const surface: number[] = [];
  const meshIndexOf = new Map<number, number>();
  const groundRings: Point3[][] = [];
  let minZ = Infinity;
  let maxZ = -Infinity;
  for (const s of surfaces) {
    const ringIndices = s.rings.map(dropRepeats).filter((r) => r.length >= 3);
    if (ringIndices.length === 0) continue;
    const ringPoints = ringIndices.map((r) => r.map(vertex));
    const cls = s.semantic ?? classifyByNormal(newellNormal(ringPoints[0]));
    if (cls === SURFACE_GROUND) groundRings.push(ringPoints[0]);
    const flatIndices = ringIndices.flat();
    const triangles = triangulateSurface(ringPoints);
    for (let t = 0; t < triangles.length; t += 3) {
      for (let k = 0; k < 3; k++) {
        const source = flatIndices[triangles[t + k]];
        let at = meshIndexOf.get(source);
        if (at === undefined) {
          at = positions.length / 3;
          const p = vertex(source);
          positions.push(p[0], p[1], p[2]);
          if (p[2] < minZ) minZ = p[2];
          if (p[2] > maxZ) maxZ = p[2];
          meshIndexOf.set(source, at);
        }
        indices.push(at);
      }
      surface.push(cls);
    }
  }
  const mesh: BuildingMesh = { lod, positions, indices, surface };
  const fromGround = footprintFromGround(groundRings);
  if (fromGround) return { mesh, footprint: fromGround, footprintFrom: 'ground-surfaces', minZ, maxZ };
  const hull = convexHull(pointsOf(positions));
  if (hull.length >= 3 && Math.abs(ringSignedArea(hull)) > 1e-6) return { mesh, footprint: [hull], footprintFrom: 'convex-hull', minZ, maxZ };
  return { mesh, footprint: undefined, footprintFrom: 'none', minZ, maxZ };
}

function dropRepeats(ring: readonly number[]): number[] {
  const out = ring.filter((v, i) => i === 0 || v !== ring[i - 1]);
  while (out.length > 1 && out[0] === out[out.length - 1]) out.pop();
  return out;
}

function pointsOf(positions: readonly number[]): PointRd[] {
  const out: PointRd[] = [];
  for (let i = 0; i < positions.length; i += 3) out.push([positions[i], positions[i + 1]]);
  return out;
}

/**
 * The outline of the union of the ground surfaces: edges used by exactly one ground polygon are on the
 * boundary (3D BAG splits the ground into triangles that share edges). Chained into rings; the largest is the
 * outer ring and the rings inside it are courtyards. Returns undefined when the edges don't close into rings.
 */
export function footprintFromGround(rings: readonly (readonly Point3[])[]): PolygonRd | undefined {
  if (rings.length === 0) return undefined;
  const coords = new Map<string, PointRd>();
  const keyOf = (p: Point3): string => {
    const key = `${Math.round(p[0] * KEY_SCALE)},${Math.round(p[1] * KEY_SCALE)}`;
    if (!coords.has(key)) coords.set(key, [p[0], p[1]]);
    return key;
  };
  const edgeUse = new Map<string, number>();
  const directed: [string, string][] = [];
  for (const ring of rings) {
    const keys = ring.map(keyOf).filter((k, i, all) => i === 0 || k !== all[i - 1]);
    if (keys.length > 1 && keys[0] === keys[keys.length - 1]) keys.pop();
    for (let i = 0; i < keys.length; i++) {
      const a = keys[i];
      const b = keys[(i + 1) % keys.length];
      if (a === b) continue;
      directed.push([a, b]);
      const undirected = a < b ? `${a}|${b}` : `${b}|${a}`;
      edgeUse.set(undirected, (edgeUse.get(undirected) ?? 0) + 1);
    }
  }
  const next = new Map<string, string[]>();
  for (const [a, b] of directed) {
    if (edgeUse.get(a < b ? `${a}|${b}` : `${b}|${a}`) !== 1) continue;
    const list = next.get(a) ?? [];
    list.push(b);
    next.set(a, list);
  }
  const outline: PointRd[][] = [];
  for (const start of [...next.keys()]) {
    while ((next.get(start)?.length ?? 0) > 0) {
      const ring: string[] = [start];
      let at = next.get(start)!.pop()!;
      let steps = 0;
      while (at !== start) {
        const out = next.get(at);
        if (!out || out.length === 0 || ++steps > directed.length) return undefined;
        ring.push(at);
        at = out.pop()!;
      }
      if (ring.length >= 3) outline.push(ring.map((k) => coords.get(k)!));
    }
  }
  if (outline.length === 0) return undefined;
  outline.sort((a, b) => Math.abs(ringSignedArea(b)) - Math.abs(ringSignedArea(a)));
  const outer = orient(outline[0], 1);
  if (Math.abs(ringSignedArea(outer)) < 1e-6) return undefined;
  const holes = outline.slice(1).filter((r) => pointInRing(r[0], outer)).map((r) => orient(r, -1));
  return [outer, ...holes];
}

function orient(ring: PointRd[], sign: 1 | -1): PointRd[] {
  return Math.sign(ringSignedArea(ring)) === sign ? ring : [...ring].reverse();
}

function pointInRing([x, y]: PointRd, ring: readonly PointRd[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Andrew's monotone chain; counter-clockwise, no repeated end point. */
export function convexHull(points: readonly PointRd[]): PointRd[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (sorted.length < 3) return sorted;
  const cross = (o: PointRd, a: PointRd, b: PointRd) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: PointRd[] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: PointRd[] = [];
  for (let i = sorted.length - 1; i >= 0; i--) {
    const p = sorted[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}
