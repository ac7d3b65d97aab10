// The CRS of a street or address GeoJSON file → a function to RD New, the same way the footprint importer decides:
// the legacy `crs` member when present (PDOK still writes EPSG:28992 that way), else RFC 7946 lon/lat — unless
// the coordinates lie in the RD range, which is then assumed with a warning (PDOK's OGC API answers in RD carry
// the CRS only in a Content-Crs header, so the body has none).
import type { PointRd } from '../../../contracts/model.ts';
import { CrsError, isInRdRange, resolveSourceCrs } from '../../../buildings/source-crs.ts';
import { InvalidParameter } from '../../../errors.ts';

export type ToRd = (x: number, y: number) => PointRd;

export function geoJsonToRd(file: string, crsName: string | undefined, sample: readonly [number, number] | undefined, warnings: string[]): { epsg: number; toRd: ToRd } {
  try {
    const crs =
      crsName === undefined && sample && !isInRdRange(sample[0], sample[1])
        ? resolveSourceCrs('EPSG:4326', sample, 0, () => {})
        : resolveSourceCrs(crsName, sample, 0, (m) => warnings.push(`${file}: ${m.replace('EPSG:7415 (RD New + NAP)', 'EPSG:28992 (RD New)')}`));
    const toRd: ToRd = (x, y) => {
      const [rx, ry] = crs.toRdNap(x, y, 0);
      return [rx, ry];
    };
    return { epsg: crs.epsg === 7415 ? 28992 : crs.epsg, toRd };
  } catch (error) {
    if (error instanceof CrsError) throw new InvalidParameter(`${file}: ${error.message}`);
    throw error;
  }
}

/** First x, y of the first feature with coordinates, for recognising RD when no CRS is given. */
export function firstPositionOf(features: readonly unknown[]): [number, number] | undefined {
  for (const f of features) {
    let c: unknown = (f as { geometry?: { coordinates?: unknown } } | null)?.geometry?.coordinates;
    while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
    if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') return [c[0], c[1]];
  }
  return undefined;
}
