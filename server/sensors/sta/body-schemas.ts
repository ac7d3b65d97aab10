// zod schemas of create (POST) and update (PATCH) bodies, strict: an unknown member, a wrong type or a bad time
// is a 400 naming the member. Nested entities may be given inline (deep insert) or as a link {"@iot.id": n}.
import { z } from 'zod';
import { parseInstantMs, parseTimeOrInterval } from '../time.ts';
import { geoJsonProblem } from './geojson-geometry.ts';

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
const geojson = z.looseObject({ type: z.string().min(1).max(40) }).superRefine((value, ctx) => {
  // A malformed geometry would be stored and break every client that draws it (RELIABILITY.md #13).
  const problem = geoJsonProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
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
/** Posted to /Observations: it names its Datastream or (MultiDatastream extension) its MultiDatastream, not both. */
export const observationBody = z
  .strictObject({ ...observationFields, Datastream: link.optional(), MultiDatastream: link.optional() })
  .superRefine(requireResult)
  .superRefine((o, ctx) => {
    if (o.Datastream && o.MultiDatastream) {
      ctx.addIssue({ code: 'custom', path: ['MultiDatastream'], message: 'an Observation belongs to a Datastream or to a MultiDatastream, not both' });
    }
  });
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

/** The one observationType a MultiDatastream has (SensorThings 1.1, MultiDatastream extension). */
export const OM_COMPLEX_OBSERVATION = 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_ComplexObservation';
const MAX_MULTI_MEMBERS = 100;

const multiDatastreamFields = {
  name: text(),
  description: text(),
  unitOfMeasurements: z.array(unitOfMeasurement).min(1).max(MAX_MULTI_MEMBERS),
  observationType: z.literal(OM_COMPLEX_OBSERVATION, { message: `a MultiDatastream's observationType is ${OM_COMPLEX_OBSERVATION}` }),
  multiObservationDataTypes: z.array(text(500)).min(1).max(MAX_MULTI_MEMBERS),
  observedArea: geojson.nullable().optional(),
  phenomenonTime: interval.nullable().optional(),
  resultTime: interval.nullable().optional(),
  properties: jsonObject.nullable().optional(),
  Sensor: linkOr(sensorBody),
  ObservedProperties: z.array(linkOr(observedPropertyBody)).min(1).max(MAX_MULTI_MEMBERS),
  Observations: z.array(observationInDatastreamBody).max(10_000).optional(),
};
/** The three parallel arrays describe the same members, so they must be equally long (named: the one that is off). */
const sameMemberCount = (o: { unitOfMeasurements: unknown[]; multiObservationDataTypes: unknown[]; ObservedProperties: unknown[] }, ctx: z.RefinementCtx) => {
  const n = o.ObservedProperties.length;
  for (const key of ['unitOfMeasurements', 'multiObservationDataTypes'] as const) {
    if (o[key].length !== n) ctx.addIssue({ code: 'custom', path: [key], message: `has ${o[key].length} members for ${n} ObservedProperties; give one per ObservedProperty` });
  }
};
/** A MultiDatastream inside a Thing, or POSTed to Things(n)/MultiDatastreams: its Thing is implied. */
export const multiDatastreamInThingBody = z.strictObject(multiDatastreamFields).superRefine(sameMemberCount);
export type MultiDatastreamInThingBody = z.infer<typeof multiDatastreamInThingBody>;

export const thingBody = z.strictObject({
  ...thingFields,
  Locations: z.array(linkOr(z.strictObject(locationFields))).max(100).optional(),
  Datastreams: z.array(datastreamInThingBody).max(1000).optional(),
  MultiDatastreams: z.array(multiDatastreamInThingBody).max(1000).optional(),
});
export type ThingBody = z.infer<typeof thingBody>;

export const datastreamBody = z.strictObject({ ...datastreamFields, Thing: linkOr(thingBody).optional() });
export type DatastreamBody = z.infer<typeof datastreamBody>;

export const multiDatastreamBody = z.strictObject({ ...multiDatastreamFields, Thing: linkOr(thingBody).optional() }).superRefine(sameMemberCount);
export type MultiDatastreamBody = z.infer<typeof multiDatastreamBody>;

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
  // The member arrays may be replaced when their length stays that of the ObservedProperties (checked against the
  // store by multi-datastream.ts); the ObservedProperties themselves, like all links, are not changed by PATCH.
  MultiDatastreams: z
    .strictObject({
      name: text(),
      description: text(),
      unitOfMeasurements: z.array(unitOfMeasurement).min(1).max(MAX_MULTI_MEMBERS),
      multiObservationDataTypes: z.array(text(500)).min(1).max(MAX_MULTI_MEMBERS),
      observedArea: geojson.nullable(),
      properties: jsonObject.nullable(),
    })
    .partial(),
} as const;

export const DATA_ARRAY_COMPONENTS = ['phenomenonTime', 'result', 'resultTime', 'resultQuality', 'validTime', 'parameters', 'FeatureOfInterest/id'] as const;
export type DataArrayComponent = (typeof DATA_ARRAY_COMPONENTS)[number];

/** Each group names its Datastream, or (MultiDatastream extension) its MultiDatastream: exactly one of the two. */
export const createObservationsBody = z
  .array(
    z
      .strictObject({
        Datastream: link.optional(),
        'MultiDatastream@iot.id': id.optional(),
        MultiDatastream: link.optional(),
        components: z.array(z.enum(DATA_ARRAY_COMPONENTS)).min(1).max(DATA_ARRAY_COMPONENTS.length),
        'dataArray@iot.count': z.number().int().min(0).optional(),
        dataArray: z.array(z.array(z.unknown())),
      })
      .superRefine((g, ctx) => {
        const named = [g.Datastream, g['MultiDatastream@iot.id'], g.MultiDatastream].filter((x) => x !== undefined).length;
        if (named !== 1) {
          ctx.addIssue({ code: 'custom', path: ['Datastream'], message: 'name exactly one of Datastream {"@iot.id": n}, MultiDatastream {"@iot.id": n} or "MultiDatastream@iot.id": n' });
        }
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
