// `tweeling import-omgevingsplan <files…>`: reads an IMOW delivery (.xml/.gml: OW-bestanden, manifest-ow.xml,
// GIO geometry) or one simple GeoJSON file (.json/.geojson), validates it and stores it in one transaction.
// Everything is read and checked before the store is touched, so a bad file leaves the store as it was.
// Zipped deliveries are not read: unpack the zip and pass its files (reading zips is out of scope for now).
import fs from 'node:fs/promises';
import path from 'node:path';
import { InvalidParameter } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { MAX_GEOJSON_BYTES, importOmgevingsplanGeoJson } from './import-geojson.ts';
import { importImowFiles } from './import-imow.ts';
import type { ImportedPlan } from './model.ts';
import { MAX_XML_BYTES } from './read-xml.ts';
import { planCounts, storeOmgevingsplan } from './store-omgevingsplan.ts';

export interface ImportOmgevingsplanOptions {
  licence?: string;
}

export async function importOmgevingsplanCommand(
  store: Store,
  files: string[],
  options: ImportOmgevingsplanOptions = {},
): Promise<{ warnings: string[]; counts: Record<string, number> }> {
  if (files.length === 0) throw new InvalidParameter('Give the files of an IMOW delivery (.xml, .gml) or one GeoJSON file (.json, .geojson)');
  const kinds = files.map((f) => kindOf(f));
  const xml = files.filter((_, i) => kinds[i] === 'xml');
  const geojson = files.filter((_, i) => kinds[i] === 'geojson');
  if (geojson.length > 0 && (xml.length > 0 || geojson.length > 1)) {
    throw new InvalidParameter('A GeoJSON omgevingsplan is imported on its own: give exactly one .json/.geojson file and no XML');
  }
  // Messages name the file, not its full path: they end up in logs and on screens.
  const read = async (file: string, limit: number): Promise<{ name: string; text: string }> => {
    const name = path.basename(file);
    const { size } = await fs.stat(file);
    if (size > limit) throw new InvalidParameter(`${name}: ${(size / 1e6).toFixed(1)} MB is larger than the ${limit / 1024 / 1024} MB limit`);
    return { name, text: await fs.readFile(file, 'utf8') };
  };
  let imported: ImportedPlan;
  if (geojson.length === 1) {
    const { name, text } = await read(geojson[0], MAX_GEOJSON_BYTES);
    imported = importOmgevingsplanGeoJson(text, name);
  } else {
    imported = importImowFiles(await Promise.all(xml.map((f) => read(f, MAX_XML_BYTES))));
  }
  const plan = options.licence ? { ...imported.plan, meta: { ...imported.plan.meta, licence: options.licence } } : imported.plan;
  await storeOmgevingsplan(store, plan);
  return { warnings: imported.warnings, counts: planCounts(plan) };
}

function kindOf(file: string): 'xml' | 'geojson' {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xml' || ext === '.gml') return 'xml';
  if (ext === '.json' || ext === '.geojson') return 'geojson';
  if (ext === '.zip') throw new InvalidParameter(`${path.basename(file)}: zip deliveries are not read yet; unpack the zip and pass its .xml/.gml files`);
  throw new InvalidParameter(`${path.basename(file)}: unknown file type ${ext || '(none)'}; expected .xml, .gml, .json or .geojson`);
}
