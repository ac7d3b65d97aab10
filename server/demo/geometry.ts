// Planar geometry on RD New metres for the generator: rings, orientation, containment and the convex
// separating-axis test the placement uses. Small and allocation-light because placement calls it ~10^6 times.
import type { PointRd, PolygonRd, RingRd } from '../contracts/model.ts';

export const roundMm = (v: number): number => Math.round(v * 1000) / 1000;

export const roundPoint = (p: PointRd): PointRd => [roundMm(p[0]), roundMm(p[1])];

/** Exact key of a millimetre-rounded point, used to merge street vertices that must coincide. */
export const pointKey = (p: PointRd): string => `${p[0]},${p[1]}`;

export const add = (a: PointRd, b: PointRd): PointRd => [a[0] + b[0], a[1] + b[1]];
export const sub = (a: PointRd, b: PointRd): PointRd => [a[0] - b[0], a[1] - b[1]];
export const scale = (a: PointRd, f: number): PointRd => [a[0] * f, a[1] * f];
export const dot = (a: PointRd, b: PointRd): number => a[0] * b[0] + a[1] * b[1];
export const cross = (a: PointRd, b: PointRd): number => a[0] * b[1] - a[1] * b[0];
export const length = (a: PointRd): number => Math.hypot(a[0], a[1]);
export const distance = (a: PointRd, b: PointRd): number => Math.hypot(a[0] - b[0], a[1] - b[1]);
export const fromAngle = (angleRad: number): PointRd => [Math.cos(angleRad), Math.sin(angleRad)];
/** The unit vector 90° counter-clockwise of a unit vector: the left-hand normal. */
export const leftNormal = (dir: PointRd): PointRd => [-dir[1], dir[0]];

/** Shoelace area; positive for a counter-clockwise ring (RD y points north). */
export function ringSignedArea(ring: readonly PointRd[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return sum / 2;
}

export function polygonArea(polygon: PolygonRd): number {
  return polygon.reduce((sum, ring) => sum + ringSignedArea(ring), 0);
}

/** Outer ring counter-clockwise, holes clockwise, as the contracts require. */
export function orientPolygon(polygon: PolygonRd): PolygonRd {
  return polygon.map((ring, i) => {
    const ccw = ringSignedArea(ring) > 0;
    return (i === 0) === ccw ? ring : ring.slice().reverse();
  });
}

export function roundPolygon(polygon: PolygonRd): PolygonRd {
  return polygon.map((ring) => ring.map(roundPoint));
}

/** Even-odd ray casting; points exactly on an edge may go either way. */
export function pointInRing(p: PointRd, ring: readonly PointRd[]): boolean {
  let inside = false;
  const [x, y] = p;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInPolygon(p: PointRd, polygon: PolygonRd): boolean {
  if (!pointInRing(p, polygon[0])) return false;
  for (let i = 1; i < polygon.length; i++) if (pointInRing(p, polygon[i])) return false;
  return true;
}

/** Area-weighted centroid of a polygon with holes. */
export function polygonCentroid(polygon: PolygonRd): PointRd {
  let cx = 0;
  let cy = 0;
  let area = 0;
  const [ox, oy] = polygon[0][0];
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const xj = ring[j][0] - ox;
      const yj = ring[j][1] - oy;
      const xi = ring[i][0] - ox;
      const yi = ring[i][1] - oy;
      const f = xj * yi - xi * yj;
      cx += (xj + xi) * f;
      cy += (yj + yi) * f;
      area += f;
    }
  }
  if (area === 0) return polygon[0][0];
  return [ox + cx / (3 * area), oy + cy / (3 * area)];
}

export interface Bbox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function bboxOf(points: readonly PointRd[]): Bbox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}

/** Closest point on segment ab to p, with its parameter t in [0, 1] and the distance. */
export function projectOnSegment(p: PointRd, a: PointRd, b: PointRd): { t: number; point: PointRd; distanceM: number } {
  const ab = sub(b, a);
  const len2 = dot(ab, ab);
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, dot(sub(p, a), ab) / len2));
  const point: PointRd = [a[0] + ab[0] * t, a[1] + ab[1] * t];
  return { t, point, distanceM: distance(p, point) };
}

/** True when segments ab and cd share any point (touching counts). */
export function segmentsIntersect(a: PointRd, b: PointRd, c: PointRd, d: PointRd): boolean {
  const d1 = orient(c, d, a);
  const d2 = orient(c, d, b);
  const d3 = orient(a, b, c);
  const d4 = orient(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  if (d1 === 0 && onSegment(c, d, a)) return true;
  if (d2 === 0 && onSegment(c, d, b)) return true;
  if (d3 === 0 && onSegment(a, b, c)) return true;
  if (d4 === 0 && onSegment(a, b, d)) return true;
  return false;
}

function orient(a: PointRd, b: PointRd, c: PointRd): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

function onSegment(a: PointRd, b: PointRd, p: PointRd): boolean {
  return (
    Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1])
  );
}

/** True when two non-adjacent edges of the ring touch or cross (a simple ring has none). */
export function ringSelfIntersects(ring: RingRd): boolean {
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % n];
    for (let j = i + 1; j < n; j++) {
      if (j === i || (j + 1) % n === i || j === (i + 1) % n) continue;
      if (segmentsIntersect(a, b, ring[j], ring[(j + 1) % n])) return true;
    }
  }
  return false;
}

/**
 * Separating-axis test for two convex polygons (either orientation). They count as overlapping only when
 * they interpenetrate by more than toleranceM along every axis, so shared party walls are allowed.
 */
export function convexOverlap(a: readonly PointRd[], b: readonly PointRd[], toleranceM: number): boolean {
  return !hasSeparatingAxis(a, b, toleranceM) && !hasSeparatingAxis(b, a, toleranceM);
}

function hasSeparatingAxis(edgesOf: readonly PointRd[], other: readonly PointRd[], toleranceM: number): boolean {
  for (let i = 0, j = edgesOf.length - 1; i < edgesOf.length; j = i++) {
    const nx = -(edgesOf[i][1] - edgesOf[j][1]);
    const ny = edgesOf[i][0] - edgesOf[j][0];
    const len = Math.hypot(nx, ny);
    if (len === 0) continue;
    let minA = Infinity;
    let maxA = -Infinity;
    for (const p of edgesOf) {
      const v = (p[0] * nx + p[1] * ny) / len;
      if (v < minA) minA = v;
      if (v > maxA) maxA = v;
    }
    let minB = Infinity;
    let maxB = -Infinity;
    for (const p of other) {
      const v = (p[0] * nx + p[1] * ny) / len;
      if (v < minB) minB = v;
      if (v > maxB) maxB = v;
    }
    if (Math.min(maxA, maxB) - Math.max(minA, minB) <= toleranceM) return true;
  }
  return false;
}

/** The rectangle covering a segment widened by halfWidthM on both sides (no end caps). */
export function segmentRectangle(a: PointRd, b: PointRd, halfWidthM: number): PointRd[] {
  const len = distance(a, b);
  const n = len === 0 ? ([0, 0] as PointRd) : leftNormal(scale(sub(b, a), 1 / len));
  const o = scale(n, halfWidthM);
  return [sub(a, o), sub(b, o), add(b, o), add(a, o)];
}

/** A regular polygon approximating a circle, counter-clockwise. */
export function circlePolygon(centre: PointRd, radiusM: number, sides: number): PointRd[] {
  const ring: PointRd[] = [];
  for (let i = 0; i < sides; i++) {
    const a = (2 * Math.PI * i) / sides;
    ring.push([centre[0] + radiusM * Math.cos(a), centre[1] + radiusM * Math.sin(a)]);
  }
  return ring;
}

/** Shortest distance from p to the boundary of a ring. */
export function distanceToRing(p: PointRd, ring: readonly PointRd[]): number {
  let best = Infinity;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const d = projectOnSegment(p, ring[j], ring[i]).distanceM;
    if (d < best) best = d;
  }
  return best;
}
