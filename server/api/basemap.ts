// Streets, water and green as one WGS84 GeoJSON document for the client's ground drawing. Pure.
import type { Area, DatasetMeta, PointRd, Street } from '../contracts/model.ts';
import { rdToLonLatDeg } from '../geo/crs.ts';

const toLonLat = ([x, y]: PointRd): [number, number] => {
  const [lon, lat] = rdToLonLatDeg(x, y);
  // 1e-7 degree ≈ 1 cm: enough for drawing, halves the payload.
  return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
};

export function basemapGeoJson(meta: DatasetMeta, streets: Street[], areas: Area[]) {
  return {
    type: 'FeatureCollection' as const,
    metadata: { source: meta.source, licence: meta.licence, date: meta.date, synthetic: meta.synthetic },
    features: [
      ...areas.map((a) => ({
        type: 'Feature' as const,
        id: a.id,
        properties: { layer: a.kind, name: a.name },
        geometry: { type: 'Polygon' as const, coordinates: a.polygon.map((ring) => closeRing(ring.map(toLonLat))) },
      })),
      ...streets.map((s) => ({
        type: 'Feature' as const,
        id: s.id,
        properties: { layer: 'streets', name: s.name, class: s.class, surface: s.surface },
        geometry: { type: 'LineString' as const, coordinates: s.line.map(toLonLat) },
      })),
    ],
  };
}

/** GeoJSON rings repeat their first position at the end; ours do not. */
function closeRing(ring: [number, number][]): [number, number][] {
  return [...ring, ring[0]];
}
