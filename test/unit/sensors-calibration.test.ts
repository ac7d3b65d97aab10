import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemostad } from '../../server/demo/generate-demostad.ts';
import { createRng } from '../../server/demo/random.ts';
import { generateDemoSensors } from '../../server/demo/sensors/generate-sensors.ts';
import { loadDemoSensors } from '../../server/demo/sensors/load-sensors.ts';
import { gaussian } from '../../server/demo/sensors/series.ts';
import { calibrateStoredSensors } from '../../server/sensors/calibration/calibrate-stored-sensors.ts';
import { fitCalibration } from '../../server/sensors/calibration/fit-calibration.ts';
import { leastSquares, rSquared, rmse } from '../../server/sensors/calibration/least-squares.ts';
import { openSensorStore } from '../../server/sensors/store/sensor-store.ts';

const H = 3_600_000;

describe('least squares', () => {
  it('solves an exactly determined system and refuses collinear columns', () => {
    // y = 2 + 3a − b on three points: the unique solution.
    expect(leastSquares([[1, 0, 0], [1, 1, 0], [1, 0, 1]], [2, 5, 1])!.map((v) => Math.round(v * 1e9) / 1e9)).toEqual([2, 3, -1]);
    expect(leastSquares([[1, 2], [1, 2], [1, 2]], [1, 2, 3])).toBeUndefined();
  });

  it('computes RMSE and R² by their definitions', () => {
    expect(rmse([1, 2, 3], [1, 2, 5])).toBeCloseTo(Math.sqrt(4 / 3), 12);
    expect(rSquared([1, 2, 3], [1, 2, 3])).toBe(1);
    expect(rSquared([2, 2, 2], [1, 2, 3])).toBe(0);
  });
});

describe('calibration fit', () => {
  it('recovers known coefficients from synthetic data with noise', () => {
    const rng = createRng(3, 'calibration-test');
    const raw = new Map<number, number>();
    const ref = new Map<number, number>();
    const rh = new Map<number, number>();
    for (let h = 0; h < 2000; h++) {
      const x = rng.range(2, 60);
      const r = rng.range(40, 100);
      raw.set(h * H, x);
      rh.set(h * H, r);
      ref.set(h * H, 4.5 + 0.62 * x - 0.05 * r + 0.3 * gaussian(rng));
    }
    const fit = fitCalibration(raw, ref, rh)!;
    expect(fit.model).toBe('linear-rh');
    expect(fit.coefficients.intercept).toBeCloseTo(4.5, 1);
    expect(fit.coefficients.raw).toBeCloseTo(0.62, 2);
    expect(fit.coefficients.rh).toBeCloseTo(-0.05, 2);
    expect(fit.after.rmse).toBeCloseTo(0.3, 1);
    expect(fit.after.r2).toBeGreaterThan(0.99);
    expect(fit.trustworthy).toBe(true);
    expect(fit.hours).toBe(2000);
  });

  it('uses only hours all series have, and flags too little overlap', () => {
    const raw = new Map([[0, 10], [H, 12], [2 * H, 20], [3 * H, 30]]);
    const ref = new Map([[H, 6], [2 * H, 10], [3 * H, 15], [4 * H, 99]]);
    const fit = fitCalibration(raw, ref, undefined)!;
    expect(fit.hours).toBe(3);
    expect(fit.model).toBe('linear');
    expect(fit.trustworthy).toBe(false);
    expect(fit.reasons[0]).toMatch(/only 3 hours overlap/);
  });
});

describe('calibration of the demo citizen sensors', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-calibration-'));
  const town = generateDemostad({ seed: 1, scale: 0.3 });
  const network = generateDemoSensors(town, 1, { days: 30 });
  const store = openSensorStore(path.join(dir, 'sensors.sqlite'));
  loadDemoSensors(store, network);
  const results = calibrateStoredSensors(store);
  const faults = new Map(network.things.map((t) => [t.name, t.fault]));

  it('improves RMSE and R² against the reference for every healthy sensor', () => {
    const healthy = results.filter((r) => !faults.get(r.thingName));
    expect(healthy).toHaveLength(37);
    for (const r of healthy) {
      expect(r.result!.after.rmse, r.thingName).toBeLessThan(r.result!.before.rmse);
      expect(r.result!.after.r2, r.thingName).toBeGreaterThan(r.result!.before.r2);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const before = mean(healthy.map((r) => r.result!.before.rmse));
    const after = mean(healthy.map((r) => r.result!.after.rmse));
    expect(after).toBeLessThan(0.5 * before);
    console.info(`demo calibration (seed 1, 30 days, ${healthy.length} healthy sensors): mean RMSE ${before.toFixed(2)} → ${after.toFixed(2)} µg/m³, mean R² ${mean(healthy.map((r) => r.result!.before.r2)).toFixed(2)} → ${mean(healthy.map((r) => r.result!.after.r2)).toFixed(2)}`);
  });

  it('flags the broken sensors as untrustworthy and stores no calibrated values for them', () => {
    const broken = results.filter((r) => faults.get(r.thingName));
    expect(broken).toHaveLength(3);
    for (const r of broken) {
      expect(r.result!.trustworthy, `${r.thingName} (${faults.get(r.thingName)})`).toBe(false);
      expect(r.calibratedDatastreamId).toBeUndefined();
    }
    expect(results.filter((r) => r.result?.trustworthy)).toHaveLength(37);
  });

  it('stores calibrated values as a derived Datastream carrying its provenance', () => {
    const r = results.find((x) => x.calibratedDatastreamId !== undefined)!;
    const row = store.db.prepare('SELECT name, description, properties FROM datastreams WHERE id = ?').get(r.calibratedDatastreamId) as { name: string; description: string; properties: string };
    expect(row.name).toBe(`${r.thingName} pm25_kal`);
    expect(row.description).toMatch(/least squares against reference station Demostad-(Centrum|Singel) over 2026-01-01T/);
    const props = JSON.parse(row.properties);
    expect(props.derivedFrom).toBe(r.datastreamId);
    expect(props.calibration).toMatchObject({ model: 'pm25_kal = β0 + β1·raw + β2·RH', referenceStation: r.referenceStation, coefficients: r.result!.coefficients });
    const n = store.db.prepare('SELECT count(*) AS n FROM observations WHERE datastream_id = ?').get(r.calibratedDatastreamId) as { n: number };
    expect(n.n).toBeGreaterThan(600);
    // Running it again replaces the derived Datastreams instead of adding more.
    calibrateStoredSensors(store);
    expect(store.db.prepare("SELECT count(*) AS n FROM datastreams WHERE name LIKE '%pm25_kal'").get()).toEqual({ n: 37 });
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
