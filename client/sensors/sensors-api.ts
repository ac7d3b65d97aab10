// The sensors as the client needs them, read from our SensorThings API (/sta/v1.1): one request for every Thing
// with its Location and Datastreams, then hourly series per Datastream. Only standard STA query options are used,
// so the same code reads any SensorThings v1.1 service that has these entities.
import { ApiError } from '../api/twin-api.ts';

export const STA_ROOT = '/sta/v1.1';
export const HOUR_MS = 3_600_000;

export type SensorKind = 'reference' | 'citizen' | 'noise' | 'footfall' | 'other';

export interface SensorStream {
  id: number | string;
  name: string;
  /** ObservedProperty name: pm25, pm25_kal, pm10, no2, rh, laeq, footfall, … */
  quantity: string;
  unit: string;
  /** A derived, calibrated Datastream (its properties carry the calibration provenance). */
  calibrated: boolean;
  description: string;
}

export interface SensorSite {
  id: number | string;
  name: string;
  kind: SensorKind;
  lonLat: [number, number];
  streams: SensorStream[];
}

interface StaPage<T> {
  value?: T[];
  '@iot.nextLink'?: string;
}

interface StaThing {
  '@iot.id': number | string;
  name?: string;
  properties?: Record<string, unknown> | null;
  Locations?: { location?: { type?: string; coordinates?: unknown } }[];
  Datastreams?: {
    '@iot.id': number | string;
    name?: string;
    description?: string;
    unitOfMeasurement?: { symbol?: string; name?: string } | null;
    properties?: Record<string, unknown> | null;
    ObservedProperty?: { name?: string };
  }[];
}

const KINDS: readonly SensorKind[] = ['reference', 'citizen', 'noise', 'footfall'];

/** Turns STA Things (with $expand=Locations,Datastreams($expand=ObservedProperty)) into sites; skips Things without a point. */
export function sitesFromThings(things: StaThing[]): SensorSite[] {
  const sites: SensorSite[] = [];
  for (const t of things) {
    const point = t.Locations?.map((l) => l.location).find((g) => g?.type === 'Point');
    const c = point?.coordinates;
    if (!Array.isArray(c) || typeof c[0] !== 'number' || typeof c[1] !== 'number') continue;
    const kind = KINDS.find((k) => k === t.properties?.kind) ?? 'other';
    sites.push({
      id: t['@iot.id'],
      name: t.name ?? String(t['@iot.id']),
      kind,
      lonLat: [c[0], c[1]],
      streams: (t.Datastreams ?? []).map((d) => ({
        id: d['@iot.id'],
        name: d.name ?? String(d['@iot.id']),
        quantity: d.ObservedProperty?.name ?? String(d.properties?.quantity ?? ''),
        unit: d.unitOfMeasurement?.symbol ?? '',
        calibrated: d.properties?.calibration !== undefined && d.properties?.calibration !== null,
        description: d.description ?? '',
      })),
    });
  }
  return sites;
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json' }, signal });
  if (!response.ok) throw new ApiError(url, response.status);
  return (await response.json()) as T;
}

/** Follows @iot.nextLink; only links back to our own origin are followed (a foreign link would leak the session). */
async function getAll<T>(url: string, signal?: AbortSignal, maxPages = 200): Promise<T[]> {
  const out: T[] = [];
  let next: string | undefined = url;
  for (let page = 0; next && page < maxPages; page++) {
    const body: StaPage<T> = await getJson<StaPage<T>>(next, signal);
    out.push(...(body.value ?? []));
    const link = body['@iot.nextLink'];
    next = link && new URL(link, location.href).origin === location.origin ? new URL(link, location.href).href : undefined;
  }
  return out;
}

export async function fetchSensorSites(signal?: AbortSignal): Promise<SensorSite[]> {
  const query = new URLSearchParams({ $expand: 'Locations,Datastreams($expand=ObservedProperty)', $top: '1000' });
  return sitesFromThings(await getAll<StaThing>(`${STA_ROOT}/Things?${query}`, signal));
}

/** Time of the newest observation of a Datastream, to anchor the period the slider covers. */
export async function fetchLatestTime(streamId: number | string, signal?: AbortSignal): Promise<number | undefined> {
  const query = new URLSearchParams({ $select: 'phenomenonTime', $orderby: 'phenomenonTime desc', $top: '1' });
  const body = await getJson<StaPage<{ phenomenonTime?: string }>>(`${STA_ROOT}/Datastreams(${streamId})/Observations?${query}`, signal);
  const t = body.value?.[0]?.phenomenonTime;
  return t ? Date.parse(t.split('/')[0]) : undefined;
}

/** Hourly values of one Datastream from startMs for `hours` hours; hours without an observation are NaN. */
export async function fetchHourlySeries(streamId: number | string, startMs: number, hours: number, signal?: AbortSignal): Promise<Float64Array> {
  const from = new Date(startMs).toISOString();
  const to = new Date(startMs + hours * HOUR_MS).toISOString();
  const query = new URLSearchParams({
    $select: 'phenomenonTime,result',
    $orderby: 'phenomenonTime asc',
    $top: '1000',
    $filter: `phenomenonTime ge ${from} and phenomenonTime lt ${to}`,
  });
  const rows = await getAll<{ phenomenonTime?: string; result?: unknown }>(`${STA_ROOT}/Datastreams(${streamId})/Observations?${query}`, signal);
  return hourlyGrid(rows, startMs, hours);
}

/** Places observations on an hourly grid (the start of an interval phenomenonTime counts); later ones win. */
export function hourlyGrid(rows: { phenomenonTime?: string; result?: unknown }[], startMs: number, hours: number): Float64Array {
  const grid = new Float64Array(hours).fill(Number.NaN);
  for (const r of rows) {
    if (typeof r.result !== 'number' || !Number.isFinite(r.result) || !r.phenomenonTime) continue;
    const t = Date.parse(r.phenomenonTime.split('/')[0]);
    const h = Math.floor((t - startMs) / HOUR_MS);
    if (h >= 0 && h < hours) grid[h] = r.result;
  }
  return grid;
}
