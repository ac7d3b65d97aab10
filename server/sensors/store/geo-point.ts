// Where a GeoJSON value sits, as one WGS84 point: the geometry itself when it is a Point, or the Point geometry of a
// Feature (Geonovum's examples wrap the point in a Feature). Other geometries have no point and are not
// geo-filterable in this store.
export function pointOfGeoJson(value: unknown): [number, number] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const g = value as { type?: unknown; coordinates?: unknown; geometry?: unknown };
  if (g.type === 'Feature') return pointOfGeoJson(g.geometry);
  if (typeof g.type !== 'string' || g.type.toLowerCase() !== 'point' || !Array.isArray(g.coordinates)) return undefined;
  const [lon, lat] = g.coordinates as unknown[];
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) return undefined;
  return [lon, lat];
}
