import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSensorWriter } from '../../server/sensors/sta/write-entities.ts';
import { openSensorStore } from '../../server/sensors/store/sensor-store.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-sensors-'));
  dirs.push(dir);
  return path.join(dir, 'sensors.sqlite');
}

const thing = {
  name: 'T',
  description: 'd',
  Locations: [{ name: 'L', description: 'l', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [5, 52] } }],
  Datastreams: [
    {
      name: 'pm25',
      description: 'x',
      unitOfMeasurement: { name: 'µg/m³', symbol: 'µg/m³', definition: 'u' },
      observationType: 'OM_Measurement',
      Sensor: { name: 's', description: 's', encodingType: 'application/pdf', metadata: 'm' },
      ObservedProperty: { name: 'pm25', definition: 'd', description: 'd' },
    },
  ],
};

describe('sensor store', () => {
  it('opens in WAL mode with synchronous=FULL and foreign keys on, and creates every entity table', () => {
    const store = openSensorStore(tempFile());
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    for (const t of ['things', 'locations', 'historical_locations', 'datastreams', 'sensors', 'observed_properties', 'observations', 'features_of_interest']) expect(tables).toContain(t);
    const plan = store.db.prepare('EXPLAIN QUERY PLAN SELECT id FROM observations WHERE datastream_id = ? ORDER BY phenomenon_time DESC LIMIT 1').all(1) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX observations_datastream_time/);
    store.close();
  });

  it('stores a batch of observations atomically: one bad row and none of the batch is kept', () => {
    const store = openSensorStore(tempFile());
    const writer = createSensorWriter(store.db);
    store.transaction(() => writer.createThing(thing));
    const foi = store.transaction(() => writer.derivedFeatureOfInterest(1, 'x'));
    const row = (h: number, ds = 1) => ({ datastreamId: ds, featureOfInterestId: foi, phenomenonTimeMs: h * 3600_000, phenomenonTimeEndMs: null, resultTimeMs: null, result: h });
    expect(() => store.transaction(() => writer.insertObservationRows([row(1), row(2), row(3, 999)]))).toThrow(/FOREIGN KEY/);
    expect(store.db.prepare('SELECT count(*) AS n FROM observations').get()).toEqual({ n: 0 });
    store.transaction(() => writer.insertObservationRows([row(1), row(2)]));
    expect(store.db.prepare('SELECT count(*) AS n FROM observations').get()).toEqual({ n: 2 });
    store.close();
  });

  it('refuses a file that is not a database rather than overwriting it', () => {
    const file = tempFile();
    fs.writeFileSync(file, 'this is not sqlite'.repeat(100));
    expect(() => openSensorStore(file)).toThrow();
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^this is not sqlite/);
  });

  it('keeps every acknowledged write when the writing process is killed with SIGKILL', async () => {
    const file = tempFile();
    const script = path.join(path.dirname(file), 'writer.ts');
    const storeModule = path.resolve('server/sensors/store/sensor-store.ts');
    const writerModule = path.resolve('server/sensors/sta/write-entities.ts');
    // The child acknowledges each committed single-row transaction on stdout, then keeps writing until killed.
    fs.writeFileSync(
      script,
      `import { openSensorStore } from ${JSON.stringify(storeModule)};
       import { createSensorWriter } from ${JSON.stringify(writerModule)};
       const store = openSensorStore(${JSON.stringify(file)});
       const writer = createSensorWriter(store.db);
       store.transaction(() => writer.createThing(${JSON.stringify(thing)}));
       const foi = store.transaction(() => writer.derivedFeatureOfInterest(1, 'x'));
       for (let h = 0; ; h++) {
         const [id] = store.transaction(() => writer.insertObservationRows([{ datastreamId: 1, featureOfInterestId: foi, phenomenonTimeMs: h * 1000, phenomenonTimeEndMs: null, resultTimeMs: null, result: h }]));
         process.stdout.write(id + '\\n');
       }`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acked = 0;
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const lines = chunk.toString().trim().split('\n');
        acked = Math.max(acked, Number(lines[lines.length - 1]));
        if (acked >= 200 && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => resolve());
      child.on('error', reject);
    });
    await new Promise((r) => child.once('close', r));
    expect(acked).toBeGreaterThanOrEqual(200);
    const store = openSensorStore(file);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const { n } = store.db.prepare('SELECT count(*) AS n FROM observations WHERE id <= ?').get(acked) as { n: number };
    expect(n).toBe(acked);
    store.close();
  }, 60_000);
});
