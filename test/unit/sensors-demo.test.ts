import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemostad } from '../../server/demo/generate-demostad.ts';
import { generateDemoSensors } from '../../server/demo/sensors/generate-sensors.ts';
import { loadDemoSensors } from '../../server/demo/sensors/load-sensors.ts';
import { localClock } from '../../server/demo/sensors/series.ts';
import { openSensorStore } from '../../server/sensors/store/sensor-store.ts';

const town = generateDemostad({ seed: 1, scale: 0.3 });
const network = generateDemoSensors(town, 7, { days: 14 });
const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('demo sensor network', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(JSON.stringify(generateDemoSensors(town, 7, { days: 14 }))).toBe(JSON.stringify(network));
    expect(JSON.stringify(generateDemoSensors(town, 8, { days: 14 }))).not.toBe(JSON.stringify(network));
  });

  it('has 2 reference stations with PM2.5, PM10, NO2 and RH, 40 citizen PM2.5 sensors (3 broken), noise meters and footfall counters', () => {
    const byKind = (k: string) => network.things.filter((t) => t.kind === k);
    expect(byKind('reference').map((t) => t.datastreams.map((d) => d.quantity))).toEqual([
      ['pm25', 'pm10', 'no2', 'rh'],
      ['pm25', 'pm10', 'no2', 'rh'],
    ]);
    expect(byKind('citizen')).toHaveLength(40);
    expect(byKind('citizen').filter((t) => t.fault).map((t) => t.fault).sort()).toEqual(['erratic', 'stuck', 'zeros']);
    expect(byKind('noise').length).toBeGreaterThanOrEqual(4);
    expect(byKind('footfall').length).toBeGreaterThanOrEqual(3);
    for (const t of network.things) for (const d of t.datastreams) expect(d.values).toHaveLength(14 * 24);
  });

  it('places every sensor inside the municipality and stores WGS84 lon/lat', () => {
    const xs = town.buildings.flatMap((b) => b.footprint[0].map((p) => p[0]));
    const ys = town.buildings.flatMap((b) => b.footprint[0].map((p) => p[1]));
    for (const t of network.things) {
      expect(t.positionRd[0]).toBeGreaterThanOrEqual(Math.min(...xs) - 50);
      expect(t.positionRd[0]).toBeLessThanOrEqual(Math.max(...xs) + 50);
      expect(t.positionRd[1]).toBeGreaterThanOrEqual(Math.min(...ys) - 50);
      expect(t.positionRd[1]).toBeLessThanOrEqual(Math.max(...ys) + 50);
      expect(t.lonLatDeg[0]).toBeGreaterThan(3);
      expect(t.lonLatDeg[0]).toBeLessThan(8);
      expect(t.lonLatDeg[1]).toBeGreaterThan(50);
      expect(t.lonLatDeg[1]).toBeLessThan(54);
    }
  });

  it('shows daily and weekly rhythms: rush-hour NO2, night-time humidity, Saturday crowds, quiet nights', () => {
    const series = (kind: string, quantity: string) => network.things.find((t) => t.kind === kind)!.datastreams.find((d) => d.quantity === quantity)!.values;
    const byHour = (values: number[], pick: (hour: number, weekday: number) => boolean) =>
      meanOf(values.filter((v, h) => !Number.isNaN(v) && pick(localClock(network.startMs + h * 3_600_000).hour, localClock(network.startMs + h * 3_600_000).weekday)));
    const no2 = series('reference', 'no2');
    expect(byHour(no2, (h, d) => h === 8 && d >= 1 && d <= 5)).toBeGreaterThan(byHour(no2, (h) => h === 3) + 10);
    const rh = series('reference', 'rh');
    expect(byHour(rh, (h) => h === 4)).toBeGreaterThan(byHour(rh, (h) => h === 15) + 10);
    const crowd = series('footfall', 'footfall');
    expect(byHour(crowd, (h, d) => d === 6 && h >= 10 && h < 17)).toBeGreaterThan(1.3 * byHour(crowd, (h, d) => d === 2 && h >= 10 && h < 17));
    expect(byHour(crowd, (h) => h === 3)).toBeLessThan(10);
    const noise = series('noise', 'laeq');
    expect(byHour(noise, (h) => h === 14)).toBeGreaterThan(byHour(noise, (h) => h === 3) + 10);
  });

  it('makes citizen sensors overestimate in humid hours and leaves gaps', () => {
    const ref = network.things[0];
    const rh = ref.datastreams.find((d) => d.quantity === 'rh')!.values;
    const refPm = ref.datastreams.find((d) => d.quantity === 'pm25')!.values;
    const healthy = network.things.filter((t) => t.kind === 'citizen' && !t.fault);
    const ratio = (pick: (rh: number) => boolean) =>
      meanOf(healthy.flatMap((t) => t.datastreams[0].values.map((v, h) => (pick(rh[h]) && !Number.isNaN(v) && !Number.isNaN(refPm[h]) ? v / refPm[h] : NaN)).filter((x) => !Number.isNaN(x))));
    expect(ratio((r) => r > 90)).toBeGreaterThan(1.4 * ratio((r) => r < 65));
    const missing = healthy.reduce((n, t) => n + t.datastreams[0].values.filter(Number.isNaN).length, 0);
    expect(missing).toBeGreaterThan(0);
  });

  it('loads into the sensor store in one go, every non-missing value as an Observation', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-demo-sensors-'));
    try {
      const store = openSensorStore(path.join(dir, 'sensors.sqlite'));
      const loaded = loadDemoSensors(store, network);
      const expected = network.things.reduce((n, t) => n + t.datastreams.reduce((m, d) => m + d.values.filter((v) => !Number.isNaN(v)).length, 0), 0);
      expect(loaded.observations).toBe(expected);
      expect(store.db.prepare('SELECT count(*) AS n FROM observations').get()).toEqual({ n: expected });
      expect(store.db.prepare('SELECT count(*) AS n FROM things').get()).toEqual({ n: network.things.length });
      expect(store.db.prepare("SELECT count(*) AS n FROM observed_properties").get()).toEqual({ n: 6 });
      store.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
