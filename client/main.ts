// Boots the viewer: reads the twin and its layer catalogue, builds the globe and the panels, and keeps
// Cesium and the URL hash in step with the one state object.
import './viewer/cesium-base-url.ts';
import './styles.css';
import { ScreenSpaceEventHandler, ScreenSpaceEventType, type Cartesian2 } from '@cesium/engine';
import { fetchAlgorithms, fetchBasemap, fetchLayers, fetchTwin, type LayerInfo } from './api/twin-api.ts';
import { translate } from './i18n/i18n.ts';
import { createBasemapLayer } from './layers/basemap-layer.ts';
import { createBuildingsLayer } from './layers/buildings-layer.ts';
import { createAlgorithmPanel } from './panels/algorithm-panel.ts';
import { createBuildingPanel, type TileAttributes } from './panels/building-panel.ts';
import { createColourModeControl } from './panels/colour-mode-control.ts';
import { el } from './panels/dom.ts';
import { createLanguageToggle } from './panels/language-toggle.ts';
import { createLayerPanel } from './panels/layer-panel.ts';
import { createLegendPanel } from './panels/legend-panel.ts';
import { createSyntheticBanner } from './panels/synthetic-banner.ts';
import { isLayerVisible, StateStore, stateFromHash, stateToHash } from './state/app-state.ts';
import { createViewer } from './viewer/create-viewer.ts';
import { findBuildingPixel, pickBuilding, type PickedBuilding } from './viewer/picking.ts';

/** Test and debugging hooks; see test/e2e. */
export interface TweelingTestApi {
  /** Resolves when the buildings' initial tiles and the basemap are loaded and drawn. */
  ready: Promise<void>;
  /** performance.now() of the first rendered frame. */
  firstFrameMs?: number;
  /** performance.now() when `ready` resolved. */
  tilesLoadedMs?: number;
  pickAt(canvasX: number, canvasY: number): PickedBuilding | undefined;
  findBuildingPixel(): { clientX: number; clientY: number; id: string } | undefined;
  state(): unknown;
}

declare global {
  interface Window {
    __tweeling?: TweelingTestApi;
  }
}

interface LayerHandle {
  setVisible(visible: boolean): void;
}

async function boot(): Promise<void> {
  const store = new StateStore(stateFromHash(location.hash));
  const status = document.getElementById('app-status');
  store.subscribe((state) => {
    document.documentElement.lang = state.lang;
    document.title = translate(state.lang, 'app.title');
    if (status && !document.body.dataset.tilesLoaded) status.textContent = translate(state.lang, 'app.loading');
  });

  const [twin, layers, algorithms] = await Promise.all([fetchTwin(), fetchLayers(), fetchAlgorithms()]);

  const header = document.getElementById('app-header');
  const sidebar = document.getElementById('app-sidebar');
  const viewerContainer = document.getElementById('viewer');
  if (!header || !sidebar || !viewerContainer) throw new Error('index.html lacks the app containers');

  if (twin.synthetic) header.prepend(createSyntheticBanner(store, twin.name));
  header.append(createLanguageToggle(store));
  sidebar.append(
    createLayerPanel(store, layers),
    createColourModeControl(store),
    createLegendPanel(store),
    createAlgorithmPanel(store, algorithms),
  );

  const viewer = createViewer(viewerContainer, twin);
  const { scene } = viewer;
  store.subscribe((state) => {
    viewerContainer.setAttribute('aria-label', translate(state.lang, 'viewer.label', { name: twin.name }));
  });

  const tileAttributes = new Map<string, TileAttributes>();
  viewerContainer.append(createBuildingPanel(store, tileAttributes));

  const handles = new Map<string, LayerHandle>();
  const waits: Promise<void>[] = [];
  const buildingsInfo = layers.find((l: LayerInfo) => l.kind === '3dtiles' && l.id === 'buildings');
  const basemapInfo = layers.find((l: LayerInfo) => l.kind === 'basemap');
  if (buildingsInfo) {
    const buildings = await createBuildingsLayer(scene, buildingsInfo.url);
    handles.set(buildingsInfo.id, buildings);
    waits.push(buildings.initialTilesLoaded);
    store.subscribe((state) => buildings.setStyle(state.colourMode, state.selectedBuildingId));
  }
  if (basemapInfo) {
    const basemap = createBasemapLayer(scene, await fetchBasemap(basemapInfo.url), twin.groundHeightM);
    handles.set(basemapInfo.id, basemap);
    waits.push(basemap.ready);
  }
  store.subscribe((state) => {
    for (const [id, handle] of handles) handle.setVisible(isLayerVisible(state, id));
  });

  const clicks = new ScreenSpaceEventHandler(scene.canvas);
  clicks.setInputAction((event: { position: Cartesian2 }) => {
    const hit = pickBuilding(scene, event.position.x, event.position.y);
    if (hit) tileAttributes.set(hit.id, hit.properties);
    store.update({ selectedBuildingId: hit?.id ?? null });
  }, ScreenSpaceEventType.LEFT_CLICK);

  // The URL follows the state (replaceState: no history entry per click); a pasted or edited hash leads it.
  store.subscribe(() => {
    const hash = stateToHash(store.state);
    if (hash !== location.hash && !(hash === '' && location.hash === '#')) {
      history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
    }
  });
  window.addEventListener('hashchange', () => store.set(stateFromHash(location.hash)));

  const api: TweelingTestApi = {
    ready: Promise.resolve(),
    pickAt: (x, y) => pickBuilding(scene, x, y),
    findBuildingPixel: () => findBuildingPixel(scene),
    state: () => store.state,
  };
  viewer.firstFrame.then((ms) => {
    api.firstFrameMs = ms;
  });
  api.ready = Promise.all(waits).then(async () => {
    // One more frame so what was loaded is also on screen before anyone looks.
    await new Promise<void>((resolve) => {
      const remove = scene.postRender.addEventListener(() => {
        remove();
        resolve();
      });
      scene.requestRender();
    });
    api.tilesLoadedMs = performance.now();
    document.body.dataset.tilesLoaded = 'true';
    status?.replaceChildren();
  });
  window.__tweeling = api;
}

boot().catch((error: unknown) => {
  console.error(error);
  const status = document.getElementById('app-status');
  if (status) status.textContent = translate(document.documentElement.lang === 'en' ? 'en' : 'nl', 'app.loadFailed');
  document.body.dataset.bootFailed = 'true';
});
