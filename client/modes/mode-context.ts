// What a mode gets from main.ts: the globe, the one state object, the twin and its catalogues, and the page's
// containers. Modes add their own panels and listeners; they never rebuild what main.ts built.
import type { Scene } from '@cesium/engine';
import type { AlgorithmInfo, LayerInfo, TwinInfo } from '../api/twin-api.ts';
import type { StateStore } from '../state/app-state.ts';
import type { PickedBuilding } from '../viewer/picking.ts';

export interface ModeContext {
  scene: Scene;
  store: StateStore;
  twin: TwinInfo;
  layers: readonly LayerInfo[];
  algorithms: readonly AlgorithmInfo[];
  header: HTMLElement;
  sidebar: HTMLElement;
  viewerContainer: HTMLElement;
  /** Resolves when the first tiles are drawn (main.ts's `ready`). */
  ready: () => Promise<void>;
  /** Requests a frame and resolves after it was rendered. */
  nextFrame: () => Promise<void>;
  pickBuilding: (canvasX: number, canvasY: number) => PickedBuilding | undefined;
}
