// A scenario's inputs from what the user has on screen (5G candidates, fibre POP and buurten, visible layers, camera)
// and back. Pure: coordinate conversion and the POP sites are passed in.
import type { CameraView, ScenarioInputs } from '../../server/contracts/workspace.ts';
import { BANDS, type Band, type FivegCandidate } from '../fiveg/fiveg-candidate.ts';
import type { LonLat } from '../state/app-state.ts';

type AntennaInput = ScenarioInputs['antennas'][number];

/** Centre frequencies of the bands the 5G engine knows (DOMAIN.md §2). */
export const BAND_FREQUENCY_GHZ: Record<Band, number> = { n78: 3.5, n3: 1.8, n28: 0.7 };

/** One antenna per sector: the contract has one azimuth per antenna; ids `k{site}-s{sector}` keep sites together. */
export function antennasFromCandidates(candidates: readonly FivegCandidate[], toRd: (lonLat: LonLat) => [number, number]): AntennaInput[] {
  return candidates.flatMap((c, site) => {
    const [x, y] = toRd(c.lonLat);
    return c.azimuthsDeg.map((azimuthDeg, sector) => ({
      id: `k${site + 1}-s${sector + 1}`,
      x: Math.round(x * 100) / 100,
      y: Math.round(y * 100) / 100,
      heightM: Math.min(300, Math.max(1, c.heightM)),
      azimuthDeg,
      tiltDeg: c.downtiltDeg,
      eirpDbm: c.eirpDbm,
      frequencyGHz: BAND_FREQUENCY_GHZ[c.band],
    }));
  });
}

function nearestBand(frequencyGHz: number): Band {
  return BANDS.reduce((best, band) =>
    Math.abs(BAND_FREQUENCY_GHZ[band] - frequencyGHz) < Math.abs(BAND_FREQUENCY_GHZ[best] - frequencyGHz) ? band : best,
  );
}

/** Back to 5G candidates (masts): antennas at the same spot with the same settings form one site. */
export function candidatesFromAntennas(antennas: readonly AntennaInput[], toLonLat: (x: number, y: number) => [number, number]): FivegCandidate[] {
  const sites = new Map<string, FivegCandidate & { azimuthsDeg: number[] }>();
  for (const a of antennas) {
    const key = [a.x, a.y, a.heightM, a.tiltDeg, a.eirpDbm, a.frequencyGHz].join('|');
    const site = sites.get(key);
    if (site) {
      if (site.azimuthsDeg.length < 6) site.azimuthsDeg.push(a.azimuthDeg % 360);
      continue;
    }
    const [lon, lat] = toLonLat(a.x, a.y);
    sites.set(key, {
      kind: 'mast',
      lonLat: [Number(lon.toFixed(6)), Number(lat.toFixed(6))],
      heightM: Math.max(0.5, a.heightM),
      azimuthsDeg: [a.azimuthDeg % 360],
      downtiltDeg: a.tiltDeg,
      eirpDbm: a.eirpDbm,
      band: nearestBand(a.frequencyGHz),
    });
  }
  return [...sites.values()];
}

export interface PopSiteRef {
  id: string;
  positionLonLat: [number, number];
}

export interface CurrentSelection {
  candidates: readonly FivegCandidate[];
  fibrePop?: string;
  fibreBuurten?: readonly string[];
  visibleLayers: readonly string[];
  camera?: CameraView;
}

/** The inputs of a new scenario (or a new version) from the current selection. */
export function inputsFromSelection(
  selection: CurrentSelection,
  popSites: readonly PopSiteRef[],
  toRd: (lonLat: LonLat) => [number, number],
): ScenarioInputs {
  const pop = selection.fibrePop ? popSites.find((p) => p.id === selection.fibrePop) : undefined;
  const fibre = pop
    ? {
        fibre: {
          popPositionRd: toRd(pop.positionLonLat).map((v) => Math.round(v * 100) / 100) as [number, number],
          buurtCodes: [...(selection.fibreBuurten ?? [])],
          unitCostOverrides: {},
          takeRate: 0.5,
        },
      }
    : {};
  return {
    antennas: antennasFromCandidates(selection.candidates, toRd),
    ...fibre,
    layers: [...selection.visibleLayers],
    views: selection.camera ? [{ camera: selection.camera, layers: [...selection.visibleLayers] }] : [],
  };
}

/** The POP site a stored POP position belongs to (the nearest within 5 m), for putting it back in the fibre panel. */
export function popSiteAt(positionRd: readonly [number, number], popSites: readonly PopSiteRef[], toRd: (lonLat: LonLat) => [number, number]): string | undefined {
  let best: { id: string; d: number } | undefined;
  for (const p of popSites) {
    const [x, y] = toRd(p.positionLonLat);
    const d = Math.hypot(x - positionRd[0], y - positionRd[1]);
    if (!best || d < best.d) best = { id: p.id, d };
  }
  return best && best.d <= 5 ? best.id : undefined;
}
