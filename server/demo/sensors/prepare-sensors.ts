// One call for prepare.ts: generate the demo sensor network, load it and calibrate it into a fresh sensor database
// written under a temporary name and renamed at the end, so an interrupted run never leaves a half-filled file.
import fs from 'node:fs';
import type { Municipality } from '../../contracts/model.ts';
import { calibrateStoredSensors } from '../../sensors/calibration/calibrate-stored-sensors.ts';
import { openSensorStore } from '../../sensors/store/sensor-store.ts';
import { generateDemoSensors } from './generate-sensors.ts';
import { loadDemoSensors } from './load-sensors.ts';

export interface PreparedDemoSensors {
  things: number;
  datastreams: number;
  observations: number;
  calibrated: number;
  untrustworthy: number;
}

export function prepareDemoSensors(file: string, m: Municipality, seed: number, { days = 30 }: { days?: number } = {}): PreparedDemoSensors {
  const tmp = `${file}.tmp-${process.pid}`;
  removeSqlite(tmp);
  const store = openSensorStore(tmp);
  let report: PreparedDemoSensors;
  try {
    const loaded = loadDemoSensors(store, generateDemoSensors(m, seed, { days }));
    const calibration = calibrateStoredSensors(store);
    const calibrated = calibration.filter((c) => c.calibratedDatastreamId !== undefined).length;
    report = { things: loaded.things, datastreams: loaded.datastreams, observations: loaded.observations, calibrated, untrustworthy: calibration.length - calibrated };
  } finally {
    store.close();
  }
  removeSqlite(file);
  fs.renameSync(tmp, file);
  return report;
}

function removeSqlite(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}
