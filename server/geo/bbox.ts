// Axis-aligned boxes in RD New metres: [minX, minY, maxX, maxY].
import type { BboxRd, PointRd } from '../contracts/model.ts';

export function bboxOfPoints(points: Iterable<PointRd>): BboxRd {
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
  return [minX, minY, maxX, maxY];
}

export function unionBbox(a: BboxRd | undefined, b: BboxRd): BboxRd {
  if (!a) return b;
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

export function bboxIntersects(a: BboxRd, b: BboxRd): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

type Position = readonly number[];
type Coordinates = Position | readonly Coordinates[];

/** Bbox of any GeoJSON geometry's coordinates (RD New metres in our store). */
export function geometryBbox(geometry: { coordinates: unknown }): BboxRd {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (c: Coordinates) => {
    if (typeof c[0] === 'number') {
      const [x, y] = c as Position;
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    } else for (const child of c as readonly Coordinates[]) visit(child);
  };
  visit(geometry.coordinates as Coordinates);
  return [minX, minY, maxX, maxY];
}
