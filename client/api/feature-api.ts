// OGC API Features in the client: a whole collection in CRS84 (lon/lat), following `links[rel=next]`.
import { ApiError, fetchJson } from './twin-api.ts';

type Position = [number, number, ...number[]];
export type PolygonalGeometry =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface OgcFeature<P = Record<string, unknown>> {
  type: 'Feature';
  id?: string | number;
  geometry: PolygonalGeometry | { type: string; coordinates: unknown } | null;
  properties: P;
}

interface OgcPage {
  type: 'FeatureCollection';
  features?: OgcFeature[];
  links?: { rel: string; href: string }[];
}

/** A safety net against a server that links a page to itself. */
const MAX_PAGES = 100;

/** Only same-origin links are followed: the page CSP would block the others anyway, with a console error. */
function sameOriginPath(href: string): string | undefined {
  const url = new URL(href, location.href);
  return url.origin === location.origin ? `${url.pathname}${url.search}` : undefined;
}

export async function fetchAllFeatures(url: string, signal?: AbortSignal): Promise<OgcFeature[]> {
  const features: OgcFeature[] = [];
  // Big pages: a municipality's plan or buurten fit in one or two requests.
  let next: string | undefined = /[?&]limit=/.test(url) ? url : `${url}${url.includes('?') ? '&' : '?'}limit=10000`;
  for (let page = 0; next && page < MAX_PAGES; page++) {
    const body: OgcPage = await fetchJson<OgcPage>(next, signal);
    if (body?.type !== 'FeatureCollection') throw new ApiError(next, 200);
    features.push(...(body.features ?? []));
    const link = body.links?.find((l) => l.rel === 'next');
    next = link ? sameOriginPath(link.href) : undefined;
  }
  return features;
}

/** The polygons of a feature as rings of [lon, lat]; anything not polygonal yields none. */
export function polygonsOf(feature: OgcFeature): Position[][][] {
  const g = feature.geometry;
  if (g?.type === 'Polygon') return [g.coordinates as Position[][]];
  if (g?.type === 'MultiPolygon') return g.coordinates as Position[][][];
  return [];
}

/** The collection id in an OGC items URL (`/ogc/collections/{id}/items…`), or undefined. */
export function collectionIdOf(url: string): string | undefined {
  return /\/collections\/([\w-]+)\/items/.exec(url)?.[1];
}
