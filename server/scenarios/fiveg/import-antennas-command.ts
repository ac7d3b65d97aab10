// `tweeling import antennas <file>`: reads a CSV (one row per sector) or GeoJSON file of antennas, validates every
// row with the existing parser and replaces the `antennes` collection in one call, so a failed import leaves the
// previous network untouched. Wiring only; parsing lives in import-antennas.ts, the feature form in
// antenna-collection.ts.
import fs from 'node:fs/promises';
import path from 'node:path';
import { InvalidParameter } from '../../errors.ts';
import type { Store } from '../../store/store.ts';
import type { Antenna } from './antenna.ts';
import { ANTENNA_COLLECTION_ID, antennaCollection } from './antenna-collection.ts';
import { parseAntennaCsv, parseAntennaGeoJson } from './import-antennas.ts';

export interface ImportAntennasOptions {
  /** Licence of the imported register, shown with the layer. */
  licence?: string;
  /** Date of the data (YYYY-MM-DD); defaults to today. */
  date?: string;
}

export interface ImportAntennasResult {
  collectionId: string;
  antennas: number;
  sites: number;
  operators: string[];
}

const PARSERS: Record<string, (text: string, fileName: string) => Antenna[]> = {
  '.csv': parseAntennaCsv,
  '.geojson': parseAntennaGeoJson,
  '.json': parseAntennaGeoJson,
};

export async function importAntennasCommand(store: Store, file: string, options: ImportAntennasOptions = {}): Promise<ImportAntennasResult> {
  // Messages name the file, not its full path: they end up in logs and on screens.
  const name = path.basename(file);
  const parse = PARSERS[path.extname(file).toLowerCase()];
  if (!parse) throw new InvalidParameter(`${name}: unknown file type; use .csv (one row per sector) or .geojson/.json (Point features in RD New)`);
  if (options.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.date)) throw new InvalidParameter(`--date must be YYYY-MM-DD, not ${options.date}`);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new InvalidParameter(`${name}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  // Throws InvalidParameter naming the file and each line or feature with its field; nothing is written then.
  const antennas = parse(text, name);
  if (antennas.length === 0) throw new InvalidParameter(`${name}: no antennas`);
  const { meta, features } = antennaCollection(antennas, {
    source: name,
    licence: options.licence ?? 'not stated',
    date: options.date ?? new Date().toISOString().slice(0, 10),
    synthetic: false,
  });
  await store.replaceCollection(meta, features);
  return {
    collectionId: ANTENNA_COLLECTION_ID,
    antennas: antennas.length,
    sites: new Set(antennas.map((a) => a.siteId)).size,
    operators: [...new Set(antennas.map((a) => a.operator))].sort(),
  };
}
