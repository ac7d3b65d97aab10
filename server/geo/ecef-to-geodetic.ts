// Inverse of geodeticToEcef (crs.ts), for checks and bounding volumes computed from ECEF positions.
const WGS84_A = 6378137.0;
const WGS84_F = 1 / 298.257223563;
const WGS84_E2 = WGS84_F * (2 - WGS84_F);

/**
 * ECEF metres → [lonRad, latRad, ellipsoidal heightM] on WGS84. Fixed-point iteration on latitude;
 * converges to well below a millimetre in a few steps anywhere away from the poles, which is all we need.
 */
export function ecefToGeodetic(x: number, y: number, z: number): [number, number, number] {
  const lon = Math.atan2(y, x);
  const p = Math.hypot(x, y);
  let lat = Math.atan2(z, p * (1 - WGS84_E2));
  let height = 0;
  for (let i = 0; i < 8; i++) {
    const sinLat = Math.sin(lat);
    const n = WGS84_A / Math.sqrt(1 - WGS84_E2 * sinLat * sinLat);
    height = p / Math.cos(lat) - n;
    const next = Math.atan2(z, p * (1 - (WGS84_E2 * n) / (n + height)));
    if (Math.abs(next - lat) < 1e-14) {
      lat = next;
      break;
    }
    lat = next;
  }
  return [lon, lat, height];
}
