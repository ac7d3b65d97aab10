// Query parameters of the OGC API Features routes, validated once with zod. Property names only ever come from
// the collection's queryables (the allow-list); anything else is rejected before a value is even looked at.
import { z } from 'zod';
import type { CollectionMeta } from '../../contracts/feature.ts';
import { InvalidParameter } from '../../errors.ts';
import { CRS84, type CrsUri, EPSG_4326, isSupportedCrs, SUPPORTED_CRS } from './crs.ts';
import { type DatetimeInterval, parseDatetimeParam } from './datetime.ts';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;
/** No valid value of any parameter is this long; longer ones are rejected before parsing (ReDoS, RELIABILITY #18). */
export const MAX_PARAM_CHARS = 1000;
/** Longest accepted value for a string queryable. */
export const MAX_QUERYABLE_CHARS = 256;

/** Parameters the items route understands besides the collection's queryables. */
export const ITEMS_PARAMETERS = ['limit', 'offset', 'bbox', 'bbox-crs', 'crs', 'datetime', 'f'] as const;
export const ITEM_PARAMETERS = ['crs', 'f'] as const;

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?$/;

const wholeNumber = (what: string) =>
  z.string().regex(/^\d{1,12}$/, `${what} must be a whole number`).transform(Number);

const crsParam = z.string().refine(isSupportedCrs, {
  message: `unsupported CRS; supported: ${SUPPORTED_CRS.join(', ')}`,
});

const bboxParam = z
  .string()
  .transform((s) => s.split(','))
  .refine((parts) => parts.length === 4 || parts.length === 6, 'bbox must have 4 numbers (or 6 with heights)')
  .refine((parts) => parts.every((p) => DECIMAL.test(p.trim())), 'bbox values must be numbers')
  .transform((parts) => {
    const n = parts.map((p) => Number(p.trim()));
    // With heights the order is minx,miny,minz,maxx,maxy,maxz; heights are accepted and ignored.
    return (n.length === 6 ? [n[0], n[1], n[3], n[4]] : n) as [number, number, number, number];
  })
  .refine((b) => b.every(Number.isFinite), 'bbox values must be finite');

const formatParam = z.enum(['json'], { message: 'only f=json is supported' });

const itemsBase = z.object({
  limit: wholeNumber('limit')
    .pipe(z.number().min(1, 'limit must be at least 1'))
    .optional(),
  offset: wholeNumber('offset').optional(),
  bbox: bboxParam.optional(),
  'bbox-crs': crsParam.optional(),
  crs: crsParam.optional(),
  datetime: z
    .string()
    .refine((s) => parseDatetimeParam(s) !== undefined, 'datetime must be an RFC 3339 date-time or interval (a/b, ../b, a/..)')
    .optional(),
  f: formatParam.optional(),
});

const itemBase = z.object({ crs: crsParam.optional(), f: formatParam.optional() });

export interface ItemsParams {
  limit: number;
  /** Set when the client asked for more than MAX_LIMIT and got MAX_LIMIT. */
  requestedLimit?: number;
  offset: number;
  bbox?: [number, number, number, number];
  bboxCrs: CrsUri;
  crs: CrsUri;
  datetime?: DatetimeInterval;
  where: [name: string, value: string | number | boolean][];
  /** The validated parameters as given (minus defaults), to carry into paging links. */
  echo: [string, string][];
}

type RawQuery = Record<string, unknown>;

/** Every value a single short string: repeated parameters and huge values are rejected before parsing. */
function singleStrings(query: RawQuery): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    const name = key.slice(0, 100);
    if (typeof value !== 'string') {
      throw new InvalidParameter(`Parameter ${name} must be given once, as a plain value`, { parameter: name });
    }
    if (key.length > 100 || value.length > MAX_PARAM_CHARS) {
      throw new InvalidParameter(`Parameter ${name} is too long (at most ${MAX_PARAM_CHARS} characters)`, { parameter: name });
    }
    out[key] = value;
  }
  return out;
}

function rejectUnknown(query: Record<string, string>, allowed: readonly string[], queryables: readonly string[]): void {
  const unknown = Object.keys(query).filter((k) => !allowed.includes(k) && !queryables.includes(k));
  if (unknown.length === 0) return;
  const list = (names: readonly string[]) => names.join(', ') || 'none';
  throw new InvalidParameter(
    `Unknown parameter${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => JSON.stringify(u.slice(0, 100))).join(', ')}. ` +
      `Allowed parameters: ${list(allowed)}; queryable properties: ${list(queryables)}`,
    { unknown: unknown.map((u) => u.slice(0, 100)), parameters: [...allowed], queryables: [...queryables] },
  );
}

function zodFailure(error: z.ZodError): InvalidParameter {
  const errors = error.issues.map((i) => ({ in: 'query', field: i.path.join('.') || '(root)', message: i.message }));
  return new InvalidParameter(
    `Invalid query parameter${errors.length > 1 ? 's' : ''}: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
    { errors, ...(errors.some((e) => e.field.endsWith('crs')) ? { supportedCrs: [...SUPPORTED_CRS] } : {}) },
  );
}

/** zod schema for one queryable's value, by its declared type. */
function queryableSchema(type: CollectionMeta['queryables'][number]['type']): z.ZodType<string | number | boolean> {
  switch (type) {
    case 'integer':
      return z.string().regex(/^-?\d{1,15}$/, 'must be an integer').transform(Number);
    case 'number':
      return z.string().regex(DECIMAL, 'must be a number').transform(Number).pipe(z.number().finite());
    case 'boolean':
      return z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true');
    case 'string':
      return z.string().max(MAX_QUERYABLE_CHARS);
  }
}

/** Checks a bbox's numbers against its CRS: degrees in range, lower corner below the upper one. */
function checkBbox(bbox: [number, number, number, number], crs: CrsUri): void {
  const geographic = crs === CRS84 || crs === EPSG_4326;
  const [lonMin, latMin, lonMax, latMax] = crs === EPSG_4326 ? [bbox[1], bbox[0], bbox[3], bbox[2]] : bbox;
  const fail = (message: string) => new InvalidParameter(`Invalid query parameter: bbox: ${message}`, {
    errors: [{ in: 'query', field: 'bbox', message }],
  });
  if (geographic) {
    if ([latMin, latMax].some((v) => v < -90 || v > 90)) throw fail('latitude must be within -90..90');
    if ([lonMin, lonMax].some((v) => v < -180 || v > 180)) throw fail('longitude must be within -180..180');
    if (lonMin > lonMax) throw fail('boxes crossing the antimeridian are not supported');
  } else if (bbox[0] > bbox[2]) throw fail('minimum x must not exceed maximum x');
  if (latMin > latMax) throw fail('the lower corner must not lie above the upper corner');
}

export function parseItemsParams(query: RawQuery, meta: CollectionMeta): ItemsParams {
  const raw = singleStrings(query);
  const queryableNames = meta.queryables.map((q) => q.name).filter((n) => !(ITEMS_PARAMETERS as readonly string[]).includes(n));
  rejectUnknown(raw, ITEMS_PARAMETERS, queryableNames);
  const schema = itemsBase.extend(
    Object.fromEntries(meta.queryables.filter((q) => queryableNames.includes(q.name)).map((q) => [q.name, queryableSchema(q.type).optional()])),
  );
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw zodFailure(parsed.error);
  const p = parsed.data as z.infer<typeof itemsBase> & Record<string, string | number | boolean | undefined>;
  const bboxCrs = (p['bbox-crs'] ?? CRS84) as CrsUri;
  if (p.bbox) checkBbox(p.bbox, bboxCrs);
  const where: ItemsParams['where'] = [];
  for (const name of queryableNames) {
    const value = p[name];
    if (value !== undefined) where.push([name, value]);
  }
  const requested = p.limit ?? DEFAULT_LIMIT;
  return {
    limit: Math.min(requested, MAX_LIMIT),
    ...(requested > MAX_LIMIT ? { requestedLimit: requested } : {}),
    offset: p.offset ?? 0,
    ...(p.bbox ? { bbox: p.bbox } : {}),
    bboxCrs,
    crs: (p.crs ?? CRS84) as CrsUri,
    ...(p.datetime ? { datetime: parseDatetimeParam(p.datetime) } : {}),
    where,
    echo: Object.entries(raw).filter(([k]) => k !== 'limit' && k !== 'offset'),
  };
}

export function parseItemParams(query: RawQuery): { crs: CrsUri } {
  const raw = singleStrings(query);
  rejectUnknown(raw, ITEM_PARAMETERS, []);
  const parsed = itemBase.safeParse(raw);
  if (!parsed.success) throw zodFailure(parsed.error);
  return { crs: (parsed.data.crs ?? CRS84) as CrsUri };
}

/** Metadata routes take only `f`; anything else is refused like on items (/req/core/query-param-unknown, RELIABILITY.md #5). */
export function checkFormatParam(query: RawQuery): void {
  rejectUnknown(singleStrings(query), ['f'], []);
  if (query.f === undefined) return;
  const parsed = formatParam.safeParse(query.f);
  if (!parsed.success) throw zodFailure(parsed.error);
}
