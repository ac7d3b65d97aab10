// GeoJSON address points → address records in RD New. Pure. Reads PDOK's OGC API Features answers (INSPIRE
// addresses: component_postaldescriptor, locator_designator_addressnumber, …), BAG-style properties (postcode,
// huisnummer, huisletter, pandidentificatie) and English names; address-fields.ts lists them. The CRS comes from a
// `crs` member or the coordinate range (geojson-crs.ts). JSON-FG files with the geometry only in `place` are
// refused with a hint rather than read as having no addresses.
import { z } from 'zod';
import { InvalidParameter } from '../../../errors.ts';
import { ADDRESS_FIELD_NAMES, type AddressField, type ParsedAddress, addressAttributes, toParsedAddress } from './address-fields.ts';
import { firstPositionOf, geoJsonToRd } from './geojson-crs.ts';
import { type Parsed, type ParseOptions, emptyParsed, rejectRecord } from './parse-result.ts';

const feature = z.looseObject({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  properties: z.record(z.string(), z.unknown()).nullable().optional(),
  geometry: z.looseObject({ type: z.literal('Point'), coordinates: z.array(z.number().finite()).min(2) }),
});
const collection = z.looseObject({
  type: z.literal('FeatureCollection'),
  crs: z.looseObject({ properties: z.looseObject({ name: z.string() }) }).optional(),
  features: z.array(z.unknown()),
});

export function parseGeoJsonAddresses(file: string, json: unknown, options: ParseOptions = {}): Parsed<ParsedAddress> {
  const fc = collection.safeParse(json);
  if (!fc.success) throw new InvalidParameter(`${file}: not a GeoJSON FeatureCollection`);
  const features = fc.data.features;
  if (features.length > 0 && features.every((f) => (f as { geometry?: unknown; place?: unknown } | null)?.geometry === null && (f as { place?: unknown }).place)) {
    throw new InvalidParameter(`${file}: a JSON-FG file with the positions only in "place"; request the items as GeoJSON (f=json) instead`);
  }
  const result = emptyParsed<ParsedAddress>();
  const { toRd } = geoJsonToRd(file, fc.data.crs?.properties.name, firstPositionOf(features), result.warnings);
  features.forEach((raw, i) => {
    const rawId = (raw as { id?: unknown } | null)?.id;
    const where = `feature ${i}${typeof rawId === 'string' || typeof rawId === 'number' ? ` (id ${rawId})` : ''}`;
    const parsed = feature.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return rejectRecord(result, options, { file, where, reason: `not a Point feature (${issue?.path.join('.')}: ${issue?.message})` });
    }
    const props = Object.fromEntries(Object.entries(parsed.data.properties ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const value = (f: AddressField): unknown => {
      for (const name of ADDRESS_FIELD_NAMES[f]) if (props[name] !== undefined && props[name] !== '') return props[name];
      return undefined;
    };
    const fields = Object.fromEntries((Object.keys(addressAttributes.shape) as AddressField[]).map((f) => [f, value(f)]));
    if (fields.id === undefined && parsed.data.id !== undefined) fields.id = String(parsed.data.id);
    const attrs = addressAttributes.safeParse(fields);
    if (!attrs.success) {
      const issue = attrs.error.issues[0];
      return rejectRecord(result, options, { file, where, reason: `${String(issue.path[0])}: ${issue.message}` });
    }
    const [x, y] = parsed.data.geometry.coordinates;
    result.records.push(toParsedAddress(attrs.data, toRd(x, y)));
  });
  return result;
}
