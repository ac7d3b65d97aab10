// Sensor benchmarks (issue 9).
//  ingest:    Observations per second through the HTTP API, DataArray batches (POST /CreateObservations) against
//             one Observation per request (POST /Observations) on the same server, store and disk (WAL, FULL sync).
//  sta-query: p50 latency of two typical SensorThings reads over HTTP with many Observations stored: the last 24 h
//             of one Datastream, and the latest value of every Datastream in a bbox. The baseline is the same
//             answer by hand-written SQL on the same database, so the ratio is the cost of the STA layer.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import express from 'express';
import { errorHandler } from '../../server/api/problem.ts';
import { staRouter } from '../../server/api/sta-router.ts';
import { openSensorStore, type SensorStore } from '../../server/sensors/store/sensor-store.ts';
import type { BenchOutcome, Benchmark } from './harness.ts';

const HOUR_MS = 3_600_000;
const TARGET_OBSERVATIONS = 10_000_000;
const GENERATION_BUDGET_S = 100;

interface Served {
  base: string;
  store: SensorStore;
  close(): Promise<void>;
}

async function serve(file: string): Promise<Served> {
  const store = openSensorStore(file);
  const app = express().use('/sta/v1.1', staRouter(store, { bodyLimit: '32mb' })).use(errorHandler((m) => console.error(m)));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sta/v1.1`,
    store,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
    },
  };
}

async function post(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json();
  if (res.status !== 201) throw new Error(`POST ${url} → ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

const thingBody = (name: string, lon: number, lat: number) => ({
  name,
  description: 'benchmark sensor',
  Locations: [{ name, description: 'x', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [lon, lat] } }],
  Datastreams: [
    {
      name: `${name} pm25`,
      description: 'x',
      unitOfMeasurement: { name: 'µg/m³', symbol: 'µg/m³', definition: 'x' },
      observationType: 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement',
      Sensor: { name: 'SDS011', description: 'x', encodingType: 'text/plain', metadata: 'x' },
      ObservedProperty: { name: 'pm25', definition: 'x', description: 'x' },
    },
  ],
});

function filesystemOf(dir: string): string {
  try {
    const mounts = fs.readFileSync('/proc/mounts', 'utf8').split('\n').map((l) => l.split(' ')).filter((p) => p.length > 2);
    const real = fs.realpathSync(dir);
    const best = mounts.filter((m) => real.startsWith(m[1])).sort((a, b) => b[1].length - a[1].length)[0];
    return best ? `${best[2]} (${best[0]})` : 'unknown';
  } catch {
    return 'unknown';
  }
}

const ingest: Benchmark = {
  name: 'ingest',
  async run(): Promise<BenchOutcome[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-bench-ingest-'));
    const served = await serve(path.join(dir, 'sensors.sqlite'));
    try {
      await post(`${served.base}/Things`, thingBody('bench', 5.1, 52.1));
      const t0 = Date.UTC(2026, 0, 1);
      // Single: one Observation per request, each its own durable transaction; time-boxed.
      let singles = 0;
      const singleStart = performance.now();
      while (performance.now() - singleStart < 6000 && singles < 5000) {
        await post(`${served.base}/Observations`, { phenomenonTime: new Date(t0 + singles * 1000).toISOString(), result: singles % 50, Datastream: { '@iot.id': 1 } });
        singles++;
      }
      const singlePerS = singles / ((performance.now() - singleStart) / 1000);
      // Batched: DataArray requests of 10 000 Observations, each batch one transaction.
      const batchSize = 10_000;
      const batches = 25;
      const bodies = Array.from({ length: batches }, (_, b) => [
        {
          Datastream: { '@iot.id': 1 },
          components: ['phenomenonTime', 'result'],
          dataArray: Array.from({ length: batchSize }, (_, i) => [new Date(t0 + 1e10 + (b * batchSize + i) * 1000).toISOString(), i % 50]),
        },
      ]);
      const batchStart = performance.now();
      // "Memory flat during ingest": the resident set after each batch; growth after the first few batches would
      // mean the server holds on to what it ingested.
      const rssMiB: number[] = [];
      for (const body of bodies) {
        await post(`${served.base}/CreateObservations`, body);
        rssMiB.push(process.memoryUsage().rss / 2 ** 20);
      }
      const batchedPerS = (batches * batchSize) / ((performance.now() - batchStart) / 1000);
      const settled = rssMiB.slice(4);
      const rssGrowthMiB = Math.max(...settled) - settled[0];
      const ratio = batchedPerS / singlePerS;
      return [
        {
          name: 'ingest',
          value: Math.round(batchedPerS),
          unit: 'obs/s',
          baseline: Math.round(singlePerS),
          ratio: Math.round(ratio * 10) / 10,
          ratioMeaning: 'DataArray batched obs/s ÷ single POST /Observations obs/s',
          target: 'value ≥ 50000 obs/s, ratio ≥ 20, memory growth < 150 MiB',
          pass: batchedPerS >= 50_000 && ratio >= 20 && rssGrowthMiB < 150,
          notes: `${batches} × ${batchSize} obs via POST /CreateObservations vs ${singles} sequential POST /Observations; WAL + synchronous=FULL on ${filesystemOf(dir)}; one HTTP client, keep-alive. Resident memory (bench and server in one process) after batch 5: ${settled[0].toFixed(0)} MiB, largest after it: ${Math.max(...settled).toFixed(0)} MiB (growth ${rssGrowthMiB.toFixed(0)} MiB, must stay < 150).`,
        },
      ];
    } finally {
      await served.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** Fills a store with `datastreams` Things × hourly Observations, bulk, with prepared statements in one transaction. */
function generateObservations(file: string, target: number): { count: number; datastreams: number; lastMs: number; seconds: number; bbox: [number, number, number, number]; notes: string } {
  openSensorStore(file).close(); // schema
  const db = new Database(file);
  // Throw-away benchmark data: no journal while loading; the server reopens it in WAL mode afterwards.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  const datastreams = 1000;
  const startMs = Date.UTC(2025, 0, 1);
  const insertThing = db.prepare('INSERT INTO things(id, name, description, properties) VALUES (?, ?, ?, NULL)');
  const insertLocation = db.prepare("INSERT INTO locations(id, name, description, encoding_type, location, lon, lat) VALUES (?, ?, 'x', 'application/geo+json', ?, ?, ?)");
  const insertLink = db.prepare('INSERT INTO thing_locations(thing_id, location_id) VALUES (?, ?)');
  const insertFoi = db.prepare("INSERT INTO features_of_interest(id, name, description, encoding_type, feature, lon, lat, from_location_id) VALUES (?, ?, 'x', 'application/geo+json', ?, ?, ?, ?)");
  const insertDs = db.prepare(
    "INSERT INTO datastreams(id, thing_id, sensor_id, observed_property_id, name, description, unit_of_measurement, observation_type, phenomenon_time_start, phenomenon_time_end) VALUES (?, ?, 1, 1, ?, 'x', '{\"name\":\"µg/m³\",\"symbol\":\"µg/m³\",\"definition\":\"x\"}', 'OM_Measurement', ?, ?)",
  );
  const insertObs = db.prepare('INSERT INTO observations(datastream_id, feature_of_interest_id, phenomenon_time, result) VALUES (?, ?, ?, ?)');
  let perDs = Math.ceil(target / datastreams);
  const t = performance.now();
  let notes = '';
  db.transaction(() => {
    db.prepare("INSERT INTO sensors(id, name, description, encoding_type, metadata) VALUES (1, 'SDS011', 'x', 'text/plain', 'x')").run();
    db.prepare("INSERT INTO observed_properties(id, name, definition, description) VALUES (1, 'pm25', 'x', 'x')").run();
    for (let d = 1; d <= datastreams; d++) {
      // A 40 × 25 grid over lon 5.00–5.20, lat 52.00–52.10.
      const lon = 5 + ((d - 1) % 40) * 0.005;
      const lat = 52 + Math.floor((d - 1) / 40) * 0.004;
      const point = JSON.stringify({ type: 'Point', coordinates: [lon, lat] });
      insertThing.run(d, `T${d}`, 'benchmark sensor');
      insertLocation.run(d, `L${d}`, point, lon, lat);
      insertLink.run(d, d);
      insertFoi.run(d, `F${d}`, point, lon, lat, d);
      insertDs.run(d, d, `T${d} pm25`, startMs, startMs + (perDs - 1) * HOUR_MS);
    }
    for (let d = 1; d <= datastreams; d++) {
      for (let h = 0; h < perDs; h++) insertObs.run(d, d, startMs + h * HOUR_MS, (h * 7 + d) % 60);
      // After the first 2 % of the Datastreams, shrink the target if the whole run would not fit the time budget.
      if (d === 20) {
        const elapsedS = (performance.now() - t) / 1000;
        const projected = (elapsedS * datastreams) / d;
        if (projected > GENERATION_BUDGET_S) {
          const newPerDs = Math.max(1000, Math.floor((perDs * GENERATION_BUDGET_S) / projected));
          notes = `generation at ${Math.round((d * perDs) / elapsedS)} rows/s would take ${Math.round(projected)} s for ${target} rows; reduced to ${newPerDs} per Datastream. `;
          perDs = newPerDs;
        }
      }
    }
  })();
  const count = (db.prepare('SELECT count(*) AS n FROM observations').get() as { n: number }).n;
  db.pragma('journal_mode = WAL');
  db.close();
  return { count, datastreams, lastMs: startMs + (Math.ceil(target / datastreams) - 1) * HOUR_MS, seconds: (performance.now() - t) / 1000, bbox: [5.0475, 52.0195, 5.0975, 52.0395], notes };
}

async function p50Ms(fn: () => Promise<unknown>, runs: number): Promise<number> {
  for (let i = 0; i < 5; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const staQuery: Benchmark = {
  name: 'sta-query',
  async run(): Promise<BenchOutcome[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-bench-query-'));
    const file = path.join(dir, 'sensors.sqlite');
    try {
      const gen = generateObservations(file, TARGET_OBSERVATIONS);
      const served = await serve(file);
      try {
        const firstDs = 500;
        const dsLast = (served.store.db.prepare('SELECT phenomenon_time_end AS t FROM datastreams WHERE id = ?').get(firstDs) as { t: number }).t;
        const since = new Date(dsLast - 24 * HOUR_MS).toISOString();
        const [x0, y0, x1, y1] = gen.bbox;
        const polygon = `POLYGON((${x0} ${y0}, ${x1} ${y0}, ${x1} ${y1}, ${x0} ${y1}, ${x0} ${y0}))`;
        const last24Url = `${served.base}/Datastreams(${firstDs})/Observations?$filter=${encodeURIComponent(`phenomenonTime ge ${since}`)}&$orderby=${encodeURIComponent('phenomenonTime desc')}&$select=phenomenonTime,result`;
        const latestUrl = `${served.base}/Datastreams?$top=1000&$select=id,name&$filter=${encodeURIComponent(`st_within(Thing/Locations/location, geography'${polygon}')`)}&$expand=${encodeURIComponent('Observations($top=1;$orderby=phenomenonTime desc;$select=phenomenonTime,result)')}`;
        // Check the answers before timing them.
        const last24 = (await fetch(last24Url).then((r) => r.json())) as { value: unknown[] };
        const latest = (await fetch(latestUrl).then((r) => r.json())) as { value: { Observations: unknown[] }[] };
        if (last24.value.length !== 25) throw new Error(`last 24 h returned ${last24.value.length} observations, expected 25`);
        if (latest.value.length < 50 || latest.value.some((d) => d.Observations.length !== 1)) throw new Error(`bbox query returned ${latest.value.length} datastreams`);
        const runs = 60;
        const last24Ms = await p50Ms(() => fetch(last24Url).then((r) => r.arrayBuffer()), runs);
        const latestMs = await p50Ms(() => fetch(latestUrl).then((r) => r.arrayBuffer()), runs);
        // Baseline: the same answers by direct SQL on the same connection.
        const db = served.store.db;
        const sqlLast = db.prepare('SELECT phenomenon_time, result FROM observations WHERE datastream_id = ? AND phenomenon_time >= ? ORDER BY phenomenon_time DESC LIMIT 101');
        const sqlInBox = db.prepare('SELECT d.id FROM datastreams d JOIN thing_locations tl ON tl.thing_id = d.thing_id JOIN locations l ON l.id = tl.location_id WHERE l.lon BETWEEN ? AND ? AND l.lat BETWEEN ? AND ?');
        const sqlLatest = db.prepare('SELECT phenomenon_time, result FROM observations WHERE datastream_id = ? ORDER BY phenomenon_time DESC LIMIT 1');
        const baseLast = await p50Ms(async () => sqlLast.all(firstDs, dsLast - 24 * HOUR_MS), runs);
        const baseLatest = await p50Ms(async () => (sqlInBox.all(x0, x1, y0, y1) as { id: number }[]).map((r) => sqlLatest.get(r.id)), runs);
        const value = Math.max(last24Ms, latestMs);
        const baseline = Math.max(baseLast, baseLatest);
        return [
          {
            name: 'sta-query',
            value: Math.round(value * 100) / 100,
            unit: 'ms',
            baseline: Math.round(baseline * 1000) / 1000,
            ratio: Math.round((value / baseline) * 10) / 10,
            ratioMeaning: 'p50 over HTTP through the STA layer ÷ p50 of the same answer by direct SQL (cost of the API layer)',
            target: 'value < 20 ms',
            pass: value < 20,
            notes:
              `${gen.notes}${gen.count.toLocaleString('en')} observations in ${gen.datastreams} Datastreams (generated in ${gen.seconds.toFixed(0)} s); ` +
              `p50 last 24 h of one Datastream ${last24Ms.toFixed(2)} ms (25 obs); p50 latest value of every Datastream in a bbox ${latestMs.toFixed(2)} ms (${latest.value.length} Datastreams); ` +
              `${runs} runs each over HTTP on localhost, one client.`,
          },
        ];
      } finally {
        await served.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export const benchmarks: Benchmark[] = [ingest, staQuery];
