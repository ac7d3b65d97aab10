// Makes sure a data directory holds a usable twin: a store with a municipality and the building tiles.
// On first start that means generating Demostad; every step writes to a temporary name and renames at the end,
// so an interrupted preparation never leaves a half-built store or tileset behind.
import fs from 'node:fs';
import { type Config, dataPaths } from './config.ts';
import { generateDemostad } from './demo/generate-demostad.ts';
import { demoAntennaCollection } from './demo/antennas/generate-antennas.ts';
import { storeDemoFibre } from './demo/fibre/fibre-collections.ts';
import { prepareDemoSensors } from './demo/sensors/prepare-sensors.ts';
import type { Municipality } from './contracts/model.ts';
import { generateDemoHealth } from './demo/health/generate-health.ts';
import { storeHealth } from './health/store-health.ts';
import { generateDemoOmgevingsplan } from './demo/omgevingsplan/generate-omgevingsplan.ts';
import { storeOmgevingsplan } from './omgevingsplan/store-omgevingsplan.ts';
import { type Progress, silentProgress } from './log.ts';
import { openSqliteStore } from './store/sqlite/sqlite-store.ts';
import { openConfiguredStore } from './store/open-configured-store.ts';
import { buildBuildingTileset } from './tiles/build-tileset.ts';

export interface PrepareReport {
  generated: boolean;
  tiled: boolean;
  timingsMs: Record<string, number>;
}

type PrepareConfig = Pick<Config, 'dataDir' | 'demoSeed' | 'demoScale'>;

export async function prepareTwin(config: PrepareConfig, progress: Progress = silentProgress): Promise<PrepareReport> {
  const paths = dataPaths(config);
  const report: PrepareReport = { generated: false, tiled: false, timingsMs: {} };
  if (!(await storeHasMunicipality(paths.store))) {
    await generateDemoStore(config, progress, report.timingsMs);
    report.generated = true;
  }
  if (!report.generated && !fs.existsSync(paths.sensors) && (await storeIsDemo(paths.store))) {
    // A demo twin from before the sensor layer existed: add its sensors without touching the rest.
    const municipality = generateDemostad({ seed: config.demoSeed, scale: config.demoScale });
    await generateDemoSensors(config, municipality, progress, report.timingsMs);
  }
  if (report.generated || !fs.existsSync(`${paths.buildingTiles}/tileset.json`)) {
    await buildTiles(config, progress, report.timingsMs);
    report.tiled = true;
  }
  return report;
}

async function storeIsDemo(file: string): Promise<boolean> {
  const store = await openSqliteStore(file, { readonly: true });
  try {
    return (await store.meta())?.synthetic === true;
  } finally {
    await store.close();
  }
}

async function generateDemoSensors(config: PrepareConfig, municipality: Municipality, progress: Progress, timingsMs: Record<string, number>): Promise<void> {
  const t = performance.now();
  progress.step('Generating demo sensors (synthetic, 30 days hourly)');
  const s = prepareDemoSensors(dataPaths(config).sensors, municipality, config.demoSeed);
  timingsMs.sensors = performance.now() - t;
  progress.done(`${s.things} sensors, ${s.observations} observations, ${s.calibrated} calibrated`);
}

async function storeHasMunicipality(file: string): Promise<boolean> {
  if (!fs.existsSync(file)) return false;
  const store = await openSqliteStore(file, { readonly: true });
  try {
    return (await store.meta()) !== undefined;
  } finally {
    await store.close();
  }
}

export async function generateDemoStore(
  config: PrepareConfig,
  progress: Progress = silentProgress,
  timingsMs: Record<string, number> = {},
): Promise<void> {
  const paths = dataPaths(config);
  let t = performance.now();
  progress.step(`Generating Demostad (synthetic, seed ${config.demoSeed})`);
  const municipality = generateDemostad({ seed: config.demoSeed, scale: config.demoScale });
  timingsMs.generate = performance.now() - t;
  progress.done(`${municipality.buildings.length} buildings, ${municipality.addresses.length} addresses`);

  t = performance.now();
  progress.step('Writing the store');
  const tmp = `${paths.store}.tmp-${process.pid}`;
  removeSqlite(tmp);
  const store = await openSqliteStore(tmp);
  try {
    await store.importMunicipality(municipality, (d, n) => progress.update(d, n));
    const health = generateDemoHealth(municipality, config.demoSeed);
    await storeHealth(store, health.rows, health.indicators);
    await storeOmgevingsplan(store, generateDemoOmgevingsplan(municipality, config.demoSeed));
    const antennas = demoAntennaCollection(municipality, config.demoSeed);
    await store.replaceCollection(antennas.meta, antennas.features);
    await storeDemoFibre(store, municipality, config.demoSeed);
  } finally {
    await store.close();
  }
  removeSqlite(paths.store);
  fs.renameSync(tmp, paths.store);
  timingsMs.store = performance.now() - t;
  progress.done();
  await generateDemoSensors(config, municipality, progress, timingsMs);
}

export async function buildTiles(
  config: PrepareConfig & Partial<Pick<Config, 'storeUrl'>>,
  progress: Progress = silentProgress,
  timingsMs: Record<string, number> = {},
): Promise<void> {
  const paths = dataPaths(config);
  const t = performance.now();
  progress.step('Building 3D Tiles for the buildings');
  const store = await openConfiguredStore(config, { readonly: true });
  try {
    const meta = await store.meta();
    if (!meta) throw new Error(`${config.storeUrl === undefined ? paths.store : 'the store'} holds no municipality`);
    const report = await buildBuildingTileset(store.allBuildings(), {
      outDir: paths.buildingTiles,
      geoidHeightM: meta.geoidHeightM,
      synthetic: meta.synthetic,
      onProgress: (d, n) => progress.update(d, n),
    });
    timingsMs.tiles = performance.now() - t;
    progress.done(`${report.tileCount} tiles, ${(report.totalBytes / 1e6).toFixed(1)} MB`);
  } finally {
    await store.close();
  }
}

function removeSqlite(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}
