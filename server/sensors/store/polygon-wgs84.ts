// Point-in-polygon on WGS84 degrees, treating lon/lat as planar (fine at the scale of a municipality).
// Rings are closed or not; the first ring is the outer boundary, later rings are holes.
export type RingLonLat = [number, number][];
export type PolygonLonLat = RingLonLat[];

export function pointInPolygon(lon: number, lat: number, polygon: PolygonLonLat): boolean {
  if (polygon.length === 0 || !pointInRing(lon, lat, polygon[0])) return false;
  for (let i = 1; i < polygon.length; i++) if (pointInRing(lon, lat, polygon[i])) return false;
  return true;
}

/** Even-odd ray casting. */
function pointInRing(x: number, y: number, ring: RingLonLat): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function bboxOfPolygon(polygon: PolygonLonLat): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of polygon[0] ?? []) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}
