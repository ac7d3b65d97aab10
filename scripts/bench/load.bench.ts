// Load benchmark (issue 8 item 4, RELIABILITY.md "Service level targets" and row 25). Starts `tweeling serve` as a
// child process on a copy of a generated Demostad, first on SQLite, then with the twin migrated into a throwaway
// PostGIS cluster, and drives a realistic mix with autocannon at a fixed rate (`overallRate`), every route class at
// once: 3D Tiles content, tileset.json, OGC /items?bbox, OGC single features, SensorThings reads, Observation POSTs
// and comment POSTs. Design load: p50/p99 per route against the targets, 0 errors, 0 timeouts, 0 non-2xx, and the
// offered rate actually delivered. Then 2× design load (twice the rate from twice the clients): the server must
// answer only 2xx/429/503, stay alive (/api/health 200 afterwards) and keep its resident memory under a bound.
// Baseline: nginx serving the same tiles exported as static files, at the same tile rate; its tile p99 is the
// baseline, and the ratio is our tile-content p99 ÷ nginx's (there is no natural baseline for the API routes).
// LOAD_SECONDS (default 20) sets the length of each measured phase.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { exportTiles } from '../../server/tiles/export-tiles.ts';
import { migrateCommand } from '../../server/store/migrate-command.ts';
import { postgresUnavailableReason, startPostgresCluster } from '../../test/support/postgres-cluster.ts';
import type { BenchOutcome, Benchmark } from './harness.ts';
import { nginxConfig } from './nginx-config.ts';
import { createSeededRandom } from '../../server/scenarios/fibre/seeded-random.ts';

const LOAD_SECONDS = Number(process.env.LOAD_SECONDS ?? 20);
if (!(LOAD_SECONDS >= 1)) throw new Error(`LOAD_SECONDS must be a number of seconds ≥ 1, not ${process.env.LOAD_SECONDS}`);
const WARMUP_SECONDS = Math.min(5, Math.max(2, Math.round(LOAD_SECONDS / 4)));
const root = path.resolve(import.meta.dirname, '../..');
/** All comments of the bench come from one address; this lets them through as if from many (see config.ts). */
const BENCH_COMMENT_LIMIT = '1000000';
/** A route class delivered below this share of its offered rate did not meet its design load. */
const MIN_DELIVERED = 0.95;
/** Requests per second per autocannon connection at design load, and in the 2× phase (see runMix). */
const DESIGN_CLIENT_RATE = 50;
const OVERLOAD_CLIENT_RATE = 10;

interface RouteClass {
  name: string;
  /** Requests per second at design load (RELIABILITY.md). */
  rate: number;
  p50TargetMs: number;
  p99TargetMs: number;
  requests: autocannon.Request[];
  note?: string;
}

interface RouteResult {
  route: string;
  offeredPerS: number;
  deliveredPerS: number;
  p50Ms: number;
  p99Ms: number;
  p50TargetMs: number;
  p99TargetMs: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statuses: Record<string, number>;
  pass: boolean;
}


interface Served {
  base: string;
  child: ChildProcess;
  pid: number;
  exited: () => boolean;
  stop(): Promise<void>;
}

/** `tweeling serve` on port 0 as its own process; resolves with the address it prints once listening. */
async function startTweeling(dataDir: string, storeUrl?: string): Promise<Served> {
  const args = [path.join(root, 'bin/tweeling.mjs'), '--data-dir', dataDir, 'serve', '-p', '0', '--host', '127.0.0.1', ...(storeUrl ? ['--store', storeUrl] : [])];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, TWEELING_COMMENT_RATE_LIMIT: BENCH_COMMENT_LIMIT, TWEELING_LOG_REQUESTS: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let exitCode: number | null | undefined;
  let output = '';
  child.on('exit', (code, signal) => (exitCode = code ?? (signal ? -1 : 0)));
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tweeling serve did not start in 120 s:\n${output}`)), 120_000);
    const onData = (d: Buffer) => {
      output += d;
      const m = /serving the twin at http:\/\/[^:\s]+:(\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (output += d));
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`tweeling serve exited:\n${output}`));
    });
  });
  // Keep draining the pipes so a chatty server never blocks on a full pipe.
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    base,
    child,
    pid: child.pid!,
    exited: () => exitCode !== undefined,
    stop: async () => {
      if (exitCode !== undefined) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

function rssMiB(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples the resident set of `pid` every 250 ms until stopped. */
function sampleRss(pid: number): { stop(): number[] } {
  const samples: number[] = [];
  const timer = setInterval(() => {
    const v = rssMiB(pid);
    if (v !== undefined) samples.push(v);
  }, 250);
  return { stop: () => (clearInterval(timer), samples) };
}

/** One setup request; a 503 (the server shedding load, e.g. on a busy machine) is retried after its Retry-After. */
async function json<T>(url: string, init: RequestInit = {}): Promise<{ status: number; body: T; headers: Headers }> {
  let res = await fetch(url, init);
  for (let attempt = 0; res.status === 503 && attempt < 30; attempt++) {
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)));
    res = await fetch(url, init);
  }
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

/** Signs in as the demo planner and opens a participation session to comment on; returns its id. */
async function openParticipationSession(base: string, dataDir: string): Promise<string> {
  const accounts = fs.readFileSync(path.join(dataDir, 'demo-accounts.txt'), 'utf8');
  const password = /^planner\tplanner\t(\S+)$/m.exec(accounts)?.[1];
  if (!password) throw new Error('no planner in demo-accounts.txt');
  const login = await json<{ csrfToken: string }>(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'planner', password }),
  });
  if (login.status !== 200) throw new Error(`login → ${login.status}`);
  const headers = { 'content-type': 'application/json', cookie: (login.headers.get('set-cookie') ?? '').split(';')[0], 'x-csrf-token': login.body.csrfToken };
  const scenario = await json<{ id: string }>(`${base}/api/scenarios`, { method: 'POST', headers, body: JSON.stringify({ name: 'Loadtest', inputs: {} }) });
  if (scenario.status !== 201) throw new Error(`scenario → ${scenario.status} ${JSON.stringify(scenario.body)}`);
  // Citizens comment on published scenarios only.
  const published = await json(`${base}/api/scenarios/${scenario.body.id}/publish`, { method: 'POST', headers, body: '{}' });
  if (published.status !== 200) throw new Error(`publish → ${published.status} ${JSON.stringify(published.body)}`);
  const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const session = await json<{ id: string }>(`${base}/api/participation/sessions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ title: 'Loadtest', introduction: '', scenarioId: scenario.body.id, closesAt }),
  });
  if (session.status !== 201) throw new Error(`session → ${session.status} ${JSON.stringify(session.body)}`);
  return session.body.id;
}

/** The mix, built from what the twin holds: its tile files, building ids, extent and datastreams. */
async function createRouteClasses(base: string, dataDir: string, sessionId: string): Promise<RouteClass[]> {
  const random = createSeededRandom(8);
  const tilesDir = path.join(dataDir, 'tiles/buildings');
  const content = fs
    .readdirSync(path.join(tilesDir, 'content'), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(glb|b3dm|subtree)$/.test(f))
    .sort()
    .map((f) => `/tiles/buildings/content/${f}`);
  const buildings = await json<{ features: { id: string }[] }>(`${base}/ogc/collections/buildings/items?limit=1000`);
  const ids = buildings.body.features.map((f) => f.id);
  const collection = await json<{ extent: { spatial: { bbox: number[][] } } }>(`${base}/ogc/collections/buildings`);
  const [minLon, minLat, maxLon, maxLat] = collection.body.extent.spatial.bbox[0];
  const datastreams = await json<{ value: { '@iot.id': number }[] }>(`${base}/sta/v1.1/Datastreams?$select=id&$top=1000`);
  const dsIds = datastreams.body.value.map((d) => d['@iot.id']);
  // A bbox of ~300 m × 300 m, roughly what a street-level view asks for: fills limit=100 in the built-up area.
  const bboxes = Array.from({ length: 200 }, () => {
    const lon = minLon + random() * (maxLon - minLon - 0.0045);
    const lat = minLat + random() * (maxLat - minLat - 0.0027);
    return [lon, lat, lon + 0.0045, lat + 0.0027].map((v) => v.toFixed(6)).join(',');
  });
  let observation = 0;
  const t0 = Date.UTC(2027, 0, 1);
  let comment = 0;
  const words = ['Meer bomen', 'Een zebrapad', 'Minder parkeren', 'Een speeltuin', 'Betere verlichting', 'Een bankje'];
  const places = ['hier', 'in deze straat', 'bij de school', 'op dit plein', 'langs het water'];
  return [
    { name: 'tile content', rate: 500, p50TargetMs: 10, p99TargetMs: 50, requests: content.map((p) => ({ method: 'GET', path: p, headers: { 'accept-encoding': 'gzip' } })) },
    { name: 'tileset.json', rate: 100, p50TargetMs: 10, p99TargetMs: 50, requests: [{ method: 'GET', path: '/tiles/buildings/tileset.json', headers: { 'accept-encoding': 'gzip' } }] },
    { name: 'OGC items?bbox', rate: 100, p50TargetMs: 30, p99TargetMs: 200, requests: bboxes.map((b, i) => ({ method: 'GET', path: `/ogc/collections/${i % 4 === 3 ? 'addresses' : 'buildings'}/items?bbox=${b}&limit=100` })) },
    { name: 'OGC single item', rate: 200, p50TargetMs: 10, p99TargetMs: 100, requests: ids.map((id) => ({ method: 'GET', path: `/ogc/collections/buildings/items/${encodeURIComponent(id)}` })) },
    {
      name: 'STA query',
      rate: 50,
      p50TargetMs: 30,
      p99TargetMs: 200,
      note: 'no row in RELIABILITY.md: 50 req/s held to the /items?bbox targets',
      requests: dsIds.flatMap((id) => [
        { method: 'GET' as const, path: `/sta/v1.1/Datastreams(${id})/Observations?$top=24&$orderby=phenomenonTime%20desc&$select=phenomenonTime,result` },
        { method: 'GET' as const, path: `/sta/v1.1/Datastreams(${id})?$expand=Thing/Locations` },
      ]),
    },
    {
      name: 'STA Observation POST',
      rate: 200,
      p50TargetMs: 20,
      p99TargetMs: 150,
      requests: [
        {
          method: 'POST',
          path: '/sta/v1.1/Observations',
          headers: { 'content-type': 'application/json' },
          // A new body per request: each Observation its own phenomenonTime and a datastream in turn.
          setupRequest: (req) => {
            const n = observation++;
            return { ...req, body: JSON.stringify({ phenomenonTime: new Date(t0 + n * 1000).toISOString(), result: n % 97, Datastream: { '@iot.id': dsIds[n % dsIds.length] } }) };
          },
        },
      ],
    },
    {
      name: 'comment POST',
      rate: 10,
      p50TargetMs: 30,
      p99TargetMs: 250,
      note: `no cookie, so each comment is a new participant; TWEELING_COMMENT_RATE_LIMIT=${BENCH_COMMENT_LIMIT} because every request comes from one address`,
      requests: [
        {
          method: 'POST',
          path: `/api/participation/sessions/${sessionId}/comments`,
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => {
            const n = comment++;
            const r = createSeededRandom(n + 1);
            const body = {
              category: (['idea', 'concern', 'question'] as const)[n % 3],
              text: `${words[n % words.length]} ${places[Math.floor(n / words.length) % places.length]}, graag.`,
              position: { lonDeg: minLon + r() * (maxLon - minLon), latDeg: minLat + r() * (maxLat - minLat), heightM: 2 + r() * 10 },
            };
            return { ...req, body: JSON.stringify(body) };
          },
        },
      ],
    },
  ];
}

/**
 * Each route class at `factor` × its design rate, all at once, from clients that each send at most `perClientRate`
 * req/s. autocannon is closed-loop (a client waits for its answer), so the number of clients bounds what the server
 * sees in flight: at design load few fast clients (50 req/s each); for overload many (10 req/s each), because real
 * overload is more people arriving, not the same people clicking faster, and it is their requests that pile up.
 */
async function runMix(base: string, routes: RouteClass[], factor: number, seconds: number, perClientRate = DESIGN_CLIENT_RATE): Promise<RouteResult[]> {
  const results = await Promise.all(
    routes.map((r) => {
      const rate = Math.round(r.rate * factor);
      const connections = Math.max(1, Math.ceil(rate / perClientRate));
      return autocannon({ url: base, connections, overallRate: rate, duration: seconds, timeout: 10, requests: r.requests }).then((res) => ({ r, rate, res }));
    }),
  );
  return results.map(({ r, rate, res }) => {
    const statuses = Object.fromEntries(Object.entries(res.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]));
    const deliveredPerS = res.requests.total / res.duration;
    return {
      route: r.name,
      offeredPerS: rate,
      deliveredPerS: Math.round(deliveredPerS * 10) / 10,
      p50Ms: res.latency.p50,
      p99Ms: res.latency.p99,
      p50TargetMs: r.p50TargetMs,
      p99TargetMs: r.p99TargetMs,
      errors: res.errors,
      timeouts: res.timeouts,
      non2xx: res.non2xx,
      statuses,
      pass:
        res.latency.p50 <= r.p50TargetMs && res.latency.p99 <= r.p99TargetMs && res.errors === 0 && res.timeouts === 0 && res.non2xx === 0 && deliveredPerS >= rate * MIN_DELIVERED,
    };
  });
}

function formatTable(title: string, rows: RouteResult[]): string {
  const head = ['route', 'offered/s', 'delivered/s', 'p50 ms', 'p99 ms', 'target p50/p99', 'err', 'timeout', 'non-2xx', 'statuses', ''];
  const cells = rows.map((r) => [
    r.route,
    String(r.offeredPerS),
    r.deliveredPerS.toFixed(0),
    r.p50Ms.toFixed(1),
    r.p99Ms.toFixed(1),
    `${r.p50TargetMs}/${r.p99TargetMs}`,
    String(r.errors),
    String(r.timeouts),
    String(r.non2xx),
    Object.entries(r.statuses).map(([c, n]) => `${c}:${n}`).join(' '),
    r.pass ? 'pass' : 'FAIL',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i])).join('  ');
  return [title, line(head), ...cells.map(line)].join('\n');
}

interface OverloadResult {
  alive: boolean;
  healthAfter: number;
  /** Responses other than 2xx, 429 and 503 (summed over routes). */
  unexpected: Record<string, number>;
  shed: number;
  errors: number;
  timeouts: number;
  rssDesignPeakMiB: number;
  rssOverloadPeakMiB: number;
  rssBoundMiB: number;
  rows: RouteResult[];
  pass: boolean;
}

/** Design load, then 2× design load, against one running server; the RSS of the server process throughout. */
async function measureStore(label: string, served: Served, routes: RouteClass[]): Promise<{ design: RouteResult[]; overload: OverloadResult }> {
  await runMix(served.base, routes, 1, WARMUP_SECONDS);
  const rssIdle = rssMiB(served.pid) ?? 0;
  let sampler = sampleRss(served.pid);
  const design = await runMix(served.base, routes, 1, LOAD_SECONDS);
  const designRss = sampler.stop();
  console.log(formatTable(`\nload ${label}: design load, ${LOAD_SECONDS} s (measured on ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)})`, design));
  sampler = sampleRss(served.pid);
  const rows = await runMix(served.base, routes, 2, LOAD_SECONDS, OVERLOAD_CLIENT_RATE);
  const overloadRss = sampler.stop();
  const clients = routes.reduce((n, r) => n + Math.ceil((2 * r.rate) / OVERLOAD_CLIENT_RATE), 0);
  console.log(formatTable(`load ${label}: 2× design load from ${clients} clients, ${LOAD_SECONDS} s (latencies of 2xx only)`, rows));
  const alive = !served.exited();
  const healthAfter = alive ? await fetch(`${served.base}/api/health`).then((r) => r.status, () => 0) : 0;
  const unexpected: Record<string, number> = {};
  let shed = 0;
  for (const row of rows) {
    for (const [code, n] of Object.entries(row.statuses)) {
      if (code === '429' || code === '503') shed += n;
      else if (!code.startsWith('2')) unexpected[code] = (unexpected[code] ?? 0) + n;
    }
  }
  const rssDesignPeakMiB = Math.max(rssIdle, ...designRss);
  const rssOverloadPeakMiB = Math.max(0, ...overloadRss);
  // Overload may cost at most one more design-load's worth of memory above idle: twice the clients, each holding at
  // most one request (in-flight capped by the overload guard), and every cache in the server bounded by size.
  const rssBoundMiB = Math.round(rssIdle + 2 * Math.max(rssDesignPeakMiB - rssIdle, 64));
  const errors = rows.reduce((s, r) => s + r.errors, 0);
  const timeouts = rows.reduce((s, r) => s + r.timeouts, 0);
  const overload: OverloadResult = {
    alive,
    healthAfter,
    unexpected,
    shed,
    errors,
    timeouts,
    rssDesignPeakMiB: Math.round(rssDesignPeakMiB),
    rssOverloadPeakMiB: Math.round(rssOverloadPeakMiB),
    rssBoundMiB,
    rows,
    pass: alive && healthAfter === 200 && Object.keys(unexpected).length === 0 && errors === 0 && timeouts === 0 && rssOverloadPeakMiB <= rssBoundMiB,
  };
  console.log(
    `load ${label}: 2× → alive ${alive}, /api/health ${healthAfter}, shed (429/503) ${shed}, other non-2xx ${JSON.stringify(unexpected)}, errors ${errors}, timeouts ${timeouts}; ` +
      `RSS idle ${rssIdle.toFixed(0)} MiB, design peak ${rssDesignPeakMiB.toFixed(0)} MiB, 2× peak ${rssOverloadPeakMiB.toFixed(0)} MiB (bound ${rssBoundMiB} MiB)`,
  );
  return { design, overload };
}

function outcome(name: string, label: string, design: RouteResult[], overload: OverloadResult, baseline: { p99Ms: number } | null, note: string): BenchOutcome {
  const worst = design.reduce((a, b) => (b.p99Ms > a.p99Ms ? b : a));
  const tiles = design.find((r) => r.route === 'tile content')!;
  const pass = worst.p99Ms <= 200 && design.every((r) => r.pass) && overload.pass;
  const result = {
    name,
    value: Math.round(worst.p99Ms * 10) / 10,
    unit: 'ms',
    baseline: baseline ? Math.round(baseline.p99Ms * 10) / 10 : null,
    ratio: baseline && baseline.p99Ms > 0 ? Math.round((tiles.p99Ms / baseline.p99Ms) * 100) / 100 : null,
    ratioMeaning: 'our tile-content p99 ÷ nginx tile-content p99 (same files, same rate); value is the worst p99 over all routes',
    target: 'worst p99 ≤ 200 ms; every route within its p50/p99 target at design load with 0 errors, timeouts and non-2xx; at 2× only 2xx/429/503, alive, RSS bounded',
    pass,
    notes:
      `${label}; ${LOAD_SECONDS} s per phase after ${WARMUP_SECONDS} s warm-up; worst p99: ${worst.route}. ` +
      `Design: ${design.map((r) => `${r.route} ${r.p50Ms}/${r.p99Ms} ms (${r.deliveredPerS}/${r.offeredPerS} req/s)${r.pass ? '' : ' FAIL'}`).join('; ')}. ` +
      `2×: alive ${overload.alive}, health ${overload.healthAfter}, shed ${overload.shed}, unexpected ${JSON.stringify(overload.unexpected)}, errors ${overload.errors}, timeouts ${overload.timeouts}, ` +
      `RSS peak ${overload.rssOverloadPeakMiB} MiB (design ${overload.rssDesignPeakMiB}, bound ${overload.rssBoundMiB}). ${note}`,
    routes: design,
    overload,
  };
  return result;
}


/** nginx on the exported tiles, the tile-content route class at its design rate: the baseline p99. */
async function nginxBaseline(dataDir: string, tmp: string, tileRoute: RouteClass): Promise<{ p99Ms: number; p50Ms: number } | null> {
  if (spawnSync('sh', ['-c', 'command -v nginx || test -x /usr/sbin/nginx']).status !== 0) {
    console.log('load: nginx not installed, no baseline (apt-get install -y nginx)');
    return null;
  }
  const exported = path.join(tmp, 'export');
  await exportTiles(dataDir, exported);
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const conf = path.join(tmp, 'nginx-load.conf');
  fs.writeFileSync(conf, nginxConfig(exported, port, tmp));
  const nginx = spawn(fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx', ['-c', conf, '-p', tmp], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 500));
    const base = `http://127.0.0.1:${port}`;
    // The export serves /tiles/buildings/… like the app does.
    await runMix(base, [tileRoute], 1, WARMUP_SECONDS);
    const [row] = await runMix(base, [tileRoute], 1, LOAD_SECONDS);
    console.log(`load baseline: nginx tile content p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms at ${row.deliveredPerS} req/s, non-2xx ${row.non2xx}`);
    return row.non2xx === 0 ? { p99Ms: row.p99Ms, p50Ms: row.p50Ms } : null;
  } finally {
    nginx.kill('SIGTERM');
  }
}

async function run(): Promise<BenchOutcome[]> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-bench-load-'));
  // nginx workers run as an unprivileged user and the PostgreSQL cluster may too: they must reach the files.
  fs.chmodSync(tmp, 0o755);
  const pristine = path.join(tmp, 'pristine');
  const closers: (() => Promise<void> | void)[] = [];
  try {
    const gen = spawnSync(process.execPath, [path.join(root, 'bin/tweeling.mjs'), '--data-dir', pristine, 'generate'], { cwd: root, encoding: 'utf8', env: { ...process.env, TWEELING_DEMO_SEED: '1' } });
    if (gen.status !== 0) throw new Error(`generate failed:\n${gen.stderr}`);
    const copy = (name: string) => {
      const dir = path.join(tmp, name);
      fs.cpSync(pristine, dir, { recursive: true });
      return dir;
    };
    const outcomes: BenchOutcome[] = [];

    // SQLite: the whole twin in the data directory, as `tweeling serve` runs by default.
    const sqliteDir = copy('sqlite');
    const sqlite = await startTweeling(sqliteDir);
    closers.push(() => sqlite.stop());
    const routes = await createRouteClasses(sqlite.base, sqliteDir, await openParticipationSession(sqlite.base, sqliteDir));
    const baseline = await nginxBaseline(pristine, tmp, routes[0]);
    const s = await measureStore('sqlite', sqlite, routes);
    await sqlite.stop();
    outcomes.push(outcome('load-sqlite', 'SQLite store', s.design, s.overload, baseline, routes.filter((r) => r.note).map((r) => `${r.name}: ${r.note}`).join('; ')));

    // PostGIS: the twin migrated into a throwaway cluster; tiles, sensors and the workspace stay in the data dir.
    const unavailable = postgresUnavailableReason();
    if (unavailable) {
      console.log(`load-postgis: skipped, ${unavailable}`);
      outcomes.push({ name: 'load-postgis', value: 0, unit: 'ms', baseline: null, ratio: null, target: 'worst p99 ≤ 200 ms', pass: false, notes: `skipped: ${unavailable}` });
      return outcomes;
    }
    const cluster = await startPostgresCluster();
    closers.push(() => cluster.stop());
    const report = await migrateCommand(`sqlite:${path.join(pristine, 'tweeling.sqlite')}`, cluster.url);
    if (!report.ok) throw new Error(`migrate into PostGIS failed: ${JSON.stringify(report.rows.filter((r) => !r.ok))}`);
    const pgDir = copy('postgis');
    const postgis = await startTweeling(pgDir, cluster.url);
    closers.push(() => postgis.stop());
    const pgRoutes = await createRouteClasses(postgis.base, pgDir, await openParticipationSession(postgis.base, pgDir));
    const p = await measureStore('postgis', postgis, pgRoutes);
    await postgis.stop();
    outcomes.push(
      outcome(
        'load-postgis',
        'PostGIS store (throwaway cluster on the same machine, fsync=off; comments, observations and tiles stay in SQLite/files as in production)',
        p.design,
        p.overload,
        baseline,
        pgRoutes.filter((r) => r.note).map((r) => `${r.name}: ${r.note}`).join('; '),
      ),
    );
    return outcomes;
  } finally {
    for (const close of closers.reverse()) await close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export const benchmarks: Benchmark[] = [{ name: 'load', run }];
