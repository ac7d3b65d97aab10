// Saved views (server/contracts/workspace.ts SavedView) to and from the globe and the state: the camera is read from
// and flown to Cesium; the visible layers go through the one state object like any other layer switch.
import { Cartesian3, Cartographic, Math as CesiumMath, type Camera } from '@cesium/engine';
import type { CameraView, SavedView } from '../../../server/contracts/workspace.ts';
import { isDefaultVisible, type LayerInfo } from '../../api/twin-api.ts';
import { isLayerVisible, withLayerVisibility, type AppState } from '../../state/app-state.ts';

/** Degrees rounded to what the schema and a URL need (~1 cm, 0.01°). */
function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function cameraViewOf(camera: Camera): CameraView {
  const c = Cartographic.fromCartesian(camera.positionWC);
  const wrap = (deg: number) => ((((deg + 180) % 360) + 360) % 360) - 180;
  return {
    lonDeg: round(CesiumMath.toDegrees(c.longitude), 7),
    latDeg: round(CesiumMath.toDegrees(c.latitude), 7),
    heightM: round(Math.max(-500, Math.min(50_000_000, c.height)), 2),
    headingDeg: round(wrap(CesiumMath.toDegrees(camera.heading)), 2),
    pitchDeg: round(Math.max(-90, Math.min(90, CesiumMath.toDegrees(camera.pitch))), 2),
  };
}

export function visibleLayerIds(state: AppState, layers: readonly LayerInfo[]): string[] {
  return layers.filter((l) => isLayerVisible(state, l.id, isDefaultVisible(l))).map((l) => l.id);
}

export function savedViewOf(camera: Camera, state: AppState, layers: readonly LayerInfo[]): SavedView {
  return { camera: cameraViewOf(camera), layers: visibleLayerIds(state, layers) };
}

/** The state with exactly the view's layers visible (layers the catalogue does not know are ignored). */
export function withViewLayers(state: AppState, layers: readonly LayerInfo[], visible: readonly string[]): AppState {
  let next = state;
  for (const layer of layers) next = withLayerVisibility(next, layer.id, visible.includes(layer.id), isDefaultVisible(layer));
  return next;
}

export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Flies to the view; jumps (no animation) with reduced motion or `instant`. Resolves when the camera is there. */
export function flyToView(camera: Camera, view: CameraView, instant = prefersReducedMotion()): Promise<void> {
  const destination = Cartesian3.fromDegrees(view.lonDeg, view.latDeg, view.heightM);
  const orientation = { heading: CesiumMath.toRadians(view.headingDeg), pitch: CesiumMath.toRadians(view.pitchDeg), roll: 0 };
  if (instant) {
    camera.cancelFlight();
    camera.setView({ destination, orientation });
    return Promise.resolve();
  }
  return new Promise<void>((resolve) => {
    camera.flyTo({ destination, orientation, duration: 1.6, complete: resolve, cancel: resolve });
  });
}
