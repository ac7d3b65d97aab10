// Creates, updates and deletes entities. Deep inserts recurse through the nested bodies; callers wrap a whole
// request in one transaction so a failure half-way leaves nothing behind. Statements are prepared once per writer.
import type Database from 'better-sqlite3';
import { InvalidParameter } from '../../errors.ts';
import { pointOfGeoJson } from '../store/geo-point.ts';
import { parseInstantMs, parseTimeOrInterval } from '../time.ts';
import type {
  DatastreamBody,
  DatastreamInThingBody,
  FeatureOfInterestBody,
  HistoricalLocationBody,
  Link,
  LocationBody,
  MultiDatastreamBody,
  MultiDatastreamInThingBody,
  ObservationBody,
  ObservedPropertyBody,
  SensorBody,
  ThingBody,
} from './body-schemas.ts';
import { ENTITIES, type EntitySet } from './entities.ts';
import { multiResultProblem } from './multi-datastream.ts';

type LinkOr<T> = Link | T;
const isLink = (v: object): v is Link => Object.hasOwn(v, '@iot.id');
const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/** One Observation row as stored; times in epoch ms. Exactly one of datastreamId and multiDatastreamId is set. */
export interface ObservationRow {
  datastreamId: number | null;
  /** MultiDatastream extension: the result is then an array already checked against the data types. */
  multiDatastreamId?: number | null;
  featureOfInterestId: number;
  phenomenonTimeMs: number;
  phenomenonTimeEndMs: number | null;
  resultTimeMs: number | null;
  result: unknown;
  resultQuality?: unknown;
  validTimeStartMs?: number | null;
  validTimeEndMs?: number | null;
  parameters?: unknown;
}

const invalid = (field: string, message: string) => new InvalidParameter(`Invalid body parameter: ${field}: ${message}`, { errors: [{ in: 'body', field, message }] });

export type SensorWriter = ReturnType<typeof createSensorWriter>;

export function createSensorWriter(db: Database.Database) {
  const s = {
    thing: db.prepare('INSERT INTO things(name, description, properties) VALUES (?, ?, ?)'),
    location: db.prepare('INSERT INTO locations(name, description, encoding_type, location, properties, lon, lat) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    thingLocation: db.prepare('INSERT OR IGNORE INTO thing_locations(thing_id, location_id) VALUES (?, ?)'),
    historicalLocation: db.prepare('INSERT INTO historical_locations(thing_id, time) VALUES (?, ?)'),
    hll: db.prepare('INSERT OR IGNORE INTO historical_location_locations(historical_location_id, location_id) VALUES (?, ?)'),
    sensor: db.prepare('INSERT INTO sensors(name, description, encoding_type, metadata, properties) VALUES (?, ?, ?, ?, ?)'),
    observedProperty: db.prepare('INSERT INTO observed_properties(name, definition, description, properties) VALUES (?, ?, ?, ?)'),
    datastream: db.prepare(
      `INSERT INTO datastreams(thing_id, sensor_id, observed_property_id, name, description, unit_of_measurement, observation_type,
         observed_area, phenomenon_time_start, phenomenon_time_end, result_time_start, result_time_end, properties)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    foi: db.prepare('INSERT INTO features_of_interest(name, description, encoding_type, feature, properties, lon, lat, from_location_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    observation: db.prepare(
      `INSERT INTO observations(datastream_id, multi_datastream_id, feature_of_interest_id, phenomenon_time, phenomenon_time_end, result_time, result,
         result_json, result_quality, valid_time_start, valid_time_end, parameters) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    multiDatastream: db.prepare(
      `INSERT INTO multi_datastreams(thing_id, sensor_id, name, description, unit_of_measurements, observation_type, multi_observation_data_types,
         observed_area, phenomenon_time_start, phenomenon_time_end, result_time_start, result_time_end, properties)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    multiDataTypes: db.prepare('SELECT multi_observation_data_types AS t FROM multi_datastreams WHERE id = ?'),
    multiObservedProperty: db.prepare('INSERT INTO multi_datastream_observed_properties(multi_datastream_id, observed_property_id, position) VALUES (?, ?, ?)'),
    widenDatastream: db.prepare(
      `UPDATE datastreams SET
         phenomenon_time_start = min(coalesce(phenomenon_time_start, ?), ?),
         phenomenon_time_end = max(coalesce(phenomenon_time_end, ?), ?),
         result_time_start = CASE WHEN ? IS NULL THEN result_time_start ELSE min(coalesce(result_time_start, ?), ?) END,
         result_time_end = CASE WHEN ? IS NULL THEN result_time_end ELSE max(coalesce(result_time_end, ?), ?) END
       WHERE id = ?`,
    ),
    widenMultiDatastream: db.prepare(
      `UPDATE multi_datastreams SET
         phenomenon_time_start = min(coalesce(phenomenon_time_start, ?), ?),
         phenomenon_time_end = max(coalesce(phenomenon_time_end, ?), ?),
         result_time_start = CASE WHEN ? IS NULL THEN result_time_start ELSE min(coalesce(result_time_start, ?), ?) END,
         result_time_end = CASE WHEN ? IS NULL THEN result_time_end ELSE max(coalesce(result_time_end, ?), ?) END
       WHERE id = ?`,
    ),
    thingLocationOfDatastream: db.prepare(
      `SELECT l.id, l.name, l.description, l.encoding_type, l.location, l.lon, l.lat FROM datastreams d
       JOIN thing_locations tl ON tl.thing_id = d.thing_id JOIN locations l ON l.id = tl.location_id
       WHERE d.id = ? ORDER BY l.id DESC LIMIT 1`,
    ),
    thingLocationOfMultiDatastream: db.prepare(
      `SELECT l.id, l.name, l.description, l.encoding_type, l.location, l.lon, l.lat FROM multi_datastreams d
       JOIN thing_locations tl ON tl.thing_id = d.thing_id JOIN locations l ON l.id = tl.location_id
       WHERE d.id = ? ORDER BY l.id DESC LIMIT 1`,
    ),
    foiOfLocation: db.prepare('SELECT id FROM features_of_interest WHERE from_location_id = ?'),
  };
  const exists = new Map<EntitySet, Database.Statement>();
  const existsStmt = (set: EntitySet) => {
    let st = exists.get(set);
    if (!st) {
      st = db.prepare(`SELECT 1 FROM ${ENTITIES[set].table} WHERE id = ?`);
      exists.set(set, st);
    }
    return st;
  };

  function requireExisting(set: EntitySet, id: number, field: string): number {
    if (existsStmt(set).get(id) === undefined) throw invalid(field, `no ${ENTITIES[set].singular} with @iot.id ${id}`);
    return id;
  }

  /** The multiObservationDataTypes of a MultiDatastream, which its Observations' results are checked against. */
  function multiDataTypes(multiDatastreamId: number): string[] | undefined {
    const row = s.multiDataTypes.get(multiDatastreamId) as { t: string } | undefined;
    return row ? (JSON.parse(row.t) as string[]) : undefined;
  }

  function createLocation(body: Omit<LocationBody, 'Things'> & { Things?: Link[] }, field: string): number {
    const point = pointOfGeoJson(body.location);
    const id = Number(
      s.location.run(body.name, body.description, body.encodingType, JSON.stringify(body.location), json(body.properties), point?.[0] ?? null, point?.[1] ?? null)
        .lastInsertRowid,
    );
    (body.Things ?? []).forEach((t, i) => {
      const thingId = requireExisting('Things', t['@iot.id'], `${field}.Things.${i}`);
      linkThingToLocations(thingId, [id]);
    });
    return id;
  }

  /** Linking a Thing to Locations records a HistoricalLocation, as the standard requires. */
  function linkThingToLocations(thingId: number, locationIds: number[]): void {
    for (const l of locationIds) s.thingLocation.run(thingId, l);
    const hl = Number(s.historicalLocation.run(thingId, Date.now()).lastInsertRowid);
    for (const l of locationIds) s.hll.run(hl, l);
  }

  function createSensor(body: SensorBody): number {
    return Number(s.sensor.run(body.name, body.description, body.encodingType, body.metadata, json(body.properties)).lastInsertRowid);
  }

  function createObservedProperty(body: ObservedPropertyBody): number {
    return Number(s.observedProperty.run(body.name, body.definition, body.description, json(body.properties)).lastInsertRowid);
  }

  function createFeatureOfInterest(body: FeatureOfInterestBody, fromLocationId: number | null = null): number {
    const point = pointOfGeoJson(body.feature);
    return Number(
      s.foi.run(body.name, body.description, body.encodingType, JSON.stringify(body.feature), json(body.properties), point?.[0] ?? null, point?.[1] ?? null, fromLocationId)
        .lastInsertRowid,
    );
  }

  function linkOrCreate<T>(set: EntitySet, value: LinkOr<T>, field: string, create: (v: T) => number): number {
    return isLink(value as object) ? requireExisting(set, (value as Link)['@iot.id'], field) : create(value as T);
  }

  function createThing(body: ThingBody, field = '(root)'): number {
    const id = Number(s.thing.run(body.name, body.description, json(body.properties)).lastInsertRowid);
    const at = (f: string) => (field === '(root)' ? f : `${field}.${f}`);
    const locationIds = (body.Locations ?? []).map((l, i) =>
      linkOrCreate('Locations', l, at(`Locations.${i}`), (v: Omit<LocationBody, 'Things'>) => createLocation(v, at(`Locations.${i}`))),
    );
    if (locationIds.length > 0) linkThingToLocations(id, locationIds);
    (body.Datastreams ?? []).forEach((d, i) => createDatastream(d, id, at(`Datastreams.${i}`)));
    (body.MultiDatastreams ?? []).forEach((d, i) => createMultiDatastream(d, id, at(`MultiDatastreams.${i}`)));
    return id;
  }

  /** The Thing a (Multi)Datastream posted on its own names: a link or an inline Thing, created here. */
  function owningThing(t: DatastreamBody['Thing'], what: string, field: string): number {
    if (!t) throw invalid(field, `${what} needs a Thing (inline or {"@iot.id": n})`);
    return linkOrCreate('Things', t, field, (v: ThingBody) => createThing(v, field));
  }

  /** MultiDatastream extension: like a Datastream, with an ordered list of ObservedProperties (each used once). */
  function createMultiDatastream(body: MultiDatastreamInThingBody | MultiDatastreamBody, thingId: number | undefined, field = '(root)'): number {
    const at = (f: string) => (field === '(root)' ? f : `${field}.${f}`);
    const thing = thingId ?? owningThing((body as MultiDatastreamBody).Thing, 'a MultiDatastream', at('Thing'));
    const sensor = linkOrCreate('Sensors', body.Sensor, at('Sensor'), createSensor);
    const ops = body.ObservedProperties.map((op, i) => linkOrCreate('ObservedProperties', op, at(`ObservedProperties.${i}`), createObservedProperty));
    // One position per ObservedProperty: a repeat would make the navigation list shorter than the result arrays.
    const repeated = ops.findIndex((op, i) => ops.indexOf(op) !== i);
    if (repeated >= 0) throw invalid(at(`ObservedProperties.${repeated}`), `ObservedProperty ${ops[repeated]} is already member ${ops.indexOf(ops[repeated])}`);
    const pt = body.phenomenonTime ? parseTimeOrInterval(body.phenomenonTime) : undefined;
    const rt = body.resultTime ? parseTimeOrInterval(body.resultTime) : undefined;
    const id = Number(
      s.multiDatastream.run(
        thing,
        sensor,
        body.name,
        body.description,
        JSON.stringify(body.unitOfMeasurements),
        body.observationType,
        JSON.stringify(body.multiObservationDataTypes),
        json(body.observedArea),
        pt?.startMs ?? null,
        pt?.endMs ?? null,
        rt?.startMs ?? null,
        rt?.endMs ?? null,
        json(body.properties),
      ).lastInsertRowid,
    );
    ops.forEach((op, position) => s.multiObservedProperty.run(id, op, position));
    (body.Observations ?? []).forEach((o, i) => createObservation({ ...o, MultiDatastream: { '@iot.id': id } }, at(`Observations.${i}`)));
    return id;
  }

  function createDatastream(body: DatastreamInThingBody | DatastreamBody, thingId: number | undefined, field = '(root)'): number {
    const at = (f: string) => (field === '(root)' ? f : `${field}.${f}`);
    const thing = thingId ?? owningThing((body as DatastreamBody).Thing, 'a Datastream', at('Thing'));
    const sensor = linkOrCreate('Sensors', body.Sensor, at('Sensor'), createSensor);
    const op = linkOrCreate('ObservedProperties', body.ObservedProperty, at('ObservedProperty'), createObservedProperty);
    const pt = body.phenomenonTime ? parseTimeOrInterval(body.phenomenonTime) : undefined;
    const rt = body.resultTime ? parseTimeOrInterval(body.resultTime) : undefined;
    const id = Number(
      s.datastream.run(
        thing,
        sensor,
        op,
        body.name,
        body.description,
        JSON.stringify(body.unitOfMeasurement),
        body.observationType,
        json(body.observedArea),
        pt?.startMs ?? null,
        pt?.endMs ?? null,
        rt?.startMs ?? null,
        rt?.endMs ?? null,
        json(body.properties),
      ).lastInsertRowid,
    );
    (body.Observations ?? []).forEach((o, i) => createObservation({ ...o, Datastream: { '@iot.id': id } }, at(`Observations.${i}`)));
    return id;
  }

  /** The FoI an Observation without one gets: derived once per Location of the (Multi)Datastream's Thing, then reused. */
  function derivedFeatureOfInterest(streamId: number, field: string, set: 'Datastreams' | 'MultiDatastreams' = 'Datastreams'): number {
    const query = set === 'Datastreams' ? s.thingLocationOfDatastream : s.thingLocationOfMultiDatastream;
    const loc = query.get(streamId) as
      | { id: number; name: string; description: string; encoding_type: string; location: string }
      | undefined;
    if (!loc) throw invalid(field, `no FeatureOfInterest given and the ${ENTITIES[set].singular}'s Thing has no Location to derive one from`);
    const existing = s.foiOfLocation.get(loc.id) as { id: number } | undefined;
    if (existing) return existing.id;
    return createFeatureOfInterest(
      { name: loc.name, description: loc.description, encodingType: loc.encoding_type, feature: JSON.parse(loc.location) as { type: string } },
      loc.id,
    );
  }

  function createObservation(body: ObservationBody, field = '(root)'): number {
    const at = (f: string) => (field === '(root)' ? f : `${field}.${f}`);
    if (!body.Datastream && !body.MultiDatastream) throw invalid(at('Datastream'), 'an Observation needs a Datastream {"@iot.id": n} or a MultiDatastream {"@iot.id": n}');
    if (body.Datastream && body.MultiDatastream) throw invalid(at('MultiDatastream'), 'an Observation belongs to a Datastream or to a MultiDatastream, not both');
    const ds = body.Datastream ? requireExisting('Datastreams', body.Datastream['@iot.id'], at('Datastream')) : null;
    const multi = body.MultiDatastream ? requireExisting('MultiDatastreams', body.MultiDatastream['@iot.id'], at('MultiDatastream')) : null;
    if (multi !== null) {
      const problem = multiResultProblem(body.result, multiDataTypes(multi) ?? []);
      if (problem) throw invalid(at('result'), problem);
    }
    const foi = body.FeatureOfInterest
      ? linkOrCreate('FeaturesOfInterest', body.FeatureOfInterest, at('FeatureOfInterest'), (v: FeatureOfInterestBody) => createFeatureOfInterest(v))
      : ds !== null
        ? derivedFeatureOfInterest(ds, at('FeatureOfInterest'))
        : derivedFeatureOfInterest(multi!, at('FeatureOfInterest'), 'MultiDatastreams');
    // Without a phenomenonTime the server's time of receipt is used (SensorThings 1.1, Observation).
    const pt = body.phenomenonTime ? parseTimeOrInterval(body.phenomenonTime)! : { startMs: Date.now(), endMs: Date.now(), isInterval: false };
    const vt = body.validTime ? parseTimeOrInterval(body.validTime)! : undefined;
    const ids = insertObservationRows([
      {
        datastreamId: ds,
        multiDatastreamId: multi,
        featureOfInterestId: foi,
        phenomenonTimeMs: pt.startMs,
        phenomenonTimeEndMs: pt.isInterval ? pt.endMs : null,
        resultTimeMs: body.resultTime ? parseInstantMs(body.resultTime)! : null,
        result: body.result,
        resultQuality: body.resultQuality,
        validTimeStartMs: vt?.startMs ?? null,
        validTimeEndMs: vt?.endMs ?? null,
        parameters: body.parameters,
      },
    ]);
    return ids[0];
  }

  /** The fast path for bulk loads: rows are already checked; call inside a transaction. Returns the new ids. */
  function insertObservationRows(rows: readonly ObservationRow[]): number[] {
    const ids: number[] = new Array(rows.length);
    // Keyed by the stream: positive ids for Datastreams, negative for MultiDatastreams.
    const extents = new Map<number, [number, number, number | null, number | null]>();
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const plain = typeof r.result === 'number' || typeof r.result === 'string';
      ids[i] = Number(
        s.observation.run(
          r.datastreamId,
          r.multiDatastreamId ?? null,
          r.featureOfInterestId,
          r.phenomenonTimeMs,
          r.phenomenonTimeEndMs,
          r.resultTimeMs,
          plain ? (r.result as number | string) : JSON.stringify(r.result ?? null),
          plain ? 0 : 1,
          json(r.resultQuality),
          r.validTimeStartMs ?? null,
          r.validTimeEndMs ?? null,
          json(r.parameters),
        ).lastInsertRowid,
      );
      const end = r.phenomenonTimeEndMs ?? r.phenomenonTimeMs;
      const stream = r.datastreamId ?? -(r.multiDatastreamId as number);
      const e = extents.get(stream);
      if (!e) extents.set(stream, [r.phenomenonTimeMs, end, r.resultTimeMs, r.resultTimeMs]);
      else {
        if (r.phenomenonTimeMs < e[0]) e[0] = r.phenomenonTimeMs;
        if (end > e[1]) e[1] = end;
        if (r.resultTimeMs !== null) {
          if (e[2] === null || r.resultTimeMs < e[2]) e[2] = r.resultTimeMs;
          if (e[3] === null || r.resultTimeMs > e[3]) e[3] = r.resultTimeMs;
        }
      }
    }
    for (const [stream, [a, b, c, d]] of extents) {
      if (stream > 0) s.widenDatastream.run(a, a, b, b, c, c, c, d, d, d, stream);
      else s.widenMultiDatastream.run(a, a, b, b, c, c, c, d, d, d, -stream);
    }
    return ids;
  }

  function createHistoricalLocation(body: HistoricalLocationBody, thingId: number | undefined): number {
    const thing = thingId ?? (body.Thing ? requireExisting('Things', body.Thing['@iot.id'], 'Thing') : undefined);
    if (thing === undefined) throw invalid('Thing', 'a HistoricalLocation needs a Thing {"@iot.id": n}');
    const locs = body.Locations.map((l, i) => requireExisting('Locations', l['@iot.id'], `Locations.${i}`));
    const id = Number(s.historicalLocation.run(thing, parseInstantMs(body.time)!).lastInsertRowid);
    for (const l of locs) s.hll.run(id, l);
    return id;
  }

  return {
    createThing,
    createLocation,
    linkThingToLocations,
    createSensor,
    createObservedProperty,
    createFeatureOfInterest,
    createDatastream,
    createMultiDatastream,
    createObservation,
    createHistoricalLocation,
    derivedFeatureOfInterest,
    insertObservationRows,
    requireExisting,
    multiDataTypes,
  };
}
