// GeoJSON footprints with a height attribute → Building records (LoD1: no mesh). Pure. The CRS is the legacy
// `crs` member when present (PDOK still writes EPSG:28992 that way), else RFC 7946 lon/lat — unless the
// coordinates lie in the RD range, which is then assumed with a warning, as for CityJSON.
import { z } from 'zod';
import type { Building, PolygonRd } from '../contracts/model.ts';
import { normalizePolygon, polygonArea } from '../geo/polygon.ts';
import { AttributeError, buildingDwellings, buildingFunction, buildingHeights, buildingRoofType, buildingYear, scalarAttributes } from './building-attributes.ts';
import { BuildingFileError, InvalidCityObject, type ParsedBuildings, type ParseOptions } from './parse-cityjson.ts';
import { CrsError, isInRdRange, resolveSourceCrs } from './source-crs.ts';

const position = z.array(z.number().finite()).min(2);
const polygonCoords = z.array(z.array(position).min(4)).min(1);
const feature = z.looseObject({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  properties: z.record(z.string(), z.unknown()).nullable().optional(),
  geometry: z.discriminatedUnion('type', [
    z.looseObject({ type: z.literal('Polygon'), coordinates: polygonCoords }),
    z.looseObject({ type: z.literal('MultiPolygon'), coordinates: z.array(polygonCoords).min(1) }),
  ]),
});
const collection = z.looseObject({
  type: z.literal('FeatureCollection'),
  crs: z.looseObject({ properties: z.looseObject({ name: z.string() }) }).optional(),
  features: z.array(z.unknown()),
});

export function parseGeoJsonFootprints(json: unknown, file: string, options: ParseOptions): ParsedBuildings {
  const fc = collection.safeParse(json);
  if (!fc.success) throw new BuildingFileError(`${file}: not a GeoJSON FeatureCollection`);
  const result: ParsedBuildings = { buildings: [], skipped: [], warnings: [], lods: {} };
  const sample = firstPosition(fc.data.features);
  const reference = fc.data.crs?.properties.name;
  let crs;
  try {
    crs =
      reference === undefined && sample && !isInRdRange(sample[0], sample[1])
        ? resolveSourceCrs('EPSG:4326', sample, options.geoidHeightM, () => {})
        : resolveSourceCrs(reference, sample, options.geoidHeightM, (m) => result.warnings.push(`${file}: ${m}`));
  } catch (error) {
    if (error instanceof CrsError) throw new BuildingFileError(`${file}: ${error.message}`);
    throw error;
  }
  fc.data.features.forEach((raw, i) => {
    const rawId = (raw as { id?: unknown; properties?: { identificatie?: unknown } } | null)?.properties?.identificatie ?? (raw as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : `feature ${i}`;
    const fail = (reason: string): void => {
      const skipped = { file, id, reason };
      if (!options.skipInvalid) throw new InvalidCityObject(skipped);
      result.skipped.push(skipped);
    };
    const parsed = feature.safeParse(raw);
    if (!parsed.success) return fail(`not a Polygon or MultiPolygon feature (${parsed.error.issues[0]?.message})`);
    const polygons = parsed.data.geometry.type === 'Polygon' ? [parsed.data.geometry.coordinates] : parsed.data.geometry.coordinates;
    const projected: PolygonRd[] = polygons.map((p) =>
      normalizePolygon(p.map((ring) => ring.slice(0, -1).map((c) => {
        const [x, y] = crs.toRdNap(c[0], c[1], c[2] ?? 0);
        return [x, y] as [number, number];
      }))),
    ).filter((p) => p.length > 0);
    if (projected.length === 0) return fail('footprint has no area');
    // One building per feature: a multi-part footprint keeps its largest part (BAG panden are single polygons).
    projected.sort((a, b) => polygonArea(b) - polygonArea(a));
    if (projected.length > 1) result.warnings.push(`${file}: ${id}: MultiPolygon with ${projected.length} parts; kept the largest`);
    const attributes = parsed.data.properties ?? {};
    try {
      const { groundM, heightM } = buildingHeights({ attributes: { groundM: 0, ...attributes } });
      if (id.length > 64) throw new AttributeError('id is longer than 64 characters');
      result.buildings.push({
        id,
        footprint: projected[0],
        groundM,
        heightM,
        roofType: buildingRoofType(attributes),
        year: buildingYear(attributes),
        function: buildingFunction(attributes),
        dwellings: buildingDwellings(attributes),
        buurtCode: null,
        attributes: scalarAttributes(attributes),
      } satisfies Building);
      result.lods.none = (result.lods.none ?? 0) + 1;
    } catch (error) {
      if (error instanceof AttributeError) fail(error.message);
      else throw error;
    }
  });
  return result;
}

function firstPosition(features: unknown[]): [number, number] | undefined {
  for (const f of features) {
    let c: unknown = (f as { geometry?: { coordinates?: unknown } } | null)?.geometry?.coordinates;
    while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
    if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') return [c[0], c[1]];
  }
  return undefined;
}
