// HTTP client for the twin's JSON endpoints. Same-origin only; the page's CSP allows nothing else.

export type LonLatExtent = [west: number, south: number, east: number, north: number];

export interface TwinInfo {
  name: string;
  synthetic: boolean;
  source: string;
  licence: string;
  date: string;
  extentLonLat: LonLatExtent;
  centerLonLat: [lon: number, lat: number];
  /** Ellipsoidal height of the ground (NAP ground + geoid), metres. */
  groundHeightM: number;
  counts: Record<string, number>;
}

export interface LayerInfo {
  id: string;
  title: { nl: string; en: string };
  kind: string;
  url: string;
  source: string;
  licence: string;
  date: string;
  privacyClass: string;
  synthetic: boolean;
}

/** Thematic overlays (OGC feature collections, sensors) start hidden; the 3D buildings and the basemap start shown. */
export function isDefaultVisible(layer: Pick<LayerInfo, 'kind'>): boolean {
  return layer.kind !== 'features' && layer.kind !== 'sensorthings';
}

/** Whether a layer has an opacity slider: the overlays drawn over the buildings do. */
export function hasOpacityControl(layer: Pick<LayerInfo, 'kind'>): boolean {
  return layer.kind === 'features';
}

export interface AlgorithmInfo {
  id: string;
  title: { nl: string; en: string };
  purpose: { nl: string; en: string };
  inputs: string[];
  assumptions: { nl: string; en: string }[];
  limits: { nl: string; en: string }[];
  code: string[];
}

export interface BuildingAddress {
  street: string;
  houseNumber: number;
  houseLetter: string | null;
  postcode: string;
}

export interface BuildingDetails {
  id: string;
  function: string;
  year: number;
  heightM: number;
  groundM: number;
  roofType: string;
  dwellings: number;
  buurtCode: string | null;
  addresses: BuildingAddress[];
  /** The source's own attributes of an imported building (e.g. 3D BAG); empty for Demostad. */
  attributes?: Record<string, string | number | boolean | null>;
}

type Position = [number, number, ...number[]];
export type BasemapGeometry =
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface BasemapFeature {
  type: 'Feature';
  geometry: BasemapGeometry | null;
  properties: { layer?: string; name?: string; class?: string; surface?: string } | null;
}

export interface BasemapCollection {
  type: 'FeatureCollection';
  features: BasemapFeature[];
}

/** An expected failure talking to the server (as opposed to a programming error). */
export class ApiError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`GET ${url} failed with HTTP ${status}`);
    this.name = 'ApiError';
  }
}

export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json' }, signal });
  if (!response.ok) throw new ApiError(url, response.status);
  return (await response.json()) as T;
}

export async function fetchTwin(): Promise<TwinInfo> {
  const twin = await fetchJson<TwinInfo>('/api/twin');
  const [w, s, e, n] = twin.extentLonLat ?? [];
  if (![w, s, e, n, twin.groundHeightM].every(Number.isFinite) || !(w < e && s < n)) {
    throw new ApiError('/api/twin', 200);
  }
  return twin;
}

export async function fetchLayers(): Promise<LayerInfo[]> {
  return (await fetchJson<{ layers: LayerInfo[] }>('/api/layers')).layers ?? [];
}

export function fetchBasemap(url: string): Promise<BasemapCollection> {
  return fetchJson<BasemapCollection>(url);
}

export function fetchBuilding(id: string, signal?: AbortSignal): Promise<BuildingDetails> {
  return fetchJson<BuildingDetails>(`/api/buildings/${encodeURIComponent(id)}`, signal);
}

export async function fetchAlgorithms(): Promise<AlgorithmInfo[]> {
  return (await fetchJson<{ algorithms: AlgorithmInfo[] }>('/api/algorithms')).algorithms ?? [];
}
