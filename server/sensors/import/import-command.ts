// `tweeling import sensors <file>`: reads a Luchtmeetnet JSON response, a Sensor.Community JSON array or an
// observations CSV and stores it in the sensor database in one transaction: all or nothing, unless skipInvalid,
// in which case the valid records are stored and the invalid ones reported. Wiring only; parsing lives beside it.
import fs from 'node:fs/promises';
import path from 'node:path';
import { InvalidParameter } from '../../errors.ts';
import { type Progress, silentProgress } from '../../log.ts';
import { createSensorWriter, type ObservationRow } from '../sta/write-entities.ts';
import type { SensorStore } from '../store/sensor-store.ts';
import { ImportFormatError, type SkippedRecord } from './import-model.ts';
import { parseLuchtmeetnet } from './parse-luchtmeetnet.ts';
import { parseStaExport } from './parse-sta-export.ts';
import { parseObservationsCsv } from './parse-observations-csv.ts';
import { parseSensorCommunity } from './parse-sensor-community.ts';
import { type ImportCounts, writeImport } from './write-import.ts';

export const SENSOR_IMPORT_FORMATS = ['sensorthings', 'luchtmeetnet', 'sensor-community', 'csv'] as const;
export type SensorImportFormat = (typeof SENSOR_IMPORT_FORMATS)[number];

export interface ImportSensorsOptions {
  /** Detected from the file when absent: .csv → csv; a JSON array → sensor-community; {"data": …} → luchtmeetnet. */
  format?: SensorImportFormat;
  skipInvalid?: boolean;
  /** Luchtmeetnet station number for a station document (the document itself does not carry it). */
  stationNumber?: string;
  /** Shows the phases (read, check, write) of a long import; silent by default. */
  progress?: Progress;
}

export interface ImportSensorsResult extends ImportCounts {
  format: SensorImportFormat;
  skipped: SkippedRecord[];
}

const MAX_FILE_BYTES = 200 * 1024 * 1024;

export async function importSensorsCommand(store: SensorStore, file: string, options: ImportSensorsOptions = {}): Promise<ImportSensorsResult> {
  // Messages name the file, not its full path: they end up in logs and on screens.
  const label = path.basename(file);
  if (options.format !== undefined && !(SENSOR_IMPORT_FORMATS as readonly string[]).includes(options.format)) {
    throw new InvalidParameter(`unknown format '${String(options.format).slice(0, 40)}'; use one of ${SENSOR_IMPORT_FORMATS.join(', ')}`);
  }
  const stat = await fs.stat(file);
  if (stat.size > MAX_FILE_BYTES) throw new InvalidParameter(`${label}: larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; split it`);
  const progress = options.progress ?? silentProgress;
  progress.step(`Reading ${label} (${(stat.size / 1e6).toFixed(1)} MB)`);
  const text = await fs.readFile(file, 'utf8');
  const format = options.format ?? detectFormat(label, text);
  progress.done(format);
  try {
    if (format === 'csv') {
      progress.step('Checking and writing the observations');
      const result = { format, ...importCsv(store, text, label, options.skipInvalid === true) };
      progress.done(`${result.observations} observations`);
      return result;
    }
    if (format === 'sensorthings') {
      progress.step('Checking the Things');
      const parsed = parseStaExport(text);
      refuseInvalid(parsed.skipped, label, options.skipInvalid === true);
      progress.done(`${parsed.things.length} Things${parsed.skipped.length ? `, ${parsed.skipped.length} skipped` : ''}`);
      progress.step('Writing (one transaction)');
      const writer = createSensorWriter(store.db);
      store.transaction(() => parsed.things.forEach((t, i) => writer.createThing(t, `Thing ${i + 1}`)));
      const datastreams = parsed.things.reduce((n, t) => n + (t.Datastreams?.length ?? 0) + (t.MultiDatastreams?.length ?? 0), 0);
      const observations = parsed.things.reduce(
        (n, t) => n + [...(t.Datastreams ?? []), ...(t.MultiDatastreams ?? [])].reduce((m, d) => m + (d.Observations?.length ?? 0), 0),
        0,
      );
      progress.done(`${observations} observations`);
      return { format, thingsCreated: parsed.things.length, datastreamsCreated: datastreams, observations, duplicates: 0, skipped: parsed.skipped };
    }
    progress.step('Checking the records');
    const parsed = format === 'luchtmeetnet' ? parseLuchtmeetnet(text, { stationNumber: options.stationNumber }) : parseSensorCommunity(text);
    refuseInvalid(parsed.skipped, label, options.skipInvalid === true);
    progress.done(`${parsed.skipped.length} skipped`);
    progress.step('Writing (one transaction)');
    const counts = store.transaction(() => writeImport(store, parsed, label));
    progress.done(`${counts.observations} observations`);
    return { format, ...counts, skipped: parsed.skipped };
  } catch (err) {
    if (err instanceof ImportFormatError) throw new InvalidParameter(`${label}: ${err.message}`);
    throw err;
  }
}

function detectFormat(label: string, text: string): SensorImportFormat {
  if (label.toLowerCase().endsWith('.csv')) return 'csv';
  const start = text.trimStart()[0];
  // SensorThings responses carry @iot annotations; Luchtmeetnet and Sensor.Community never do.
  if ((start === '{' || start === '[') && text.slice(0, 20_000).includes('"@iot.')) return 'sensorthings';
  if (start === '[') return 'sensor-community';
  if (start === '{') return 'luchtmeetnet';
  throw new InvalidParameter(`${label}: cannot tell the format; pass format (${SENSOR_IMPORT_FORMATS.join(', ')})`);
}

function refuseInvalid(skipped: SkippedRecord[], label: string, skipInvalid: boolean): void {
  const invalid = skipped.filter((s) => !s.ignored);
  if (invalid.length === 0 || skipInvalid) return;
  const shown = invalid.slice(0, 10).map((s) => `${s.where}: ${s.message}`).join('; ');
  throw new InvalidParameter(`${label}: nothing imported, ${invalid.length} invalid record${invalid.length > 1 ? 's' : ''} (${shown}${invalid.length > 10 ? '; …' : ''}); fix them or use skip-invalid`, {
    errors: invalid.slice(0, 100).map((s) => ({ in: 'file', field: s.where, message: s.message })),
  });
}

function importCsv(store: SensorStore, text: string, label: string, skipInvalid: boolean): ImportCounts & { skipped: SkippedRecord[] } {
  const { rows, skipped } = parseObservationsCsv(text);
  const db = store.db;
  const writer = createSensorWriter(db);
  const byId = db.prepare('SELECT id FROM datastreams WHERE id = ?');
  const byName = db.prepare('SELECT id FROM datastreams WHERE name = ? LIMIT 2');
  const exists = db.prepare('SELECT 1 FROM observations WHERE datastream_id = ? AND phenomenon_time = ? LIMIT 1');
  return store.transaction(() => {
    const resolved = new Map<number | string, number | string>();
    const resolve = (ref: number | string): number | string => {
      if (!resolved.has(ref)) {
        if (typeof ref === 'number') resolved.set(ref, byId.get(ref) ? ref : `no Datastream with @iot.id ${ref}`);
        else {
          const hits = byName.all(ref) as { id: number }[];
          resolved.set(ref, hits.length === 1 ? hits[0].id : hits.length === 0 ? `no Datastream named '${ref.slice(0, 60)}'` : `more than one Datastream named '${ref.slice(0, 60)}'; use its @iot.id`);
        }
      }
      return resolved.get(ref)!;
    };
    const good: { ds: number; timeMs: number; value: number }[] = [];
    for (const r of rows) {
      const ds = resolve(r.datastream);
      if (typeof ds === 'string') skipped.push({ where: `line ${r.line}`, message: ds });
      else good.push({ ds, timeMs: r.timeMs, value: r.value });
    }
    skipped.sort((a, b) => Number(a.where.slice(5)) - Number(b.where.slice(5)));
    refuseInvalid(skipped, label, skipInvalid);
    const fois = new Map<number, number>();
    const out: ObservationRow[] = [];
    let duplicates = 0;
    const seen = new Set<string>();
    for (const g of good) {
      let foi = fois.get(g.ds);
      if (foi === undefined) {
        foi = writer.derivedFeatureOfInterest(g.ds, label);
        fois.set(g.ds, foi);
      }
      const seenKey = `${g.ds}:${g.timeMs}`;
      if (seen.has(seenKey) || exists.get(g.ds, g.timeMs)) {
        duplicates++;
        continue;
      }
      seen.add(seenKey);
      out.push({ datastreamId: g.ds, featureOfInterestId: foi, phenomenonTimeMs: g.timeMs, phenomenonTimeEndMs: null, resultTimeMs: null, result: g.value });
    }
    writer.insertObservationRows(out);
    return { thingsCreated: 0, datastreamsCreated: 0, observations: out.length, duplicates, skipped };
  });
}
