// The job queue the scenario routers submit to and workers take from. Two implementations: InProcessJobQueue
// (SQLite twins: the jobs run in the serving process) and PgJobQueue (PostGIS twins: pg-boss on the same database,
// so any number of worker processes on any number of machines share the work). Both keep the same contract:
// test/support/job-queue-contract.ts.
import { ZodError } from 'zod';
import { TweelingError } from '../errors.ts';
import type { JobProgress, JobState } from './job-runner.ts';

export type { JobProgress, JobState } from './job-runner.ts';

export interface JobStatus {
  id: string;
  kind: string;
  state: JobState;
  progress: JobProgress;
  /** Only when state is done. */
  result?: unknown;
  error?: string;
}

export interface JobHandlerContext {
  /** Aborts when the job is cancelled (or the worker stops); cooperative work checks it at every yield. */
  signal: AbortSignal;
  /** Cheap to call often: implementations throttle what they write. */
  reportProgress(done: number, total: number, phase: string): void;
}

/** The input is what was submitted, after a JSON round trip on PostgreSQL: plain data only. */
export type JobHandler = (input: unknown, context: JobHandlerContext) => Promise<unknown>;

export interface JobQueue {
  /**
   * Queues a job and gives its id; the same kind and input hash while that job is queued, running or done (and
   * still kept) gives the existing job instead. A failed or cancelled job is not reused.
   */
  submit(kind: string, input: unknown, inputHash: string): Promise<string>;
  /** Undefined for an unknown (or expired) id. */
  status(id: string): Promise<JobStatus | undefined>;
  /** Cancels a queued or running job; a finished job is left as it is. Undefined for an unknown id. */
  cancel(id: string): Promise<JobStatus | undefined>;
  /** Takes jobs of this kind in this process. */
  work(kind: string, handler: JobHandler): Promise<void>;
  /** Stops taking jobs and releases connections. */
  close(): Promise<void>;
}

/** Retries are for crashes and transient faults; a job the input makes impossible fails at once. */
export function isRetryable(error: unknown): boolean {
  return !(error instanceof TweelingError || error instanceof ZodError);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Jobs retried after a throw or a crash before they count as failed (pg-boss retryLimit). */
export const DEFAULT_RETRY_LIMIT = 2;
