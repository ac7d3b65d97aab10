// deck.gl over Cesium (docs/adr/0004-deckgl-over-cesium.md): a Deck on its own transparent canvas above Cesium's,
// redrawn synchronously after every Cesium frame with a viewport built from Cesium's view and projection
// matrices. Positions are in the local ENU frame (local-frame.ts). Depth is not shared: deck.gl draws on top.
import { Deck, View, Viewport, type Layer } from '@deck.gl/core';
import { Matrix4, type Scene } from '@cesium/engine';
import type { LocalFrame } from './local-frame.ts';

interface CesiumViewState {
  viewMatrix: number[];
  projectionMatrix: number[];
}

/** A deck.gl view whose viewport takes its matrices verbatim (no geospatial projection, no controller). */
class CesiumView extends View {
  getViewportType(_viewState: unknown): typeof Viewport {
    return Viewport;
  }

  protected get ControllerType(): never {
    throw new Error('The Cesium view has no deck.gl controller: Cesium owns the camera.');
  }
}

export interface DeckOverlay {
  deck: Deck<CesiumView>;
  /** Replaces the drawn layers (deck.gl diffs them by id, so unchanged layers are not rebuilt). */
  setLayers(id: string, layers: Layer[]): void;
  /** Resolves when deck.gl's GPU device exists and it has drawn once. */
  ready: Promise<void>;
  /** deck.gl's projection of an ENU point to CSS pixels relative to the canvas (test hook). */
  project(enu: [number, number, number]): [number, number] | undefined;
  canvas: HTMLCanvasElement;
  destroy(): void;
}

const scratchView = new Matrix4();

/** deck.gl types view states for its built-in views only; ours is the matrices the Viewport constructor takes. */
function asDeckViewState(state: CesiumViewState): Deck<CesiumView>["props"]["viewState"] {
  return state as unknown as Deck<CesiumView>["props"]["viewState"];
}

function viewStateFrom(scene: Scene, frame: LocalFrame): CesiumViewState {
  // World = ENU: view(ENU) = view(ECEF) × (ENU → ECEF). Both matrices are column-major, as deck.gl expects.
  const view = Matrix4.multiply(scene.camera.viewMatrix, frame.enuToEcef, scratchView);
  return {
    viewMatrix: Matrix4.toArray(view),
    projectionMatrix: Matrix4.toArray(scene.camera.frustum.projectionMatrix),
  };
}

export function createDeckOverlay(scene: Scene, container: HTMLElement, frame: LocalFrame): DeckOverlay {
  const canvas = document.createElement('canvas');
  canvas.className = 'deck-overlay';
  canvas.setAttribute('aria-hidden', 'true');
  container.append(canvas);

  const groups = new Map<string, Layer[]>();
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  let loaded = false;

  const deck = new Deck<CesiumView>({
    canvas,
    views: new CesiumView({ id: 'cesium', controller: false }),
    viewState: asDeckViewState(viewStateFrom(scene, frame)),
    controller: false,
    // Cesium also sizes its drawing buffer by devicePixelRatio (useBrowserRecommendedResolution).
    useDevicePixels: true,
    // Cesium drives the redraws (postRender below); deck.gl's own loop only picks up data changes.
    deviceProps: { type: 'webgl', webgl: { preserveDrawingBuffer: true, antialias: true } },
    // The overlay is decoration: clicks go through to Cesium.
    getCursor: () => 'inherit',
    layers: [],
    onLoad: () => {
      loaded = true;
      deck.redraw('cesium');
      resolveReady();
    },
  });

  const draw = () => {
    if (!loaded) return;
    const { clientWidth: width, clientHeight: height } = scene.canvas;
    deck.setProps({ viewState: asDeckViewState(viewStateFrom(scene, frame)), width, height });
    deck.redraw('cesium');
  };
  const removeListener = scene.postRender.addEventListener(draw);

  return {
    deck,
    canvas,
    ready,
    setLayers(id, layers) {
      groups.set(id, layers);
      deck.setProps({ layers: [...groups.values()].flat() });
      // Cesium draws again (in request-render mode only when asked), and deck.gl follows in postRender.
      scene.requestRender();
    },
    project(enu) {
      const viewport = deck.getViewports()[0];
      if (!viewport) return undefined;
      const [x, y] = viewport.project(enu);
      return [x, y];
    },
    destroy() {
      removeListener();
      deck.finalize();
      canvas.remove();
    },
  };
}
