// zod schemas of create (POST) and update (PATCH) bodies, strict: an unknown member, a wrong type or a bad time
// is a 400 naming the member. Nested entities may be given inline (deep insert) or as a link {"@iot.id": n}.
import { z } from 'zod';
import { parseInstantMs, parseTimeOrInterval } from '../time.ts';

const MAX_TEXT = 10_000;
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text without NUL or unpaired surrogates (they break logs and some clients; RELIABILITY.md #12). */
const text = (max = MAX_TEXT) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes('\u0000') && !UNPAIRED_SURROGATE.test(s), { message: 'contains a NUL character or an unpaired surrogate' });

const id = z.union([z.number().int().positive(), z.string().regex(/^[1-9][0-9]{0,15}$/).transform(Number)]);
export const link = z.strictObject({ '@iot.id': id });
export type Link = z.infer<typeof link>;

const jsonObject = z.record(z.string(), z.unknown());
const geojson = z.looseObject({ type: z.string().min(1).max(40) });
const instant = z.string().refine((s) => parseInstantMs(s) !== undefined, { message: 'expected an ISO 8601 date-time with a zone, e.g. 2026-01-10T12:00:00Z' });
const timeOrInterval = z
  .string()
  .refine((s) => parseTimeOrInterval(s) !== undefined, { message: 'expected an ISO 8601 date-time with a zone or an interval start/end' });
const interval = z.string().refine((s) => parseTimeOrInterval(s)?.isInterval === true, { message: 'expected an ISO 8601 interval start/end' });

/** Either a link to an existing entity or a new one; errors are reported for the branch the input looks like. */
const linkOr = <T extends z.ZodType>(entity: T) => z.union([link, entity]);

const thingFields = { name: text(), description: text(), properties: jsonObject.nullable().optional() };
const locationFields = {
  name: text(),
  description: text(),
  encodingType: text(200),
  location: geojson,
  properties: jsonObject.nullable().optional(),
};
export const locationBody = z.strictObject({ ...locationFields, Things: z.array(link).max(100).optional() });
export type LocationBody = z.infer<typeof locationBody>;

export const sensorBody = z.strictObject({
  name: text(),
  description: text(),
  encodingType: text(200),
  metadata: text(),
  properties: jsonObject.nullable().optional(),
});
export type SensorBody = z.infer<typeof sensorBody>;

export const observedPropertyBody = z.strictObject({
  name: text(),
  definition: text(2000),
  description: text(),
  properties: jsonObject.nullable().optional(),
});
export type ObservedPropertyBody = z.infer<typeof observedPropertyBody>;

export const featureOfInterestBody = z.strictObject({
  name: text(),
  description: text(),
  encodingType: text(200),
  feature: geojson,
  properties: jsonObject.nullable().optional(),
});
export type FeatureOfInterestBody = z.infer<typeof featureOfInterestBody>;

const observationFields = {
  phenomenonTime: timeOrInterval.optional(),
  result: z.unknown(),
  resultTime: instant.nullable().optional(),
  resultQuality: z.unknown().optional(),
  validTime: interval.nullable().optional(),
  parameters: jsonObject.nullable().optional(),
  FeatureOfInterest: linkOr(featureOfInterestBody).optional(),
};
const requireResult = (o: Record<string, unknown>, ctx: z.RefinementCtx) => {
  if (!Object.hasOwn(o, 'result')) ctx.addIssue({ code: 'custom', path: ['result'], message: 'result is required' });
};
/** An Observation inside a Datastream (deep insert) or POSTed to Datastreams(n)/Observations. */
export const observationInDatastreamBody = z.strictObject(observationFields).superRefine(requireResult);
export const observationBody = z.strictObject({ ...observationFields, Datastream: link.optional() }).superRefine(requireResult);
export type ObservationBody = z.infer<typeof observationBody>;

const unitOfMeasurement = z.strictObject({
  name: text(200).nullable(),
  symbol: text(50).nullable(),
  definition: text(2000).nullable(),
});
const datastreamFields = {
  name: text(),
  description: text(),
  unitOfMeasurement,
  observationType: text(500),
  observedArea: geojson.nullable().optional(),
  phenomenonTime: interval.nullable().optional(),
  resultTime: interval.nullable().optional(),
  properties: jsonObject.nullable().optional(),
  Sensor: linkOr(sensorBody),
  ObservedProperty: linkOr(observedPropertyBody),
  Observations: z.array(observationInDatastreamBody).max(10_000).optional(),
};
/** A Datastream inside a Thing, or POSTed to Things(n)/Datastreams: its Thing is implied. */
export const datastreamInThingBody = z.strictObject(datastreamFields);
export type DatastreamInThingBody = z.infer<typeof datastreamInThingBody>;

export const thingBody = z.strictObject({
  ...thingFields,
  Locations: z.array(linkOr(z.strictObject(locationFields))).max(100).optional(),
  Datastreams: z.array(datastreamInThingBody).max(1000).optional(),
});
export type ThingBody = z.infer<typeof thingBody>;

export const datastreamBody = z.strictObject({ ...datastreamFields, Thing: linkOr(thingBody).optional() });
export type DatastreamBody = z.infer<typeof datastreamBody>;

export const historicalLocationBody = z.strictObject({
  time: instant,
  Thing: link.optional(),
  Locations: z.array(link).min(1).max(100),
});
export type HistoricalLocationBody = z.infer<typeof historicalLocationBody>;

/** PATCH: the entity's own properties, all optional; links and nested entities are not changed by PATCH here. */
export const patchBodies = {
  Things: z.strictObject(thingFields).partial(),
  Locations: z.strictObject(locationFields).partial(),
  HistoricalLocations: z.strictObject({ time: instant }).partial(),
  Datastreams: z
    .strictObject({
      name: text(),
      description: text(),
      unitOfMeasurement,
      observationType: text(500),
      observedArea: geojson.nullable(),
      properties: jsonObject.nullable(),
    })
    .partial(),
  Sensors: sensorBody.partial(),
  ObservedProperties: observedPropertyBody.partial(),
  Observations: z
    .strictObject({
      phenomenonTime: timeOrInterval,
      result: z.unknown(),
      resultTime: instant.nullable(),
      resultQuality: z.unknown(),
      validTime: interval.nullable(),
      parameters: jsonObject.nullable(),
    })
    .partial(),
  FeaturesOfInterest: featureOfInterestBody.partial(),
} as const;

export const DATA_ARRAY_COMPONENTS = ['phenomenonTime', 'result', 'resultTime', 'resultQuality', 'validTime', 'parameters', 'FeatureOfInterest/id'] as const;
export type DataArrayComponent = (typeof DATA_ARRAY_COMPONENTS)[number];

export const createObservationsBody = z
  .array(
    z.strictObject({
      Datastream: link,
      components: z.array(z.enum(DATA_ARRAY_COMPONENTS)).min(1).max(DATA_ARRAY_COMPONENTS.length),
      'dataArray@iot.count': z.number().int().min(0).optional(),
      dataArray: z.array(z.array(z.unknown())),
    }),
  )
  .min(1)
  .max(1000);
export type CreateObservationsBody = z.infer<typeof createObservationsBody>;

/** Deepest nesting of any JSON value in a body; deeper values are refused before zod or JSON.stringify recurse. */
export const MAX_JSON_DEPTH = 32;

/** Iterative, so a 100 000-deep array cannot overflow the stack while being measured. */
export function jsonDepthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d > max) return true;
    for (const child of Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, d + 1]);
  }
  return false;
}
