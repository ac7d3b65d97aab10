// createApp wires routers around a store; it starts nothing and keeps no module-level state.
import fs from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { ALGORITHMS } from './algorithms/register.ts';
import { bodySizeGuard } from './api/body-size-guard.ts';
import { overloadGuard } from './api/overload-guard.ts';
import { errorHandler, unknownRoute } from './api/problem.ts';
import { fibreRouter } from './api/fibre-router.ts';
import { requireJsonBody } from './api/require-json-body.ts';
import { fivegRouter } from './api/fiveg-router.ts';
import { ogcRouter } from './api/ogc/ogc-router.ts';
import { omgevingsplanRouter } from './api/omgevingsplan-router.ts';
import { publicHealthRouter } from './api/public-health-router.ts';
import { staRouter } from './api/sta-router.ts';
import { CachedTileResponder, cachedStaticFiles, tileFastPath } from './api/static-files.ts';
import { FileCache } from './tiles/file-cache.ts';
import { twinRouter } from './api/twin-router.ts';
import { type Config, dataPaths } from './config.ts';
import type { SensorStore } from './sensors/store/sensor-store.ts';
import type { Store } from './store/store.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import { DEFAULT_COMMENT_LIMIT } from './participation/comment-rate-limit.ts';
import { participationRouter } from './participation/participation-router.ts';
import { auditRouter } from './workspace/audit-router.ts';
import { authRouter } from './workspace/auth/auth-router.ts';
import { authenticate } from './workspace/auth/authenticate.ts';
import { briefingRouter } from './workspace/briefings/briefing-router.ts';
import { scenarioRouter } from './workspace/scenarios/scenario-router.ts';
import type { Workspace } from './workspace/workspace.ts';

export interface AppDeps {
  store: Store;
  /** The time-series store behind /sta/v1.1; without it the twin has no sensor layer. */
  sensors?: SensorStore;
  config: Config;
  /** Accounts, scenarios, briefings, participation and the audit log; without it those routes are absent. */
  workspace?: Workspace;
  log?: (message: string) => void;
  /** The scenario job queue shared by several processes (PostGIS); without it each router runs its jobs in-process. */
  jobs?: JobQueue;
}

/** Page policy that lets CesiumJS run with same-origin workers and no eval (RELIABILITY.md, CSP for Cesium). */
export const PAGE_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  frameAncestors: ["'self'"],
  formAction: ["'self'"],
};

/** The page policy, with the tiles' CDN origin allowed to be fetched from when tiles are served from one. */
export function pageCsp(config: Pick<Config, 'tilesBaseUrl'>): typeof PAGE_CSP {
  return config.tilesBaseUrl ? { ...PAGE_CSP, connectSrc: [...PAGE_CSP.connectSrc, new URL(config.tilesBaseUrl).origin] } : PAGE_CSP;
}

/** Only Cesium's worker scripts may compile WebAssembly (Draco, KTX2 decoders). */
export const WORKER_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'";

export function createApp({ store, sensors, config, workspace, jobs, log = (m) => console.error(m) }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // A hop count, never `true`: only the given number of proxies' X-Forwarded-For entries are believed (req.ip).
  app.set('trust proxy', config.trustProxyHops);

  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: pageCsp(config) },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(compression());
  // Sheds API requests past config.maxInFlight with 503 (RELIABILITY.md #25). Before the routers, so a shed request
  // costs no parsing; the health check stays exempt so a load balancer can still see the process is alive.
  app.use(overloadGuard({ maxInFlight: config.maxInFlight, maxLoopLagMs: config.maxLoopLagMs, exempt: (req) => req.path === '/api/health' || !/^\/(api|ogc|sta)(\/|$)/.test(req.path) }));
  if (config.logRequests) {
    // Path only: query strings can carry personal data (RELIABILITY.md, AVG rules).
    app.use((req, _res, next) => {
      log(`${req.method} ${req.path}`);
      next();
    });
  }
  if (sensors) {
    // Before the app-wide 16 kB JSON parser: the SensorThings router parses its own bodies (dataArray batches
    // of thousands of observations) with its own limit.
    app.use('/sta/v1.1', staRouter(sensors));
    app.use('/sta', unknownRoute);
  }
  app.use(['/api', '/ogc'], requireJsonBody);
  // Scenario saves carry up to 1 MiB of inputs (RELIABILITY.md #7); the app-wide parser below skips a body that
  // has been read already.
  // Refuses an oversized body without reading it to the end first (body-parser drains it, RELIABILITY.md #7).
  app.use(bodySizeGuard((req) => (workspace && req.path.startsWith('/api/scenarios') ? 1024 * 1024 : 16 * 1024)));
  if (workspace) app.use('/api/scenarios', express.json({ limit: '1mb', strict: true }));
  app.use(express.json({ limit: '16kb', strict: true }));

  app.get('/api/health', async (_req, res) => {
    const twin = await store.health();
    const body = { ...twin, ...(workspace ? await workspace.db.health() : {}), ...(sensors ? { sensors: sensors.health() } : {}) };
    // Readiness: a server whose database is unreachable cannot answer the API, so a load balancer should know.
    if (twin.reachable === false) {
      res.setHeader('Retry-After', '5');
      res.status(503).json({ status: 'unavailable', ...body });
    } else res.json({ status: 'ok', ...body });
  });
  app.get('/api/algorithms', (_req, res) => {
    res.json({ algorithms: ALGORITHMS });
  });
  if (workspace) {
    // Only the JSON API acts on who is asking; tiles, Cesium assets and the client need no session lookup.
    app.use('/api', authenticate(workspace));
    app.use('/api/auth', authRouter(workspace, store));
    app.use('/api/scenarios', scenarioRouter(workspace, store));
    app.use('/api/briefings', briefingRouter(workspace, store));
    app.use('/api/audit', auditRouter(workspace, store));
    app.use('/api/participation', participationRouter(workspace, store, {
      retentionDays: config.participationRetentionDays,
      publicBaseUrl: config.publicBaseUrl,
      commentLimit: { ...DEFAULT_COMMENT_LIMIT, limit: config.commentRateLimit },
    }));
  }
  app.use('/api/public-health', publicHealthRouter(store));
  app.use('/api/omgevingsplan', omgevingsplanRouter(store));
  app.use('/api/fiveg', fivegRouter(store, jobs));
  app.use('/api/fibre', fibreRouter(store, jobs));
  app.use('/api', twinRouter(store, { sensors: sensors !== undefined, tilesBaseUrl: config.tilesBaseUrl }));
  app.use('/api', unknownRoute);

  app.use('/ogc', ogcRouter(store));
  app.use('/ogc', unknownRoute);

  const tilesets: Record<string, string> = { buildings: dataPaths(config).buildingTiles };
  // One cache and one handler per tileset for the app's lifetime (created here, so no module-level state).
  const tileCacheControl = (file: string) =>
    file.endsWith('.json') ? 'public, max-age=60, must-revalidate' : 'public, max-age=3600';
  const tileResponder = new CachedTileResponder(new FileCache(), tileCacheControl);
  const tileHandlers = new Map(
    Object.entries(tilesets).map(([name, dir]) => [name, cachedStaticFiles(() => dir, { cacheControl: tileCacheControl, responder: tileResponder })]),
  );
  const noTileset = cachedStaticFiles(() => undefined, { cacheControl: tileCacheControl, responder: tileResponder });
  app.use('/tiles/:tileset', (req, res, next) => {
    (tileHandlers.get(String(req.params.tileset)) ?? noTileset)(req, res, next);
  });
  // For the HTTP server to call before Express (see tileFastPath): same cache, same answers, ~4× the req/s.
  app.locals.tileFastPath = tileFastPath(tilesets, tileResponder);

  app.use('/cesium/Workers', (_req, res, next) => {
    res.setHeader('Content-Security-Policy', WORKER_CSP);
    next();
  });
  app.use('/cesium', express.static(config.cesiumDir, { index: false, dotfiles: 'ignore', fallthrough: true }));
  app.use('/cesium', unknownRoute);

  app.use(express.static(config.clientDir, { index: 'index.html', dotfiles: 'ignore' }));
  app.get('/', (_req, res) => {
    const index = path.join(config.clientDir, 'index.html');
    if (fs.existsSync(index)) res.sendFile(index);
    else res.status(503).type('text/plain').send('The client has not been built yet: run `npm run build:client`.');
  });

  app.use(unknownRoute);
  app.use(errorHandler(log));
  return app;
}
