// Prepares one real twin (generated Demostad, SQLite store, 3D Tiles) for the whole test run, in a temp dir,
// through exactly the code path `npm start` uses. Tests get its location through inject('twinDataDir').
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { prepareTwin } from '../../server/prepare.ts';
import { postgresUnavailableReason, startPostgresCluster } from './postgres-cluster.ts';

export const TEST_DEMO_SCALE = 0.5;

declare module 'vitest' {
  export interface ProvidedContext {
    twinDataDir: string;
    twinPrepareMs: Record<string, number>;
    /** postgres:// URL of the run's shared PostgreSQL+PostGIS cluster (its `postgres` database), or '' when unavailable. */
    postgresAdminUrl: string;
    /** Why there is no cluster ('' when there is one). */
    postgresUnavailable: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-test-twin-'));
  const report = await prepareTwin({ dataDir, demoSeed: 1, demoScale: TEST_DEMO_SCALE });
  project.provide('twinDataDir', dataDir);
  project.provide('twinPrepareMs', report.timingsMs);
  // One cluster for the run, for the suites that run the workspace on PostgreSQL (each test gets its own database).
  const unavailable = postgresUnavailableReason() ?? '';
  const cluster = unavailable ? undefined : await startPostgresCluster();
  project.provide('postgresAdminUrl', cluster ? cluster.url.replace(/\/[^/]*$/, '/postgres') : '');
  project.provide('postgresUnavailable', unavailable);
  return async () => {
    await cluster?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
