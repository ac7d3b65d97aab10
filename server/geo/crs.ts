// Coordinate conversion at the edges: RD New (EPSG:28992) <-> WGS84 (EPSG:4326) <-> ECEF (EPSG:4978).
// proj4's 7-parameter datum shift is accurate to well under a metre in the Netherlands (no RDNAPTRANS grid);
// good enough for display and tiling, not for cadastral work (see DOMAIN.md Part B §5.5).
import proj4 from 'proj4';

export const RD_NEW = 'EPSG:28992';
export const RD_NEW_PROJ4 =
  '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 ' +
  '+ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs';

proj4.defs(RD_NEW, RD_NEW_PROJ4);
const rdToWgs84 = proj4(RD_NEW, 'EPSG:4326');

/** RD New metres → [lonDeg, latDeg]. */
export function rdToLonLatDeg(x: number, y: number): [number, number] {
  const [lon, lat] = rdToWgs84.forward([x, y]);
  return [lon, lat];
}

/** [lonDeg, latDeg] → RD New metres. */
export function lonLatDegToRd(lonDeg: number, latDeg: number): [number, number] {
  const [x, y] = rdToWgs84.inverse([lonDeg, latDeg]);
  return [x, y];
}

const WGS84_A = 6378137.0;
const WGS84_F = 1 / 298.257223563;
const WGS84_E2 = WGS84_F * (2 - WGS84_F);

/** Geodetic WGS84 (radians, ellipsoidal height in metres) → ECEF metres. */
export function geodeticToEcef(lonRad: number, latRad: number, heightM: number): [number, number, number] {
  const sinLat = Math.sin(latRad);
  const cosLat = Math.cos(latRad);
  const n = WGS84_A / Math.sqrt(1 - WGS84_E2 * sinLat * sinLat);
  return [
    (n + heightM) * cosLat * Math.cos(lonRad),
    (n + heightM) * cosLat * Math.sin(lonRad),
    (n * (1 - WGS84_E2) + heightM) * sinLat,
  ];
}

/**
 * Column-major 4×4 matrix taking local east-north-up metres at (lonRad, latRad, heightM) to ECEF,
 * as 3D Tiles `transform` expects.
 */
export function enuToEcefMatrix(lonRad: number, latRad: number, heightM: number): number[] {
  const [ox, oy, oz] = geodeticToEcef(lonRad, latRad, heightM);
  const sinLon = Math.sin(lonRad);
  const cosLon = Math.cos(lonRad);
  const sinLat = Math.sin(latRad);
  const cosLat = Math.cos(latRad);
  const east = [-sinLon, cosLon, 0];
  const north = [-sinLat * cosLon, -sinLat * sinLon, cosLat];
  const up = [cosLat * cosLon, cosLat * sinLon, sinLat];
  return [...east, 0, ...north, 0, ...up, 0, ox, oy, oz, 1];
}

export const degToRad = (deg: number): number => (deg * Math.PI) / 180;
