// The job queue of a single-process twin (SQLite): today's job runner (dedup by input, a bounded number of running
// jobs, the last finished ones kept) behind the JobQueue contract, with the same retry rule as PgJobQueue.
import { DEFAULT_RETRY_LIMIT, type JobHandler, type JobQueue, type JobStatus, isRetryable } from './job-queue.ts';
import { type JobRunner, type JobRunnerOptions, type JobSnapshot, createJobRunner } from './job-runner.ts';

export interface InProcessJobQueueOptions extends JobRunnerOptions {
  retryLimit?: number;
}

export class InProcessJobQueue implements JobQueue {
  private readonly runner: JobRunner<unknown>;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly retryLimit: number;

  constructor(options: InProcessJobQueueOptions = {}) {
    this.runner = createJobRunner<unknown>({ maxRunning: options.maxRunning ?? 1, maxFinished: options.maxFinished ?? 20 });
    this.retryLimit = options.retryLimit ?? DEFAULT_RETRY_LIMIT;
  }

  async submit(kind: string, input: unknown, inputHash: string): Promise<string> {
    const handler = this.handlers.get(kind);
    // Nothing else in this process would ever take the job: a programmer error, not a queued-forever job.
    if (!handler) throw new Error(`no worker for job kind ${kind} in this process`);
    const job = this.runner.submit(`${kind}\n${inputHash}`, async ({ signal, progress }) => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await handler(input, { signal, reportProgress: progress });
        } catch (e) {
          if (signal.aborted || attempt >= this.retryLimit || !isRetryable(e)) throw e;
        }
      }
    });
    return job.id;
  }

  async status(id: string): Promise<JobStatus | undefined> {
    const job = this.runner.get(id);
    return job && statusOf(job);
  }

  async cancel(id: string): Promise<JobStatus | undefined> {
    const job = this.runner.cancel(id);
    return job && statusOf(job);
  }

  async work(kind: string, handler: JobHandler): Promise<void> {
    this.handlers.set(kind, handler);
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }

  /** Resolves when the job has finished (tests and synchronous callers). */
  async settled(id: string): Promise<JobStatus | undefined> {
    const job = await this.runner.settled(id);
    return job && statusOf(job);
  }
}

function statusOf(job: JobSnapshot<unknown>): JobStatus {
  return {
    id: job.id,
    kind: job.key.slice(0, job.key.indexOf('\n')),
    state: job.state,
    progress: job.progress,
    ...(job.state === 'done' ? { result: job.result } : {}),
    ...(job.error !== undefined ? { error: job.error } : {}),
  };
}

/** A queue of its own for a router without a shared one: these kinds run in this process, one job at a time. */
export function createInProcessQueue(handlers: Record<string, JobHandler>): InProcessJobQueue {
  const queue = new InProcessJobQueue({ maxRunning: 1, maxFinished: 20 });
  for (const [kind, handler] of Object.entries(handlers)) void queue.work(kind, handler);
  return queue;
}
