// 2D helpers on building footprints (RD metres) the 5G engines need: inside tests and façade distances. Pure.
import type { PolygonRd } from '../../contracts/model.ts';

/** Even-odd rule over all rings, so points in a courtyard (hole) are outside. */
export function pointInFootprint(x: number, y: number, polygon: PolygonRd): boolean {
  let inside = false;
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Shortest distance from (x, y) to any edge of any ring: the distance to the nearest façade. */
export function distanceToFootprintEdgeM(x: number, y: number, polygon: PolygonRd): number {
  let best = Infinity;
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const d = distanceToSegment(x, y, ring[j][0], ring[j][1], ring[i][0], ring[i][1]);
      if (d < best) best = d;
    }
  }
  return best;
}

/** Distance from a point to a footprint: 0 inside, else the distance to the nearest edge. */
export function distanceToFootprintM(x: number, y: number, polygon: PolygonRd): number {
  return pointInFootprint(x, y, polygon) ? 0 : distanceToFootprintEdgeM(x, y, polygon);
}

export function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Nearest point of a footprint's boundary to (x, y), with its distance. */
export function nearestFootprintPoint(x: number, y: number, polygon: PolygonRd): { x: number; y: number; distanceM: number } {
  let best = { x, y, distanceM: Infinity };
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [ax, ay] = ring[j];
      const [bx, by] = ring[i];
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0;
      const px = ax + t * dx;
      const py = ay + t * dy;
      const d = Math.hypot(x - px, y - py);
      if (d < best.distanceM) best = { x: px, y: py, distanceM: d };
    }
  }
  return best;
}
