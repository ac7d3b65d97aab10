// A plain CSV of observations for existing Datastreams: header `datastream,time,value`; `datastream` is the
// Datastream's @iot.id or its exact name, `time` an ISO 8601 instant with a zone, `value` a number. Errors name the
// line (1-based, the header is line 1).
import { parseInstantMs } from '../time.ts';
import { ImportFormatError, type SkippedRecord } from './import-model.ts';

export interface CsvObservation {
  line: number;
  datastream: number | string;
  timeMs: number;
  value: number;
}

export function parseObservationsCsv(text: string): { rows: CsvObservation[]; skipped: SkippedRecord[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.split(',').map((h) => h.trim().toLowerCase());
  if (!header || header.join(',') !== 'datastream,time,value') throw new ImportFormatError('line 1: the header must be exactly datastream,time,value');
  const rows: CsvObservation[] = [];
  const skipped: SkippedRecord[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const where = `line ${i + 1}`;
    const cells = splitCsvLine(line);
    if (cells.length !== 3) {
      skipped.push({ where, message: `expected 3 fields, found ${cells.length}` });
      continue;
    }
    const [ds, time, value] = cells.map((c) => c.trim());
    if (ds === '') {
      skipped.push({ where, message: 'datastream is empty' });
      continue;
    }
    const t = parseInstantMs(time);
    if (t === undefined) {
      skipped.push({ where, message: `time '${time.slice(0, 40)}' is not an ISO 8601 date-time with a zone` });
      continue;
    }
    const v = Number(value);
    if (value === '' || !Number.isFinite(v)) {
      skipped.push({ where, message: `value '${value.slice(0, 40)}' is not a number` });
      continue;
    }
    rows.push({ line: i + 1, datastream: /^[1-9]\d{0,15}$/.test(ds) ? Number(ds) : ds, timeMs: t, value: v });
  }
  return { rows, skipped };
}

/** Fields separated by commas; a field may be quoted with "…" and contain "" for a quote. */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}
