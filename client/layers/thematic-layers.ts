// The omgevingsplan and public-health overlays, kept in step with the state: zones, heritage and the health
// choropleth in deck.gl over Cesium, height envelopes as Cesium primitives, exceeding buildings as a style.
import { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { Cartesian3, SceneTransforms, type Scene } from '@cesium/engine';
import { fetchAllFeatures, type OgcFeature } from '../api/feature-api.ts';
import { fetchExceedances } from '../api/plan-api.ts';
import { isDefaultVisible, type LayerInfo, type TwinInfo } from '../api/twin-api.ts';
import type { HealthData } from '../panels/health-panel.ts';
import { isLayerVisible, layerOpacity, type AppState, type LonLat, type StateStore } from '../state/app-state.ts';
import { createDeckOverlay, type DeckOverlay } from '../viewer/deck-overlay.ts';
import { createLocalFrame, type LocalFrame } from '../viewer/local-frame.ts';
import { createEnvelopesLayer, type EnvelopesLayer } from './envelopes-layer.ts';
import { buurtHatching, healthLayers } from './health-overlay.ts';
import { heritageLayers, toGroundPolygons, zoneLayers, type GroundPolygon } from './plan-overlays.ts';
import type { ThematicLayers } from './thematic-catalogue.ts';

export interface ProbeResult {
  /** CSS pixels relative to the canvas, as deck.gl projects the point. */
  deck: [number, number] | null;
  /** The same, as Cesium projects it. */
  cesium: [number, number] | null;
}

export interface ThematicOverlays {
  overlay: DeckOverlay;
  /** Resolves when every overlay's data has loaded (or failed) and deck.gl is running. */
  ready: Promise<void>;
  /** Buildings to draw in the exceedance colour in this state (only while the height layer is shown). */
  highlighted(state: AppState): ReadonlySet<string> | undefined;
  /** Called when `highlighted` may have changed for reasons outside the state (data arrived). */
  onHighlightChange?: () => void;
  setHealthData(data: HealthData | undefined): void;
  setCheckMarker(lonLat: LonLat | null): void;
  /** Test hook: draws a magenta marker at the point and returns both libraries' projection of it. */
  probe(lonDeg: number, latDeg: number, heightM: number): ProbeResult;
}

const MARKER_LIFT_M = 1;
export const PROBE_COLOUR: [number, number, number, number] = [255, 0, 255, 255];

function visible(state: AppState, layer: LayerInfo | undefined): boolean {
  return layer !== undefined && isLayerVisible(state, layer.id, isDefaultVisible(layer));
}

export function createThematicOverlays(
  scene: Scene,
  container: HTMLElement,
  store: StateStore,
  twin: TwinInfo,
  thematic: ThematicLayers,
): ThematicOverlays {
  const [lon0, lat0] = twin.centerLonLat;
  const frame: LocalFrame = createLocalFrame(lon0, lat0, twin.groundHeightM);
  const overlay = createDeckOverlay(scene, container, frame);
  const ground = twin.groundHeightM;

  let zones: GroundPolygon[] = [];
  let heritage: GroundPolygon[] = [];
  let buurten: GroundPolygon[] = [];
  let hatching = new Map<string, [number, number, number][][]>();
  let health: HealthData | undefined;
  let envelopes: EnvelopesLayer | undefined;
  let exceeding: ReadonlySet<string> | undefined;
  let checkAt: LonLat | null = null;
  let probeAt: [number, number, number] | null = null;

  const load = async (layer: LayerInfo | undefined, use: (features: OgcFeature[]) => void) => {
    if (!layer) return;
    try {
      use(await fetchAllFeatures(layer.url));
    } catch (error) {
      // A missing overlay is an expected runtime failure (server without that data): the rest still works.
      console.warn(`Layer ${layer.id} could not be loaded`, error);
    }
  };

  const markerLayer = (state: AppState): Layer => {
    const points: { position: [number, number, number]; colour: [number, number, number, number]; radius: number }[] = [];
    if (state.rulesAt) points.push({ position: frame.fromDegrees(state.rulesAt[0], state.rulesAt[1], ground + MARKER_LIFT_M), colour: [11, 92, 173, 255], radius: 7 });
    if (checkAt && state.tool === 'check') points.push({ position: frame.fromDegrees(checkAt[0], checkAt[1], ground + MARKER_LIFT_M), colour: [27, 38, 49, 255], radius: 7 });
    if (probeAt) points.push({ position: probeAt, colour: PROBE_COLOUR, radius: 4 });
    return new ScatterplotLayer<(typeof points)[number]>({
      id: 'markers',
      data: points,
      getPosition: (d) => d.position,
      getFillColor: (d) => d.colour,
      getRadius: (d) => d.radius,
      radiusUnits: 'pixels',
      stroked: true,
      getLineColor: [255, 255, 255, 255],
      getLineWidth: 1.5,
      lineWidthUnits: 'pixels',
      // No antialiasing at the edge, so the test can find the probe's pixels by their exact colour.
      antialiasing: false,
      updateTriggers: { getFillColor: points.length, getPosition: JSON.stringify(points.map((p) => p.position)) },
      parameters: { depthWriteEnabled: false, depthCompare: 'always' },
    }) as Layer;
  };

  const render = (state: AppState) => {
    const layers: Layer[] = [];
    if (thematic.health) {
      layers.push(
        ...healthLayers('health', buurten, hatching, health?.values.buurten, health?.classification, layerOpacity(state, thematic.health.id), visible(state, thematic.health)),
      );
    }
    if (thematic.zones) layers.push(...zoneLayers('zones', zones, layerOpacity(state, thematic.zones.id), visible(state, thematic.zones)));
    if (thematic.heritage) layers.push(...heritageLayers('heritage', heritage, layerOpacity(state, thematic.heritage.id), visible(state, thematic.heritage)));
    layers.push(markerLayer(state));
    overlay.setLayers('thematic', layers);
    if (envelopes && thematic.heights) {
      envelopes.setVisible(visible(state, thematic.heights));
      envelopes.setOpacity(layerOpacity(state, thematic.heights.id));
    }
  };

  const api: ThematicOverlays = {
    overlay,
    ready: Promise.resolve(),
    highlighted: (state) => (visible(state, thematic.heights) ? exceeding : undefined),
    setHealthData(data) {
      health = data;
      render(store.state);
    },
    setCheckMarker(lonLat) {
      checkAt = lonLat;
      render(store.state);
    },
    probe(lon, lat, h) {
      probeAt = frame.fromDegrees(lon, lat, h);
      render(store.state);
      const window = SceneTransforms.worldToWindowCoordinates(scene, Cartesian3.fromDegrees(lon, lat, h));
      return { deck: overlay.project(probeAt) ?? null, cesium: window ? [window.x, window.y] : null };
    },
  };

  const loads = [
    load(thematic.zones, (f) => (zones = toGroundPolygons(f, frame, ground, 0.4))),
    load(thematic.heritage, (f) => (heritage = toGroundPolygons(f, frame, ground, 0.6))),
    load(thematic.health, (f) => {
      buurten = toGroundPolygons(f, frame, ground, 0.3);
      hatching = buurtHatching(buurten);
    }),
    load(thematic.heights, (f) => {
      envelopes = createEnvelopesLayer(scene, f, ground);
    }),
    thematic.heights
      ? fetchExceedances().then(
          (list) => {
            exceeding = new Set(list.map((b) => b.id));
            api.onHighlightChange?.();
          },
          (error: unknown) => console.warn('Height exceedances could not be loaded', error),
        )
      : Promise.resolve(),
  ];
  api.ready = Promise.all([overlay.ready, ...loads]).then(() => render(store.state));
  store.subscribe((state) => render(state));
  return api;
}
