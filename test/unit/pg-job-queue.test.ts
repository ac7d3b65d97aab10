import { type ChildProcess, spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fibreRouter } from '../../server/api/fibre-router.ts';
import { fivegRouter } from '../../server/api/fiveg-router.ts';
import { errorHandler } from '../../server/api/problem.ts';
import { type PgJobQueueOptions, openPgJobQueue } from '../../server/jobs/pg-job-queue.ts';
import { workScenarioJobs } from '../../server/jobs/work-scenario-jobs.ts';
import { openPostgisStore } from '../../server/store/postgis/postgis-store.ts';
import { createMunicipality } from '../support/factories.ts';
import type { JobQueue } from '../../server/jobs/job-queue.ts';
import { describeJobQueueContract, sleep, waitForStatus } from '../support/job-queue-contract.ts';
import { type PostgresCluster, skipWithoutPostgres, startPostgresCluster } from '../support/postgres-cluster.ts';

const skip = skipWithoutPostgres('pg-boss job queue (test/unit/pg-job-queue.test.ts)');

/** Fast polls for tests; the defaults are for production (a 2 s poll, progress every 0.5 s). */
const FAST: PgJobQueueOptions = { poolMax: 3, pollIntervalMs: 500, progressIntervalMs: 50, cancelPollMs: 50, log: () => {} };

describe.skipIf(skip)('PgJobQueue (pg-boss on PostgreSQL)', () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  // A fresh database per test; the worker and the client are separate instances with their own pools, like a
  // worker process and a server process.
  describeJobQueueContract(
    'PgJobQueue',
    async () => {
      const url = await cluster.createDatabase();
      const worker = await openPgJobQueue(url, { ...FAST, workerName: 'worker' });
      const client = await openPgJobQueue(url, { ...FAST, workerName: 'server' });
      return { worker, client };
    },
    { waitMs: 15_000 },
  );

  describe('several workers', () => {
    const queues: JobQueue[] = [];
    afterEach(async () => {
      for (const q of queues.splice(0)) await q.close();
    });
    const open = async (url: string, workerName: string) => {
      const q = await openPgJobQueue(url, { ...FAST, workerName });
      queues.push(q);
      return q;
    };

    it('shares the jobs between two workers on one database, each job run once, progress seen by a third instance', async () => {
      const url = await cluster.createDatabase();
      const ranBy = new Map<string, string[]>();
      const record = (worker: string) => async (input: unknown, c: { reportProgress(d: number, t: number, p: string): void }) => {
        const n = (input as { n: number }).n;
        ranBy.set(`job ${n}`, [...(ranBy.get(`job ${n}`) ?? []), worker]);
        for (let step = 1; step <= 4; step++) {
          c.reportProgress(step, 4, `step ${step}`);
          await sleep(100);
        }
        return { n, worker };
      };
      const a = await open(url, 'worker-a');
      const b = await open(url, 'worker-b');
      const server = await open(url, 'server');
      await a.work('record', record('worker-a'));
      await b.work('record', record('worker-b'));
      const ids = await Promise.all(Array.from({ length: 8 }, (_, n) => server.submit('record', { n }, `input-${n}`)));
      expect(new Set(ids).size).toBe(8);
      // Some job is seen mid-way through the third instance, which runs nothing itself.
      const phases = new Set<string>();
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const all = await Promise.all(ids.map((id) => server.status(id)));
        for (const s of all) if (s?.state === 'running' && s.progress.done > 0 && s.progress.done < 4) phases.add(s.progress.phase);
        if (all.every((s) => s?.state === 'done')) break;
        await sleep(30);
      }
      const finals = await Promise.all(ids.map((id) => server.status(id)));
      expect(finals.map((s) => s?.state)).toEqual(Array(8).fill('done'));
      expect(phases.size).toBeGreaterThan(0);
      const workers = finals.map((s) => (s?.result as { worker: string }).worker);
      expect(new Set(workers)).toEqual(new Set(['worker-a', 'worker-b']));
      // Each job ran exactly once, by the worker its result names.
      expect([...ranBy.values()].every((w) => w.length === 1)).toBe(true);
      expect(finals.map((s) => ranBy.get(`job ${(s?.result as { n: number }).n}`)?.[0])).toEqual(workers);
    }, 60_000);

    it('records progress, outcome and the worker in the job_progress table, and pg-boss the job', async () => {
      const url = await cluster.createDatabase();
      const w = await open(url, 'worker-x');
      await w.work('noted', async (_input, c) => {
        c.reportProgress(1, 1, 'only');
        return { ok: true };
      });
      const id = await w.submit('noted', { a: 1 }, 'hash-noted');
      await waitForStatus(w, id, (s) => s.state === 'done', 15_000);
      const sql = new pg.Client({ connectionString: url });
      await sql.connect();
      try {
        const { rows } = await sql.query('SELECT kind, input_hash, done, total, phase, outcome, result, attempts, worker FROM job_progress WHERE job_id = $1', [id]);
        expect(rows).toEqual([{ kind: 'noted', input_hash: 'hash-noted', done: 1, total: 1, phase: 'only', outcome: 'done', result: { ok: true }, attempts: 1, worker: 'worker-x' }]);
        const boss = await sql.query('SELECT name, state, data FROM pgboss.job WHERE id = $1', [id]);
        expect(boss.rows).toEqual([{ name: 'noted', state: 'completed', data: { input: { a: 1 }, inputHash: 'hash-noted' } }]);
      } finally {
        await sql.end();
      }
    }, 30_000);

    it('serves fibre design and coverage jobs over HTTP from a server that runs none itself', async () => {
      const url = await cluster.createDatabase();
      const serverStore = await openPostgisStore(url, { maxConnections: 3 });
      await serverStore.importMunicipality(createMunicipality());
      const workerStore = await openPostgisStore(url, { maxConnections: 3 });
      const serverQueue = await open(url, 'server');
      const workerQueue = await open(url, 'worker');
      expect(await workScenarioJobs(workerQueue, workerStore)).toEqual(['fiveg-coverage', 'fiveg-optimise', 'fibre-design']);
      const app = express().use(express.json()).use('/api/fibre', fibreRouter(serverStore, serverQueue)).use('/api/fiveg', fivegRouter(serverStore, serverQueue)).use(errorHandler(() => {}));
      const server = app.listen(0, '127.0.0.1');
      await new Promise<void>((resolve) => server.once('listening', resolve));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const post = (path: string, body: unknown) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const poll = async (path: string) => {
        for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(50)) {
          const job = await (await fetch(`${base}${path}`)).json();
          if (job.state !== 'queued' && job.state !== 'running') return job;
        }
        throw new Error(`${path} did not finish`);
      };
      try {
        const body = { pop: { x: 144990, y: 444990 } };
        const res = await post('/api/fibre/design/jobs', body);
        expect(res.status).toBe(202);
        const accepted = await res.json();
        expect(accepted).toMatchObject({ state: expect.stringMatching(/^(queued|running)$/), links: { self: `/api/fibre/jobs/${accepted.id}` } });
        expect(res.headers.get('location')).toBe(`/api/fibre/jobs/${accepted.id}`);
        const done = await poll(`/api/fibre/jobs/${accepted.id}`);
        expect(done).toMatchObject({ id: accepted.id, state: 'done', progress: { done: 4, total: 4 } });
        const sync = await (await post('/api/fibre/design', body)).json();
        expect(done.result.summary.homesPassed).toBe(sync.summary.homesPassed);
        expect(done.result.inputHash).toBe(sync.inputHash);
        // The fibre router's job is not the 5G router's to show or cancel.
        expect((await fetch(`${base}/api/fiveg/jobs/${accepted.id}`)).status).toBe(404);
        expect((await fetch(`${base}/api/fiveg/jobs/${accepted.id}`, { method: 'DELETE' })).status).toBe(404);
        // Invalid inputs are still refused by the server before anything is queued.
        expect((await post('/api/fibre/design/jobs', { pop: { id: 'nowhere' } })).status).toBe(400);

        const coverage = await (await post('/api/fiveg/coverage/jobs', { options: { gridCellM: 0 } })).json();
        const coverageDone = await poll(`/api/fiveg/jobs/${coverage.id}`);
        expect(coverageDone.state).toBe('done');
        expect(coverageDone.result.addresses.ids).toHaveLength(9);
        const del = await fetch(`${base}/api/fiveg/jobs/${coverage.id}`, { method: 'DELETE' });
        expect(await del.json()).toMatchObject({ state: 'done' });
      } finally {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await serverStore.close();
        await workerStore.close();
      }
    }, 60_000);

    it('runs `tweeling worker` processes that share fibre designs and stop cleanly on SIGTERM', async () => {
      const url = await cluster.createDatabase();
      const store = await openPostgisStore(url, { maxConnections: 2 });
      await store.importMunicipality(createMunicipality());
      await store.close();
      const bin = path.resolve(import.meta.dirname, '../../bin/tweeling.mjs');
      const startWorker = () =>
        new Promise<{ child: ChildProcess; exited: Promise<number | null> }>((resolve, reject) => {
          const child = spawn(process.execPath, [bin, 'worker', '--store', url], { env: { ...process.env, TWEELING_STORE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
          const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
          let out = '';
          child.stdout!.on('data', (d) => {
            out += d;
            if (out.includes('is taking jobs')) resolve({ child, exited });
          });
          child.stderr!.on('data', (d) => {
            out += d;
          });
          void exited.then((code) => reject(new Error(`worker exited (${code}) before taking jobs: ${out}`)));
        });
      const workers = await Promise.all([startWorker(), startWorker()]);
      try {
        const client = await open(url, 'server');
        // Four different designs: each POP position is its own input.
        const ids = await Promise.all([0, 1, 2, 3].map((i) => client.submit('fibre-design', { pop: { x: 144990 + i * 50, y: 444990 } }, `pop-${i}`)));
        const finals = await Promise.all(ids.map((id) => waitForStatus(client, id, (s) => s.state !== 'queued' && s.state !== 'running', 30_000)));
        expect(finals.map((s) => s.state)).toEqual(['done', 'done', 'done', 'done']);
        const sql = new pg.Client({ connectionString: url });
        await sql.connect();
        const { rows } = await sql.query<{ worker: string }>('SELECT DISTINCT worker FROM job_progress');
        await sql.end();
        const pids = workers.map((w) => String(w.child.pid));
        expect(new Set(rows.map((r) => r.worker.split(':').at(-1)))).toEqual(new Set(pids));
      } finally {
        for (const w of workers) w.child.kill('SIGTERM');
      }
      expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
    }, 90_000);

    it('hands a job back to the queue when its worker stops, and another worker finishes it', async () => {
      const url = await cluster.createDatabase();
      const server = await open(url, 'server');
      const first = await openPgJobQueue(url, { ...FAST, workerName: 'stopping' });
      let firstSawAbort = false;
      await first.work('handover', async (_input, c) => {
        while (!c.signal.aborted) await sleep(10);
        firstSawAbort = true;
        throw new Error('stopped');
      });
      const id = await server.submit('handover', {}, 'h');
      await waitForStatus(server, id, (s) => s.state === 'running', 15_000);
      await first.close();
      expect(firstSawAbort).toBe(true);
      const second = await open(url, 'second');
      await second.work('handover', async () => 'finished elsewhere');
      expect(await waitForStatus(server, id, (s) => s.state === 'done' || s.state === 'failed', 15_000)).toMatchObject({ state: 'done', result: 'finished elsewhere' });
    }, 60_000);
  });
});
