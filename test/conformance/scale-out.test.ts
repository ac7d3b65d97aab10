// Several stateless servers on one PostgreSQL/PostGIS database (issue #8 items 3 and 5): two real `tweeling serve`
// processes with their own data directories share the twin, the workspace (sessions, rate limits, scenarios,
// comments, audit log) and nothing else; requests alternate between them as a round-robin load balancer would send
// them. Then the database is killed under a stream of writes and started again: the servers answer 503 with
// Retry-After while it is down, recover by themselves, and every acknowledged comment is in the database.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { dataPaths } from '../../server/config.ts';
import { insertSession } from '../../server/participation/session-store.ts';
import { migrateCommand } from '../../server/store/migrate-command.ts';
import { createUser } from '../../server/workspace/auth/user-store.ts';
import type { Actor } from '../../server/workspace/roles.ts';
import { openWorkspace } from '../../server/workspace/workspace.ts';
import { type PostgresCluster, skipWithoutPostgres, startPostgresCluster } from '../support/postgres-cluster.ts';
import { type RunningServer, copyTestTwin, exitOf, startServeProcess } from '../support/serve-process.ts';
import { callApi, sessionHeaders, signInByApi } from '../support/workspace-http.ts';
import { freePort } from '../support/free-port.ts';

const skip = skipWithoutPostgres('scale-out: two servers on one PostGIS');
const PLANNER = { username: 'planner-a', password: 'correct horse battery 1', role: 'planner' as const };
const ADMIN = { username: 'admin-a', password: 'correct horse battery 2', role: 'admin' as const };
const credentials = ({ username, password }: { username: string; password: string }) => ({ username, password });
const CLI: Actor = { role: 'admin', username: 'test-setup' };
const PIN = { lonDeg: 5.1214, latDeg: 52.0907, heightM: 1 };

let cluster: PostgresCluster | undefined;
let running: RunningServer[] = [];
let dirs: string[] = [];

beforeAll(async () => {
  if (!skip) cluster = await startPostgresCluster({ durableCommits: true });
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
});
afterEach(async () => {
  for (const r of running) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
  running = [];
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** A database holding the test twin (migrated from its SQLite file), two accounts and one open participation session. */
async function preparedDatabase(): Promise<{ url: string; sessionId: string }> {
  const url = await cluster!.createDatabase();
  const report = await migrateCommand(`sqlite:${dataPaths({ dataDir: inject('twinDataDir') }).store}`, url);
  expect(report.ok).toBe(true);
  const ws = await openWorkspace(url);
  try {
    await createUser(ws, PLANNER, CLI);
    await createUser(ws, ADMIN, CLI);
    const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const session = await insertSession(ws, { title: 'Twee servers', introduction: 'Wat vindt u?', scenarioId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', closesAt }, CLI);
    return { url, sessionId: session.id };
  } finally {
    await ws.close();
  }
}

/** One server process on the database, with a data directory of its own (tiles, sensors). */
async function serverOn(url: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const dir = copyTestTwin('tweeling-scale-out-');
  dirs.push(dir);
  // No SQLite twin next to it: everything the API answers must come from PostgreSQL.
  for (const f of ['tweeling.sqlite', 'workspace.sqlite']) for (const s of ['', '-wal', '-shm']) fs.rmSync(path.join(dir, f + s), { force: true });
  const server = await startServeProcess(dir, { TWEELING_STORE_URL: url, ...env });
  running.push(server);
  return server;
}

async function postComment(baseUrl: string, sessionId: string, text: string, participantCookie?: string) {
  const res = await fetch(`${baseUrl}/api/participation/sessions/${sessionId}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(participantCookie ? { cookie: participantCookie } : {}) },
    body: JSON.stringify({ category: 'idea', text, position: PIN }),
  });
  const body = await res.text();
  return { status: res.status, body, retryAfter: res.headers.get('retry-after'), cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] };
}

async function countComments(url: string, sessionId: string, ids?: string[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = ids
      ? await client.query<{ n: string }>('SELECT count(*) AS n FROM participation_comments WHERE session_id = $1 AND id = ANY($2)', [sessionId, ids])
      : await client.query<{ n: string }>('SELECT count(*) AS n FROM participation_comments WHERE session_id = $1', [sessionId]);
    return Number(q.rows[0].n);
  } finally {
    await client.end();
  }
}

describe.skipIf(skip)('two servers on one PostGIS, requests alternating between them', () => {
  it('share the twin, sign-ins, scenarios, the comment rate limit, moderation and one audit chain', async () => {
    const { url, sessionId } = await preparedDatabase();
    const [a, b] = await Promise.all([serverOn(url), serverOn(url)]);
    const servers = [a.url, b.url];
    const nth = (i: number) => servers[i % 2];

    // The twin: the same answers from both (the links name each server's own address).
    const items = await Promise.all(
      servers.map(async (s) => {
        const { links: _links, timeStamp: _t, ...rest } = (await (await fetch(`${s}/ogc/collections/buildings/items?limit=5`)).json()) as Record<string, unknown>;
        return JSON.stringify(rest);
      }),
    );
    expect(items[0]).toBe(items[1]);
    expect(JSON.parse(items[0]).features).toHaveLength(5);

    // A session made on A works on B; a scenario saved on B is read on A.
    const planner = sessionHeaders(await signInByApi(a.url, credentials(PLANNER)));
    const me = await callApi(b.url, planner, 'GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(JSON.stringify(me.body)).toContain(PLANNER.username);
    const created = await callApi(b.url, planner, 'POST', '/api/scenarios', { name: 'Noord', description: 'op B bewaard', inputs: { layers: ['buildings'] } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const read = await callApi(a.url, planner, 'GET', `/api/scenarios/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.name).toBe('Noord');

    // One participant, comments alternating A, B, A, …: the limit of five counts on both servers together.
    const statuses: number[] = [];
    let cookie: string | undefined;
    let refused: Awaited<ReturnType<typeof postComment>> | undefined;
    for (let i = 0; i < 6; i++) {
      const r = await postComment(nth(i), sessionId, `Idee nummer ${i + 1} voor het plein`, cookie);
      cookie ??= r.cookie;
      statuses.push(r.status);
      if (r.status === 429) refused = r;
    }
    console.info(`scale-out: comments alternating A/B answered ${statuses.join(', ')}`);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    expect(Number(refused!.retryAfter)).toBeGreaterThan(0);
    expect(await countComments(url, sessionId)).toBe(5);

    // Posted on A, approved on B, public on A.
    const queue = await callApi(b.url, planner, 'GET', `/api/participation/sessions/${sessionId}/comments?status=pending`);
    expect(queue.status).toBe(200);
    const first = (queue.body.comments as { id: string }[])[0];
    const approved = await callApi(b.url, planner, 'POST', `/api/participation/comments/${first.id}/moderate`, { action: 'approve' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const published = await callApi(a.url, {}, 'GET', `/api/participation/sessions/${sessionId}/comments`);
    expect((published.body.comments as { id: string }[]).map((c) => c.id)).toEqual([first.id]);

    // Signed out on B: the cookie is dead on A too.
    expect((await callApi(b.url, planner, 'POST', '/api/auth/logout')).status).toBeLessThan(300);
    const after = await callApi(a.url, planner, 'GET', '/api/auth/me');
    expect(JSON.stringify(after.body)).not.toContain(PLANNER.username);
    expect((await callApi(a.url, planner, 'POST', '/api/scenarios', { name: 'Te laat', description: '', inputs: { layers: ['buildings'] } })).status).toBe(401);

    // Both servers appended to one hash chain, which verifies from either.
    const admin = sessionHeaders(await signInByApi(b.url, credentials(ADMIN)));
    for (const s of servers) {
      const verify = await callApi(s, admin, 'GET', '/api/audit/verify');
      expect(verify.status).toBe(200);
      expect(verify.body.ok).toBe(true);
    }
    const audit = await callApi(a.url, admin, 'GET', '/api/audit?limit=100');
    const actions = (audit.body.entries as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.login', 'scenario.create', 'auth.logout']));
  }, 180_000);
});

describe.skipIf(skip)('PostgreSQL killed and restarted under load', () => {
  it('answers 503 with Retry-After while the database is down, recovers without a restart, and keeps every acknowledged comment', async () => {
    const { url, sessionId } = await preparedDatabase();
    // Every comment comes from one address here: lift the per-client limit as the load benchmark does.
    const server = await serverOn(url, { TWEELING_COMMENT_RATE_LIMIT: '1000000' });
    const acked: string[] = [];
    const seen = new Map<string, number>();
    const retryAfter = new Set<string>();
    let phase: 'before' | 'down' | 'after' = 'before';
    const afterStatuses: number[] = [];
    let n = 0;
    const worker = async (stopAt: () => boolean) => {
      while (!stopAt()) {
        const i = ++n;
        let key: string;
        try {
          const r = await postComment(server.url, sessionId, `Opmerking ${i} tijdens de herstart`);
          key = String(r.status);
          if (r.status === 201) acked.push((JSON.parse(r.body) as { id: string }).id);
          if (r.status === 503) retryAfter.add(r.retryAfter ?? 'none');
          if (phase === 'after') afterStatuses.push(r.status);
        } catch (e) {
          key = `error ${(e as Error).message}`;
        }
        seen.set(`${phase} ${key}`, (seen.get(`${phase} ${key}`) ?? 0) + 1);
        if (phase === 'down') await new Promise((r) => setTimeout(r, 20));
      }
    };
    let stop = false;
    const workers = Array.from({ length: 6 }, () => worker(() => stop));
    await new Promise((r) => setTimeout(r, 1500));
    phase = 'down';
    cluster!.kill();
    await new Promise((r) => setTimeout(r, 3000));
    const health = await fetch(`${server.url}/api/health`).catch((e: Error) => {
      throw new Error(`the server did not answer while the database was down (${e.message}); its stderr:\n${server.stderr()}`);
    });
    cluster!.restart();
    phase = 'after';
    // Recovery: the pool reconnects on its own; give it a few seconds, then writes must succeed again.
    await new Promise((r) => setTimeout(r, 5000));
    stop = true;
    await Promise.all(workers);
    console.info(`scale-out: PostgreSQL kill/restart under load: ${JSON.stringify(Object.fromEntries(seen))}; Retry-After ${[...retryAfter].join(',')}; health while down ${health.status}`);

    const statuses = [...seen.keys()].map((k) => k.split(' ').slice(1).join(' '));
    expect(statuses.every((s) => s === '201' || s === '503'), 'only 201 and 503, no 500 and no dropped connections').toBe(true);
    expect(seen.get('down 503') ?? 0).toBeGreaterThan(0);
    expect([...retryAfter].every((v) => Number(v) > 0)).toBe(true);
    expect(health.status).toBe(503);
    // The last second of the run: all written.
    expect(afterStatuses.slice(-20).every((s) => s === 201), `after restart: ${afterStatuses.slice(-20).join(',')}`).toBe(true);
    expect(server.child.exitCode).toBeNull();
    // No acknowledged write lost.
    expect(await countComments(url, sessionId, acked)).toBe(acked.length);
    expect(acked.length).toBeGreaterThan(20);
    // The process is still healthy and exits cleanly.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    server.child.kill('SIGTERM');
    expect((await exitOf(server.child)).code).toBe(0);
  }, 180_000);
});

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));

/** The documented nginx config (docs/deploy/nginx-tweeling.conf) on a loopback port in front of the given servers. */
function documentedNginxConfig(servers: string[], port: number, tmp: string): string {
  const hostPort = (u: string) => new URL(u).host;
  const documented = fs
    .readFileSync(path.resolve(import.meta.dirname, '../../docs/deploy/nginx-tweeling.conf'), 'utf8')
    .replace(/upstream tweeling \{[^}]*\}/, `upstream tweeling {\n    least_conn;\n${servers.map((u) => `    server ${hostPort(u)} max_fails=3 fail_timeout=10s;`).join('\n')}\n    keepalive 32;\n}`)
    .replace(/upstream tweeling_sensors \{[^}]*\}/, `upstream tweeling_sensors {\n    server ${hostPort(servers[0])};\n}`)
    .replace('listen 443 ssl;', `listen 127.0.0.1:${port};`)
    .replace('http2 on;', '')
    .replace('/var/log/nginx/tweeling.log', path.join(tmp, 'access.log'));
  return `worker_processes 1;
daemon off;
pid ${tmp}/nginx.pid;
error_log ${tmp}/error.log warn;
events { worker_connections 256; }
http {
  client_body_temp_path ${tmp}/body; proxy_temp_path ${tmp}/proxy; fastcgi_temp_path ${tmp}/fastcgi;
  uwsgi_temp_path ${tmp}/uwsgi; scgi_temp_path ${tmp}/scgi;
${documented}
}
`;
}

const skipNginx = skip || !NGINX;
if (!skip && !NGINX) {
  if (process.env.CI === 'true') throw new Error('scale-out behind nginx: nginx is required in CI (apt-get install nginx)');
  console.warn('\n*** SKIPPED scale-out behind nginx: nginx is not installed (apt-get install nginx). ***\n');
}

describe.skipIf(skipNginx)('behind nginx with the documented upstream config', () => {
  let nginx: ChildProcess | undefined;
  afterEach(() => {
    nginx?.kill('SIGTERM');
    nginx = undefined;
  });

  it('spreads requests over both servers, keeps the sign-in, and a forged X-Forwarded-For buys no new comment allowance', async () => {
    const { url, sessionId } = await preparedDatabase();
    const [a, b] = await Promise.all([serverOn(url, { TWEELING_TRUST_PROXY_HOPS: '1', TWEELING_LOG_REQUESTS: 'true' }), serverOn(url, { TWEELING_TRUST_PROXY_HOPS: '1', TWEELING_LOG_REQUESTS: 'true' })]);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-nginx-'));
    dirs.push(tmp);
    // nginx's workers run unprivileged and keep their temp files here.
    fs.chmodSync(tmp, 0o755);
    const port = await freePort();
    const conf = path.join(tmp, 'nginx.conf');
    fs.writeFileSync(conf, documentedNginxConfig([a.url, b.url], port, tmp));
    const check = spawnSync(NGINX!, ['-t', '-c', conf, '-p', tmp], { encoding: 'utf8' });
    expect(check.status, `nginx -t: ${check.stderr}`).toBe(0);
    nginx = spawn(NGINX!, ['-c', conf, '-p', tmp], { stdio: 'ignore' });
    const front = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 50; i++) {
      if ((await fetch(`${front}/api/health`).catch(() => undefined))?.status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }

    const planner = sessionHeaders(await signInByApi(front, credentials(PLANNER)));
    for (let i = 0; i < 20; i++) expect((await callApi(front, planner, 'GET', '/api/scenarios')).status).toBe(200);
    const served = [a, b].map((s) => (s.stderr().match(/GET \/api\/scenarios/g) ?? []).length);
    console.info(`scale-out: behind nginx, GET /api/scenarios answered by A ${served[0]}×, by B ${served[1]}×`);
    expect(served[0] + served[1]).toBe(20);
    expect(Math.min(...served)).toBeGreaterThan(0);

    // Six comments, each with a different forged X-Forwarded-For: nginx replaces the header, the servers trust one
    // hop, so all six count against one client bucket whichever server takes them.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${front}/api/participation/sessions/${sessionId}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i + 1}` },
        body: JSON.stringify({ category: 'idea', text: `Idee ${i + 1} via de proxy`, position: PIN }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  }, 180_000);
});
