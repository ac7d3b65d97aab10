// Thematic vector layers (omgevingsplan, health, later antennas and fibre) as feature collections.
// Geometry is GeoJSON in RD New (EPSG:28992) metres: polygons have closed rings, as GeoJSON requires
// (unlike the core records in model.ts). Pure and browser-safe.
import { z } from 'zod';

const position = z.tuple([z.number().finite(), z.number().finite()]).or(z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]));
const linearRing = z.array(position).min(4);

export const geometryRd = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: position }),
  z.object({ type: z.literal('MultiPoint'), coordinates: z.array(position) }),
  z.object({ type: z.literal('LineString'), coordinates: z.array(position).min(2) }),
  z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(position).min(2)) }),
  z.object({ type: z.literal('Polygon'), coordinates: z.array(linearRing).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(linearRing).min(1)) }),
]);
export type GeometryRd = z.infer<typeof geometryRd>;

/** Property values are flat: what OGC API Features clients (GDAL, QGIS) can show in an attribute table. */
export const propertyValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const featureRd = z.object({
  id: z.string().min(1).max(200),
  geometry: geometryRd.nullable(),
  properties: z.record(z.string(), propertyValue),
});
export type FeatureRd = z.infer<typeof featureRd>;

export const QUERYABLE_TYPES = ['string', 'number', 'integer', 'boolean'] as const;

export const collectionMeta = z.object({
  /** URL-safe id, used as the OGC API collection id. */
  id: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/),
  title: z.object({ nl: z.string(), en: z.string() }),
  description: z.object({ nl: z.string(), en: z.string() }),
  source: z.string(),
  licence: z.string(),
  date: z.string(),
  privacyClass: z.enum(['open', 'aggregated', 'personal']),
  synthetic: z.boolean(),
  /** Properties a client may filter on (`?name=value`); the allow-list for every property name in a query. */
  queryables: z.array(z.object({ name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/), type: z.enum(QUERYABLE_TYPES) })),
});
export type CollectionMeta = z.infer<typeof collectionMeta>;

export interface CollectionQuery {
  /** RD New bbox. */
  bbox?: [number, number, number, number];
  limit: number;
  offset?: number;
  /** Equality filters on queryable properties; names must come from the collection's queryables. */
  where?: [name: string, value: string | number | boolean][];
}

export interface CollectionPage {
  features: FeatureRd[];
  numberMatched: number;
}
