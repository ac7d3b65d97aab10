// A tile's local frame: east-north-up at an origin, stored as the tile's 3D Tiles `transform`, with glTF's
// y-up axes. Vertices are exact ECEF offsets rotated into ENU (no flat-earth approximation), so Float32
// positions a few hundred metres from the origin keep sub-millimetre precision.
import { enuToEcefMatrix, geodeticToEcef } from '../geo/crs.ts';

export interface LocalFrame {
  /** Column-major ENU→ECEF matrix for the tile's `transform`. */
  transform: number[];
  /** Geodetic (radians, ellipsoidal metres) → glTF local coordinates (x east, y up, z south). */
  toLocalYUp(lonRad: number, latRad: number, heightM: number): [number, number, number];
}

export function createLocalFrame(lonRad: number, latRad: number, heightM: number): LocalFrame {
  const transform = enuToEcefMatrix(lonRad, latRad, heightM);
  const [ox, oy, oz] = [transform[12], transform[13], transform[14]];
  const east = transform.slice(0, 3);
  const north = transform.slice(4, 7);
  const up = transform.slice(8, 11);
  return {
    transform,
    toLocalYUp(lon, lat, h) {
      const [x, y, z] = geodeticToEcef(lon, lat, h);
      const d = [x - ox, y - oy, z - oz];
      const e = east[0] * d[0] + east[1] * d[1] + east[2] * d[2];
      const n = north[0] * d[0] + north[1] * d[1] + north[2] * d[2];
      const u = up[0] * d[0] + up[1] * d[1] + up[2] * d[2];
      // 3D Tiles rotates glTF y-up content to z-up ((x, y, z) → (x, −z, y)), so we store the inverse.
      return [e, u, -n];
    },
  };
}

/** glTF local coordinates of a tile → ECEF, applying the y-up→z-up rotation and the tile transform. */
export function localYUpToEcef(transform: readonly number[], x: number, y: number, z: number): [number, number, number] {
  const [e, n, u] = [x, -z, y];
  return [
    transform[0] * e + transform[4] * n + transform[8] * u + transform[12],
    transform[1] * e + transform[5] * n + transform[9] * u + transform[13],
    transform[2] * e + transform[6] * n + transform[10] * u + transform[14],
  ];
}
