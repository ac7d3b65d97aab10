// A SensorThings export as other services serve it (RIVM Samen Meten, 52°North, FROST): a Things response with
// expanded Locations and Datastreams (with Sensor, ObservedProperty and, if expanded, Observations). The server-side
// parts (ids, self and navigation links, counts, HistoricalLocations) are dropped and every Thing is checked
// against the same schema as a deep-insert POST, so an import creates exactly what the API would.
import { type ThingBody, thingBody } from '../sta/body-schemas.ts';
import { ImportFormatError, type SkippedRecord } from './import-model.ts';

export interface ParsedStaExport {
  things: ThingBody[];
  skipped: SkippedRecord[];
}

const DROPPED_NAVIGATIONS = new Set(['Things', 'Thing', 'Datastream', 'MultiDatastream', 'FeatureOfInterest']);

/** Removes what a server adds to an entity: @iot.* annotations, navigation links, read-only back-references. */
export function stripServerParts(value: unknown, depth = 0): unknown {
  if (depth > 12 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => stripServerParts(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key.startsWith('@iot.') || key.includes('@iot.')) continue;
    // Inside a Thing, back-references to parents and history are the server's, not the data's.
    if (DROPPED_NAVIGATIONS.has(key) && depth > 0) continue;
    // History is written by the server when Locations change; an import starts its own.
    if (key === 'HistoricalLocations') continue;
    // Free-form JSON (properties, location, result, parameters) is data, kept as it is.
    out[key] = key === 'properties' || key === 'location' || key === 'result' || key === 'parameters' || key === 'feature' ? v : stripServerParts(v, depth + 1);
  }
  return out;
}

/**
 * A Datastream exported without $expand=Sensor,ObservedProperty has only navigation links to them. The data model
 * needs both, so they are recorded as placeholders that keep the link: what they are is at the source, not here.
 */
export function fillUnexpanded(thing: unknown): unknown {
  if (!thing || typeof thing !== 'object' || Array.isArray(thing)) return thing;
  const t = thing as Record<string, unknown>;
  if (!Array.isArray(t.Datastreams)) return thing;
  const datastreams = t.Datastreams.map((d) => {
    if (!d || typeof d !== 'object') return d;
    const ds = { ...(d as Record<string, unknown>) };
    const sensorLink = ds['Sensor@iot.navigationLink'];
    if (ds.Sensor === undefined && typeof sensorLink === 'string') {
      ds.Sensor = { name: 'Sensor (not in the export)', description: `Not expanded in the export; see ${sensorLink.slice(0, 1000)}`, encodingType: 'text/plain', metadata: sensorLink.slice(0, 1000) };
    }
    const propertyLink = ds['ObservedProperty@iot.navigationLink'];
    if (ds.ObservedProperty === undefined && typeof propertyLink === 'string') {
      ds.ObservedProperty = { name: `${String(ds.name ?? 'ObservedProperty').slice(0, 200)} (not in the export)`, definition: propertyLink.slice(0, 1000), description: 'Not expanded in the export; the definition is the link to it at the source.' };
    }
    return ds;
  });
  return { ...t, Datastreams: datastreams };
}

/** Accepts a Things response ({"value": [...]}), a JSON array of Things, one Thing, or Thing objects back to back. */
export function parseStaExport(text: string): ParsedStaExport {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    try {
      // Some tools save the inside of a `value` array: objects separated by commas without brackets.
      doc = JSON.parse(`[${text}]`);
    } catch (err) {
      throw new ImportFormatError(`not JSON: ${(err as Error).message}`);
    }
  }
  const list = Array.isArray(doc) ? doc : doc && typeof doc === 'object' && Array.isArray((doc as { value?: unknown }).value) ? (doc as { value: unknown[] }).value : [doc];
  const things: ThingBody[] = [];
  const skipped: SkippedRecord[] = [];
  list.forEach((raw, i) => {
    const name = raw && typeof raw === 'object' && typeof (raw as { name?: unknown }).name === 'string' ? ` (${String((raw as { name: string }).name).slice(0, 60)})` : '';
    const result = thingBody.safeParse(stripServerParts(fillUnexpanded(raw)));
    if (result.success) things.push(result.data);
    else {
      const issue = result.error.issues[0];
      skipped.push({ where: `Thing ${i + 1}${name}`, message: `${issue.path.join('.') || '(root)'}: ${issue.message}` });
    }
  });
  if (things.length === 0 && skipped.length === 0) throw new ImportFormatError('no Things in the file');
  return { things, skipped };
}
