// `tweeling import streets FILE…` and `tweeling import addresses FILE…`: read every file first (so one bad file
// stops the import before anything is written), then replace the store's streets or addresses in one transaction.
// For streets, the fibre engine's own topology repair (build-street-network.ts) runs on the result, and its report
// is what the command prints: the repairs the engine will make every time it plans on these streets.
import fs from 'node:fs';
import path from 'node:path';
import { type Street, street as streetSchema } from '../../../contracts/model.ts';
import { InvalidParameter } from '../../../errors.ts';
import { type Progress, silentProgress } from '../../../log.ts';
import type { Provenance, Store } from '../../../store/store.ts';
import { type TopologyReport, buildStreetNetwork } from '../build-street-network.ts';
import type { ParsedAddress } from './address-fields.ts';
import { type LinkReport, linkAddresses } from './link-addresses.ts';
import { parseAddressCsv } from './parse-address-csv.ts';
import { parseGeoJsonAddresses } from './parse-geojson-addresses.ts';
import { parseGeoJsonStreets } from './parse-geojson-streets.ts';
import { type ParsedStreets, parseOsmStreets } from './parse-osm-streets.ts';
import type { Parsed, ParseOptions, SkippedRecord } from './parse-result.ts';
import { type SurfaceTally, emptySurfaceTally, mergeTallies } from './street-tags.ts';

export interface NetworkImportOptions extends ParseOptions {
  progress?: Progress;
  /** Source and licence of the files (shown with the layer); defaults per format, see defaultProvenance. */
  source?: string;
  licence?: string;
}

/**
 * Imported data keep their own source and licence. OSM extracts are ODbL by definition; for other files the source
 * is their file names and the licence must be given, else it is recorded as unknown (and the CLI warns).
 */
export function provenanceOf(files: readonly string[], options: Pick<NetworkImportOptions, 'source' | 'licence'>, today = new Date()): Provenance {
  const names = files.map((f) => path.basename(f)).join(', ');
  const allOsm = files.every((f) => ['.osm', '.xml'].includes(path.extname(f).toLowerCase()));
  return {
    source: options.source ?? (allOsm ? `© OpenStreetMap-bijdragers (${names})` : names),
    licence: options.licence ?? (allOsm ? 'ODbL-1.0' : 'onbekend'),
    date: today.toISOString().slice(0, 10),
  };
}

export interface StreetImportOptions extends NetworkImportOptions {
  /** Snap tolerance of the topology repair (default: the engine's, 0.5 m). */
  snapToleranceM?: number;
}

export interface StreetImportReport {
  streets: number;
  /** Same id in an earlier file (adjacent OSM extracts share ways): the first is kept. */
  duplicateIds: number;
  surfaces: SurfaceTally;
  topology: TopologyReport;
  skipped: SkippedRecord[];
  warnings: string[];
}

export async function importStreetsCommand(store: Store, files: readonly string[], options: StreetImportOptions = {}): Promise<StreetImportReport> {
  const progress = options.progress ?? silentProgress;
  if (files.length === 0) throw new InvalidParameter('no street files given');
  const surfaces = emptySurfaceTally();
  const skipped: SkippedRecord[] = [];
  const warnings: string[] = [];
  const byId = new Map<string, Street>();
  let duplicateIds = 0;
  progress.step(`reading ${files.length} street file(s)`);
  files.forEach((file, i) => {
    const parsed = parseStreetFile(file, options);
    mergeTallies(surfaces, parsed.surfaces);
    skipped.push(...parsed.skipped);
    warnings.push(...parsed.warnings);
    for (const s of parsed.records) {
      const valid = streetSchema.safeParse(s);
      if (!valid.success) throw new InvalidParameter(`${file}: street ${s.id}: ${valid.error.issues[0]?.message}`);
      if (byId.has(s.id)) duplicateIds++;
      else byId.set(s.id, valid.data);
    }
    progress.update(i + 1, files.length);
  });
  const streets = [...byId.values()];
  progress.done(`${streets.length} streets`);
  for (const [value, n] of Object.entries(surfaces.unknownValues)) warnings.push(`surface=${value} on ${n} street(s) is not known; the class default was used`);
  if (streets.length === 0) throw new InvalidParameter(`no streets found in ${files.join(', ')} (ways need a highway=* tag that cars, bikes or pedestrians use)`);
  progress.step('repairing the topology');
  const { report: topology } = buildStreetNetwork(streets, { snapToleranceM: options.snapToleranceM });
  progress.done();
  progress.step('writing the streets');
  await store.replaceStreets(streets, provenanceOf(files, options));
  progress.done();
  return { streets: streets.length, duplicateIds, surfaces, topology, skipped, warnings };
}

export interface AddressImportReport {
  addresses: number;
  link: LinkReport;
  skipped: SkippedRecord[];
  warnings: string[];
}

export async function importAddressesCommand(store: Store, files: readonly string[], options: NetworkImportOptions = {}): Promise<AddressImportReport> {
  const progress = options.progress ?? silentProgress;
  if (files.length === 0) throw new InvalidParameter('no address files given');
  const skipped: SkippedRecord[] = [];
  const warnings: string[] = [];
  const byId = new Map<string, ParsedAddress>();
  progress.step(`reading ${files.length} address file(s)`);
  files.forEach((file, i) => {
    const parsed = parseAddressFile(file, options);
    skipped.push(...parsed.skipped);
    warnings.push(...parsed.warnings);
    for (const a of parsed.records) {
      if (byId.has(a.id)) {
        const dup = { file, where: `address ${a.id}`, reason: 'the same id occurs earlier; the first is kept' };
        if (!options.skipInvalid) throw new InvalidParameter(`${dup.file} ${dup.where}: ${dup.reason.replace('; the first is kept', '')}`);
        skipped.push(dup);
      } else byId.set(a.id, a);
    }
    progress.update(i + 1, files.length);
  });
  progress.done(`${byId.size} addresses`);
  if (byId.size === 0) throw new InvalidParameter(`no addresses found in ${files.join(', ')}`);
  progress.step('linking addresses to buurten and buildings');
  const buurten = await store.buurten();
  const { addresses, report: link } = await linkAddresses([...byId.values()], buurten, (bbox) => store.buildings({ bbox, limit: 50 }));
  progress.done();
  progress.step('writing the addresses');
  await store.replaceAddresses(addresses, provenanceOf(files, options));
  progress.done();
  return { addresses: addresses.length, link, skipped, warnings };
}

function parseStreetFile(file: string, options: ParseOptions): ParsedStreets {
  const ext = path.extname(file).toLowerCase();
  const text = readText(file);
  if (ext === '.osm' || ext === '.xml') return parseOsmStreets(file, text, options);
  if (ext === '.json' || ext === '.geojson') return parseGeoJsonStreets(file, parseJson(file, text), options);
  throw new InvalidParameter(`${file}: unknown street file type ${ext || '(none)'}; use .osm/.xml (OSM XML) or .geojson/.json`);
}

function parseAddressFile(file: string, options: ParseOptions): Parsed<ParsedAddress> {
  const ext = path.extname(file).toLowerCase();
  const text = readText(file);
  if (ext === '.csv' || ext === '.txt') return parseAddressCsv(file, text, options);
  if (ext === '.json' || ext === '.geojson') return parseGeoJsonAddresses(file, parseJson(file, text), options);
  throw new InvalidParameter(`${file}: unknown address file type ${ext || '(none)'}; use .csv or .geojson/.json`);
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new InvalidParameter(`${file}: cannot read the file`);
  }
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidParameter(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

const n = (v: number) => v.toLocaleString('en-US');

/** The one-paragraph summary printed after a street import. */
export function formatStreetReport(r: StreetImportReport): string {
  const t = r.topology;
  const surfaces = (Object.entries(r.surfaces.counts) as [keyof SurfaceTally['counts'], number][]).filter(([, c]) => c > 0).map(([s, c]) => `${s} ${n(c)}`);
  for (const [s, c] of Object.entries(r.surfaces.unknown)) if (c > 0) surfaces.push(`unknown→${s} ${n(c)}`);
  for (const [s, c] of Object.entries(r.surfaces.missing)) if (c > 0) surfaces.push(`untagged→${s} ${n(c)}`);
  const parts = [
    `streets: ${n(r.streets)} lines, ${n(t.edges)} segments, ${n(t.nodes)} nodes`,
    `snapped ${n(t.gapsClosed)} endpoints (≤ ${t.snapToleranceM.toFixed(1)} m)`,
    `split ${n(t.crossingSplits + t.endpointOnLineSplits + t.sharedVertexSplits)} at intersections (${n(t.crossingSplits)} crossings, ${n(t.endpointOnLineSplits)} T-junctions, ${n(t.sharedVertexSplits)} shared vertices)`,
    `dropped ${n(t.zeroLengthSegmentsDropped)} zero-length, ${n(t.duplicateEdgesDropped)} duplicate`,
    `${n(t.components)} component${t.components === 1 ? '' : 's'}, largest ${(t.largestComponentShare * 100).toFixed(1)} %`,
    `surfaces: ${surfaces.join(', ')}`,
  ];
  const skippedHighways = Object.values(r.surfaces.skippedHighways).reduce((a, b) => a + b, 0);
  if (skippedHighways > 0) parts.push(`not streets: ${n(skippedHighways)} (${Object.entries(r.surfaces.skippedHighways).map(([k, c]) => `${k || '(none)'} ${c}`).join(', ')})`);
  if (r.duplicateIds > 0) parts.push(`${n(r.duplicateIds)} duplicate ids ignored`);
  if (r.skipped.length > 0) parts.push(`${n(r.skipped.length)} invalid skipped`);
  return parts.join('; ');
}

/** The one-line summary printed after an address import. */
export function formatAddressReport(r: AddressImportReport): string {
  const l = r.link;
  return [
    `addresses: ${n(r.addresses)}`,
    `buurt: ${n(l.buurtFromFile)} from the file, ${n(l.buurtAssigned)} by position, ${n(l.buurtNone)} in no buurt`,
    `building: ${n(l.buildingFromFile)} from the file, ${n(l.buildingLinked)} by position, ${n(l.buildingNone)} in no building`,
    ...(r.skipped.length > 0 ? [`${n(r.skipped.length)} invalid skipped`] : []),
  ].join('; ');
}
