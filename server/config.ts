// One fail-fast schema over the environment and CLI flags. Everything the server needs to know comes from here.
import path from 'node:path';
import { z } from 'zod';

export const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().min(1).default('127.0.0.1'),
  /** Where the store, tiles and generated demo live. */
  dataDir: z.string().min(1).default('data/generated'),
  /** Built client (vite output). */
  clientDir: z.string().min(1).default('client/dist'),
  /** Cesium's static build (Workers, Assets, ThirdParty, Widgets). */
  cesiumDir: z.string().min(1).default('node_modules/cesium/Build/Cesium'),
  /** Seed for the embedded demo municipality. */
  demoSeed: z.coerce.number().int().min(0).default(1),
  /** 1 = full Demostad; smaller values make a lighter twin (tests). */
  demoScale: z.coerce.number().positive().max(4).default(1),
  /** Public address of the twin (e.g. https://twin.gemeente.nl) for links and QR codes; default: the request's Host. */
  publicBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Days after a participation session closes before its comments are deleted for good (AVG storage limitation). */
  participationRetentionDays: z.coerce.number().int().min(1).max(3650).default(90),
  /**
   * Comments per 10 minutes per participant and per client address (RELIABILITY.md #17). Keep the default in
   * production; a load test from one host raises it (scripts/bench/load.bench.ts), since all its comments come from
   * one address and would otherwise be refused after five.
   */
  commentRateLimit: z.coerce.number().int().min(1).max(1_000_000).default(5),
  /**
   * API requests (/api, /ogc, /sta) processed at once before new ones get 503 + Retry-After (RELIABILITY.md #25);
   * tiles and /api/health are not counted (server/api/overload-guard.ts). 64: above the 50 concurrent slow requests
   * RELIABILITY.md #23 expects to be answered 200, and, at a few ms of work per API request on one event loop, a
   * request admitted behind 63 others still starts within the 200 ms p99 budget of /items (Little's law); with the
   * PostGIS pool of 10 connections it bounds the queue waiting for a connection to 54.
   */
  maxInFlight: z.coerce.number().int().min(1).max(100_000).default(64),
  /**
   * Shed API requests with 503 while the event loop runs later than this (ms); 0 = off (the default), because it
   * also sheds behind a single long synchronous request, which RELIABILITY.md #23 expects to queue and answer 200.
   */
  maxLoopLagMs: z.coerce.number().int().min(0).max(60_000).default(0),
  /** Where the twin's records live: `postgres://…` for PostGIS (scale-out) or `sqlite:PATH`; default the SQLite file in dataDir. */
  storeUrl: z
    .string()
    .regex(/^(postgres(ql)?:\/\/\S+|sqlite:\S+)$/, 'expected postgres://… or sqlite:PATH')
    .optional(),
  /**
   * Proxies in front of the server whose X-Forwarded-For entry is trusted (Express `trust proxy` as a hop count):
   * 0 = none, the socket address is the client (default); 1 = one nginx or load balancer. Rate limits key on the
   * address this yields, so a client cannot reset its bucket by sending its own X-Forwarded-For (RELIABILITY.md #17).
   */
  trustProxyHops: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * Where browsers fetch the 3D Tiles from when they are exported to a CDN or object store (`tweeling export tiles`),
   * e.g. https://cdn.gemeente.nl/twin/tiles; default: this server's /tiles. Added to the page's CSP connect-src.
   */
  tilesBaseUrl: z
    .url({ protocol: /^https?$/ })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  /** How long a SIGTERM waits for open requests before exiting 1 (RELIABILITY.md #23). */
  shutdownDeadlineMs: z.coerce.number().int().min(100).max(600_000).default(15_000),
  /** How often the SQLite WALs are truncated while no request is open (RELIABILITY.md #24). */
  walCheckpointMs: z.coerce.number().int().min(100).max(600_000).default(30_000),
  logRequests: z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
    .transform((v) => v === true || v === 'true' || v === '1')
    .default(false),
});

export type Config = z.infer<typeof configSchema>;

/** The environment variable behind each setting (PORT also reads TWEELING_PORT). */
const ENV_NAMES: Record<keyof Config, string> = {
  port: 'PORT',
  host: 'TWEELING_HOST',
  dataDir: 'TWEELING_DATA_DIR',
  clientDir: 'TWEELING_CLIENT_DIR',
  cesiumDir: 'TWEELING_CESIUM_DIR',
  demoSeed: 'TWEELING_DEMO_SEED',
  demoScale: 'TWEELING_DEMO_SCALE',
  publicBaseUrl: 'TWEELING_PUBLIC_BASE_URL',
  participationRetentionDays: 'TWEELING_PARTICIPATION_RETENTION_DAYS',
  commentRateLimit: 'TWEELING_COMMENT_RATE_LIMIT',
  maxInFlight: 'TWEELING_MAX_IN_FLIGHT',
  maxLoopLagMs: 'TWEELING_MAX_LOOP_LAG_MS',
  storeUrl: 'TWEELING_STORE_URL',
  trustProxyHops: 'TWEELING_TRUST_PROXY_HOPS',
  tilesBaseUrl: 'TWEELING_TILES_BASE_URL',
  shutdownDeadlineMs: 'TWEELING_SHUTDOWN_DEADLINE_MS',
  walCheckpointMs: 'TWEELING_WAL_CHECKPOINT_MS',
  logRequests: 'TWEELING_LOG_REQUESTS',
};

/** Reads TWEELING_* (and PORT) from an environment, lets explicit overrides win, and resolves paths. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Record<keyof Config, unknown>> = {}): Config {
  const fromEnv: Record<string, string | undefined> = Object.fromEntries(Object.entries(ENV_NAMES).map(([key, name]) => [key, env[name]]));
  fromEnv.port ??= env.TWEELING_PORT;
  const given = (o: Record<string, unknown>) => Object.entries(o).filter(([, v]) => v !== undefined && v !== '');
  const merged = Object.fromEntries([...given(fromEnv), ...given(overrides)]);
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    // Name the variable a user would set, next to the setting: "shutdownDeadlineMs (TWEELING_SHUTDOWN_DEADLINE_MS)".
    const envName = (key: PropertyKey | undefined) => (typeof key === 'string' ? ENV_NAMES[key as keyof Config] : undefined);
    const lines = parsed.error.issues.map((i) => {
      const name = envName(i.path[0]);
      return `  ${i.path.join('.')}${name ? ` (${name})` : ''}: ${i.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return { ...c, dataDir: path.resolve(c.dataDir), clientDir: path.resolve(c.clientDir), cesiumDir: path.resolve(c.cesiumDir) };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Fixed locations inside the data directory. */
export function dataPaths(config: Pick<Config, 'dataDir'>) {
  return {
    store: path.join(config.dataDir, 'tweeling.sqlite'),
    /** Time series live in their own database: a different write pattern (sustained ingest) from the twin. */
    sensors: path.join(config.dataDir, 'sensors.sqlite'),
    /** Accounts, scenarios, briefings, participation and the audit log (synchronous=FULL: legal records). */
    workspace: path.join(config.dataDir, 'workspace.sqlite'),
    buildingTiles: path.join(config.dataDir, 'tiles', 'buildings'),
  };
}
