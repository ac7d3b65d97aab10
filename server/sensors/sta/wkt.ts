// The two WKT shapes geo filters use: POLYGON((lon lat, …), (hole…)) and POINT(lon lat), optionally prefixed by
// `SRID=4326;` (only WGS84 is accepted: SensorThings locations are GeoJSON, which is WGS84 lon/lat).
import type { PolygonLonLat } from '../store/polygon-wgs84.ts';

export type WktShape = { type: 'Polygon'; polygon: PolygonLonLat } | { type: 'Point'; point: [number, number] };

const MAX_VERTICES = 10_000;

export function parseWkt(text: string): WktShape {
  let body = text.trim();
  const srid = /^SRID=(\d+);/i.exec(body);
  if (srid) {
    if (srid[1] !== '4326') throw new Error(`only SRID=4326 (WGS84) is supported, not ${srid[1]}`);
    body = body.slice(srid[0].length).trim();
  }
  const m = /^(POINT|POLYGON)\s*\((.*)\)$/is.exec(body);
  if (!m) throw new Error('expected POINT(lon lat) or POLYGON((lon lat, …))');
  if (m[1].toUpperCase() === 'POINT') return { type: 'Point', point: parsePosition(m[2]) };
  const rings = m[2].match(/\([^()]*\)/g);
  if (!rings || rings.join('').replace(/[\s,]/g, '') !== m[2].replace(/[\s,]/g, '')) throw new Error('malformed POLYGON rings');
  let vertices = 0;
  const polygon = rings.map((ring) => {
    const positions = ring.slice(1, -1).split(',').map(parsePosition);
    vertices += positions.length;
    if (positions.length < 3) throw new Error('a polygon ring needs at least 3 positions');
    return positions;
  });
  if (vertices > MAX_VERTICES) throw new Error(`polygon has more than ${MAX_VERTICES} positions`);
  return { type: 'Polygon', polygon };
}

function parsePosition(text: string): [number, number] {
  const parts = text.trim().split(/\s+/);
  if (parts.length < 2 || parts.length > 3) throw new Error(`bad position '${text.trim().slice(0, 40)}'`);
  const lon = Number(parts[0]);
  const lat = Number(parts[1]);
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    throw new Error(`position '${text.trim().slice(0, 40)}' is not lon lat in degrees`);
  }
  return [lon, lat];
}
