// Structural check of a GeoJSON geometry (RFC 7946) in WGS84, for Location.location and FeatureOfInterest.feature
// (RELIABILITY.md #13): positions of two or three finite numbers inside lon ±180 / lat ±90 (so RD metres claimed as
// WGS84 are refused), closed rings of at least four positions, bounded nesting and size. Self-intersection is not
// checked. Values that are no GeoJSON geometry or Feature (another encodingType) are left alone.
const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);
/** Positions in one value; a Location or a feature of interest is a place, not a data set. */
export const MAX_POSITIONS = 100_000;
const MAX_COLLECTION_DEPTH = 4;

/** Why the value is no valid geometry, or undefined when it is one (or is no GeoJSON at all). */
export function geoJsonProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const g = value as { type?: unknown; geometry?: unknown };
  if (g.type === 'Feature') return g.geometry === null ? undefined : geometryProblem(g.geometry, 0, { positions: 0 });
  if (typeof g.type !== 'string' || !GEOMETRY_TYPES.has(g.type)) return undefined;
  return geometryProblem(value, 0, { positions: 0 });
}

function geometryProblem(value: unknown, depth: number, count: { positions: number }): string | undefined {
  if (typeof value !== 'object' || value === null) return 'a geometry must be an object';
  const g = value as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  if (g.type === 'GeometryCollection') {
    if (depth >= MAX_COLLECTION_DEPTH) return `GeometryCollections nested deeper than ${MAX_COLLECTION_DEPTH}`;
    if (!Array.isArray(g.geometries)) return 'a GeometryCollection needs a geometries array';
    for (const member of g.geometries) {
      const problem = geometryProblem(member, depth + 1, count);
      if (problem) return problem;
    }
    return undefined;
  }
  if (typeof g.type !== 'string' || !GEOMETRY_TYPES.has(g.type)) return `unknown geometry type ${JSON.stringify(String(g.type).slice(0, 40))}`;
  const c = g.coordinates;
  switch (g.type) {
    case 'Point':
      return positionProblem(c, count);
    case 'MultiPoint':
      return listProblem(c, 'MultiPoint', 1, (p) => positionProblem(p, count));
    case 'LineString':
      return listProblem(c, 'LineString', 2, (p) => positionProblem(p, count));
    case 'MultiLineString':
      return listProblem(c, 'MultiLineString', 1, (line) => listProblem(line, 'line', 2, (p) => positionProblem(p, count)));
    case 'Polygon':
      return listProblem(c, 'Polygon', 1, (ring) => ringProblem(ring, count));
    default:
      return listProblem(c, 'MultiPolygon', 1, (polygon) => listProblem(polygon, 'polygon', 1, (ring) => ringProblem(ring, count)));
  }
}

function listProblem(list: unknown, what: string, min: number, member: (m: unknown) => string | undefined): string | undefined {
  if (!Array.isArray(list)) return `${what} coordinates are not an array`;
  if (list.length < min) return `${what} needs at least ${min} member${min > 1 ? 's' : ''} (empty coordinates?)`;
  for (const m of list) {
    const problem = member(m);
    if (problem) return problem;
  }
  return undefined;
}

function ringProblem(ring: unknown, count: { positions: number }): string | undefined {
  if (!Array.isArray(ring) || ring.length < 4) return 'a polygon ring needs at least four positions';
  for (const p of ring) {
    const problem = positionProblem(p, count);
    if (problem) return problem;
  }
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first.length !== last.length || first.some((v, i) => v !== last[i])) return 'a polygon ring is not closed (first and last positions differ)';
  return undefined;
}

function positionProblem(p: unknown, count: { positions: number }): string | undefined {
  if (++count.positions > MAX_POSITIONS) return `more than ${MAX_POSITIONS} positions`;
  if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((v) => typeof v === 'number' && Number.isFinite(v))) return 'a position is two or three numbers';
  const [lon, lat] = p as number[];
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return `position [${lon}, ${lat}] is outside WGS84 longitude ±180 / latitude ±90 (RD metres?)`;
  return undefined;
}
