// CRS handling for OGC API Features Part 2 (CRS by reference): the URIs we serve, and pure transforms between
// storage (RD New, EPSG:28992) and the output CRSs. Axis order follows each CRS's definition: CRS84 is lon,lat;
// EPSG:4326 is lat,lon (as the EPSG register says); EPSG:28992 is x (easting), y (northing).
import type { GeometryRd } from '../../contracts/feature.ts';
import type { BboxRd } from '../../contracts/model.ts';
import { lonLatDegToRd, rdToLonLatDeg } from '../../geo/crs.ts';

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const EPSG_28992 = 'http://www.opengis.net/def/crs/EPSG/0/28992';
export const EPSG_4326 = 'http://www.opengis.net/def/crs/EPSG/0/4326';

/** Every CRS a client may ask for with `crs` or `bbox-crs`; the first is the default. */
export const SUPPORTED_CRS = [CRS84, EPSG_28992, EPSG_4326] as const;
export type CrsUri = (typeof SUPPORTED_CRS)[number];
export const STORAGE_CRS: CrsUri = EPSG_28992;

export function isSupportedCrs(uri: string): uri is CrsUri {
  return (SUPPORTED_CRS as readonly string[]).includes(uri);
}

/** 1e-7 degrees is about 1 cm on the ground; RD New is given to the millimetre. */
const DEGREE_DECIMALS = 1e7;
const METRE_DECIMALS = 1e3;

const round = (value: number, factor: number): number => Math.round(value * factor) / factor;

type Position = number[];
type Coordinates = Position | Coordinates[];

/** Converts one RD New position to the output CRS, keeping a height if there is one. */
export function positionFromRd(position: readonly number[], crs: CrsUri): number[] {
  const [x, y, ...rest] = position;
  if (crs === EPSG_28992) return [round(x, METRE_DECIMALS), round(y, METRE_DECIMALS), ...rest];
  const [lonDeg, latDeg] = rdToLonLatDeg(x, y);
  const lon = round(lonDeg, DEGREE_DECIMALS);
  const lat = round(latDeg, DEGREE_DECIMALS);
  return crs === EPSG_4326 ? [lat, lon, ...rest] : [lon, lat, ...rest];
}

/** Converts a position given in `crs` (in that CRS's axis order) to RD New metres. */
export function positionToRd(position: readonly [number, number], crs: CrsUri): [number, number] {
  if (crs === EPSG_28992) return [position[0], position[1]];
  const [lonDeg, latDeg] = crs === EPSG_4326 ? [position[1], position[0]] : position;
  return lonLatDegToRd(lonDeg, latDeg);
}

function mapCoordinates(c: Coordinates, crs: CrsUri): Coordinates {
  if (typeof c[0] === 'number') return positionFromRd(c as Position, crs);
  return (c as Coordinates[]).map((child) => mapCoordinates(child, crs));
}

/** A GeoJSON geometry in any of our CRSs (same shape as GeometryRd, other numbers). */
export type GeometryOut = { type: GeometryRd['type']; coordinates: Coordinates };

export function geometryFromRd(geometry: GeometryRd, crs: CrsUri): GeometryOut {
  return { type: geometry.type, coordinates: mapCoordinates(geometry.coordinates as Coordinates, crs) };
}

/**
 * Points per bbox edge when transforming a box. A parallel is curved in RD New; between samples it bulges out by
 * a few millimetres for a city-sized box and ~20 cm for a box around the whole country, so the envelope is padded
 * by BOX_PAD_M to stay a true superset.
 */
const EDGE_SAMPLES = 64;
const BOX_PAD_M = 1;

function densifiedRing([minA, minB, maxA, maxB]: readonly [number, number, number, number]): [number, number][] {
  const points: [number, number][] = [];
  for (let i = 0; i <= EDGE_SAMPLES; i++) {
    const t = i / EDGE_SAMPLES;
    const a = minA + (maxA - minA) * t;
    const b = minB + (maxB - minB) * t;
    points.push([a, minB], [a, maxB], [minA, b], [maxA, b]);
  }
  return points;
}

function envelope(points: Iterable<readonly [number, number]>): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return [minX, minY, maxX, maxY];
}

/**
 * The RD New rectangle that contains a bbox given in `crs` (axis order of that CRS). A lon/lat box is curved in
 * RD New, so this is the (padded) envelope of its densified edges: it never misses a feature inside the box, and
 * may add features that lie up to a few metres outside it.
 */
export function bboxToRd(bbox: readonly [number, number, number, number], crs: CrsUri): BboxRd {
  if (crs === EPSG_28992) return [bbox[0], bbox[1], bbox[2], bbox[3]];
  const [minX, minY, maxX, maxY] = envelope(densifiedRing(bbox).map((p) => positionToRd(p, crs)));
  return [minX - BOX_PAD_M, minY - BOX_PAD_M, maxX + BOX_PAD_M, maxY + BOX_PAD_M];
}

/** About a metre in degrees: the margin that keeps a transformed envelope a superset despite curved edges. */
const BOX_PAD_DEG = 1e-5;

/** CRS84 [west, south, east, north] containing an RD New box (padded by about a metre, rounded outwards). */
export function bboxRdToCrs84(bbox: BboxRd): [number, number, number, number] {
  const [w, s, e, n] = envelope(densifiedRing(bbox).map(([x, y]) => rdToLonLatDeg(x, y)));
  const down = (v: number) => Math.floor((v - BOX_PAD_DEG) * DEGREE_DECIMALS) / DEGREE_DECIMALS;
  const up = (v: number) => Math.ceil((v + BOX_PAD_DEG) * DEGREE_DECIMALS) / DEGREE_DECIMALS;
  return [down(w), down(s), up(e), up(n)];
}
