// The job queue of a PostGIS twin: pg-boss on the twin's database, so every server and `tweeling worker` process
// on every machine shares one queue (SKIP LOCKED fetches: each job runs once at a time, crashes are retried after
// the job's expiry). pg-boss has no progress, so a small table of ours, job_progress, holds per job its input
// hash (for dedup), progress (written by the worker, throttled), the outcome the worker decided (done with its
// result, failed without retry, cancelled) and the last error. pg-boss's own state says queued, running, and
// failed after the retries are spent.
import os from 'node:os';
import PgBoss from 'pg-boss';
import pg from 'pg';
import { withTransaction } from '../store/postgis/pg-transaction.ts';
import { resilientPool } from '../store/postgis/resilient-pool.ts';
import { DEFAULT_RETRY_LIMIT, type JobHandler, type JobQueue, type JobState, type JobStatus, errorMessage, isRetryable } from './job-queue.ts';

export interface PgJobQueueOptions {
  /** Connections per pool (pg-boss's and ours): a queue needs few. */
  poolMax?: number;
  /** How often an idle worker asks for a job; pg-boss allows 500 ms at the least. */
  pollIntervalMs?: number;
  /** Progress is written at most this often per job. */
  progressIntervalMs?: number;
  /** How often a running job looks for a cancellation. */
  cancelPollMs?: number;
  retryLimit?: number;
  /** A job running longer is taken as crashed, failed and retried (pg-boss expiry; at most 24 h). */
  expireInSeconds?: number;
  /** Finished jobs (and their results) are kept this long for polling and reuse. */
  retentionDays?: number;
  /** Recorded with each job it takes, for operators: which machine ran what. */
  workerName?: string;
  /** Jobs of one kind this process runs at once. */
  concurrency?: number;
  log?: (message: string) => void;
}

interface JobData {
  input: unknown;
  inputHash: string;
}

interface ProgressRow {
  kind: string;
  done: number;
  total: number;
  phase: string;
  outcome: 'done' | 'failed' | 'cancelled' | null;
  error: string | null;
  result?: unknown;
}

const SCHEMA_LOCK = 'tweeling-job-progress-schema';
const PRUNE_EVERY_MS = 3600_000;

// attempts counts starts, so a retried job shows 2; worker names the process that took it last.
const CREATE_TABLE = `
  CREATE TABLE IF NOT EXISTS job_progress (
    job_id uuid PRIMARY KEY,
    kind text NOT NULL,
    input_hash text NOT NULL,
    done double precision NOT NULL DEFAULT 0,
    total double precision NOT NULL DEFAULT 0,
    phase text NOT NULL DEFAULT 'queued',
    outcome text CHECK (outcome IN ('done', 'failed', 'cancelled')),
    result jsonb,
    error text,
    attempts integer NOT NULL DEFAULT 0,
    worker text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX IF NOT EXISTS job_progress_input ON job_progress (kind, input_hash, created_at DESC);
  CREATE INDEX IF NOT EXISTS job_progress_updated ON job_progress (updated_at);
`;

/** Connects, installs or upgrades pg-boss's schema and our table, and gives a queue ready to submit and work. */
export async function openPgJobQueue(url: string, options: PgJobQueueOptions = {}): Promise<PgJobQueue> {
  const boss = new PgBoss({ connectionString: url, max: options.poolMax ?? 4, schedule: false, supervise: true, application_name: 'tweeling-pg-boss' });
  const log = options.log ?? ((m: string) => console.error(m));
  const pool = resilientPool({ connectionString: url, max: options.poolMax ?? 4, connectionTimeoutMillis: 5000, application_name: 'tweeling-jobs' }, (e) =>
    log(`job queue connection: ${errorMessage(e)}`),
  );
  boss.on('error', (e) => log(`job queue: ${errorMessage(e)}`));
  try {
    await createTable(pool);
    await withSessionLock(pool, 'tweeling-pg-boss-start', () => boss.start());
  } catch (e) {
    await boss.stop({ graceful: false }).catch(() => {});
    await pool.end();
    throw e;
  }
  return new PgJobQueue(pool, boss, options, log);
}

/** Runs `work` while holding a PostgreSQL session advisory lock: one process at a time, across machines. */
async function withSessionLock<T>(pool: pg.Pool, name: string, work: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [name]);
    try {
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [name]);
    }
  } finally {
    client.release();
  }
}

function createTable(pool: pg.Pool): Promise<void> {
  return withTransaction(pool, async (client) => {
    // Two processes starting on a new database at once would race on CREATE TABLE IF NOT EXISTS.
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [SCHEMA_LOCK]);
    await client.query(CREATE_TABLE);
  });
}

export class PgJobQueue implements JobQueue {
  private readonly queues = new Map<string, Promise<void>>();
  private readonly running = new Set<AbortController>();
  private readonly retryLimit: number;
  private readonly expireInSeconds: number;
  private readonly workerName: string;
  private lastPruneMs = 0;
  private closing = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly boss: PgBoss,
    private readonly options: PgJobQueueOptions,
    private readonly log: (message: string) => void,
  ) {
    this.retryLimit = options.retryLimit ?? DEFAULT_RETRY_LIMIT;
    this.expireInSeconds = Math.min(options.expireInSeconds ?? 3600, 24 * 3600);
    this.workerName = options.workerName ?? `${os.hostname()}:${process.pid}`;
  }

  async submit(kind: string, input: unknown, inputHash: string): Promise<string> {
    await this.ensureQueue(kind);
    await this.prune();
    return withTransaction(this.pool, async (client) => {
      // Serialises submits of the same inputs across all servers, so two of them cannot both start a job.
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`tweeling-job\n${kind}\n${inputHash}`]);
      const { rows } = await client.query<{ job_id: string }>(
        `SELECT job_id FROM job_progress WHERE kind = $1 AND input_hash = $2 AND (outcome IS NULL OR outcome = 'done') ORDER BY created_at DESC LIMIT 1`,
        [kind, inputHash],
      );
      if (rows[0]) {
        const existing = await this.read(rows[0].job_id, false);
        if (existing && (existing.state === 'queued' || existing.state === 'running' || existing.state === 'done')) return existing.id;
      }
      // In our transaction: a worker cannot take the job before its job_progress row exists.
      const db = { executeSql: (text: string, values: unknown[]) => client.query(text, values) };
      const data: JobData = { input, inputHash };
      const id = await this.boss.send(kind, data as object, { retryLimit: this.retryLimit, expireInSeconds: this.expireInSeconds, db });
      if (!id) throw new Error(`pg-boss did not queue the ${kind} job`);
      await client.query('INSERT INTO job_progress (job_id, kind, input_hash) VALUES ($1, $2, $3)', [id, kind, inputHash]);
      return id;
    });
  }

  status(id: string): Promise<JobStatus | undefined> {
    return this.read(id, true);
  }

  async cancel(id: string): Promise<JobStatus | undefined> {
    const current = await this.read(id, false);
    if (!current) return undefined;
    if (current.state !== 'queued' && current.state !== 'running') return this.read(id, true);
    // The outcome is the flag the worker polls; pg-boss's cancel keeps the job from being fetched or retried.
    await this.pool.query(`UPDATE job_progress SET outcome = 'cancelled', updated_at = now() WHERE job_id = $1 AND outcome IS NULL`, [id]);
    await this.boss.cancel(current.kind, id);
    return this.read(id, true);
  }

  async work(kind: string, handler: JobHandler): Promise<void> {
    await this.ensureQueue(kind);
    const pollingIntervalSeconds = Math.max(0.5, (this.options.pollIntervalMs ?? 2000) / 1000);
    for (let i = 0; i < (this.options.concurrency ?? 1); i++) {
      await this.boss.work<JobData>(kind, { pollingIntervalSeconds, batchSize: 1 }, async ([job]) => this.run(job, handler));
    }
  }

  /** Stops taking jobs; running ones are aborted and handed back to the queue (retried by another worker). */
  async close(): Promise<void> {
    this.closing = true;
    for (const controller of this.running) controller.abort();
    await this.boss.stop({ graceful: true, timeout: 10_000, wait: true });
    await this.pool.end();
  }

  private ensureQueue(kind: string): Promise<void> {
    let created = this.queues.get(kind);
    if (!created) {
      created = this.createQueueExclusively(kind);
      this.queues.set(kind, created);
      created.catch(() => this.queues.delete(kind));
    }
    return created;
  }

  /**
   * pg-boss creates a queue's partition tables without a lock of its own: two processes starting at once deadlocked
   * (seen with two `tweeling worker`s). A session advisory lock on our pool serialises them across machines.
   */
  private createQueueExclusively(kind: string): Promise<void> {
    return withSessionLock(this.pool, `tweeling-create-queue\n${kind}`, () =>
      this.boss.createQueue(kind, { name: kind, retryLimit: this.retryLimit, expireInSeconds: this.expireInSeconds }),
    );
  }

  private async prune(): Promise<void> {
    if (Date.now() - this.lastPruneMs < PRUNE_EVERY_MS) return;
    this.lastPruneMs = Date.now();
    await this.pool.query(`DELETE FROM job_progress WHERE updated_at < now() - make_interval(days => $1)`, [this.options.retentionDays ?? 7]);
  }

  private async read(id: string, withResult: boolean): Promise<JobStatus | undefined> {
    const readRow = async () =>
      (
        await this.pool.query<ProgressRow>(
          `SELECT kind, done, total, phase, outcome, error${withResult ? ', result' : ''} FROM job_progress WHERE job_id = $1`,
          [id],
        )
      ).rows[0];
    let row = await readRow();
    if (!row) return undefined;
    let state = row.outcome ?? (await this.bossState(row.kind, id));
    if (row.outcome === null && state === 'failed') {
      // The worker writes our row before pg-boss ends the job, so a job that ended between the two reads has a newer
      // row than we hold (its outcome, or the last attempt's error): read it again rather than report a stale failure.
      row = (await readRow()) ?? row;
      state = row.outcome ?? state;
    }
    const error = state === 'failed' ? (row.error ?? 'the job failed (its worker stopped or timed out)') : undefined;
    return {
      id,
      kind: row.kind,
      state,
      progress: { done: row.done, total: row.total, phase: row.phase },
      ...(state === 'done' && withResult ? { result: row.result ?? undefined } : {}),
      ...(error !== undefined ? { error } : {}),
    };
  }

  /** pg-boss's word on a job our worker has not finished: waiting, running, or failed after its last retry. */
  private async bossState(kind: string, id: string): Promise<JobState> {
    const job = await this.boss.getJobById(kind, id, { includeArchive: true });
    switch (job?.state) {
      case 'created':
      case 'retry':
        return 'queued';
      case 'active':
        return 'running';
      case 'cancelled':
        return 'cancelled';
      // Completed without our outcome, or dropped by pg-boss's retention: nothing to show for it.
      default:
        return 'failed';
    }
  }

  private async run(job: PgBoss.Job<JobData>, handler: JobHandler): Promise<null> {
    const id = job.id;
    // Registered before the first await: close() may come while the job is being claimed.
    const controller = new AbortController();
    this.running.add(controller);
    if (this.closing) controller.abort();
    let expired = false;
    let expiry: NodeJS.Timeout | undefined;
    let cancelPoll: NodeJS.Timeout | undefined;
    const progress = this.progressWriter(id);
    try {
      const claimed = await this.pool.query(
        `UPDATE job_progress SET attempts = attempts + 1, worker = $2, phase = CASE WHEN total = 0 THEN 'running' ELSE phase END, updated_at = now()
         WHERE job_id = $1 AND outcome IS NULL`,
        [id, this.workerName],
      );
      // Cancelled between fetch and start.
      if (claimed.rowCount === 0) return null;
      expiry = setTimeout(() => {
        expired = true;
        controller.abort();
      }, job.expireInSeconds * 1000);
      cancelPoll = setInterval(() => {
        this.pool.query<{ outcome: string | null }>('SELECT outcome FROM job_progress WHERE job_id = $1', [id]).then(
          ({ rows }) => {
            if (rows[0]?.outcome === 'cancelled') controller.abort();
          },
          (e) => this.log(`job ${id}: cannot read its cancellation flag: ${errorMessage(e)}`),
        );
      }, this.options.cancelPollMs ?? 1000);
      const result = await handler(job.data.input, { signal: controller.signal, reportProgress: progress.report });
      await progress.stop();
      if (controller.signal.aborted) throw new Error(expired ? 'the job ran past its expiry' : 'the job was stopped');
      await this.pool.query(
        `UPDATE job_progress SET outcome = 'done', result = $2::jsonb, done = total, updated_at = now() WHERE job_id = $1 AND outcome IS NULL`,
        [id, JSON.stringify(result ?? null)],
      );
      return null;
    } catch (e) {
      await progress.stop();
      const cancelled = controller.signal.aborted && !expired && !this.closing;
      // A cancelled job's pg-boss state is already final; returning leaves it so.
      if (cancelled) return null;
      if (!controller.signal.aborted && !isRetryable(e)) {
        // Returning (not throwing) keeps pg-boss from retrying; our outcome is what status() reports.
        await this.pool.query(`UPDATE job_progress SET outcome = 'failed', error = $2, updated_at = now() WHERE job_id = $1 AND outcome IS NULL`, [id, errorMessage(e)]);
        return null;
      }
      const message = this.closing ? 'the worker stopped while running the job' : errorMessage(e);
      await this.pool.query('UPDATE job_progress SET error = $2, updated_at = now() WHERE job_id = $1', [id, message]).catch(() => {});
      if (this.closing) {
        // pg-boss records a thrown error without waiting for it, and close() ends its pool next: record the failure
        // (a retry for another worker) here, awaited. Its complete() after we return only touches active jobs.
        await this.boss.fail(job.name, id, { message });
        return null;
      }
      throw e instanceof Error ? e : new Error(message);
    } finally {
      clearTimeout(expiry);
      clearInterval(cancelPoll);
      this.running.delete(controller);
    }
  }

  /** Keeps the latest progress and writes it at most every progressIntervalMs, in order. */
  private progressWriter(id: string) {
    const intervalMs = this.options.progressIntervalMs ?? 500;
    let pending: { done: number; total: number; phase: string } | undefined;
    let timer: NodeJS.Timeout | undefined;
    let lastWriteMs = 0;
    let chain = Promise.resolve();
    const flush = () => {
      timer = undefined;
      const p = pending;
      pending = undefined;
      if (!p) return;
      lastWriteMs = Date.now();
      chain = chain
        .then(() => this.pool.query('UPDATE job_progress SET done = $2, total = $3, phase = $4, updated_at = now() WHERE job_id = $1 AND outcome IS NULL', [id, p.done, p.total, p.phase]))
        .then(
          () => {},
          (e) => this.log(`job ${id}: cannot write its progress: ${errorMessage(e)}`),
        );
    };
    return {
      report: (done: number, total: number, phase: string) => {
        pending = { done, total, phase };
        if (!timer) timer = setTimeout(flush, Math.max(0, lastWriteMs + intervalMs - Date.now()));
      },
      /** Writes what is pending now and waits for every write. */
      stop: async () => {
        if (timer) clearTimeout(timer);
        flush();
        await chain;
      },
    };
  }
}
