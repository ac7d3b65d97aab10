// Where a pin goes for a click (or the centre of the view): on the building that was hit (its surface point, when the
// depth buffer can tell) or where the view ray meets the ground. CRS84 degrees and ellipsoidal metres.
import { Cartesian2, Cartographic, Math as CesiumMath, type Cartesian3, type Scene } from '@cesium/engine';
import type { CommentInput } from '../../../server/contracts/workspace.ts';
import type { PickedBuilding } from '../../viewer/picking.ts';

export interface PinPlace {
  position: CommentInput['position'];
  buildingId?: string;
}

function toPosition(cartesian: Cartesian3): CommentInput['position'] {
  const c = Cartographic.fromCartesian(cartesian);
  const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
  return {
    lonDeg: round(CesiumMath.toDegrees(c.longitude), 7),
    latDeg: round(CesiumMath.toDegrees(c.latitude), 7),
    heightM: round(Math.max(-100, Math.min(1000, c.height)), 2),
  };
}

export function pinPlaceAt(
  scene: Scene,
  canvasX: number,
  canvasY: number,
  pickBuilding: (x: number, y: number) => PickedBuilding | undefined,
): PinPlace | undefined {
  const screen = new Cartesian2(canvasX, canvasY);
  const building = pickBuilding(canvasX, canvasY);
  const onSurface = building && scene.pickPositionSupported ? scene.pickPosition(screen) : undefined;
  const ray = scene.camera.getPickRay(screen);
  const onGround = ray ? scene.globe.pick(ray, scene) : undefined;
  const hit = onSurface ?? onGround;
  if (!hit) return undefined;
  return building ? { position: toPosition(hit), buildingId: building.id } : { position: toPosition(hit) };
}
