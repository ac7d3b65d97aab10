// The `tweeling` command line. main.ts parses and listens; app.ts builds.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { createApp } from './app.ts';
import { ConfigError, dataPaths, loadConfig } from './config.ts';
import { consoleProgress } from './log.ts';
import { buildTiles, generateDemoStore, prepareTwin } from './prepare.ts';
import { startServer } from './serve.ts';
import { importAntennasCommand } from './scenarios/fiveg/import-antennas-command.ts';
import { importBuildingsCommand } from './buildings/import-command.ts';
import { exportTiles } from './tiles/export-tiles.ts';
import { importSensorsCommand } from './sensors/import/import-command.ts';
import { openWorkspace } from './workspace/workspace.ts';
import { workspaceTarget } from './workspace/workspace-target.ts';
import { startRetentionSchedule } from './participation/retention.ts';
import { DEMO_ACCOUNTS_FILE, ensureDemoAccounts } from './workspace/auth/demo-accounts.ts';
import { registerUserCommands } from './workspace/auth/user-command.ts';
import { registerImportAudit } from './workspace/import-audit.ts';
import { openSensorStore } from './sensors/store/sensor-store.ts';
import { importOmgevingsplanCommand } from './omgevingsplan/import-command.ts';
import { importHealthCommand } from './health/import-command.ts';
import { runSteinerCli } from './scenarios/fibre/steiner-cli.ts';
import { formatAddressReport, formatStreetReport, provenanceOf, importAddressesCommand, importStreetsCommand } from './scenarios/fibre/import/import-network-command.ts';
import { openConfiguredStore } from './store/open-configured-store.ts';
import { formatMigrateReport, migrateCommand, parseStoreUrl } from './store/migrate-command.ts';
import { registerWorkerCommand } from './jobs/worker-command.ts';
import { workScenarioJobs } from './jobs/work-scenario-jobs.ts';
import { openPgJobQueue } from './jobs/pg-job-queue.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const program = new Command('tweeling')
  .description('Tweeling — an open 3D digital twin for Dutch municipalities')
  .option('--data-dir <dir>', 'data directory (env TWEELING_DATA_DIR)')
  .showHelpAfterError();

const opts = () => {
  const o = program.opts<{ dataDir?: string }>();
  return loadConfig(process.env, { dataDir: o.dataDir });
};

program
  .command('serve')
  .description('prepare the twin if needed (generates Demostad on first start) and serve it')
  .option('-p, --port <port>', 'port (env PORT)')
  .option('--host <host>', 'host to bind (env TWEELING_HOST)')
  .option('--store <url>', 'the twin\'s store: postgres://… (PostGIS, see `tweeling migrate`) or sqlite:PATH (env TWEELING_STORE_URL; default the SQLite file in the data directory)')
  .option('--no-worker', 'on PostGIS: only queue scenario jobs, leave running them to `tweeling worker` processes')
  .action(async (o: { port?: string; host?: string; store?: string; worker: boolean }) => {
    const config = loadConfig(process.env, { dataDir: program.opts().dataDir, port: o.port, host: o.host, storeUrl: o.store });
    const progress = consoleProgress();
    const paths = dataPaths(config);
    // An external store is filled by `tweeling migrate` or imports; the demo is only generated into the default file.
    if (config.storeUrl === undefined) await prepareTwin(config, progress);
    else if (!fs.existsSync(`${paths.buildingTiles}/tileset.json`)) console.error(`warning: no 3D Tiles in ${paths.buildingTiles}; run \`tweeling build-tiles\` on the source twin`);
    const store = await openConfiguredStore(config);
    const sensors = fs.existsSync(paths.sensors) ? openSensorStore(paths.sensors) : undefined;
    const onPostgis = config.storeUrl !== undefined && parseStoreUrl(config.storeUrl).kind === 'postgis';
    // On PostGIS the workspace (accounts, sessions, rate limits, scenarios, comments, audit) lives in the same
    // database, so any number of servers behind a load balancer share it (ADR 0012).
    const workspace = await openWorkspace(workspaceTarget(config));
    startRetentionSchedule(workspace);
    const demoAccounts = await ensureDemoAccounts(workspace, { dataDir: config.dataDir, synthetic: (await store.meta())?.synthetic === true });
    if (demoAccounts) console.log(`Demo accounts (username, role, password; kept in ${path.join(config.dataDir, DEMO_ACCOUNTS_FILE)}):\n  ${demoAccounts.join('\n  ')}`);
    // A PostGIS twin may have several servers and workers: scenario jobs go through the shared queue in the database.
    const jobs = onPostgis ? await openPgJobQueue(config.storeUrl!) : undefined;
    if (jobs && o.worker) console.log(`This process also runs scenario jobs: ${(await workScenarioJobs(jobs, store)).join(', ')}`);
    const app = createApp({ store, sensors, config, workspace, jobs });
    const server = await startServer(app, config, store, workspace, ...(sensors ? [sensors] : []), ...(jobs ? [jobs] : []));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const shownHost = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
    console.log(`Tweeling is serving the twin at http://${shownHost}:${port}`);
  });

program
  .command('generate')
  .description('(re)generate the synthetic demo municipality Demostad into the data directory and tile it')
  .option('--seed <n>', 'random seed (env TWEELING_DEMO_SEED)')
  .option('--scale <s>', 'size factor, 1 = full Demostad (env TWEELING_DEMO_SCALE)')
  .action(async (o: { seed?: string; scale?: string }) => {
    const config = loadConfig(process.env, { dataDir: program.opts().dataDir, demoSeed: o.seed, demoScale: o.scale });
    const progress = consoleProgress();
    await generateDemoStore(config, progress);
    await buildTiles(config, progress);
  });

program
  .command('build-tiles')
  .description('rebuild the 3D Tiles of the buildings from the store')
  .action(async () => {
    await buildTiles(opts(), consoleProgress());
  });

program
  .command('export')
  .description('export data for static hosting')
  .command('tiles')
  .description('write the 3D Tiles as a self-contained static tileset (with .gz variants and an example nginx.conf) for nginx, an object store or a CDN')
  .argument('<outdir>', 'output directory (replaced)')
  .action(async (outDir: string) => {
    const report = await exportTiles(opts().dataDir, outDir);
    console.error(`exported ${report.files} files (${report.gzipFiles} with a .gz variant), ${(report.bytes / 1e6).toFixed(1)} MB, to ${report.outDir}`);
  });

program
  .command('build-client')
  .description('build the browser client with Vite into client/dist')
  .action(async () => {
    const { build } = await import('vite');
    const t = performance.now();
    await build({ configFile: path.join(repoRoot, 'vite.config.ts'), logLevel: 'warn' });
    console.error(`Client built in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  });

program
  .command('info')
  .description('print what the data directory holds')
  .action(async () => {
    const config = opts();
    const paths = dataPaths(config);
    const store = await openConfiguredStore(config, { readonly: true });
    const sensors = fs.existsSync(paths.sensors) ? openSensorStore(paths.sensors, { readonly: true }) : undefined;
    const info = { dataDir: config.dataDir, meta: await store.meta(), counts: await store.counts(), sensors: sensors?.health() ?? null };
    console.log(JSON.stringify(info, null, 2));
    await store.close();
    sensors?.close();
  });

const importCommand = program.command('import').description('load data into the twin (each import is one transaction)');

importCommand
  .command('buildings')
  .description('import 3D buildings (CityJSON 1.1/2.0, CityJSONSeq .city.jsonl, GeoJSON footprints with a height) and rebuild the tiles')
  .argument('<files...>', 'CityJSON, CityJSONSeq or GeoJSON files')
  .option('--skip-invalid', 'import the valid buildings and report the invalid ones instead of refusing the files')
  .option('--licence <licence>', 'licence of the source, e.g. "CC BY 4.0" for 3D BAG')
  .option('--update', 'upsert instead of replace: buildings in the files replace those with the same id, stored buildings inside the files\' area that they lack are removed, and only the tiles that change are rewritten')
  .action(async (files: string[], o: { skipInvalid?: boolean; licence?: string; update?: boolean }) => {
    const config = opts();
    const store = await openConfiguredStore(config);
    try {
      const report = await importBuildingsCommand(store, files, {
        skipInvalid: o.skipInvalid === true,
        licence: o.licence,
        update: o.update === true,
        tilesDir: dataPaths(config).buildingTiles,
        progress: consoleProgress(),
      });
      if (report.upsert) console.error(`${report.upsert.inserted} added, ${report.upsert.updated} replaced, ${report.upsert.removed.length} removed inside the files' area`);
      for (const w of report.warnings) console.error(`warning: ${w}`);
      for (const s of report.skipped) console.error(`${s.file}: CityObject ${s.id}: skipped: ${s.reason}`);
      const lods = Object.entries(report.lods).map(([lod, n]) => `${n} × LoD ${lod}`).join(', ');
      console.error(`imported ${report.imported} buildings (${lods})${report.skipped.length ? `, skipped ${report.skipped.length}` : ''}`);
      if (report.orphanAddresses > 0) console.error(`${report.orphanAddresses} addresses refer to a building that is no longer in the store`);
    } finally {
      await store.close();
    }
  });

importCommand
  .command('antennas')
  .description('import mobile antennas (CSV with one row per sector, or GeoJSON points in RD New); replaces the antennes layer')
  .argument('<file>', 'CSV or GeoJSON file')
  .option('--licence <licence>', 'licence of the data, shown in the layer catalogue')
  .option('--date <yyyy-mm-dd>', 'date of the data (default today)')
  .action(async (file: string, o: { licence?: string; date?: string }) => {
    const store = await openConfiguredStore(opts());
    try {
      const r = await importAntennasCommand(store, file, { licence: o.licence, date: o.date });
      console.error(`${file}: imported ${r.antennas} antennas on ${r.sites} sites (${r.operators.join(', ')})`);
    } finally {
      await store.close();
    }
  });

importCommand
  .command('health')
  .description('import public-health indicators per buurt from a CSV table (buurtcode,indicator,waarde,eenheid,respondenten,jaar)')
  .argument('<file>', 'CSV file')
  .option('--skip-invalid', 'import the valid rows and report the invalid ones instead of refusing the file')
  .option('--licence <licence>', 'licence of the data, shown in the layer catalogue')
  .option('--min-respondents <n>', 'disclosure threshold: values from fewer respondents are not published (50 or more)', '50')
  .action(async (file: string, o: { skipInvalid?: boolean; licence?: string; minRespondents: string }) => {
    const store = await openConfiguredStore(opts());
    try {
      const result = await importHealthCommand(store, file, { skipInvalid: o.skipInvalid === true, licence: o.licence, minRespondents: Number(o.minRespondents) });
      for (const s of result.skipped) console.error(`${file} line ${s.line}: skipped: ${s.message}`);
      console.error(`${file}: imported ${result.imported} rows${result.skipped.length ? `, skipped ${result.skipped.length}` : ''}`);
    } finally {
      await store.close();
    }
  });

importCommand
  .command('omgevingsplan')
  .description('import an omgevingsplan: the files of an IMOW delivery (OW-objecten .xml, GIO .gml) or one GeoJSON file')
  .argument('<files...>', 'IMOW .xml/.gml files, or one .json/.geojson file')
  .option('--licence <licence>', 'licence of the data, shown in the layer catalogue')
  .action(async (files: string[], o: { licence?: string }) => {
    const store = await openConfiguredStore(opts());
    try {
      const result = await importOmgevingsplanCommand(store, files, { licence: o.licence });
      for (const w of result.warnings) console.error(`warning: ${w}`);
      const counts = Object.entries(result.counts).map(([k, n]) => `${n} ${k}`).join(', ');
      console.error(`omgevingsplan imported: ${counts}`);
    } finally {
      await store.close();
    }
  });

importCommand
  .command('sensors')
  .description('import sensors and observations: a SensorThings export (Samen Meten, FROST, 52°North), Luchtmeetnet JSON, Sensor.Community JSON or CSV (datastream,time,value)')
  .argument('<file>', 'JSON or CSV file')
  .option('--format <format>', 'sensorthings, luchtmeetnet, sensor-community or csv (detected when left out)')
  .option('--skip-invalid', 'import the valid records and report the invalid ones instead of refusing the file')
  .option('--station-number <id>', 'Luchtmeetnet station number (e.g. NL50003); a station document does not contain it')
  .action(async (file: string, o: { format?: string; skipInvalid?: boolean; stationNumber?: string }) => {
    const sensors = openSensorStore(dataPaths(opts()).sensors);
    try {
      const format = o.format as 'sensorthings' | 'luchtmeetnet' | 'sensor-community' | 'csv' | undefined;
      const result = await importSensorsCommand(sensors, file, { format, skipInvalid: o.skipInvalid === true, stationNumber: o.stationNumber, progress: consoleProgress() });
      for (const s of result.skipped) console.error(`${file} ${s.where}: skipped: ${s.message}`);
      console.error(
        `${file} (${result.format}): ${result.observations} observations, ${result.thingsCreated} new things, ${result.datastreamsCreated} new datastreams` +
          `${result.duplicates ? `, ${result.duplicates} duplicates ignored` : ''}${result.skipped.length ? `, ${result.skipped.length} skipped` : ''}`,
      );
    } finally {
      sensors.close();
    }
  });

importCommand
  .command('streets')
  .description('import street centre lines (OSM XML export, or GeoJSON lines in CRS84 or RD New); replaces the streets and prints the topology repair report')
  .argument('<files...>', '.osm/.xml or .geojson/.json files')
  .option('--skip-invalid', 'import the valid streets and report the invalid ones instead of refusing the files')
  .option('--snap-tolerance <m>', 'endpoints closer than this are joined (metres)', '0.5')
  .option('--source <text>', 'source shown with the layer (default: OpenStreetMap for .osm files, else the file names)')
  .option('--licence <id>', 'licence of the data (default: ODbL-1.0 for .osm files, else "onbekend")')
  .action(async (files: string[], o: { skipInvalid?: boolean; snapTolerance: string; source?: string; licence?: string }) => {
    const snapToleranceM = Number(o.snapTolerance);
    if (!Number.isFinite(snapToleranceM) || snapToleranceM < 0) throw new Error(`--snap-tolerance must be a number ≥ 0, not ${o.snapTolerance}`);
    const store = await openConfiguredStore(opts());
    try {
      const report = await importStreetsCommand(store, files, { skipInvalid: o.skipInvalid === true, snapToleranceM, source: o.source, licence: o.licence, progress: consoleProgress() });
      if (provenanceOf(files, o).licence === 'onbekend') console.error('warning: no --licence given; the streets layer says "licence: onbekend"');
      for (const w of report.warnings) console.error(`warning: ${w}`);
      for (const s of report.skipped) console.error(`${s.file} ${s.where}: skipped: ${s.reason}`);
      console.error(formatStreetReport(report));
    } finally {
      await store.close();
    }
  });

importCommand
  .command('addresses')
  .description('import addresses (CSV with postcode, huisnummer and x/y or lon/lat; or GeoJSON points, e.g. PDOK/BAG); replaces the addresses')
  .argument('<files...>', '.csv or .geojson/.json files')
  .option('--skip-invalid', 'import the valid addresses and report the invalid ones instead of refusing the files')
  .option('--source <text>', 'source shown with the layer (default: the file names)')
  .option('--licence <id>', 'licence of the data, e.g. CC0-1.0 for the BAG (default "onbekend")')
  .action(async (files: string[], o: { skipInvalid?: boolean; source?: string; licence?: string }) => {
    const store = await openConfiguredStore(opts());
    try {
      const report = await importAddressesCommand(store, files, { skipInvalid: o.skipInvalid === true, source: o.source, licence: o.licence, progress: consoleProgress() });
      if (provenanceOf(files, o).licence === 'onbekend') console.error('warning: no --licence given; the addresses layer says "licence: onbekend"');
      for (const w of report.warnings) console.error(`warning: ${w}`);
      for (const s of report.skipped) console.error(`${s.file} ${s.where}: skipped: ${s.reason}`);
      console.error(formatAddressReport(report));
    } finally {
      await store.close();
    }
  });

program
  .command('steiner')
  .description('solve a Steiner tree problem in a PACE 2018 .gr file; prints the tree weight on the last line')
  .argument('<file>', 'PACE .gr file')
  .option('--edges', 'also print the tree in the PACE output format (VALUE line and one edge per line)')
  .option('--time-limit <seconds>', 'stop improving after this many seconds', '10')
  .action((file: string, o: { edges?: boolean; timeLimit: string }) => {
    const seconds = Number(o.timeLimit);
    if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`--time-limit must be a positive number, not ${o.timeLimit}`);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      throw new Error(`${file}: cannot read the file`);
    }
    try {
      console.log(runSteinerCli(text, { edges: o.edges === true, timeLimitMs: seconds * 1000 }));
    } catch (err) {
      throw new Error(`${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });

program
  .command('migrate')
  .description('copy a whole twin (records, meshes, collections, documents) from one store to another and verify the counts')
  .requiredOption('--from <url>', 'source store: sqlite:PATH (e.g. sqlite:data/generated/tweeling.sqlite)')
  .requiredOption('--to <url>', 'target store, empty: postgres://user@host:5432/db')
  .option('--workspace <file>', 'also copy this workspace database (accounts, scenarios, briefings, participation, audit log) into the postgres:// target; default: workspace.sqlite next to the --from file, when present')
  .option('--no-workspace', 'copy the twin only')
  .action(async (o: { from: string; to: string; workspace?: string | false }) => {
    const from = parseStoreUrl(o.from);
    const besideSource = from.kind === 'sqlite' ? path.join(path.dirname(from.file), 'workspace.sqlite') : undefined;
    const workspaceFrom =
      o.workspace === false || parseStoreUrl(o.to).kind !== 'postgis' ? undefined : (o.workspace ?? (besideSource && fs.existsSync(besideSource) ? besideSource : undefined));
    const report = await migrateCommand(o.from, o.to, { progress: consoleProgress(), workspaceFrom });
    console.log(formatMigrateReport(report));
    if (!report.ok) process.exitCode = 1;
  });

registerUserCommands(program, opts);
registerWorkerCommand(program);
registerImportAudit(importCommand, opts);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
