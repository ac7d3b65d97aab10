// Flies the camera to look at a point from the south, obliquely, ~150 m away (a pin, a comment in the queue).
import { BoundingSphere, Cartesian3, HeadingPitchRange, Math as CesiumMath, type Camera } from '@cesium/engine';
import { prefersReducedMotion } from './saved-view.ts';

export function flyToPoint(camera: Camera, lonDeg: number, latDeg: number, heightM: number, rangeM = 150): void {
  camera.flyToBoundingSphere(new BoundingSphere(Cartesian3.fromDegrees(lonDeg, latDeg, heightM), 10), {
    offset: new HeadingPitchRange(0, CesiumMath.toRadians(-35), rangeM),
    duration: prefersReducedMotion() ? 0 : 1.2,
  });
}
