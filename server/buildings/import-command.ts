// `tweeling import buildings FILE… [--skip-invalid]`: reads CityJSON / CityJSONSeq / GeoJSON building files and
// replaces the store's buildings with them in one transaction. Wiring only: parsing lives in parse-*.ts.
//
// Decisions (see README.md in this folder): the import REPLACES all buildings and their meshes; addresses,
// streets, areas, buurten and thematic layers are kept. Addresses whose buildingId no longer exists are kept as
// they are (they are BAG records in their own right) and counted in the report as `orphanAddresses`.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Building, DatasetMeta } from '../contracts/model.ts';
import { InvalidParameter } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { BuildingFileError, InvalidCityObject, type SkippedObject } from './parse-cityjson.ts';
import { parseBuildingFile } from './parse-building-file.ts';

/** NAP → WGS84 ellipsoid for a new dataset (NLGEO2018 is 40–47 m across NL; DOMAIN.md default). */
export const DEFAULT_GEOID_HEIGHT_M = 43;

export interface ImportBuildingsOptions {
  skipInvalid?: boolean;
  /** Licence of the source, e.g. "CC BY 4.0" for 3D BAG. */
  licence?: string;
}

export interface ImportBuildingsReport {
  imported: number;
  skipped: SkippedObject[];
  warnings: string[];
  /** Buildings per mesh LoD ("none" = footprint only, drawn as LoD1 block). */
  lods: Record<string, number>;
  /** Addresses in the store whose building is not among the imported ones. */
  orphanAddresses: number;
}

export async function importBuildingsCommand(
  store: Store,
  files: readonly string[],
  options: ImportBuildingsOptions = {},
): Promise<ImportBuildingsReport> {
  if (files.length === 0) throw new InvalidParameter('No building files given');
  const existing = await store.meta();
  const geoidHeightM = existing?.geoidHeightM ?? DEFAULT_GEOID_HEIGHT_M;
  const report: ImportBuildingsReport = { imported: 0, skipped: [], warnings: [], lods: {}, orphanAddresses: 0 };
  const byId = new Map<string, Building>();
  for (const file of files) {
    // Messages name the file, not its full path: they end up in logs and on screens.
    const name = path.basename(file);
    const text = await fs.readFile(file, 'utf8');
    let parsed;
    try {
      parsed = parseBuildingFile(text, name, { skipInvalid: options.skipInvalid, geoidHeightM });
    } catch (error) {
      if (error instanceof BuildingFileError || error instanceof InvalidCityObject) throw new InvalidParameter(error.message);
      throw error;
    }
    for (const b of parsed.buildings) {
      if (byId.has(b.id)) {
        const skipped = { file: name, id: b.id, reason: 'duplicate building id (first occurrence kept)' };
        if (!options.skipInvalid) throw new InvalidParameter(`${name}: CityObject ${b.id}: ${skipped.reason}`);
        report.skipped.push(skipped);
        continue;
      }
      byId.set(b.id, b);
    }
    report.skipped.push(...parsed.skipped);
    report.warnings.push(...parsed.warnings);
    for (const [lod, n] of Object.entries(parsed.lods)) report.lods[lod] = (report.lods[lod] ?? 0) + n;
  }
  const buildings = [...byId.values()];
  if (buildings.length === 0) throw new InvalidParameter('No valid buildings in the given files; the store was not changed');
  const names = files.map((f) => path.basename(f)).join(', ');
  const meta: DatasetMeta = {
    name: existing?.name ?? names,
    municipalityCode: existing?.municipalityCode ?? '',
    source: `buildings: ${names}`,
    licence: options.licence ?? existing?.licence ?? 'unknown',
    date: new Date().toISOString().slice(0, 10),
    // Real source files: the dataset is no longer (only) synthetic once its buildings are real.
    synthetic: false,
    geoidHeightM,
  };
  await store.replaceBuildings(meta, buildings);
  report.imported = buildings.length;
  report.orphanAddresses = await countOrphanAddresses(store, new Set(byId.keys()));
  return report;
}

async function countOrphanAddresses(store: Store, ids: ReadonlySet<string>): Promise<number> {
  let orphans = 0;
  const pageSize = 5000;
  for (let offset = 0; ; offset += pageSize) {
    const page = await store.addresses({ limit: pageSize, offset });
    for (const a of page) if (!ids.has(a.buildingId)) orphans++;
    if (page.length < pageSize) return orphans;
  }
}
