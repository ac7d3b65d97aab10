// Opening view: oblique, from the south, framing the twin's extent.
import { Cartesian3, HeadingPitchRange, Math as CesiumMath, Matrix4, type Camera } from '@cesium/engine';
import type { LonLatExtent } from '../api/twin-api.ts';

const METRES_PER_DEGREE_LAT = 111_320;
const PITCH_RAD = CesiumMath.toRadians(-38);

export function extentSizeM(extentLonLat: LonLatExtent): { widthM: number; heightM: number } {
  const [west, south, east, north] = extentLonLat;
  const midLatRad = CesiumMath.toRadians((south + north) / 2);
  return {
    widthM: (east - west) * METRES_PER_DEGREE_LAT * Math.cos(midLatRad),
    heightM: (north - south) * METRES_PER_DEGREE_LAT,
  };
}

export function flyHome(camera: Camera, extentLonLat: LonLatExtent, groundHeightM: number): void {
  const [west, south, east, north] = extentLonLat;
  const target = Cartesian3.fromDegrees((west + east) / 2, (south + north) / 2, groundHeightM);
  const { widthM, heightM } = extentSizeM(extentLonLat);
  // Far enough to see the whole extent at a ~60° field of view, never closer than a street view.
  const rangeM = Math.max(300, 0.85 * Math.max(widthM, heightM));
  // Heading 0 = looking north, so the camera stands south of the target.
  camera.lookAt(target, new HeadingPitchRange(0, PITCH_RAD, rangeM));
  // Release the look-at frame so the default mouse controls orbit the globe again.
  camera.lookAtTransform(Matrix4.IDENTITY);
}
