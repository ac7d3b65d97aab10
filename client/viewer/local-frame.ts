// A local east-north-up frame in metres, tangent to the ellipsoid at the twin's centre on the ground. deck.gl
// draws in it (small float32-friendly numbers); Cesium works in ECEF. The frame is a rigid transform of ECEF,
// so converting each vertex exactly (curvature included) keeps deck.gl and Cesium on the same points.
import { Cartesian3, Matrix4, Transforms } from '@cesium/engine';

export interface LocalFrame {
  /** ENU (metres) → ECEF. */
  readonly enuToEcef: Matrix4;
  readonly ecefToEnu: Matrix4;
  /** CRS84 degrees + ellipsoidal height → [east, north, up] metres. */
  fromDegrees(lonDeg: number, latDeg: number, heightM: number): [number, number, number];
  fromEcef(ecef: Cartesian3): [number, number, number];
}

export function createLocalFrame(originLonDeg: number, originLatDeg: number, originHeightM: number): LocalFrame {
  const enuToEcef = Transforms.eastNorthUpToFixedFrame(Cartesian3.fromDegrees(originLonDeg, originLatDeg, originHeightM));
  const ecefToEnu = Matrix4.inverseTransformation(enuToEcef, new Matrix4());
  const scratch = new Cartesian3();
  const fromEcef = (ecef: Cartesian3): [number, number, number] => {
    const p = Matrix4.multiplyByPoint(ecefToEnu, ecef, scratch);
    return [p.x, p.y, p.z];
  };
  return {
    enuToEcef,
    ecefToEnu,
    fromEcef,
    fromDegrees: (lon, lat, h) => fromEcef(Cartesian3.fromDegrees(lon, lat, h, undefined, scratch)),
  };
}
