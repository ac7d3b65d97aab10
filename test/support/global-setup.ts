// Prepares one real twin (generated Demostad, SQLite store, 3D Tiles) for the whole test run, in a temp dir,
// through exactly the code path `npm start` uses. Tests get its location through inject('twinDataDir').
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { prepareTwin } from '../../server/prepare.ts';

export const TEST_DEMO_SCALE = 0.5;

declare module 'vitest' {
  export interface ProvidedContext {
    twinDataDir: string;
    twinPrepareMs: Record<string, number>;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-test-twin-'));
  const report = await prepareTwin({ dataDir, demoSeed: 1, demoScale: TEST_DEMO_SCALE });
  project.provide('twinDataDir', dataDir);
  project.provide('twinPrepareMs', report.timingsMs);
  return () => fs.rmSync(dataDir, { recursive: true, force: true });
}
