// Dragging a candidate antenna on the globe with the 5G tool on: press on its marker, move, release on a roof or
// a street. The camera does not rotate or pan while a candidate is held; the state changes once, on release, so
// the URL and the siting check follow the drop and not every mouse move.
import { Cartesian3, Cartographic, Math as CesiumMath, SceneTransforms, ScreenSpaceEventHandler, ScreenSpaceEventType, type Cartesian2, type Scene } from '@cesium/engine';
import { fivegCandidatesOf, type LonLat, type StateStore } from '../state/app-state.ts';
import { dropCandidate, nearestCandidate, replaceCandidate, type ScreenPoint } from './candidate-drag.ts';

export interface CandidateDrag {
  /** True once after a press that grabbed a candidate: the click that follows it must not place a new one. */
  consumeClick(): boolean;
  destroy(): void;
}

export interface CandidateDragOptions {
  scene: Scene;
  store: StateStore;
  groundHeightM: number;
  /** Where the pointer meets the ground, CRS84. */
  groundAt(position: Cartesian2): LonLat | undefined;
  /** The building under the pointer, if any. */
  buildingAt(position: Cartesian2): string | undefined;
}

export function createCandidateDrag({ scene, store, groundHeightM, groundAt, buildingAt }: CandidateDragOptions): CandidateDrag {
  const handler = new ScreenSpaceEventHandler(scene.canvas);
  let held: number | undefined;
  let grabbed = false;

  const toScreen = (lonLat: LonLat, heightM: number): ScreenPoint | undefined => {
    const p = SceneTransforms.worldToWindowCoordinates(scene, Cartesian3.fromDegrees(lonLat[0], lonLat[1], groundHeightM + heightM));
    return p ? { x: p.x, y: p.y } : undefined;
  };

  /** Where a drop lands: on the roof surface under the pointer, else where the pointer meets the ground. */
  const dropAt = (position: Cartesian2): { lonLat: LonLat; buildingId?: string } | undefined => {
    const buildingId = buildingAt(position);
    if (buildingId && scene.pickPositionSupported) {
      const onRoof = scene.pickPosition(position);
      if (onRoof) {
        const c = Cartographic.fromCartesian(onRoof);
        return { lonLat: [CesiumMath.toDegrees(c.longitude), CesiumMath.toDegrees(c.latitude)], buildingId };
      }
    }
    const lonLat = groundAt(position);
    return lonLat ? { lonLat, buildingId } : undefined;
  };

  const release = () => {
    held = undefined;
    scene.screenSpaceCameraController.enableInputs = true;
    scene.canvas.style.cursor = '';
  };

  handler.setInputAction((event: { position: Cartesian2 }) => {
    grabbed = false;
    if (store.state.tool !== 'fiveg') return;
    // Foot on the ground and the antenna's height above it: either can be grabbed (roof heights are not known here).
    const drawn = fivegCandidatesOf(store.state).map((c) => [toScreen(c.lonLat, 0), toScreen(c.lonLat, c.heightM)]);
    held = nearestCandidate(drawn, { x: event.position.x, y: event.position.y });
    if (held === undefined) return;
    grabbed = true;
    scene.screenSpaceCameraController.enableInputs = false;
    scene.canvas.style.cursor = 'grabbing';
  }, ScreenSpaceEventType.LEFT_DOWN);

  handler.setInputAction(() => {
    if (held !== undefined) scene.canvas.style.cursor = 'grabbing';
  }, ScreenSpaceEventType.MOUSE_MOVE);

  handler.setInputAction((event: { position: Cartesian2 }) => {
    const index = held;
    release();
    if (index === undefined) return;
    const list = fivegCandidatesOf(store.state);
    const candidate = list[index];
    const drop = candidate ? dropAt(event.position) : undefined;
    if (!candidate || !drop) return;
    const moved = dropCandidate(candidate, drop.lonLat, drop.buildingId);
    store.update({ fivegCandidates: replaceCandidate(list, index, moved) });
  }, ScreenSpaceEventType.LEFT_UP);

  return {
    consumeClick() {
      const was = grabbed;
      grabbed = false;
      return was;
    },
    destroy() {
      release();
      handler.destroy();
    },
  };
}
