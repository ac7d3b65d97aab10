// Starts the real app on a random port over the twin prepared by global-setup.ts.
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { inject } from 'vitest';
import { createApp } from '../../server/app.ts';
import { type Config, dataPaths, loadConfig } from '../../server/config.ts';
import { openSensorStore } from '../../server/sensors/store/sensor-store.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { type Workspace, openWorkspace } from '../../server/workspace/workspace.ts';

export interface TestTwin {
  url: string;
  dataDir: string;
  /** A fresh in-memory workspace per twin (accounts, scenarios, participation, audit), so tests never share one. */
  workspace: Workspace;
  close(): Promise<void>;
}

/** The configuration of the test twin prepared by global-setup.ts: its data directory, the built client and Cesium. */
export function testTwinConfig(): Config {
  const root = path.resolve(import.meta.dirname, '../..');
  return loadConfig({}, {
    dataDir: inject('twinDataDir'),
    port: 0,
    clientDir: path.join(root, 'client/dist'),
    cesiumDir: path.join(root, 'node_modules/cesium/Build/Cesium'),
  });
}

export interface TestTwinOptions {
  /** Where the workspace lives: ':memory:' (default) or a postgres:// URL (see workspace-backends.ts). */
  workspace?: string;
}

export async function startTestTwin(options: TestTwinOptions = {}): Promise<TestTwin> {
  const config = testTwinConfig();
  const dataDir = config.dataDir;
  const store = await openSqliteStore(dataPaths(config).store);
  const sensors = openSensorStore(dataPaths(config).sensors);
  const workspace = await openWorkspace(options.workspace ?? ':memory:');
  const app = createApp({ store, sensors, config, workspace, log: () => {} });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    workspace,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      sensors.close();
      await workspace.close();
    },
  };
}
