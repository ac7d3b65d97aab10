// OGC SensorThings API v1.1 Part 1 (Sensing) over HTTP, mounted at /sta/v1.1: service root, every entity set,
// navigation, $ref and $value, the query options, create (with deep insert), update, delete, the DataArray
// bulk create and the MultiDatastream extension. Parsing, SQL and JSON formatting live in server/sensors/sta/; this file is HTTP only.
import express, { type ErrorRequestHandler, type Request, type Response, Router } from 'express';
import type { z } from 'zod';
import { Conflict, InvalidParameter, NotFound, Unavailable } from '../errors.ts';
import {
  createObservationsBody,
  datastreamBody,
  datastreamInThingBody,
  featureOfInterestBody,
  historicalLocationBody,
  jsonDepthExceeds,
  locationBody,
  MAX_JSON_DEPTH,
  multiDatastreamBody,
  multiDatastreamInThingBody,
  observationBody,
  observationInDatastreamBody,
  observedPropertyBody,
  patchBodies,
  sensorBody,
  thingBody,
} from '../sensors/sta/body-schemas.ts';
import { dataArrayToRows } from '../sensors/sta/data-array.ts';
import { ENTITIES, ENTITY_SETS, type EntityDef } from '../sensors/sta/entities.ts';
import { FilterSyntaxError } from '../sensors/sta/filter-lexer.ts';
import { checkMultiDatastreamPatch, checkObservationPatch } from '../sensors/sta/multi-datastream.ts';
import { parseQueryOptions, QueryOptionError, type QueryOptions } from '../sensors/sta/query-options.ts';
import { createReadContext, nextLink, propertyValue, type ReadContext, readCollection, readEntity, selfLink, toDataArray } from '../sensors/sta/read-entities.ts';
import { deleteEntity, patchEntity } from '../sensors/sta/update-entities.ts';
import { createSensorWriter } from '../sensors/sta/write-entities.ts';
import { createIdempotencyLedger, requestHash, type StoredResponse } from '../sensors/store/idempotency.ts';
import type { SensorStore } from '../sensors/store/sensor-store.ts';
import { sendProblem } from './problem.ts';
import { resolveStaPath, type StaTarget } from './sta-path.ts';

export interface StaRouterOptions {
  /** Public URL of the service root, e.g. https://twin.example.nl/sta/v1.1; otherwise derived from the request. */
  baseUrl?: string;
  /** Largest request body; a DataArray batch of 100 000 observations is ~5 MB. */
  bodyLimit?: string;
}

const CONFORMANCE_PREFIX = 'http://www.opengis.net/spec/iot_sensing/1.1/conf/';
const CONFORMANCE = [
  'datamodel/thing',
  'datamodel/location',
  'datamodel/historical-location',
  'datamodel/datastream',
  'datamodel/sensor',
  'datamodel/observed-property',
  'datamodel/observation',
  'datamodel/feature-of-interest',
  'resource-path/resource-path-to-entities',
  'request-data',
  'create-update-delete',
  'data-array/data-array',
  'multi-datastream',
].map((c) => CONFORMANCE_PREFIX + c);

/** The standard's `properties` of every entity set are open JSON; an over-deep one is refused (RELIABILITY.md #9). */
function parseBody<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  if (jsonDepthExceeds(req.body, MAX_JSON_DEPTH)) {
    throw new InvalidParameter(`Invalid body: JSON nested deeper than ${MAX_JSON_DEPTH} levels`, { errors: [{ in: 'body', field: '(root)', message: 'too deep' }] });
  }
  const result = schema.safeParse(req.body);
  if (result.success) return result.data;
  const errors = result.error.issues.slice(0, 20).flatMap((i) => describeIssue(i));
  throw new InvalidParameter(`Invalid body parameter${errors.length > 1 ? 's' : ''}: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, { errors });
}

type Issue = z.core.$ZodIssue;
/** For a failed "link or inline entity" union, report the branch the input came closest to. */
function describeIssue(issue: Issue, prefix: (string | number)[] = []): { in: string; field: string; message: string }[] {
  const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const best = issue.errors.reduce((a, b) => (b.length <= a.length ? b : a));
    return best.flatMap((i) => describeIssue(i, path));
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => ({ in: 'body', field: [...path, k].join('.'), message: 'unknown property (not in SensorThings v1.1 for this entity)' }));
  }
  return [{ in: 'body', field: path.join('.') || '(root)', message: issue.message }];
}

export function staRouter(sensorStore: SensorStore, options: StaRouterOptions = {}): Router {
  const router = Router();
  const db = sensorStore.db;
  const writer = createSensorWriter(db);
  const ledger = createIdempotencyLedger(db);
  const base = (req: Request) => options.baseUrl?.replace(/\/$/, '') ?? `${req.protocol}://${req.get('host')}${req.baseUrl}`;

  const bodyLimit = options.bodyLimit ?? '8mb';
  router.use(express.json({ limit: bodyLimit, strict: true }));

  router.get('/', (req, res) => {
    const root = base(req);
    res.json({
      value: ENTITY_SETS.map((name) => ({ name, url: `${root}/${name}` })),
      serverSettings: { conformance: CONFORMANCE },
    });
  });

  router.post('/CreateObservations', (req, res) => {
    requireJson(req);
    const body = parseBody(createObservationsBody, req);
    const ctx = createReadContext(db, base(req));
    const response = idempotent(req, () => {
      const ids = writer.insertObservationRows(dataArrayToRows(body, writer, Date.now()));
      return { status: 201, location: null, body: JSON.stringify(ids.map((id) => selfLink(ctx, ENTITIES.Observations, id))) };
    });
    send(res, response);
  });

  router.use((req, res, next) => {
    const ctx = createReadContext(db, base(req));
    const target = guarded(() => resolveStaPath(db, req.path));
    switch (req.method) {
      case 'GET':
      case 'HEAD':
        return guarded(() => get(ctx, target, req, res));
      case 'POST':
        return guarded(() => post(ctx, target, req, res));
      case 'PATCH':
        return guarded(() => patch(ctx, target, req, res));
      case 'DELETE':
        return guarded(() => remove(target, res));
      default:
        return next();
    }
  });

  function get(ctx: ReadContext, target: StaTarget, req: Request, res: Response): void {
    if (target.kind === 'root') return void res.redirect(`${ctx.baseUrl}/`);
    if (target.kind === 'property') {
      if (Object.keys(req.query).length > 0) throw new InvalidParameter('Query options do not apply to a single property');
      const row = db.prepare(`SELECT * FROM ${target.entity.table} WHERE id = ?`).get(target.id) as Record<string, unknown>;
      const name = target.property === 'id' ? '@iot.id' : target.property.name;
      const value = target.property === 'id' ? target.id : propertyValue(target.property, row);
      if (!target.raw) return void res.json({ [name]: value });
      if (value === null) return void res.status(204).end();
      return void res.type(typeof value === 'object' ? 'application/json' : 'text/plain').send(typeof value === 'object' ? JSON.stringify(value) : String(value));
    }
    const opts = queryOptions(target.entity, req);
    if (target.kind === 'entity') {
      if (target.ref) return void res.json({ '@iot.selfLink': selfLink(ctx, target.entity, target.id) });
      const entity = readEntity(ctx, target.entity, target.id, opts);
      if (!entity) throw new NotFound(`No ${target.entity.singular} with @iot.id ${target.id}`);
      return void res.json(entity);
    }
    const page = readCollection(ctx, target.entity, target.where, opts, target.order);
    const out: Record<string, unknown> = {};
    if (page.count !== undefined) out['@iot.count'] = page.count;
    if (page.nextSkip !== undefined) out['@iot.nextLink'] = nextLink(`${ctx.baseUrl}${req.path}`, opts, page.nextSkip);
    if (target.ref) out.value = page.value.map((e) => ({ '@iot.selfLink': e['@iot.selfLink'] ?? selfLink(ctx, target.entity, e['@iot.id'] as number) }));
    else if (opts.resultFormat === 'dataArray') out.value = toDataArray(ctx, page.rows, opts);
    else out.value = page.value;
    res.json(out);
  }

  function post(ctx: ReadContext, target: StaTarget, req: Request, res: Response): void {
    requireJson(req);
    if (target.kind !== 'collection' || target.ref) throw new InvalidParameter('POST creates entities: send it to an entity set, e.g. /Things or /Things(1)/Datastreams');
    const set = target.entity.set;
    const parent = target.parent;
    const via = parent ? `${parent.entity.set}/${parent.navigation}` : set;
    const create = (): number => {
      switch (via) {
        case 'Things':
          return writer.createThing(parseBody(thingBody, req));
        case 'Locations':
          return writer.createLocation(parseBody(locationBody, req), '(root)');
        case 'Things/Locations': {
          const locationId = writer.createLocation(parseBody(locationBody, req), '(root)');
          writer.linkThingToLocations(parent!.id, [locationId]);
          return locationId;
        }
        case 'HistoricalLocations':
          return writer.createHistoricalLocation(parseBody(historicalLocationBody, req), undefined);
        case 'Things/HistoricalLocations':
          return writer.createHistoricalLocation(parseBody(historicalLocationBody, req), parent!.id);
        case 'Datastreams':
          return writer.createDatastream(parseBody(datastreamBody, req), undefined);
        case 'Things/Datastreams':
          return writer.createDatastream(parseBody(datastreamInThingBody, req), parent!.id);
        case 'MultiDatastreams':
          return writer.createMultiDatastream(parseBody(multiDatastreamBody, req), undefined);
        case 'Things/MultiDatastreams':
          return writer.createMultiDatastream(parseBody(multiDatastreamInThingBody, req), parent!.id);
        case 'Sensors':
          return writer.createSensor(parseBody(sensorBody, req));
        case 'ObservedProperties':
          return writer.createObservedProperty(parseBody(observedPropertyBody, req));
        case 'FeaturesOfInterest':
          return writer.createFeatureOfInterest(parseBody(featureOfInterestBody, req));
        case 'Observations':
          return writer.createObservation(parseBody(observationBody, req));
        case 'Datastreams/Observations':
          return writer.createObservation({ ...parseBody(observationInDatastreamBody, req), Datastream: { '@iot.id': parent!.id } });
        case 'MultiDatastreams/Observations':
          return writer.createObservation({ ...parseBody(observationInDatastreamBody, req), MultiDatastream: { '@iot.id': parent!.id } });
        default:
          throw new InvalidParameter(`Creating ${set} through ${via} is not supported; POST to /${set}`);
      }
    };
    const response = idempotent(req, () => {
      const id = create();
      const entity = readEntity(ctx, target.entity, id, parseQueryOptions(target.entity, {}));
      return { status: 201, location: selfLink(ctx, target.entity, id), body: JSON.stringify(entity) };
    });
    send(res, response);
  }

  /**
   * Runs a create in one transaction; with an Idempotency-Key header the answer is recorded in that transaction
   * and a retry of the same request gets it back without writing again (RELIABILITY.md #19).
   */
  function idempotent(req: Request, write: () => StoredResponse): StoredResponse {
    const key = req.get('idempotency-key');
    if (key === undefined) return sensorStore.transaction(write);
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw new InvalidParameter('Invalid header Idempotency-Key: 1–200 visible ASCII characters', { errors: [{ in: 'header', field: 'Idempotency-Key', message: 'malformed' }] });
    const hash = requestHash(req.method, req.path, req.body);
    return sensorStore.transaction(() => {
      const now = Date.now();
      const seen = ledger.lookup(key, hash, now);
      if (seen.kind === 'replay') return seen.response;
      if (seen.kind === 'mismatch') throw new Conflict('This Idempotency-Key was already used for a different request.');
      const response = write();
      ledger.record(key, hash, response, now);
      return response;
    });
  }

  function patch(ctx: ReadContext, target: StaTarget, req: Request, res: Response): void {
    requireJson(req);
    if (target.kind !== 'entity' || target.ref) throw new InvalidParameter('PATCH updates one entity, e.g. /Things(1)');
    const body = parseBody(patchBodies[target.entity.set], req) as Record<string, unknown>;
    sensorStore.transaction(() => {
      if (target.entity.set === 'MultiDatastreams') checkMultiDatastreamPatch(db, target.id, body);
      if (target.entity.set === 'Observations') checkObservationPatch(db, target.id, body);
      patchEntity(db, target.entity.set, target.id, body);
    });
    res.json(readEntity(ctx, target.entity, target.id, parseQueryOptions(target.entity, {})));
  }

  function remove(target: StaTarget, res: Response): void {
    if (target.kind !== 'entity' || target.ref) throw new InvalidParameter('DELETE removes one entity, e.g. /Things(1)');
    sensorStore.transaction(() => deleteEntity(db, target.entity.set, target.id));
    res.status(200).end();
  }

  router.use(bodyErrors(bodyLimit));
  return router;
}

function send(res: Response, r: StoredResponse): void {
  if (r.location) res.location(r.location);
  res.status(r.status).type('application/json').send(r.body);
}

function queryOptions(entity: EntityDef, req: Request): QueryOptions {
  return parseQueryOptions(entity, req.query as Record<string, unknown>);
}

function requireJson(req: Request): void {
  if (!req.is('application/json')) throw new UnsupportedMediaType();
  if (req.body === undefined) throw new InvalidParameter('Invalid body: missing JSON body', { errors: [{ in: 'body', field: '(root)', message: 'missing' }] });
}

class UnsupportedMediaType extends Error {}

/** Translates errors of this router's own making to the server's error family (query and filter errors → 400). */
function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof QueryOptionError) {
      throw new InvalidParameter(`Invalid query parameter: ${err.message}`, { errors: [{ in: 'query', field: err.option, message: err.detail }] });
    }
    if (err instanceof FilterSyntaxError) {
      throw new InvalidParameter(`Invalid query parameter: ${err.message}`, { errors: [{ in: 'query', field: '$filter/$orderby', message: err.message }] });
    }
    if (err instanceof Error && (err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new Unavailable('The sensor database is busy; try again shortly.', { retryAfterS: 1 });
    }
    throw err;
  }
}

/** Body problems of this router: the parser's position for malformed JSON, 413/415 with a problem body. */
const bodyErrors = (limit: string): ErrorRequestHandler => (err, _req, res, next) => {
  if (err instanceof UnsupportedMediaType) return void sendProblem(res, 415, 'unsupported-media-type', 'Send the body as application/json.');
  const e = err as { type?: string; message?: string; status?: number };
  if (e?.type === 'entity.too.large') return void sendProblem(res, 413, 'too-large', `Request body is larger than the SensorThings API accepts (${limit}); split the batch.`);
  if (e?.type === 'entity.parse.failed') {
    // JSON.parse says where ("… in JSON at position 176"); pass that on, nothing else of the error.
    const where = /position (\d+)/.exec(e.message ?? '');
    const detail = `Request body is not valid JSON${where ? ` (error at character ${Number(where[1]) + 1})` : ''}`;
    return void sendProblem(res, 400, 'malformed-body', detail, { errors: [{ in: 'body', field: '(root)', message: detail }] });
  }
  next(err);
};
