// `tweeling import buildings FILE… [--update] [--skip-invalid]`: reads CityJSON / CityJSONSeq / GeoJSON building
// files, writes them to the store in one transaction and (given a tiles directory) re-tiles. Wiring only:
// parsing lives in parse-*.ts, tiling in ../tiles.
//
// Decisions (see README.md in this folder): without --update the import REPLACES all buildings and their meshes;
// with --update it upserts them and removes the stored buildings that lie entirely inside the files' area (the
// bbox of their footprints) but are missing from them, and only the tiles whose buildings changed are rewritten.
// Addresses, streets, areas, buurten and thematic layers are kept either way. Addresses whose buildingId no
// longer exists are kept as they are (they are BAG records in their own right) and counted as `orphanAddresses`.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { BboxRd, Building, DatasetMeta } from '../contracts/model.ts';
import { InvalidParameter } from '../errors.ts';
import { polygonBbox } from '../geo/polygon.ts';
import { silentProgress, type Progress } from '../log.ts';
import type { Store } from '../store/store.ts';
import { buildBuildingTileset, type TilesetReport } from '../tiles/build-tileset.ts';
import { BuildingFileError, InvalidCityObject, type SkippedObject } from './parse-cityjson.ts';
import { parseBuildingFile } from './parse-building-file.ts';

/** NAP → WGS84 ellipsoid for a new dataset (NLGEO2018 is 40–47 m across NL; DOMAIN.md default). */
export const DEFAULT_GEOID_HEIGHT_M = 43;

export interface ImportBuildingsOptions {
  skipInvalid?: boolean;
  /** Licence of the source, e.g. "CC BY 4.0" for 3D BAG. */
  licence?: string;
  /**
   * Upsert instead of replace: buildings in the files replace stored ones with the same id or are added; stored
   * buildings whose footprint bbox lies entirely inside the files' area and that the files lack are removed.
   */
  update?: boolean;
  /** Re-tile the store's buildings into this directory afterwards (only changed tiles when `update`). */
  tilesDir?: string;
  /** Phases: reading the files (bytes), storing (buildings), tiling (buildings). */
  progress?: Progress;
}

export interface ImportBuildingsReport {
  imported: number;
  skipped: SkippedObject[];
  warnings: string[];
  /** Buildings per mesh LoD ("none" = footprint only, drawn as LoD1 block). */
  lods: Record<string, number>;
  /** Addresses in the store whose building is not among the stored ones. */
  orphanAddresses: number;
  /** With `update`: how the store changed. */
  upsert?: { inserted: number; updated: number; removed: string[]; area: BboxRd };
  /** With `tilesDir`: what the tiler did. */
  tiles?: TilesetReport;
}

export async function importBuildingsCommand(
  store: Store,
  files: readonly string[],
  options: ImportBuildingsOptions = {},
): Promise<ImportBuildingsReport> {
  if (files.length === 0) throw new InvalidParameter('No building files given');
  const progress = options.progress ?? silentProgress;
  const existing = await store.meta();
  const geoidHeightM = existing?.geoidHeightM ?? DEFAULT_GEOID_HEIGHT_M;
  const report: ImportBuildingsReport = { imported: 0, skipped: [], warnings: [], lods: {}, orphanAddresses: 0 };
  const byId = new Map<string, Building>();
  const sizes = await Promise.all(files.map(async (f) => (await fs.stat(f)).size));
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  let readBytes = 0;
  let t = performance.now();
  progress.step('Reading building files');
  progress.update(0, totalBytes);
  for (const [i, file] of files.entries()) {
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
    readBytes += sizes[i];
    progress.update(readBytes, totalBytes);
  }
  const buildings = [...byId.values()];
  progress.done(rate(buildings.length, t));
  if (buildings.length === 0) throw new InvalidParameter('No valid buildings in the given files; the store was not changed');
  const names = files.map((f) => path.basename(f)).join(', ');
  const meta: DatasetMeta = {
    name: existing?.name ?? names,
    municipalityCode: existing?.municipalityCode ?? '',
    source: options.update && existing ? `${existing.source}; updated with ${names}` : `buildings: ${names}`,
    licence: options.licence ?? existing?.licence ?? 'unknown',
    date: new Date().toISOString().slice(0, 10),
    // Real source files: the dataset is no longer (only) synthetic once its buildings are real.
    synthetic: false,
    geoidHeightM,
  };
  t = performance.now();
  progress.step(options.update ? 'Updating buildings in the store' : 'Storing buildings');
  progress.update(0, buildings.length);
  if (options.update) {
    const area = polygonBbox(buildings.flatMap((b) => b.footprint));
    report.upsert = { ...(await store.upsertBuildings(meta, buildings, area)), area };
  } else {
    await store.replaceBuildings(meta, buildings);
  }
  progress.update(buildings.length, buildings.length);
  progress.done(rate(buildings.length, t));
  report.imported = buildings.length;
  report.orphanAddresses = await countOrphanAddresses(store, await storedIds(store));
  if (options.tilesDir) report.tiles = await tileStore(store, options.tilesDir, meta, options.update === true, progress);
  return report;
}

async function tileStore(store: Store, outDir: string, meta: DatasetMeta, update: boolean, progress: Progress): Promise<TilesetReport> {
  const t = performance.now();
  progress.step(update ? 'Updating the 3D Tiles' : 'Building 3D Tiles');
  const tiles = await buildBuildingTileset(store.allBuildings(), {
    outDir,
    geoidHeightM: meta.geoidHeightM,
    synthetic: meta.synthetic,
    update,
    onProgress: (d, n) => progress.update(d, n),
  });
  const how = tiles.mode === 'update' ? `${tiles.writtenContentCount} of ${tiles.contentCount} tiles rewritten` : `${tiles.contentCount} tiles written`;
  progress.done(`${how}${tiles.fullBuildReason ? ` (full build: ${tiles.fullBuildReason})` : ''}, ${rate(tiles.buildingCount, t)}`);
  return tiles;
}

function rate(count: number, startedMs: number): string {
  const seconds = Math.max((performance.now() - startedMs) / 1000, 1e-3);
  return `${count} buildings, ${Math.round(count / seconds)}/s`;
}

async function storedIds(store: Store): Promise<Set<string>> {
  const ids = new Set<string>();
  const pageSize = 5000;
  for (let offset = 0; ; offset += pageSize) {
    const page = await store.buildings({ limit: pageSize, offset });
    for (const b of page) ids.add(b.id);
    if (page.length < pageSize) return ids;
  }
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
