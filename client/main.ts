// Boots the viewer: reads the twin and its layer catalogue, builds the globe and the panels, and keeps
// Cesium and the URL hash in step with the one state object.
// First: zod must be jitless before any schema is built (see the module).
import './zod-jitless.ts';
import './viewer/cesium-base-url.ts';
import './styles.css';
import { Cartesian3, Cartographic, HeadingPitchRange, Math as CesiumMath, Matrix4, SceneTransforms, ScreenSpaceEventHandler, ScreenSpaceEventType, type Cartesian2, type Scene } from '@cesium/engine';
import { fetchAlgorithms, fetchBasemap, fetchLayers, fetchTwin, isDefaultVisible, type LayerInfo } from './api/twin-api.ts';
import { translate } from './i18n/i18n.ts';
import { createBasemapLayer } from './layers/basemap-layer.ts';
import { createBuildingsLayer } from './layers/buildings-layer.ts';
import { findThematicLayers } from './layers/thematic-catalogue.ts';
import { createThematicOverlays, type ProbeResult, type ThematicOverlays } from './layers/thematic-layers.ts';
import { createAlgorithmPanel } from './panels/algorithm-panel.ts';
import { createBuildingPanel, type TileAttributes } from './panels/building-panel.ts';
import { createColourModeControl } from './panels/colour-mode-control.ts';
import { createLanguageToggle } from './panels/language-toggle.ts';
import { createLayerPanel } from './panels/layer-panel.ts';
import { createHealthPanel } from './panels/health-panel.ts';
import { createLegendPanel } from './panels/legend-panel.ts';
import { createPlanPanel } from './panels/plan-panel.ts';
import { createRulesPanel } from './panels/rules-panel.ts';
import { createFivegPanel } from './panels/fiveg-panel.ts';
import { createFibrePanel } from './panels/fibre-panel.ts';
import { createFibreOverlay, type FibreOverlay } from './fibre/fibre-overlay.ts';
import { createFivegOverlay } from './fiveg/fiveg-overlay.ts';
import { createFivegSession } from './fiveg/fiveg-session.ts';
import { createCandidateDrag } from './fiveg/candidate-drag-handler.ts';
import { createDeckOverlay } from './viewer/deck-overlay.ts';
import { createLocalFrame } from './viewer/local-frame.ts';
import { createSyntheticBanner } from './panels/synthetic-banner.ts';
import { isLayerVisible, StateStore, stateFromHash, stateToHash, withLayerVisibility, type LonLat } from './state/app-state.ts';
import { createSensorPanel, type SensorPanel } from './sensors/sensor-panel.ts';
import { createViewer } from './viewer/create-viewer.ts';
import { findBuildingPixel, pickBuilding, type PickedBuilding } from './viewer/picking.ts';
import { modeFromUrl } from './modes/mode-from-url.ts';
import { startMode } from './modes/start-mode.ts';
import { mountWorkspace } from './workspace/mount-workspace.ts';

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
  /** Resolves when the omgevingsplan and health overlays have loaded and deck.gl runs. */
  overlaysReady?: Promise<void>;
  /** deck.gl's and Cesium's projection of one point (CSS px relative to the canvas); draws a probe marker. */
  probe?(lonDeg: number, latDeg: number, heightM: number): ProbeResult;
  /** Puts the camera `rangeM` from a point, at a heading and pitch (degrees), and waits for the frame. */
  lookAt(lonDeg: number, latDeg: number, heightM: number, headingDeg: number, pitchDeg: number, rangeM: number): Promise<void>;
  /** The deck.gl layers drawn now: id, number of data items, visibility (test and debugging hook). */
  deckLayers?(): { id: string; count: number; visible: boolean }[];
  /** Resolves when the existing antennas of the 5G scenario are loaded and drawn. */
  fivegReady?: Promise<void>;
  /** The sensor panel (time slider, colours per sensor), when the twin has a sensor layer. */
  sensors?: SensorPanel;
  /** Canvas CSS pixel of a point on (or, with aboveGroundM, above) the ground, for clicking it. */
  groundToCanvas(lonDeg: number, latDeg: number, aboveGroundM?: number): { x: number; y: number } | undefined;
}

declare global {
  interface Window {
    __tweeling?: TweelingTestApi;
  }
}

interface LayerHandle {
  setVisible(visible: boolean): void;
}

/** Where a click meets the (flat) ground, in CRS84 degrees. */
function groundLonLat(scene: Scene, position: Cartesian2): LonLat | undefined {
  const ray = scene.camera.getPickRay(position);
  const hit = ray ? scene.globe.pick(ray, scene) : undefined;
  if (!hit) return undefined;
  const c = Cartographic.fromCartesian(hit);
  return [CesiumMath.toDegrees(c.longitude), CesiumMath.toDegrees(c.latitude)];
}

function nextFrame(scene: Scene): Promise<void> {
  return new Promise<void>((resolve) => {
    const remove = scene.postRender.addEventListener(() => {
      remove();
      resolve();
    });
    scene.requestRender();
  });
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
  const thematic = findThematicLayers(layers);
  const planPanel = thematic.zones || thematic.heights ? createPlanPanel(store) : undefined;
  const fivegSession = createFivegSession(store);
  const fivegPanel = createFivegPanel(store, fivegSession);
  let fibreOverlay: FibreOverlay | undefined;
  const fibrePanel = createFibrePanel(store, (design, addresses, targeted) => fibreOverlay?.show(design, addresses, targeted));
  let overlays: ThematicOverlays | undefined;
  const healthPanel = thematic.health
    ? createHealthPanel(
        store,
        () => store.set(withLayerVisibility(store.state, thematic.health!.id, true, false)),
        (data) => overlays?.setHealthData(data),
      )
    : undefined;
  sidebar.append(
    createLayerPanel(store, layers),
    createColourModeControl(store),
    createLegendPanel(store, thematic),
    ...(planPanel ? [planPanel.element] : []),
    fivegPanel.element,
    fibrePanel,
    ...(healthPanel ? [healthPanel] : []),
    createAlgorithmPanel(store, algorithms),
  );

  const viewer = createViewer(viewerContainer, twin);
  const { scene } = viewer;
  store.subscribe((state) => {
    viewerContainer.setAttribute('aria-label', translate(state.lang, 'viewer.label', { name: twin.name }));
  });

  const tileAttributes = new Map<string, TileAttributes>();
  viewerContainer.append(createBuildingPanel(store, tileAttributes));
  if (planPanel) viewerContainer.append(createRulesPanel(store));
  if (Object.keys(thematic).length > 0) overlays = createThematicOverlays(scene, viewerContainer, store, twin, thematic);
  // The 5G layers share the thematic overlays' deck.gl canvas (one WebGL context less) and the same local frame.
  const frame = createLocalFrame(twin.centerLonLat[0], twin.centerLonLat[1], twin.groundHeightM);
  const deckOverlay = overlays?.overlay ?? createDeckOverlay(scene, viewerContainer, frame);
  fibreOverlay = createFibreOverlay(deckOverlay, frame, twin, store);
  const fivegOverlay = createFivegOverlay(
    scene,
    deckOverlay,
    frame,
    twin,
    store,
    fivegSession,
    layers.find((l) => l.kind === 'features' && /\/collections\/antennes\/items/.test(l.url ?? '')),
  );

  const sensorsInfo = layers.find((l) => l.kind === 'sensorthings');
  const sensorPanel = sensorsInfo
    ? createSensorPanel({
        lang: () => store.state.lang,
        onLangChange: (listener) => store.subscribe((state, previous) => state.lang !== previous.lang && listener()),
        frame,
        groundHeightM: twin.groundHeightM,
        deck: deckOverlay.deck,
        setLayers: (sensorLayers) => deckOverlay.setLayers('sensors', sensorLayers),
        project: (enu) => deckOverlay.project(enu),
      })
    : undefined;
  if (sensorPanel && sensorsInfo) {
    // Below the scenario panels, above the algorithm register (the sidebar's last section).
    sidebar.insertBefore(sensorPanel.element, sidebar.lastElementChild);
    const showSensors = () => void sensorPanel.show(isLayerVisible(store.state, sensorsInfo.id, isDefaultVisible(sensorsInfo)));
    store.subscribe(showSensors);
    showSensors();
  }

  const handles = new Map<string, LayerHandle>();
  const waits: Promise<void>[] = [];
  const buildingsInfo = layers.find((l: LayerInfo) => l.kind === '3dtiles' && l.id === 'buildings');
  const basemapInfo = layers.find((l: LayerInfo) => l.kind === 'basemap');
  if (buildingsInfo) {
    const buildings = await createBuildingsLayer(scene, buildingsInfo.url);
    handles.set(buildingsInfo.id, buildings);
    waits.push(buildings.initialTilesLoaded);
    const restyle = () =>
      buildings.setStyle(
        store.state.colourMode,
        store.state.selectedBuildingId,
        overlays?.highlighted(store.state),
        store.state.tool === 'fiveg' ? fivegSession.buildingColours : undefined,
      );
    store.subscribe(restyle);
    fivegSession.subscribe(restyle);
    if (overlays) overlays.onHighlightChange = restyle;
  }
  if (basemapInfo) {
    const basemap = createBasemapLayer(scene, await fetchBasemap(basemapInfo.url), twin.groundHeightM);
    handles.set(basemapInfo.id, basemap);
    waits.push(basemap.ready);
  }
  store.subscribe((state) => {
    for (const [id, handle] of handles) {
      const info = layers.find((l) => l.id === id);
      handle.setVisible(isLayerVisible(state, id, info ? isDefaultVisible(info) : true));
    }
  });

  // Dragging a candidate antenna; its own handler, so a press that grabbed one does not also place a new one.
  const candidateDrag = createCandidateDrag({
    scene,
    store,
    groundHeightM: twin.groundHeightM,
    groundAt: (position) => groundLonLat(scene, position),
    buildingAt: (position) => pickBuilding(scene, position.x, position.y)?.id,
  });
  const clicks = new ScreenSpaceEventHandler(scene.canvas);
  clicks.setInputAction((event: { position: Cartesian2 }) => {
    if (candidateDrag.consumeClick()) return;
    // A sensor column is drawn by deck.gl over the buildings: it takes the click first.
    if (store.state.tool === 'none' && sensorPanel?.click(event.position.x, event.position.y)) return;
    const hit = pickBuilding(scene, event.position.x, event.position.y);
    const { tool } = store.state;
    if (tool === 'fiveg') {
      // A candidate antenna: on the roof that was clicked, or a mast where the click meets the street.
      const at = groundLonLat(scene, event.position);
      if (at) void fivegPanel.placeAt(at, hit?.id);
      return;
    }
    if (tool === 'check' && planPanel) {
      // Placing a structure: on a building (rooftop antenna) or on the ground; the selection stays as it is.
      const at = groundLonLat(scene, event.position);
      if (!at) return;
      overlays?.setCheckMarker(at);
      void planPanel.placeAt(at, hit?.id);
      return;
    }
    if (hit) tileAttributes.set(hit.id, hit.properties);
    // "Which rules apply here?": the rules tool asks anywhere; otherwise a click on the ground (not a building) does.
    const rulesAt = planPanel && (tool === 'rules' || !hit) ? (groundLonLat(scene, event.position) ?? null) : null;
    store.update({ selectedBuildingId: tool === 'rules' ? store.state.selectedBuildingId : (hit?.id ?? null), rulesAt });
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
    overlaysReady: overlays?.ready,
    fivegReady: fivegOverlay.ready,
    sensors: sensorPanel,
    deckLayers: () =>
      (deckOverlay.deck.props.layers as { id: string; props: { data?: unknown; visible?: boolean } }[]).map((l) => ({
        id: l.id,
        count: Array.isArray(l.props.data) ? l.props.data.length : 0,
        visible: l.props.visible !== false,
      })),
    probe: overlays ? (lon, lat, h) => overlays.probe(lon, lat, h) : undefined,
    lookAt: async (lon, lat, h, headingDeg, pitchDeg, rangeM) => {
      scene.camera.lookAt(
        Cartesian3.fromDegrees(lon, lat, h),
        new HeadingPitchRange(CesiumMath.toRadians(headingDeg), CesiumMath.toRadians(pitchDeg), rangeM),
      );
      scene.camera.lookAtTransform(Matrix4.IDENTITY);
      await nextFrame(scene);
    },
    groundToCanvas: (lon, lat, aboveGroundM = 0) => {
      const p = SceneTransforms.worldToWindowCoordinates(scene, Cartesian3.fromDegrees(lon, lat, twin.groundHeightM + aboveGroundM));
      return p ? { x: p.x, y: p.y } : undefined;
    },
  };
  viewer.firstFrame.then((ms) => {
    api.firstFrameMs = ms;
  });
  api.ready = Promise.all(waits).then(async () => {
    // One more frame so what was loaded is also on screen before anyone looks.
    await nextFrame(scene);
    api.tilesLoadedMs = performance.now();
    document.body.dataset.tilesLoaded = 'true';
    status?.replaceChildren();
  });
  window.__tweeling = api;

  // Council briefing, its print, and citizen participation (client/modes): chosen by ?mode=, on top of this viewer.
  const mode = modeFromUrl(location.search);
  if (mode) {
    startMode(mode, {
      scene, store, twin, layers, algorithms, header, sidebar, viewerContainer,
      ready: () => api.ready,
      nextFrame: () => nextFrame(scene),
      pickBuilding: (x, y) => pickBuilding(scene, x, y),
    });
  }

  // The planner's workspace (client/workspace): sign-in, scenarios, compare, algorithm register, text alternative.
  if (!mode) mountWorkspace({ store, scene, twin, layers, algorithms, header, sidebar, viewerContainer });
}

boot().catch((error: unknown) => {
  console.error(error);
  const status = document.getElementById('app-status');
  if (status) status.textContent = translate(document.documentElement.lang === 'en' ? 'en' : 'nl', 'app.loadFailed');
  document.body.dataset.bootFailed = 'true';
});
