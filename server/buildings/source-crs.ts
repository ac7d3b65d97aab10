// The coordinate reference system of an imported file → a function to RD New x, y and NAP z. RD New (+ NAP)
// passes through; WGS84 / ETRS89 / Web Mercator are reprojected with proj4 (sub-metre, display grade: DOMAIN.md
// Part B §5.5). A file without a CRS whose coordinates lie in the RD range is read as EPSG:7415, with a warning.
import proj4 from 'proj4';
import { lonLatDegToRd } from '../geo/crs.ts';
import type { Point3 } from './triangulate-surface.ts';

export type ToRdNap = (x: number, y: number, z: number) => Point3;

export interface SourceCrs {
  /** EPSG code we recognised, e.g. 7415. */
  epsg: number;
  toRdNap: ToRdNap;
  /** True when positions pass through unchanged (RD New); lets callers skip per-vertex work. */
  identity: boolean;
}

/** Codes whose x, y are RD New metres; z is NAP for 7415 and taken as NAP for bare 28992. */
const RD_CODES = new Set([28992, 7415]);
/** Geographic lon/lat codes (CityJSON and GeoJSON order x = lon, y = lat). 4979/4937 carry ellipsoidal heights. */
const LON_LAT_2D = new Set([4326, 4258, 4289]);
const LON_LAT_ELLIPSOIDAL = new Set([4979, 4937]);

/** RD New's valid area (EPSG:28992 bounds, metres) — coordinates outside it are not RD. */
export const RD_RANGE = { minX: -7000, maxX: 300000, minY: 289000, maxY: 629000 };

export function isInRdRange(x: number, y: number): boolean {
  return x >= RD_RANGE.minX && x <= RD_RANGE.maxX && y >= RD_RANGE.minY && y <= RD_RANGE.maxY;
}

/**
 * EPSG code from the usual spellings: OGC URL, URN, "EPSG:7415", OGC CRS84, and compound URNs
 * ("urn:ogc:def:crs,crs:EPSG::28992,crs:EPSG::5709" = RD New + NAP, read as 7415).
 */
export function parseEpsg(reference: string): number | undefined {
  if (/CRS84$/i.test(reference.trim())) return 4326;
  const codes = [...reference.matchAll(/EPSG(?:\/0\/|::|:|\/)(\d+)/gi)].map((m) => Number(m[1]));
  if (codes.length > 1 && codes.includes(28992)) return 7415;
  return codes.length === 1 ? codes[0] : undefined;
}

export class CrsError extends Error {}

/**
 * Resolves the CRS. `reference` is the file's CRS string (undefined if absent); `sample` is one real coordinate
 * used to recognise RD when the CRS is missing; `geoidHeightM` converts ellipsoidal heights to NAP.
 */
export function resolveSourceCrs(
  reference: string | undefined,
  sample: readonly [number, number] | undefined,
  geoidHeightM: number,
  warn: (message: string) => void,
): SourceCrs {
  if (reference === undefined) {
    if (sample && isInRdRange(sample[0], sample[1])) {
      warn('no CRS given; the coordinates lie in the RD New range, so they are read as EPSG:7415 (RD New + NAP)');
      return { epsg: 7415, toRdNap: (x, y, z) => [x, y, z], identity: true };
    }
    if (sample && Math.abs(sample[0]) <= 180 && Math.abs(sample[1]) <= 90) {
      throw new CrsError('no CRS given and the coordinates are not in the RD New range; add metadata.referenceSystem');
    }
    throw new CrsError('no CRS given and the coordinates are not in the RD New range');
  }
  const epsg = parseEpsg(reference);
  if (epsg === undefined) throw new CrsError(`unrecognised CRS ${JSON.stringify(reference)}`);
  if (RD_CODES.has(epsg)) return { epsg, toRdNap: (x, y, z) => [x, y, z], identity: true };
  if (LON_LAT_2D.has(epsg)) {
    return { epsg, toRdNap: (x, y, z) => [...lonLatDegToRd(x, y), z], identity: false };
  }
  if (LON_LAT_ELLIPSOIDAL.has(epsg)) {
    // Ellipsoidal → NAP with one geoid height for the whole dataset (DOMAIN.md defaults).
    return { epsg, toRdNap: (x, y, z) => [...lonLatDegToRd(x, y), z - geoidHeightM], identity: false };
  }
  if (epsg === 3857) {
    const fromMercator = proj4('EPSG:3857', 'EPSG:4326');
    return {
      epsg,
      toRdNap: (x, y, z) => {
        const [lon, lat] = fromMercator.forward([x, y]);
        return [...lonLatDegToRd(lon, lat), z];
      },
      identity: false,
    };
  }
  throw new CrsError(`CRS EPSG:${epsg} is not supported; convert the file to EPSG:7415 (RD New + NAP) first`);
}
