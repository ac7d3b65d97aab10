// Offline Cesium setup: CesiumWidget (no Viewer: its Knockout widgets need eval), no imagery, no ion,
// flat terrain at the twin's ground height, assets only from our own origin.
import {
  Cartesian3,
  CesiumWidget,
  Color,
  DirectionalLight,
  Matrix4,
  Transforms,
  type Scene,
} from '@cesium/engine';
import '@cesium/engine/Source/Widget/CesiumWidget.css';
import type { TwinInfo } from '../api/twin-api.ts';
import { flyHome } from './camera.ts';
import { createFlatTerrain } from './flat-terrain.ts';

export interface TwinViewer {
  widget: CesiumWidget;
  scene: Scene;
  /** performance.now() of the first rendered frame. */
  firstFrame: Promise<number>;
  destroy(): void;
}

export function createViewer(container: HTMLElement, twin: TwinInfo): TwinViewer {
  const widget = new CesiumWidget(container, {
    baseLayer: false,
    terrainProvider: createFlatTerrain(twin.groundHeightM),
    // No stars, sun or moon: nothing to fetch, and a calm picture.
    skyBox: false,
    scene3DOnly: true,
    // Render only when something changed (tiles arriving, camera, style); tests and laptops both benefit.
    requestRenderMode: true,
    maximumRenderTimeChange: Number.POSITIVE_INFINITY,
    msaaSamples: 1,
    // Keep the last frame readable for screenshots and pixel checks.
    contextOptions: { webgl: { preserveDrawingBuffer: true } },
  });
  const { scene } = widget;
  const globe = scene.globe;
  globe.baseColor = Color.fromCssColorString('#dfe4d8');
  globe.showGroundAtmosphere = false;
  globe.enableLighting = false;
  globe.depthTestAgainstTerrain = true;
  scene.backgroundColor = Color.fromCssColorString('#cfdde8');
  scene.screenSpaceCameraController.enableCollisionDetection = true;

  scene.light = fixedLight(twin);

  flyHome(scene.camera, twin.extentLonLat, twin.groundHeightM);

  const firstFrame = new Promise<number>((resolve) => {
    const remove = scene.postRender.addEventListener(() => {
      remove();
      resolve(performance.now());
    });
  });

  return { widget, scene, firstFrame, destroy: () => widget.destroy() };
}

/**
 * Daylight from the south-west, 45° up, whatever the clock says: the default sun follows the current time,
 * so buildings would be dark in the evening and screenshots would differ from run to run.
 */
function fixedLight(twin: TwinInfo): DirectionalLight {
  const [lon, lat] = twin.centerLonLat;
  const enuToFixed = Transforms.eastNorthUpToFixedFrame(Cartesian3.fromDegrees(lon, lat, twin.groundHeightM));
  const directionEnu = Cartesian3.normalize(new Cartesian3(0.5, 0.6, -0.75), new Cartesian3());
  const direction = Matrix4.multiplyByPointAsVector(enuToFixed, directionEnu, new Cartesian3());
  return new DirectionalLight({ direction: Cartesian3.normalize(direction, direction), intensity: 2.2 });
}
