// Rules of the MultiDatastream extension that are not plain schema: an Observation's result is an array with one
// member per ObservedProperty, each member of the kind its multiObservationDataType names; PATCHes may not break
// that. Pure checks plus two small store look-ups; errors name the body field.
import type Database from 'better-sqlite3';
import { InvalidParameter } from '../../errors.ts';

const OM = 'http://www.opengis.net/def/observationType/OGC-OM/2.0/';

/** What a member must be for the O&M observation types with a simple result; other types accept any JSON value. */
const MEMBER_CHECKS: Record<string, { test: (v: unknown) => boolean; expected: string }> = {
  [`${OM}OM_Measurement`]: { test: (v) => typeof v === 'number' && Number.isFinite(v), expected: 'a number' },
  [`${OM}OM_CountObservation`]: { test: (v) => Number.isInteger(v), expected: 'an integer' },
  [`${OM}OM_TruthObservation`]: { test: (v) => typeof v === 'boolean', expected: 'true or false' },
  [`${OM}OM_CategoryObservation`]: { test: (v) => typeof v === 'string', expected: 'a string (category URI)' },
};

/**
 * Why `result` does not fit a MultiDatastream with these data types, or undefined when it does. A member may be
 * null: a station that failed to measure one quantity still reports the others.
 */
export function multiResultProblem(result: unknown, dataTypes: readonly string[]): string | undefined {
  if (!Array.isArray(result)) return `must be an array with one value per ObservedProperty (${dataTypes.length})`;
  if (result.length !== dataTypes.length) return `has ${result.length} values; this MultiDatastream has ${dataTypes.length} ObservedProperties`;
  for (let i = 0; i < result.length; i++) {
    const check = MEMBER_CHECKS[dataTypes[i]];
    if (check && result[i] !== null && !check.test(result[i])) return `member ${i} must be ${check.expected} (${dataTypes[i].slice(OM.length)}) or null`;
  }
  return undefined;
}

const invalid = (field: string, message: string) => new InvalidParameter(`Invalid body parameter: ${field}: ${message}`, { errors: [{ in: 'body', field, message }] });

/** The multiObservationDataTypes of a stored MultiDatastream (undefined if there is none with that id). */
export function multiDataTypesOf(db: Database.Database, multiDatastreamId: number): string[] | undefined {
  const row = db.prepare('SELECT multi_observation_data_types AS t FROM multi_datastreams WHERE id = ?').get(multiDatastreamId) as { t: string } | undefined;
  return row ? (JSON.parse(row.t) as string[]) : undefined;
}

/** A PATCH of a MultiDatastream may replace its member arrays only with arrays as long as its ObservedProperties. */
export function checkMultiDatastreamPatch(db: Database.Database, id: number, body: Record<string, unknown>): void {
  const { n } = db.prepare('SELECT count(*) AS n FROM multi_datastream_observed_properties WHERE multi_datastream_id = ?').get(id) as { n: number };
  for (const key of ['unitOfMeasurements', 'multiObservationDataTypes']) {
    const v = body[key];
    if (Array.isArray(v) && v.length !== n) throw invalid(key, `has ${v.length} members for ${n} ObservedProperties; give one per ObservedProperty`);
  }
}

/** A PATCH of a MultiDatastream's Observation must keep its result a fitting array. */
export function checkObservationPatch(db: Database.Database, id: number, body: Record<string, unknown>): void {
  if (!Object.hasOwn(body, 'result')) return;
  const row = db.prepare('SELECT multi_datastream_id AS m FROM observations WHERE id = ?').get(id) as { m: number | null } | undefined;
  if (!row || row.m === null) return;
  const problem = multiResultProblem(body.result, multiDataTypesOf(db, row.m) ?? []);
  if (problem) throw invalid('result', problem);
}
