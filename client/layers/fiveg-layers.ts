// deck.gl layers of the 5G scenario in the local ENU frame: existing antenna sites and their sector wedges, the
// candidate sites (numbered by list order in the panel), and the street-level RSRP heatmap as a bitmap.
import { BitmapLayer, ScatterplotLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { sectorRing } from '../fiveg/sector-geometry.ts';

type Enu = [number, number, number];

export interface DrawnSector {
  /** Antenna centre, ENU metres. */
  position: Enu;
  azimuthDeg: number;
  beamwidthDeg: number;
}

export interface DrawnSite {
  position: Enu;
  candidate: boolean;
}

export interface DrawnHeatmap {
  image: HTMLCanvasElement;
  /** Corners in BitmapLayer order (left-bottom, left-top, right-top, right-bottom), ENU metres. */
  corners: [Enu, Enu, Enu, Enu];
  /** Changes with every new image, so deck.gl knows to upload it. */
  version: number;
}

const FLAT = { depthWriteEnabled: false, depthCompare: 'always' } as const;
export const EXISTING_SITE_COLOUR: [number, number, number, number] = [45, 45, 60, 255];
export const CANDIDATE_SITE_COLOUR: [number, number, number, number] = [214, 40, 120, 255];
const EXISTING_WEDGE: [number, number, number, number] = [60, 60, 90, 70];
const CANDIDATE_WEDGE: [number, number, number, number] = [214, 40, 120, 90];
/** Wedges show direction, not range: a fixed length that reads at town scale. */
const WEDGE_LENGTH_M = 45;

interface Wedge {
  polygon: Enu[];
  candidate: boolean;
}

function wedges(sectors: DrawnSector[], candidate: boolean): Wedge[] {
  return sectors.map((s) => ({
    polygon: sectorRing([s.position[0], s.position[1]], s.azimuthDeg, WEDGE_LENGTH_M, s.beamwidthDeg).map(([e, n]) => [e, n, s.position[2]] as Enu),
    candidate,
  }));
}

export function fivegLayers(
  existing: { sites: DrawnSite[]; sectors: DrawnSector[] },
  candidates: { sites: DrawnSite[]; sectors: DrawnSector[] },
  heatmap: DrawnHeatmap | undefined,
  show: { antennas: boolean; scenario: boolean },
): Layer[] {
  const layers: Layer[] = [];
  if (heatmap) {
    layers.push(
      new BitmapLayer({
        id: 'fiveg-heatmap',
        image: heatmap.image,
        bounds: heatmap.corners,
        // One texel per grid cell: crisp cell edges, no blending across classes.
        textureParameters: { minFilter: 'nearest', magFilter: 'nearest' },
        updateTriggers: { image: heatmap.version },
        visible: show.scenario,
        parameters: FLAT,
      }) as Layer,
    );
  }
  const allWedges = [...(show.antennas ? wedges(existing.sectors, false) : []), ...(show.scenario ? wedges(candidates.sectors, true) : [])];
  layers.push(
    new SolidPolygonLayer<Wedge>({
      id: 'fiveg-wedges',
      data: allWedges,
      getPolygon: (d) => d.polygon,
      getFillColor: (d) => (d.candidate ? CANDIDATE_WEDGE : EXISTING_WEDGE),
      updateTriggers: { getFillColor: allWedges.length },
      parameters: FLAT,
    }) as Layer,
  );
  const sites = [...(show.antennas ? existing.sites : []), ...(show.scenario ? candidates.sites : [])];
  layers.push(
    new ScatterplotLayer<DrawnSite>({
      id: 'fiveg-sites',
      data: sites,
      getPosition: (d) => d.position,
      getFillColor: (d) => (d.candidate ? CANDIDATE_SITE_COLOUR : EXISTING_SITE_COLOUR),
      getRadius: (d) => (d.candidate ? 8 : 5),
      radiusUnits: 'pixels',
      stroked: true,
      getLineColor: [255, 255, 255, 255],
      getLineWidth: 2,
      lineWidthUnits: 'pixels',
      updateTriggers: { getFillColor: sites.length, getRadius: sites.length, getPosition: JSON.stringify(sites.map((s) => s.position)) },
      parameters: FLAT,
    }) as Layer,
  );
  return layers;
}
