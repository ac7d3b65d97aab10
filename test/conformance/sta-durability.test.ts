// Durability and atomicity of SensorThings ingest, held to RELIABILITY.md #22 and the wording:
// (1) the REAL server (`node bin/tweeling.mjs serve`) as a child process, SIGKILLed during a sustained burst of
//     Observation POSTs and DataArray batches: every observation answered with 201 must be in sensors.sqlite
//     afterwards, and the file must pass integrity_check;
// (2) a CreateObservations batch of 10 000 rows is atomic: one bad row at the very end stores nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ServeChild, startServeProcess } from '../support/serve-process.ts';
import { createStaFixture, type StaFixture } from '../support/sta-fixture.ts';

const OM_MEASUREMENT = 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement';
/** Acknowledged single-Observation POSTs before the kill (the issue asks for ≥ 300). */
const KILL_AFTER_ACKS = 300;
const WORKERS = 12;
const BATCH_ROWS = 25;

const thingWithDatastream = (name: string) => ({
  name,
  description: 'durability test station',
  Locations: [{ name: 'pole', description: 'lamp post', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [5.1, 52.1] } }],
  Datastreams: [
    {
      name: `${name} pm10`,
      description: 'PM10',
      unitOfMeasurement: { name: 'microgram per cubic metre', symbol: 'µg/m³', definition: 'http://unitsofmeasure.org/ucum.html' },
      observationType: OM_MEASUREMENT,
      Sensor: { name: 'SDS011', description: 'Nova Fitness', encodingType: 'application/pdf', metadata: 'https://example.org/sds011.pdf' },
      ObservedProperty: { name: 'pm10', definition: 'https://example.org/pm10', description: 'PM10 mass concentration' },
    },
  ],
});

type Server = ServeChild;

/** Starts `tweeling serve` (a small generated twin) on a port of the OS's choosing. */
async function startServer(dataDir: string): Promise<{ child: Server; url: string }> {
  const { child, url } = await startServeProcess(dataDir, { TWEELING_DEMO_SCALE: '0.1' });
  return { child, url };
}

describe('SIGKILL of the real server during sustained ingest', () => {
  let dataDir: string;
  let child: Server | undefined;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-sta-durability-'));
  });
  afterEach(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged Observation and leaves a sound database', async () => {
    const started = await startServer(dataDir);
    child = started.child;
    const sta = `${started.url}/sta/v1.1`;
    const post = (p: string, body: unknown) => fetch(sta + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    const created = await post('/Things', thingWithDatastream('durability'));
    expect(created.status).toBe(201);
    const thingId = ((await created.json()) as { '@iot.id': number })['@iot.id'];
    const dsList = (await (await fetch(`${sta}/Things(${thingId})/Datastreams`)).json()) as { value: { '@iot.id': number }[] };
    const datastreamId = dsList.value[0]['@iot.id'];
    const multi = await post(`/Things(${thingId})/MultiDatastreams`, {
      name: 'durability weather',
      description: 'temperature and humidity',
      unitOfMeasurements: [
        { name: 'degree Celsius', symbol: '°C', definition: 'http://unitsofmeasure.org/ucum.html' },
        { name: 'percent', symbol: '%', definition: 'http://unitsofmeasure.org/ucum.html' },
      ],
      observationType: 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_ComplexObservation',
      multiObservationDataTypes: [OM_MEASUREMENT, OM_MEASUREMENT],
      Sensor: { '@iot.id': 1 },
      ObservedProperties: [
        { name: 'temperature', definition: 'https://example.org/t', description: 'air temperature' },
        { name: 'humidity', definition: 'https://example.org/rh', description: 'relative humidity' },
      ],
    });
    expect(multi.status).toBe(201);
    const multiId = ((await multi.json()) as { '@iot.id': number })['@iot.id'];

    // Every acknowledged observation: its id → the result column it must have (a unique sequence number; for a
    // MultiDatastream Observation the JSON text of [n, n]).
    const acked = new Map<number, number | string>();
    let singleAcks = 0;
    let batchAcks = 0;
    let seq = 0;
    let killed = false;
    let cutOff = 0;
    const exited = new Promise<void>((resolve) => child!.once('close', () => resolve()));
    const kill = () => {
      if (killed) return;
      killed = true;
      child!.kill('SIGKILL');
    };

    // Each worker alternates: mostly single POSTs (every 5th to the MultiDatastream), every 10th request a DataArray
    // batch; it stops at the first
    // network error (the server is gone). Responses after the kill decision still count if they arrived as 201.
    const worker = async (w: number) => {
      for (let n = 0; !killed; n++) {
        try {
          if (n % 10 === 9) {
            const values = Array.from({ length: BATCH_ROWS }, () => ++seq);
            const r = await post('/CreateObservations', [
              { Datastream: { '@iot.id': datastreamId }, components: ['phenomenonTime', 'result'], dataArray: values.map((v) => [new Date(Date.UTC(2026, 0, 1) + v * 1000).toISOString(), v]) },
            ]);
            if (r.status !== 201) throw new Error(`batch answered ${r.status}`);
            const links = (await r.json()) as string[];
            links.forEach((link, i) => acked.set(Number(/\((\d+)\)$/.exec(link)![1]), values[i]));
            batchAcks++;
          } else {
            const v = ++seq;
            const toMulti = n % 5 === 4;
            const phenomenonTime = new Date(Date.UTC(2026, 0, 1) + v * 1000).toISOString();
            const r = toMulti
              ? await post(`/MultiDatastreams(${multiId})/Observations`, { phenomenonTime, result: [v, v], parameters: { worker: w } })
              : await post(`/Datastreams(${datastreamId})/Observations`, { phenomenonTime, result: v, parameters: { worker: w } });
            if (r.status !== 201) throw new Error(`single POST answered ${r.status}`);
            const body = (await r.json()) as { '@iot.id': number };
            expect(r.headers.get('location')).toBe(`${sta}/Observations(${body['@iot.id']})`);
            acked.set(body['@iot.id'], toMulti ? JSON.stringify([v, v]) : v);
            singleAcks++;
          }
          if (singleAcks >= KILL_AFTER_ACKS && batchAcks >= 2) kill();
        } catch (err) {
          // Only a dead server may end the stream; any other failure is the test's to report.
          if (!killed) throw err;
          cutOff++;
          return;
        }
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    await exited;
    const ingestS = (performance.now() - t0) / 1000;

    expect(child.signalCode).toBe('SIGKILL');
    expect(singleAcks).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    // The kill landed mid-stream: some requests were still in flight and never got an answer.
    expect(cutOff).toBeGreaterThan(0);

    // Read the file as a restarted server would find it; readonly so this check changes nothing.
    const db = new Database(path.join(dataDir, 'sensors.sqlite'), { readonly: true, fileMustExist: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const read = db.prepare('SELECT result FROM observations WHERE id = ? AND (datastream_id = ? OR multi_datastream_id = ?)');
      const missing: number[] = [];
      const wrong: number[] = [];
      for (const [id, value] of acked) {
        const row = read.get(id, datastreamId, multiId) as { result: number | string } | undefined;
        if (!row) missing.push(id);
        else if (row.result !== value) wrong.push(id);
      }
      const stored = (db.prepare('SELECT count(*) AS n FROM observations WHERE datastream_id = ? OR multi_datastream_id = ?').get(datastreamId, multiId) as { n: number }).n;
      const multiAcks = [...acked.values()].filter((v) => typeof v === 'string').length;
      console.info(
        `durability: ${acked.size} observations acknowledged (${singleAcks} single POSTs of which ${multiAcks} to a MultiDatastream, ${batchAcks} batches of ${BATCH_ROWS}) in ${ingestS.toFixed(1)} s, ${cutOff} requests cut off by the kill; ` +
          `${acked.size - missing.length} found after SIGKILL, ${stored} stored in total (in flight at the kill may add some); integrity_check ok`,
      );
      expect(missing).toEqual([]);
      expect(wrong).toEqual([]);
      expect(multiAcks).toBeGreaterThan(0);
      // Unacknowledged requests may or may not have committed, but nothing beyond what was sent can be there.
      expect(stored).toBeGreaterThanOrEqual(acked.size);
      expect(stored).toBeLessThanOrEqual(seq);
    } finally {
      db.close();
    }
  }, 50_000);
});

describe('CreateObservations with 10 000 rows', () => {
  let sta: StaFixture;
  beforeEach(async () => {
    sta = await createStaFixture();
  });
  afterEach(async () => {
    await sta.close();
  });

  const rows = (n: number) => Array.from({ length: n }, (_, i) => [new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), i * 0.5]);
  const batch = (dataArray: unknown[][]) => [{ Datastream: { '@iot.id': 1 }, components: ['phenomenonTime', 'result'], dataArray }];
  const stored = () => (sta.store.db.prepare('SELECT count(*) AS n FROM observations').get() as { n: number }).n;

  it('stores nothing when only the last row (index 9 999) has an unparseable time', async () => {
    expect((await sta.call('POST', '/Things', thingWithDatastream('atomic'))).status).toBe(201);
    const dataArray = rows(10_000);
    dataArray[9_999] = ['2026-02-30T25:00:00Z', 1];
    const body = JSON.stringify(batch(dataArray));
    expect(body.length).toBeLessThan(8 * 1024 * 1024);
    const r = await sta.call('POST', '/CreateObservations', body, { 'content-type': 'application/json' });
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual([expect.objectContaining({ field: '0.dataArray.9999.0' })]);
    expect(stored()).toBe(0);
    // The Datastream's extents were not widened by the rejected rows either.
    expect((await sta.call('GET', '/Datastreams(1)')).json.phenomenonTime).toBeNull();
  });

  it('stores nothing when the last row has the wrong number of values', async () => {
    expect((await sta.call('POST', '/Things', thingWithDatastream('atomic'))).status).toBe(201);
    const dataArray = rows(10_000);
    dataArray[9_999] = [dataArray[9_999][0]];
    const r = await sta.call('POST', '/CreateObservations', batch(dataArray));
    expect(r.status).toBe(400);
    expect(r.json.errors[0].field).toBe('0.dataArray.9999');
    expect(stored()).toBe(0);
  });

  it('stores all 10 000 rows of a good batch, each once, in order', async () => {
    expect((await sta.call('POST', '/Things', thingWithDatastream('atomic'))).status).toBe(201);
    const r = await sta.call('POST', '/CreateObservations', batch(rows(10_000)));
    expect(r.status).toBe(201);
    expect(r.json).toHaveLength(10_000);
    expect(new Set(r.json).size).toBe(10_000);
    expect(stored()).toBe(10_000);
    const last = sta.store.db.prepare('SELECT result, phenomenon_time FROM observations WHERE id = ?').get(Number(/\((\d+)\)$/.exec(r.json[9_999])![1])) as {
      result: number;
      phenomenon_time: number;
    };
    expect(last).toEqual({ result: 9_999 * 0.5, phenomenon_time: Date.UTC(2026, 0, 1) + 9_999 * 60_000 });
    const ds = await sta.call('GET', '/Datastreams(1)');
    expect(ds.json.phenomenonTime).toBe(`${new Date(Date.UTC(2026, 0, 1)).toISOString()}/${new Date(Date.UTC(2026, 0, 1) + 9_999 * 60_000).toISOString()}`);
  });
});
