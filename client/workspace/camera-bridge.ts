// The Cesium camera as a saved view (server/contracts CameraView: degrees, ellipsoidal metres) and back.
import { Cartesian3, Math as CesiumMath, type Scene } from '@cesium/engine';
import type { CameraView } from '../../server/contracts/workspace.ts';

export interface CameraBridge {
  current(): CameraView;
  show(view: CameraView): void;
  onRest(listener: () => void): void;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

export function createCameraBridge(scene: Scene): CameraBridge {
  const { camera } = scene;
  return {
    current() {
      const c = camera.positionCartographic;
      return {
        lonDeg: round(CesiumMath.toDegrees(c.longitude), 7),
        latDeg: round(CesiumMath.toDegrees(c.latitude), 7),
        heightM: round(Math.min(50_000_000, Math.max(-500, c.height)), 2),
        headingDeg: round(CesiumMath.toDegrees(camera.heading) % 360, 2),
        pitchDeg: round(Math.min(90, Math.max(-90, CesiumMath.toDegrees(camera.pitch))), 2),
      };
    },
    show(view) {
      camera.setView({
        destination: Cartesian3.fromDegrees(view.lonDeg, view.latDeg, view.heightM),
        orientation: { heading: CesiumMath.toRadians(view.headingDeg), pitch: CesiumMath.toRadians(view.pitchDeg), roll: 0 },
      });
      scene.requestRender();
    },
    onRest(listener) {
      camera.moveEnd.addEventListener(listener);
    },
  };
}
