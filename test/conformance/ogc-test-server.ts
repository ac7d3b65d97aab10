// An HTTP server with /ogc over the twin prepared by global-setup.ts, for the OGC API tests and the GDAL test.
// Uses the real app (startTestTwin) once app.ts mounts /ogc; until then, an express app with only the OGC router
// and the shared error handler over the same store.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { inject } from 'vitest';
import { ogcRouter } from '../../server/api/ogc/ogc-router.ts';
import { errorHandler } from '../../server/api/problem.ts';
import { dataPaths } from '../../server/config.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import type { Store } from '../../server/store/store.ts';
import { startTestTwin } from '../support/twin.ts';

export interface OgcTestServer {
  /** Absolute URL of the OGC API root, e.g. http://127.0.0.1:40123/ogc */
  ogcUrl: string;
  /** Which server answers: the real app, or the OGC router alone. */
  kind: 'app' | 'router';
  /** A read-only store over the same twin, as the oracle for responses. */
  store: Store;
  close(): Promise<void>;
}

async function openOracleStore(): Promise<Store> {
  return openSqliteStore(dataPaths({ dataDir: inject('twinDataDir') }).store, { readonly: true });
}

export async function startOgcTestServer(): Promise<OgcTestServer> {
  const twin = await startTestTwin();
  const probe = await fetch(`${twin.url}/ogc/conformance`).catch(() => undefined);
  if (probe?.status === 200) {
    const store = await openOracleStore();
    return {
      ogcUrl: `${twin.url}/ogc`,
      kind: 'app',
      store,
      close: async () => {
        await twin.close();
        await store.close();
      },
    };
  }
  await twin.close();

  const store = await openOracleStore();
  const app = express();
  app.set('trust proxy', false);
  app.use('/ogc', ogcRouter(store, {}));
  app.use(errorHandler(() => {}));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ogcUrl: `http://127.0.0.1:${port}/ogc`,
    kind: 'router',
    store,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
