// Planar polygon helpers for RD New footprints (or any metric x/y plane). Pure functions; degenerate input
// (repeated points, zero-area rings) is cleaned or skipped, never thrown on, because real BAG data has it.
import type { BboxRd, PointRd, RingRd } from '../contracts/model.ts';

/** Points closer than this (metres) are treated as the same point. */
export const POINT_EPSILON_M = 1e-6;
/** Rings with less area than this (m²) carry no surface and are dropped. */
export const AREA_EPSILON_M2 = 1e-9;

/** Shoelace signed area: positive for counter-clockwise rings (x east, y north). */
export function ringSignedArea(ring: readonly PointRd[]): number {
  let twice = 0;
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[(i + 1) % n];
    // Subtract the first point to keep precision with large RD coordinates (~10^5 m).
    twice += (x0 - ring[0][0]) * (y1 - ring[0][1]) - (x1 - ring[0][0]) * (y0 - ring[0][1]);
  }
  return twice / 2;
}

/** Area of a polygon: outer ring minus holes, whatever their orientation. */
export function polygonArea(polygon: readonly RingRd[]): number {
  if (polygon.length === 0) return 0;
  let area = Math.abs(ringSignedArea(polygon[0]));
  for (let i = 1; i < polygon.length; i++) area -= Math.abs(ringSignedArea(polygon[i]));
  return area;
}

/**
 * Removes repeated consecutive points (including a repeated closing point) and points that
 * make a zero-length edge. Returns a ring that may have fewer than 3 points: callers drop those.
 */
export function cleanRing(ring: readonly PointRd[]): PointRd[] {
  const out: PointRd[] = [];
  for (const p of ring) {
    if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) continue;
    const last = out[out.length - 1];
    if (last && samePoint(last, p)) continue;
    out.push([p[0], p[1]]);
  }
  while (out.length > 1 && samePoint(out[0], out[out.length - 1])) out.pop();
  return out;
}

/**
 * Cleans every ring, drops rings without area, and orients the outer ring counter-clockwise and holes
 * clockwise (the contract's convention, which callers may not have honoured). Returns [] when the outer
 * ring is degenerate: such a footprint has nothing to extrude.
 */
export function normalizePolygon(polygon: readonly RingRd[]): PointRd[][] {
  const out: PointRd[][] = [];
  for (let i = 0; i < polygon.length; i++) {
    const ring = cleanRing(polygon[i]);
    if (ring.length < 3) {
      if (i === 0) return [];
      continue;
    }
    const area = ringSignedArea(ring);
    if (Math.abs(area) < AREA_EPSILON_M2) {
      if (i === 0) return [];
      continue;
    }
    const wantCcw = i === 0;
    out.push(area > 0 === wantCcw ? ring : ring.reverse());
  }
  return out;
}

/** Area-weighted centroid of a polygon with holes; falls back to the vertex mean for zero area. */
export function polygonCentroid(polygon: readonly RingRd[]): PointRd {
  if (polygon.length === 0 || polygon[0].length === 0) return [NaN, NaN];
  const [ox, oy] = polygon[0][0];
  let sumA = 0;
  let sumX = 0;
  let sumY = 0;
  polygon.forEach((ring, r) => {
    // Holes subtract whatever their stored orientation.
    const sign = (r === 0 ? 1 : -1) * Math.sign(ringSignedArea(ring) || 1);
    const n = ring.length;
    for (let i = 0; i < n; i++) {
      const x0 = ring[i][0] - ox;
      const y0 = ring[i][1] - oy;
      const x1 = ring[(i + 1) % n][0] - ox;
      const y1 = ring[(i + 1) % n][1] - oy;
      const cross = (x0 * y1 - x1 * y0) * sign;
      sumA += cross;
      sumX += (x0 + x1) * cross;
      sumY += (y0 + y1) * cross;
    }
  });
  if (Math.abs(sumA) < 2 * AREA_EPSILON_M2) {
    const ring = polygon[0];
    const mx = ring.reduce((s, p) => s + p[0], 0) / ring.length;
    const my = ring.reduce((s, p) => s + p[1], 0) / ring.length;
    return [mx, my];
  }
  return [ox + sumX / (3 * sumA), oy + sumY / (3 * sumA)];
}

/** [minX, minY, maxX, maxY] over every ring; all-Infinity for an empty polygon. */
export function polygonBbox(polygon: readonly RingRd[]): BboxRd {
  const bbox: BboxRd = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of polygon) {
    for (const [x, y] of ring) {
      if (x < bbox[0]) bbox[0] = x;
      if (y < bbox[1]) bbox[1] = y;
      if (x > bbox[2]) bbox[2] = x;
      if (y > bbox[3]) bbox[3] = y;
    }
  }
  return bbox;
}

function samePoint(a: PointRd, b: PointRd): boolean {
  return Math.abs(a[0] - b[0]) <= POINT_EPSILON_M && Math.abs(a[1] - b[1]) <= POINT_EPSILON_M;
}
