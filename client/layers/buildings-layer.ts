// The buildings 3D Tiles layer. Follows the state: visibility, colour mode and the selected building.
import { Cesium3DTileStyle, Cesium3DTileset, type Scene } from '@cesium/engine';
import type { ColourMode } from '../state/app-state.ts';
import { buildingStyle } from './building-style.ts';

export interface BuildingsLayer {
  tileset: Cesium3DTileset;
  setVisible(visible: boolean): void;
  setStyle(mode: ColourMode, selectedId: string | null): void;
  /** Resolves once the tiles needed for the first view are loaded. */
  initialTilesLoaded: Promise<void>;
}

export async function createBuildingsLayer(scene: Scene, url: string): Promise<BuildingsLayer> {
  const tileset = await Cesium3DTileset.fromUrl(url, {
    // Town-scale data, viewed from a few hundred metres: 16 px keeps software WebGL responsive.
    maximumScreenSpaceError: 16,
    showCreditsOnScreen: false,
  });
  const initialTilesLoaded = new Promise<void>((resolve) => {
    tileset.initialTilesLoaded.addEventListener(() => resolve());
  });
  scene.primitives.add(tileset);
  let styleKey = '';
  return {
    tileset,
    initialTilesLoaded,
    setVisible(visible) {
      tileset.show = visible;
      scene.requestRender();
    },
    setStyle(mode, selectedId) {
      const key = `${mode}|${selectedId ?? ''}`;
      if (key === styleKey) return;
      styleKey = key;
      tileset.style = new Cesium3DTileStyle(buildingStyle(mode, selectedId));
      scene.requestRender();
    },
  };
}
