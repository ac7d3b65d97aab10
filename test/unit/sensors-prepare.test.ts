import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALGORITHMS } from '../../server/algorithms/register.ts';
import { generateDemostad } from '../../server/demo/generate-demostad.ts';
import { prepareDemoSensors } from '../../server/demo/sensors/prepare-sensors.ts';
import { SENSOR_ALGORITHMS } from '../../server/sensors/algorithm-entries.ts';
import { openSensorStore } from '../../server/sensors/store/sensor-store.ts';

describe('demo sensors for prepare.ts', () => {
  it('writes a complete, calibrated sensor database under its final name and leaves no temporary file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-prepare-sensors-'));
    try {
      const file = path.join(dir, 'sensors.sqlite');
      const report = prepareDemoSensors(file, generateDemostad({ seed: 1, scale: 0.3 }), 1);
      expect(report).toMatchObject({ things: 52, datastreams: 58, calibrated: 37, untrustworthy: 3 });
      expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
      const store = openSensorStore(file, { readonly: true });
      expect((store.db.prepare("SELECT count(*) AS n FROM datastreams WHERE name LIKE '% pm25_kal'").get() as { n: number }).n).toBe(37);
      expect(store.health().observations).toBeGreaterThan(report.observations);
      store.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sensor algorithm-register entries', () => {
  it('are bilingual, point at code that exists and do not clash with registered ids', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    for (const a of SENSOR_ALGORITHMS) {
      for (const file of a.code) expect(fs.existsSync(path.join(root, file)), file).toBe(true);
      for (const text of [a.title, a.purpose, ...a.assumptions, ...a.limits]) {
        expect(text.nl.length).toBeGreaterThan(0);
        expect(text.en.length).toBeGreaterThan(0);
      }
      expect(a.inputs.length).toBeGreaterThan(0);
      expect(a.references.length).toBeGreaterThan(0);
    }
    const ids = ALGORITHMS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of SENSOR_ALGORITHMS) expect(ids).toContain(a.id);
  });
});
