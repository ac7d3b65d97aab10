// Antenna import from CSV (one row per sector) or GeoJSON (one Point feature per sector, RD New coordinates).
// Pure: text in, antennas out; every error names the line or feature and the field, and all errors are reported
// at once so a planner can fix a file in one go.
import { z } from 'zod';
import { InvalidParameter } from '../../errors.ts';
import { readCsvRecords } from '../../health/read-csv-records.ts';
import { type Antenna, antenna } from './antenna.ts';

/** Columns a CSV must have; maxGainDbi, hBeamwidthDeg and vBeamwidthDeg are optional (panel defaults). */
export const ANTENNA_CSV_COLUMNS = ['id', 'siteId', 'operator', 'kind', 'x', 'y', 'groundM', 'heightM', 'buildingId', 'band', 'azimuthDeg', 'downtiltDeg', 'eirpDbm'] as const;
const OPTIONAL_COLUMNS = ['maxGainDbi', 'hBeamwidthDeg', 'vBeamwidthDeg'] as const;
const NUMERIC = new Set(['x', 'y', 'groundM', 'heightM', 'azimuthDeg', 'downtiltDeg', 'eirpDbm', 'maxGainDbi', 'hBeamwidthDeg', 'vBeamwidthDeg']);
const MAX_ANTENNAS = 100_000;

export interface ImportIssue {
  /** 'line 7' or 'feature 3 (id …)'. */
  where: string;
  field: string;
  message: string;
}

export function parseAntennaCsv(text: string, fileName: string): Antenna[] {
  const records = readCsvRecords(text, fileName).filter((r) => r.fields.some((f) => f !== ''));
  if (records.length === 0) throw new InvalidParameter(`${fileName}: empty file`);
  const [header, ...rows] = records;
  const columns = header.fields.map((f) => f.trim());
  const missing = ANTENNA_CSV_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new InvalidParameter(`${fileName} line ${header.line}: missing column(s) ${missing.join(', ')}`, { errors: missing.map((c) => ({ where: `line ${header.line}`, field: c, message: 'missing column' })) });
  const unknown = columns.filter((c) => !(ANTENNA_CSV_COLUMNS as readonly string[]).includes(c) && !(OPTIONAL_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) throw new InvalidParameter(`${fileName} line ${header.line}: unknown column(s) ${unknown.join(', ')}`);
  if (rows.length > MAX_ANTENNAS) throw new InvalidParameter(`${fileName}: more than ${MAX_ANTENNAS} antennas`);
  const issues: ImportIssue[] = [];
  const out: Antenna[] = [];
  for (const row of rows) {
    const where = `line ${row.line}`;
    if (row.fields.length !== columns.length) {
      issues.push({ where, field: '(row)', message: `expected ${columns.length} fields, found ${row.fields.length}` });
      continue;
    }
    const raw: Record<string, unknown> = {};
    columns.forEach((c, i) => {
      const v = row.fields[i];
      if (v === '' && (OPTIONAL_COLUMNS as readonly string[]).includes(c)) return;
      raw[c] = NUMERIC.has(c) ? toNumber(v) : c === 'buildingId' && v === '' ? null : v;
    });
    const { x, y, ...rest } = raw;
    const parsed = antenna.safeParse({ ...rest, position: [x, y] });
    if (parsed.success) out.push(parsed.data);
    else issues.push(...parsed.error.issues.map((i) => ({ where, field: fieldName(i.path), message: i.message })));
  }
  return finish(out, issues, fileName);
}

const geoJsonPoint = z.object({ type: z.literal('Point'), coordinates: z.array(z.number()).min(2).max(3) });
const geoJsonFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({ type: z.literal('Feature'), id: z.union([z.string(), z.number()]).optional(), geometry: z.unknown(), properties: z.record(z.string(), z.unknown()).nullable() })).max(MAX_ANTENNAS),
});

export function parseAntennaGeoJson(text: string, fileName: string): Antenna[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InvalidParameter(`${fileName}: not valid JSON (${(e as Error).message})`);
  }
  const fc = geoJsonFeatureCollection.safeParse(json);
  if (!fc.success) throw new InvalidParameter(`${fileName}: not a GeoJSON FeatureCollection: ${fc.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const issues: ImportIssue[] = [];
  const out: Antenna[] = [];
  fc.data.features.forEach((f, n) => {
    const props = f.properties ?? {};
    const id = f.id ?? props.id;
    const where = `feature ${n + 1}${id !== undefined ? ` (id ${String(id)})` : ''}`;
    const point = geoJsonPoint.safeParse(f.geometry);
    if (!point.success) {
      issues.push({ where, field: 'geometry', message: 'must be a Point with RD New coordinates' });
      return;
    }
    const { id: _id, ...rest } = props;
    const parsed = antenna.safeParse({ ...rest, id: id === undefined ? undefined : String(id), position: [point.data.coordinates[0], point.data.coordinates[1]] });
    if (parsed.success) out.push(parsed.data);
    else issues.push(...parsed.error.issues.map((i) => ({ where, field: fieldName(i.path), message: i.message })));
  });
  return finish(out, issues, fileName);
}

function finish(out: Antenna[], issues: ImportIssue[], fileName: string): Antenna[] {
  const seen = new Map<string, number>();
  out.forEach((a, i) => {
    if (seen.has(a.id)) issues.push({ where: `antenna ${i + 1}`, field: 'id', message: `duplicate id ${a.id}` });
    seen.set(a.id, i);
  });
  if (issues.length > 0) {
    const shown = issues.slice(0, 20).map((i) => `${i.where}: ${i.field}: ${i.message}`).join('; ');
    throw new InvalidParameter(`${fileName}: ${issues.length} problem(s): ${shown}${issues.length > 20 ? '; …' : ''}`, { errors: issues });
  }
  return out;
}

/** Numbers as people write them: decimal point, or a decimal comma (Dutch spreadsheets). Invalid stays a string for zod to name. */
function toNumber(v: string): number | string {
  const s = /^-?\d+,\d+$/.test(v) ? v.replace(',', '.') : v;
  const n = Number(s);
  return s !== '' && Number.isFinite(n) ? n : v;
}

/** position.0 / position.1 are the x and y columns in the files. */
function fieldName(path: readonly PropertyKey[]): string {
  if (path[0] === 'position') return path[1] === 1 ? 'y' : 'x';
  return path.map(String).join('.') || '(row)';
}
