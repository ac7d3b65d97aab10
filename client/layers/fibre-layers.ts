// deck.gl layers of a fibre design in the local ENU frame: the route on the streets (width by cable size), the
// homes by what the design means for them, and the POP and street cabinets (cabinets coloured by their siting
// verdict; the panel lists the verdicts in words).
import { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { FibreDesign } from '../api/fibre-api.ts';
import type { Verdict } from '../api/plan-api.ts';
import { cableWidthPx, type HomeStatus } from '../fibre/fibre-request.ts';
import type { LocalFrame } from '../viewer/local-frame.ts';
import { rgba } from './plan-style.ts';

type Enu = [number, number, number];
type Rgba = [number, number, number, number];

export const HOME_COLOURS: Record<HomeStatus, string> = {
  fibre: '#1a9641',
  passed: '#2b83ba',
  'white-spot': '#d7191c',
  unreachable: '#7b3294',
};
/** Magenta: apart from the basemap's orange and yellow streets and from the home colours. */
export const ROUTE_COLOUR = '#c2007a';
export const VERDICT_COLOURS: Record<Verdict, string> = { allowed: '#1d5e2a', 'permit-required': '#b07d00', 'not-allowed': '#8f1a1a' };

const FLAT = { depthWriteEnabled: false, depthCompare: 'always' } as const;
const LIFT_M = 1;

export interface DrawnHome {
  position: Enu;
  status: HomeStatus;
}

export interface DrawnFibre {
  routes: { path: Enu[]; widthPx: number }[];
  sites: { position: Enu; colour: Rgba; radius: number }[];
}

/** Converts a design's network once per design (not per frame). */
export function drawnFibre(design: FibreDesign, frame: LocalFrame, groundHeightM: number): DrawnFibre {
  const at = ([lon, lat]: [number, number]) => frame.fromDegrees(lon, lat, groundHeightM + LIFT_M);
  const routes: DrawnFibre['routes'] = [];
  const sites: DrawnFibre['sites'] = [];
  for (const f of design.network.features) {
    if (f.geometry.type === 'LineString') {
      routes.push({ path: f.geometry.coordinates.map(at), widthPx: cableWidthPx(f.properties.cableFibres ?? f.properties.fibres ?? 1) });
    } else if (f.properties.kind === 'pop') {
      sites.push({ position: at(f.geometry.coordinates), colour: [27, 38, 49, 255], radius: 9 });
    } else if (f.properties.kind === 'cabinet') {
      sites.push({ position: at(f.geometry.coordinates), colour: rgba(VERDICT_COLOURS[f.properties.siteVerdict ?? 'allowed'] ?? VERDICT_COLOURS.allowed), radius: 7 });
    }
  }
  return { routes, sites };
}

export function fibreLayers(drawn: DrawnFibre | undefined, homes: DrawnHome[], version: number, visible: boolean): Layer[] {
  if (!drawn) return [];
  return [
    new ScatterplotLayer<DrawnHome>({
      id: 'fibre-homes',
      data: homes,
      getPosition: (d) => d.position,
      getFillColor: (d) => rgba(HOME_COLOURS[d.status], 0.9),
      getRadius: 3,
      radiusUnits: 'pixels',
      updateTriggers: { getFillColor: version, getPosition: version },
      visible,
      parameters: FLAT,
    }) as Layer,
    new PathLayer<DrawnFibre['routes'][number]>({
      id: 'fibre-routes',
      data: drawn.routes,
      getPath: (d) => d.path,
      getColor: rgba(ROUTE_COLOUR),
      getWidth: (d) => d.widthPx,
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
      updateTriggers: { getPath: version, getWidth: version },
      visible,
      parameters: FLAT,
    }) as Layer,
    new ScatterplotLayer<DrawnFibre['sites'][number]>({
      id: 'fibre-sites',
      data: drawn.sites,
      getPosition: (d) => d.position,
      getFillColor: (d) => d.colour,
      getRadius: (d) => d.radius,
      radiusUnits: 'pixels',
      stroked: true,
      getLineColor: [255, 255, 255, 255],
      getLineWidth: 2,
      lineWidthUnits: 'pixels',
      updateTriggers: { getPosition: version, getFillColor: version },
      visible,
      parameters: FLAT,
    }) as Layer,
  ];
}
