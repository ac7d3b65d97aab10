// GeoJSON street centre lines (LineString / MultiLineString features) → Street records in RD New. Pure.
// Properties are read OSM-style (highway, surface, name) or with our own names (class, surface as asfalt/…,
// name), so an OSM GeoJSON export (osmium, Overpass turbo, QGIS) and our own streets collection both load.
// A feature with neither highway nor class is read as highway=road (woonstraat): a line file made for this import
// need not tag every line.
// A MultiLineString becomes one street per part (ids suffixed -1, -2, …): a street is one line in our model.
import { z } from 'zod';
import type { PointRd } from '../../../contracts/model.ts';
import { InvalidParameter } from '../../../errors.ts';
import { firstPositionOf, geoJsonToRd } from './geojson-crs.ts';
import { type ParseOptions, rejectRecord } from './parse-result.ts';
import type { ParsedStreets } from './parse-osm-streets.ts';
import { classify, emptySurfaceTally } from './street-tags.ts';

const position = z.array(z.number().finite()).min(2);
const lineCoords = z.array(position).min(2);
const feature = z.looseObject({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  properties: z.record(z.string(), z.unknown()).nullable().optional(),
  geometry: z.discriminatedUnion('type', [
    z.looseObject({ type: z.literal('LineString'), coordinates: lineCoords }),
    z.looseObject({ type: z.literal('MultiLineString'), coordinates: z.array(lineCoords).min(1) }),
  ]),
});
const collection = z.looseObject({
  type: z.literal('FeatureCollection'),
  crs: z.looseObject({ properties: z.looseObject({ name: z.string() }) }).optional(),
  features: z.array(z.unknown()),
});

export function parseGeoJsonStreets(file: string, json: unknown, options: ParseOptions = {}): ParsedStreets {
  const fc = collection.safeParse(json);
  if (!fc.success) throw new InvalidParameter(`${file}: not a GeoJSON FeatureCollection`);
  const result: ParsedStreets = { records: [], skipped: [], warnings: [], surfaces: emptySurfaceTally() };
  const { toRd } = geoJsonToRd(file, fc.data.crs?.properties.name, firstPositionOf(fc.data.features), result.warnings);
  const seen = new Set<string>();
  fc.data.features.forEach((raw, i) => {
    const rawId = (raw as { id?: unknown } | null)?.id;
    const where = `feature ${i}${typeof rawId === 'string' || typeof rawId === 'number' ? ` (id ${rawId})` : ''}`;
    const parsed = feature.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return rejectRecord(result, options, { file, where, reason: `not a LineString or MultiLineString feature (${issue?.path.join('.')}: ${issue?.message})` });
    }
    const props = parsed.data.properties ?? {};
    const text = (key: string): string | undefined => (typeof props[key] === 'string' ? (props[key] as string) : undefined);
    const highway = text('highway') ?? text('class') ?? 'road';
    const kind = classify({ highway, surface: text('surface') }, result.surfaces);
    if (!kind) return;
    const baseId = String(parsed.data.id ?? text('id') ?? `${i + 1}`);
    const lines = parsed.data.geometry.type === 'LineString' ? [parsed.data.geometry.coordinates] : parsed.data.geometry.coordinates;
    lines.forEach((coords, part) => {
      const id = lines.length > 1 ? `${baseId}-${part + 1}` : baseId;
      if (seen.has(id)) return rejectRecord(result, options, { file, where, reason: `duplicate street id ${id}` });
      seen.add(id);
      const line: PointRd[] = coords.map((c) => toRd(c[0], c[1]));
      result.records.push({ id, line, name: text('name') ?? '', ...kind });
    });
  });
  return result;
}
