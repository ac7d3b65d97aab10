// Faults that need a process of their own (RELIABILITY.md #22–#24, issue #8 item 5): the real server
// (`node bin/tweeling.mjs serve`) on a copy of the test twin in a temp dir, killed with SIGKILL mid-burst, stopped with
// SIGTERM mid-work, started on a damaged database, a full disk or a read-only directory, and written to under a
// long-lived reader. sta-durability.test.ts holds the longer SIGKILL ingest run; fault-process.ts the helpers.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { dataPaths } from '../../server/config.ts';
import { type Child, type Running, copyTwin, startServe, exitOf, post, get, connectRaw, rawRequest, walFiles, createParticipationSession, createDatastream, mountTmpfs, unmount, skipOrFail, dirBytes, fillDisk, waitFor, walsEmpty, observationCount, storedRows, expectStorageUnavailable, unprivilegedUser, hashTree, sha256 } from './fault-process.ts';
import { copyTestTwinInto } from '../support/serve-process.ts';

let dataDir: string | undefined;
let running: Child[] = [];
afterEach(() => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  running = [];
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

async function start(dir: string, env?: Record<string, string>, user?: { uid: number; gid: number }): Promise<Running> {
  const r = await startServe(dir, env, user);
  running.push(r.child);
  return r;
}

describe('#22 SIGKILL during a burst of comment and Observation POSTs', () => {
  it('keeps every acknowledged comment and Observation, and both databases pass integrity_check', async () => {
    dataDir = copyTwin();
    const paths = dataPaths({ dataDir });
    // The session must exist before the server does.
    const sessionId = await createParticipationSession(dataDir, 'Brandproef');

    const server = await start(dataDir);
    const datastreamId = await createDatastream(server.url, 'brandproef');

    const ackedComments = new Map<string, string>();
    const ackedObservations = new Map<number, number>();
    let refused = 0;
    let cutOff = 0;
    // Kill after a random number of acknowledgements, so the kill lands at a different point in the burst each run.
    const killAfter = 20 + Math.floor(Math.random() * 120);
    const exited = exitOf(server.child);
    const maybeKill = () => {
      if (ackedComments.size + ackedObservations.size >= killAfter && server.child.signalCode === null) server.child.kill('SIGKILL');
    };
    const requests = Array.from({ length: 200 }, async (_, i) => {
      try {
        if (i % 2 === 0) {
          const text = `Brandproef opmerking ${i}`;
          const r = await post(`${server.url}/api/participation/sessions/${sessionId}/comments`, { category: 'idea', text, position: { lonDeg: 5.1214, latDeg: 52.0907, heightM: 1 } }, `127.0.${1 + Math.floor(i / 200)}.${(i % 200) + 1}`);
          if (r.status === 201) ackedComments.set((JSON.parse(r.body) as { id: string }).id, text);
          else refused++;
        } else {
          const r = await post(`${server.url}/sta/v1.1/Datastreams(${datastreamId})/Observations`, { phenomenonTime: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), result: i });
          if (r.status === 201) ackedObservations.set((JSON.parse(r.body) as { '@iot.id': number })['@iot.id'], i);
          else refused++;
        }
        maybeKill();
      } catch {
        cutOff++;
      }
    });
    await Promise.all(requests);
    if (server.child.signalCode === null) server.child.kill('SIGKILL');
    expect((await exited).signal).toBe('SIGKILL');
    console.info(`faults #22: killed after ${ackedComments.size} comments and ${ackedObservations.size} observations acknowledged (target ${killAfter}); ${cutOff} cut off, ${refused} refused`);
    expect(refused).toBe(0);
    expect(ackedComments.size + ackedObservations.size).toBeGreaterThanOrEqual(killAfter);

    for (const file of [paths.workspace, paths.sensors]) {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        expect(db.pragma('integrity_check', { simple: true }), file).toBe('ok');
        expect(db.pragma('foreign_key_check'), file).toEqual([]);
        if (file === paths.workspace) {
          const read = db.prepare('SELECT text FROM participation_comments WHERE id = ?');
          const missing = [...ackedComments].filter(([id, text]) => (read.get(id) as { text: string } | undefined)?.text !== text);
          expect(missing).toEqual([]);
        } else {
          const read = db.prepare('SELECT result FROM observations WHERE id = ?');
          const missing = [...ackedObservations].filter(([id, result]) => Number((read.get(id) as { result: number } | undefined)?.result) !== result);
          expect(missing).toEqual([]);
        }
      } finally {
        db.close();
      }
    }

    // And the twin starts again on what the kill left behind.
    const again = await start(dataDir);
    expect((await fetch(`${again.url}/api/health`)).status).toBe(200);
    const observations = (await (await fetch(`${again.url}/sta/v1.1/Datastreams(${datastreamId})/Observations?$count=true&$top=1`)).json()) as { '@iot.count': number };
    expect(observations['@iot.count']).toBeGreaterThanOrEqual(ackedObservations.size);
  }, 150_000);
});

describe('#23 SIGTERM with requests in flight', () => {
  it('answers all 50 requests in flight with 200, fails readiness and refuses new work, ignores a second SIGTERM, checkpoints the WALs and exits 0', async () => {
    dataDir = copyTwin();
    const server = await start(dataDir);
    // A naturally slow route: every building checked against the omgevingsplan per request.
    const slow = `${server.url}/api/omgevingsplan/exceedances`;
    const one = await get(slow);
    expect(one.status).toBe(200);

    // A kept-alive connection that has been answered once and sits idle at the signal, and a connection that has been
    // opened but has not sent its request yet.
    const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect((await get(`${server.url}/api/health`, keepAlive)).status).toBe(200);
    const silent = await connectRaw(server.url);

    const exited = exitOf(server.child);
    // Fresh connections (agent: false): each request is on the wire before the signal.
    const t0 = performance.now();
    const sentAtMs: number[] = [];
    const inFlight = Array.from({ length: 50 }, () => get(slow, false, () => sentAtMs.push(performance.now() - t0)));
    await new Promise((r) => setTimeout(r, 100));
    server.child.kill('SIGTERM');
    const signalAtMs = performance.now() - t0;
    // The signal is handled when the busy event loop gets to it: wait until the server says it is stopping.
    for (let waited = 0; !/SIGTERM: finishing open requests/.test(server.stderr()) && waited < 20_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    server.child.kill('SIGTERM');
    // Readiness on a connection that got through (opened before the signal): 503 at once, and the connection closed.
    const readiness = await rawRequest(silent, 'GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n');
    // A new request on the kept-alive connection: closed by the server, or 503.
    const reused = await get(`${server.url}/api/health`, keepAlive);
    // A new connection after the signal.
    const late = await get(`${server.url}/api/health`);

    const results = await Promise.all(inFlight);
    const exit = await exited;
    keepAlive.destroy();
    const statuses = (rs: { status: number | string }[]) => [...new Set(rs.map((r) => r.status))].join(', ');
    // Started together at t0: a request still in flight at the signal ended after it.
    const openAtSignal = results.filter((r) => r.ms > signalAtMs).length;
    const walBytes = walFiles(dataDir).map((f) => `${path.basename(f)} ${fs.statSync(f).size} B`);
    console.info(
      `faults #23: one slow request ${one.ms.toFixed(0)} ms; 50 sent (${sentAtMs.filter((ms) => ms < signalAtMs).length} on the wire before the signal, last at +${Math.max(...sentAtMs).toFixed(0)} ms), ${openAtSignal} still in flight at SIGTERM (+${signalAtMs.toFixed(0)} ms; each ${Math.min(...results.map((r) => r.ms)).toFixed(0)}–${Math.max(...results.map((r) => r.ms)).toFixed(0)} ms) → ` +
        `${results.filter((r) => r.status === 200).length} × 200 (others: ${statuses(results.filter((r) => r.status !== 200)) || 'none'}); readiness after it: ${readiness.status}${readiness.closed ? ' + closed' : ''}; ` +
        `kept-alive reuse: ${reused.status}; new connection: ${late.status}; second SIGTERM ignored; exit ${exit.code}; WAL after exit: ${walBytes.join(', ') || 'none'}`,
    );
    expect(openAtSignal).toBeGreaterThanOrEqual(25);
    expect(results.map((r) => r.status), server.stderr()).toEqual(Array(50).fill(200));
    expect(results.every((r) => r.bytes === one.bytes)).toBe(true);
    expect(readiness.status).toBe(503);
    expect(readiness.closed).toBe(true);
    expect(reused.status).not.toBe(200);
    expect([503, 'ECONNREFUSED', 'ECONNRESET', 'socket hang up']).toContain(reused.status);
    expect([503, 'ECONNREFUSED']).toContain(late.status);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.stderr().match(/SIGTERM: finishing open requests/g)).toHaveLength(1);
    // The stores were closed cleanly: every WAL was checkpointed away.
    expect(walFiles(dataDir).filter((f) => fs.statSync(f).size > 0)).toEqual([]);
  }, 120_000);

  it('exits 1 at TWEELING_SHUTDOWN_DEADLINE_MS when a request never finishes, with no partial rows', async () => {
    dataDir = copyTwin();
    const server = await start(dataDir, { TWEELING_SHUTDOWN_DEADLINE_MS: '2000' });
    const observations = `${server.url}/sta/v1.1/Datastreams(${await createDatastream(server.url, 'hangt')})/Observations`;
    const acked = await post(observations, { phenomenonTime: '2026-01-01T00:00:00Z', result: 1 });
    expect(acked.status, acked.body).toBe(201);
    // An Observation whose body never arrives in full: the request is open and never finishes.
    const hung = await connectRaw(server.url);
    const body = JSON.stringify({ phenomenonTime: '2026-01-01T00:01:00Z', result: 2 });
    hung.on('error', () => undefined);
    hung.write(`POST ${new URL(observations).pathname} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 20)}`);
    await new Promise((r) => setTimeout(r, 300));
    const exited = exitOf(server.child);
    const t = performance.now();
    server.child.kill('SIGTERM');
    const exit = await exited;
    const ms = performance.now() - t;
    hung.destroy();
    const db = new Database(dataPaths({ dataDir }).sensors, { readonly: true });
    let results: number[];
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      results = (db.prepare('SELECT result FROM observations WHERE datastream_id = (SELECT datastream_id FROM observations WHERE id = ?) ORDER BY id').all((JSON.parse(acked.body) as { '@iot.id': number })['@iot.id']) as { result: number }[]).map((r) => Number(r.result));
    } finally {
      db.close();
    }
    console.info(`faults #23: a request that never finishes → exit ${exit.code} after ${ms.toFixed(0)} ms (deadline 2000 ms); observations stored: [${results.join(', ')}] (acknowledged: [1])`);
    expect(exit).toEqual({ code: 1, signal: null });
    expect(ms).toBeGreaterThanOrEqual(1_900);
    expect(ms).toBeLessThan(12_000);
    expect(server.stderr()).toMatch(/requests still open after 2000 ms/);
    expect(results).toEqual([1]);
  }, 120_000);

  it('refuses to start on an invalid TWEELING_SHUTDOWN_DEADLINE_MS with a clear message', async () => {
    dataDir = copyTwin();
    const err = await start(dataDir, { TWEELING_SHUTDOWN_DEADLINE_MS: 'soon' }).then(
      () => undefined,
      (e: Error & { exitCode?: number; stderr?: string }) => e,
    );
    expect(err?.exitCode).toBe(2);
    expect(err?.stderr).toMatch(/shutdownDeadlineMs \(TWEELING_SHUTDOWN_DEADLINE_MS\)/);
  }, 90_000);
});

describe('#24 storage faults', () => {
  it.each(['tweeling.sqlite', 'workspace.sqlite', 'sensors.sqlite'])('refuses to start on a garbage %s with a clear message and leaves the file as it was', async (name) => {
    dataDir = copyTwin();
    const file = path.join(dataDir, name);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    fs.writeFileSync(file, Buffer.concat([Buffer.from('SQLite format 3\0'), crypto.randomBytes(8192)]));
    const before = sha256(file);
    const err = (await start(dataDir).then(
      () => undefined,
      (e: Error & { exitCode?: number; stderr?: string }) => e,
    )) as (Error & { exitCode?: number; stderr?: string }) | undefined;
    expect(err, 'the server started on a garbage database').toBeDefined();
    expect(err!.exitCode).not.toBe(0);
    expect(err!.stderr).toMatch(new RegExp(`${name.replace('.', '\\.')}.*(damaged|not a database|malformed)|(damaged|not a database|malformed).*${name.replace('.', '\\.')}`, 's'));
    expect(sha256(file)).toBe(before);
  }, 90_000);

  it('answers writes on a full disk with 503 + Retry-After and no partial rows, keeps serving reads, and writes again once there is space', async (ctx) => {
    const mnt = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-full-'));
    // The twin, the workspace and the WALs the server makes, with some room to spare.
    const mounted = mountTmpfs(mnt, dirBytes(inject('twinDataDir')) + 24 * 1024 * 1024);
    if (mounted !== true) {
      fs.rmSync(mnt, { recursive: true, force: true });
      skipOrFail(ctx, 'faults #24 disk full', mounted);
    }
    let server: Running | undefined;
    try {
      const dir = path.join(mnt, 'data');
      copyTestTwinInto(dir);
      const sessionId = await createParticipationSession(dir, 'Volle schijf');
      server = await start(dir, { TWEELING_WAL_CHECKPOINT_MS: '300' });
      const url = server.url;
      const datastreamId = await createDatastream(url, 'vol');
      const observations = `${url}/sta/v1.1/Datastreams(${datastreamId})/Observations`;
      const comments = `${url}/api/participation/sessions/${sessionId}/comments`;
      let n = 0;
      const observation = () => ({ phenomenonTime: new Date(Date.UTC(2026, 0, 1) + ++n * 60_000).toISOString(), result: n });
      const comment = () => ({ category: 'idea', text: `Opmerking ${++n}`, position: { lonDeg: 5.1214, latDeg: 52.0907, heightM: 1 } });
      expect((await post(observations, observation())).status).toBe(201);
      expect((await post(comments, comment(), '127.0.3.1')).status).toBe(201);
      // Every WAL truncated by the idle checkpoint, so that the next write needs new space.
      await waitFor('the WALs to be checkpointed to 0 bytes', () => walsEmpty(dir));
      const before = await observationCount(url, datastreamId);

      const filler = fillDisk(mnt);
      const writes = [];
      for (let i = 0; i < 4; i++) {
        writes.push(await post(observations, observation()));
        writes.push(await post(comments, comment(), `127.0.3.${10 + i}`));
      }
      const reads = {
        health: (await fetch(`${url}/api/health`)).status,
        twin: (await fetch(`${url}/api/twin`)).status,
        tileset: (await fetch(`${url}/tiles/buildings/tileset.json`)).status,
        comments: (await fetch(comments)).status,
        observations: await observationCount(url, datastreamId),
      };
      const alive = server.child.exitCode === null && server.child.signalCode === null;

      fs.rmSync(filler.file);
      const again = [await post(observations, observation()), await post(comments, comment(), '127.0.3.30')];
      console.info(
        `faults #24: disk full (tmpfs, ${(filler.bytes / 1048576).toFixed(1)} MiB filler) → writes ${[...new Set(writes.map((w) => `${w.status} ${w.headers['retry-after'] ? `Retry-After ${w.headers['retry-after']}` : ''}`.trim()))].join(', ')}; ` +
          `reads meanwhile health ${reads.health}, twin ${reads.twin}, tileset ${reads.tileset}, comment list ${reads.comments}, Observation count unchanged ${reads.observations === before}; ` +
          `after freeing space writes ${again.map((w) => w.status).join(', ')}`,
      );
      for (const w of writes) expectStorageUnavailable(w);
      expect(reads).toEqual({ health: 200, twin: 200, tileset: 200, comments: 200, observations: before });
      expect(alive).toBe(true);
      expect(again.map((w) => w.status)).toEqual([201, 201]);

      const exited = exitOf(server.child);
      server.child.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
      // Only the writes acknowledged before the disk filled and after it was freed: nothing of the refused ones.
      expect(storedRows(dir, sessionId, datastreamId)).toEqual({ comments: 2, observations: before + 1 });
    } finally {
      if (server && server.child.exitCode === null && server.child.signalCode === null) {
        const exited = exitOf(server.child);
        server.child.kill('SIGKILL');
        await exited;
      }
      unmount(mnt);
    }
  }, 150_000);

  it('on a read-only data directory: either refuses to start with a clear message or serves reads and answers writes 503, and never changes a file', async (ctx) => {
    const user = unprivilegedUser();
    if (typeof user === 'string') skipOrFail(ctx, 'faults #24 read-only data directory', user);
    dataDir = copyTwin();
    const dir = dataDir;
    // A first start (as root) makes the workspace and a session; then everything is handed to the unprivileged
    // account and made read-only, the way a read-only volume or a wrong chown looks to the server.
    const sessionId = await createParticipationSession(dir, 'Alleen-lezen map');
    const first = await start(dir);
    const datastreamId = await createDatastream(first.url, 'alleen-lezen');
    const firstExit = exitOf(first.child);
    first.child.kill('SIGTERM');
    expect(await firstExit).toEqual({ code: 0, signal: null });
    for (const f of ['', ...(fs.readdirSync(dir, { recursive: true }) as string[])]) {
      const p = path.join(dir, f);
      fs.chownSync(p, user.uid, user.gid);
      fs.chmodSync(p, fs.statSync(p).isDirectory() ? 0o555 : 0o444);
    }
    fs.chmodSync(path.dirname(dir), 0o755);
    const before = hashTree(dir);

    const outcome = await start(dir, {}, user).then(
      (r) => r,
      (e: Error & { exitCode?: number; stderr?: string }) => e,
    );
    try {
      if (outcome instanceof Error) {
        console.info(`faults #24: read-only data dir (as ${user.name}) → refuses to start, exit ${outcome.exitCode}: ${(outcome.stderr ?? '').trim().split('\n').pop()}`);
        expect(outcome.exitCode).not.toBe(0);
        expect(outcome.exitCode).not.toBeNull();
        // Clear: names the file and says read-only, without a stack trace.
        expect(outcome.stderr).toMatch(/\.sqlite.*read-only|read-only.*\.sqlite/);
        expect(outcome.stderr).not.toMatch(/^\s+at /m);
      } else {
        const url = outcome.url;
        const writes = [
          await post(`${url}/sta/v1.1/Datastreams(${datastreamId})/Observations`, { phenomenonTime: '2026-02-01T00:00:00Z', result: 1 }),
          await post(`${url}/api/participation/sessions/${sessionId}/comments`, { category: 'idea', text: 'Alleen lezen', position: { lonDeg: 5.1214, latDeg: 52.0907, heightM: 1 } }, '127.0.4.1'),
        ];
        const reads = [(await fetch(`${url}/api/twin`)).status, (await fetch(`${url}/api/participation/sessions/${sessionId}/comments`)).status, (await fetch(`${url}/api/health`)).status];
        console.info(`faults #24: read-only data dir (as ${user.name}) → starts; writes ${writes.map((w) => w.status).join(', ')}; reads ${reads.join(', ')}`);
        for (const w of writes) expectStorageUnavailable(w);
        expect(reads).toEqual([200, 200, 200]);
        const exited = exitOf(outcome.child);
        outcome.child.kill('SIGTERM');
        await exited;
      }
      expect(hashTree(dir)).toEqual(before);
    } finally {
      // Hand the copy back so that afterEach can remove it.
      for (const f of ['', ...(fs.readdirSync(dir, { recursive: true }) as string[])]) fs.chmodSync(path.join(dir, f), 0o755);
    }
  }, 150_000);

  it('keeps the WAL bounded under a long-lived reader: /api/health shows it grow, and the idle TRUNCATE checkpoint shrinks it once the reader is gone', async () => {
    dataDir = copyTwin();
    const server = await start(dataDir, { TWEELING_WAL_CHECKPOINT_MS: '500' });
    const url = server.url;
    const observations = `${url}/sta/v1.1/Datastreams(${await createDatastream(url, 'lezer')})/Observations`;
    const walOf = async () => {
      const health = (await (await fetch(`${url}/api/health`)).json()) as { walBytes: number; sensors: { walBytes: number } };
      expect(typeof health.walBytes).toBe('number');
      return health.sensors.walBytes;
    };
    await waitFor('the sensor WAL to be checkpointed before the burst', async () => (await walOf()) === 0);

    // Another process reading: a read transaction that pins its snapshot, so no checkpoint can reset the WAL.
    const reader = new Database(dataPaths({ dataDir }).sensors, { readonly: true, fileMustExist: true });
    reader.prepare('BEGIN').run();
    const pinned = (reader.prepare('SELECT count(*) AS n FROM observations').get() as { n: number }).n;
    let maxWal = 0;
    let failed = 0;
    let worstHealthMs = 0;
    const WRITES = 2_000;
    let next = 0;
    const worker = async () => {
      while (next < WRITES) {
        const i = next++;
        const r = await fetch(observations, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phenomenonTime: new Date(Date.UTC(2026, 1, 1) + i * 1000).toISOString(), result: i }) });
        await r.arrayBuffer();
        if (r.status !== 201) failed++;
        if (i % 200 === 0) {
          const t = performance.now();
          maxWal = Math.max(maxWal, await walOf());
          worstHealthMs = Math.max(worstHealthMs, performance.now() - t);
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    // Idle now, with the reader still open: several checkpoint ticks pass and cannot reset the WAL.
    await new Promise((r) => setTimeout(r, 2_000));
    const walWhilePinned = await walOf();
    maxWal = Math.max(maxWal, walWhilePinned);
    const stillPinned = (reader.prepare('SELECT count(*) AS n FROM observations').get() as { n: number }).n;
    reader.prepare('COMMIT').run();
    reader.close();
    const released = performance.now();
    await waitFor('the idle checkpoint to truncate the WAL after the reader left', async () => (await walOf()) < 1024 * 1024, 30_000);
    const shrinkMs = performance.now() - released;
    const walAfter = await walOf();
    const fileAfter = fs.existsSync(`${dataPaths({ dataDir }).sensors}-wal`) ? fs.statSync(`${dataPaths({ dataDir }).sensors}-wal`).size : 0;
    const mib = (b: number) => `${(b / 1048576).toFixed(1)} MiB`;
    console.info(
      `faults #24: ${WRITES} Observation POSTs under a reader holding a snapshot (${failed} not 201; slowest /api/health meanwhile ${worstHealthMs.toFixed(0)} ms) → sensor WAL grew to ${mib(maxWal)}, ` +
        `${mib(walWhilePinned)} 2 s after the burst with the reader still open; reader released → ${walAfter} B in /api/health (file ${fileAfter} B) after ${shrinkMs.toFixed(0)} ms`,
    );
    expect(failed).toBe(0);
    expect(stillPinned).toBe(pinned);
    // The reader really pinned the WAL: it grew well past the automatic checkpoint's 1000 pages and stayed so.
    expect(maxWal).toBeGreaterThan(4 * 1024 * 1024);
    expect(walWhilePinned).toBeGreaterThan(4 * 1024 * 1024);
    expect(walAfter).toBeLessThan(64 * 1024 * 1024);
    expect(walAfter).toBeLessThan(1024 * 1024);
    expect(fileAfter).toBe(walAfter);
    expect(server.child.exitCode).toBeNull();
  }, 180_000);

  it('answers a write with 503 + Retry-After within busy_timeout while another process holds the write lock, and keeps serving reads', async () => {
    dataDir = copyTwin();
    const server = await start(dataDir);
    const sessionId = await createParticipationSession(dataDir, 'Alleen lezen');
    const ws = new Database(dataPaths({ dataDir }).workspace);
    ws.pragma('busy_timeout = 0');
    // Hold the write lock, as another process would (SQLITE_BUSY): the server's busy_timeout (5 s) runs out.
    ws.prepare('BEGIN IMMEDIATE').run();
    try {
      const t = performance.now();
      const write = await post(`${server.url}/api/participation/sessions/${sessionId}/comments`, { category: 'idea', text: 'Tijdens een slot', position: { lonDeg: 5.1214, latDeg: 52.0907, heightM: 1 } });
      const ms = performance.now() - t;
      const read = await fetch(`${server.url}/api/participation/sessions/${sessionId}/comments`);
      console.info(`faults #24: a write under a held lock answered ${write.status} after ${ms.toFixed(0)} ms; a read meanwhile ${read.status}`);
      expect(write.status, write.body).toBe(503);
      expect(JSON.parse(write.body).code).toBe('storage-unavailable');
      expect(Number(write.headers['retry-after'])).toBeGreaterThan(0);
      expect(write.body).not.toMatch(/SQLITE|better-sqlite3|\/tmp\//);
      expect(ms).toBeLessThan(7_000);
      expect(read.status).toBe(200);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    } finally {
      ws.prepare('ROLLBACK').run();
      ws.close();
    }
    const count = new Database(dataPaths({ dataDir }).workspace, { readonly: true });
    try {
      expect((count.prepare('SELECT count(*) AS n FROM participation_comments').get() as { n: number }).n).toBe(0);
    } finally {
      count.close();
    }
  }, 90_000);
});
