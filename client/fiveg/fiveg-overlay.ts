// Keeps the 5G scenario on the globe in step with the state and the session: existing antennas and candidates
// (deck.gl markers and wedges), their EMF safety volumes (Cesium), and the RSRP heatmap of the last run.
import type { Scene } from '@cesium/engine';
import { fetchExistingAntennas, type CoverageResponse, type ExistingAntenna } from '../api/fiveg-api.ts';
import { fetchBuilding, isDefaultVisible, type LayerInfo, type TwinInfo } from '../api/twin-api.ts';
import { rdToLonLatDeg } from '../geo/rd.ts';
import { createEmfVolumesLayer, type SafetyVolume } from '../layers/emf-volumes.ts';
import { fivegLayers, type DrawnHeatmap, type DrawnSector, type DrawnSite } from '../layers/fiveg-layers.ts';
import { fivegCandidatesOf, isLayerVisible, type AppState, type StateStore } from '../state/app-state.ts';
import type { DeckOverlay } from '../viewer/deck-overlay.ts';
import type { LocalFrame } from '../viewer/local-frame.ts';
import { coverageImage, gridCornersRd } from './coverage-image.ts';
import type { FivegCandidate } from './fiveg-candidate.ts';
import type { FivegSession } from './fiveg-session.ts';
import { DEFAULT_RSRP_THRESHOLDS_DBM } from './rsrp-classes.ts';

/** Candidate panels are a standard macro panel (server/scenarios/fiveg/antenna-pattern.ts). */
const CANDIDATE_H_BEAMWIDTH_DEG = 65;
const CANDIDATE_V_BEAMWIDTH_DEG = 10;
const HEATMAP_LIFT_M = 0.7;

export interface FivegOverlay {
  /** Resolves when the existing antennas have loaded (or failed to). */
  ready: Promise<void>;
}

function heatmapOf(coverage: CoverageResponse, frame: LocalFrame, groundHeightM: number, version: number): DrawnHeatmap | undefined {
  const grid = coverage.grid;
  if (!grid || grid.cols < 1 || grid.rows < 1) return undefined;
  const image = coverageImage(grid, coverage.options?.thresholdsDbm ?? DEFAULT_RSRP_THRESHOLDS_DBM);
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return undefined;
  ctx.putImageData(new ImageData(image.data, image.width, image.height), 0, 0);
  const corners = gridCornersRd(grid).map(([x, y]) => {
    const [lon, lat] = rdToLonLatDeg(x, y);
    return frame.fromDegrees(lon, lat, groundHeightM + HEATMAP_LIFT_M);
  }) as DrawnHeatmap['corners'];
  return { image: canvas, corners, version };
}

export function createFivegOverlay(
  scene: Scene,
  overlay: DeckOverlay,
  frame: LocalFrame,
  twin: TwinInfo,
  store: StateStore,
  session: FivegSession,
  antennasLayer: LayerInfo | undefined,
): FivegOverlay {
  const ground = twin.groundHeightM;
  const volumes = createEmfVolumesLayer(scene);
  let existing: ExistingAntenna[] = [];
  let existingDrawn: { sites: DrawnSite[]; sectors: DrawnSector[] } = { sites: [], sectors: [] };
  let heatmap: DrawnHeatmap | undefined;
  let heatmapOfRun = -1;
  /** Roof heights of buildings that carry a candidate (metres above ground), fetched once per building. */
  const roofHeights = new Map<string, number | 'loading'>();

  const showAntennas = (state: AppState) =>
    state.tool === 'fiveg' || (antennasLayer !== undefined && isLayerVisible(state, antennasLayer.id, isDefaultVisible(antennasLayer)));

  const candidateHeightM = (c: FivegCandidate): number | undefined => {
    if (c.kind === 'mast') return c.heightM;
    const roof = roofHeights.get(c.buildingId ?? '');
    if (roof === undefined && c.buildingId) {
      roofHeights.set(c.buildingId, 'loading');
      fetchBuilding(c.buildingId).then(
        (b) => roofHeights.set(c.buildingId!, b.heightM),
        () => roofHeights.set(c.buildingId!, 0),
      ).finally(() => render(store.state));
    }
    return typeof roof === 'number' ? roof + c.heightM : undefined;
  };

  const render = (state: AppState) => {
    const scenario = state.tool === 'fiveg';
    const candidateSites: DrawnSite[] = [];
    const candidateSectors: DrawnSector[] = [];
    const candidateVolumes: SafetyVolume[] = [];
    for (const c of fivegCandidatesOf(state)) {
      const heightM = candidateHeightM(c);
      if (heightM === undefined) continue;
      const position = frame.fromDegrees(c.lonLat[0], c.lonLat[1], ground + heightM);
      candidateSites.push({ position, candidate: true });
      const siting = session.siting(c);
      const safetyDistanceM = siting?.status === 'done' ? siting.result.emf.safetyDistanceM : 0;
      for (const azimuthDeg of c.azimuthsDeg) {
        candidateSectors.push({ position, azimuthDeg, beamwidthDeg: CANDIDATE_H_BEAMWIDTH_DEG });
        candidateVolumes.push({
          lonLat: c.lonLat,
          centreHeightM: ground + heightM,
          azimuthDeg,
          hBeamwidthDeg: CANDIDATE_H_BEAMWIDTH_DEG,
          vBeamwidthDeg: CANDIDATE_V_BEAMWIDTH_DEG,
          downtiltDeg: c.downtiltDeg,
          safetyDistanceM,
        });
      }
    }
    if (session.coverage && session.runs !== heatmapOfRun) {
      heatmapOfRun = session.runs;
      heatmap = heatmapOf(session.coverage, frame, ground, session.runs);
    }
    volumes.setCandidates(candidateVolumes);
    volumes.setVisible(showAntennas(state), scenario);
    overlay.setLayers(
      'fiveg',
      fivegLayers(existingDrawn, { sites: candidateSites, sectors: candidateSectors }, heatmap, { antennas: showAntennas(state), scenario }),
    );
  };

  const ready = fetchExistingAntennas(antennasLayer?.url)
    .then((list) => {
      existing = list;
      const sites = new Map<string, DrawnSite>();
      const sectors: DrawnSector[] = [];
      for (const a of existing) {
        const position = frame.fromDegrees(a.lonLat[0], a.lonLat[1], ground + a.heightM);
        sites.set(a.siteId, { position, candidate: false });
        sectors.push({ position, azimuthDeg: a.azimuthDeg, beamwidthDeg: a.hBeamwidthDeg });
      }
      existingDrawn = { sites: [...sites.values()], sectors };
      volumes.setExisting(
        existing.map((a) => ({
          lonLat: a.lonLat,
          centreHeightM: ground + a.heightM,
          azimuthDeg: a.azimuthDeg,
          hBeamwidthDeg: a.hBeamwidthDeg,
          vBeamwidthDeg: a.vBeamwidthDeg,
          downtiltDeg: a.downtiltDeg,
          safetyDistanceM: a.safetyDistanceM,
        })),
      );
    })
    .catch((error: unknown) => console.warn('Antennas could not be loaded', error))
    .then(() => render(store.state));

  store.subscribe((state) => render(state));
  session.subscribe(() => render(store.state));
  return { ready };
}
