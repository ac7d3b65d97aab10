// A small in-process job runner for long scenario computations: jobs keyed by their input hash (the same inputs,
// running or finished, are the same job), at most `maxRunning` at once (the rest queue), and the last `maxFinished`
// finished jobs kept (least recently used dropped). One runner per router; no module state.
import { randomUUID } from 'node:crypto';

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobProgress {
  done: number;
  total: number;
  phase: string;
}

export interface JobContext {
  progress(done: number, total: number, phase: string): void;
  signal: AbortSignal;
}

export type JobWork<T> = (context: JobContext) => Promise<T>;

export interface JobSnapshot<T> {
  id: string;
  key: string;
  state: JobState;
  progress: JobProgress;
  result?: T;
  error?: string;
}

export interface JobRunner<T> {
  /** Starts (or queues) the work, unless a job with this key is queued, running or done: then that job. */
  submit(key: string, work: JobWork<T>): JobSnapshot<T>;
  get(id: string): JobSnapshot<T> | undefined;
  /** Cancels a queued or running job; a finished job is left as it is. Undefined for an unknown id. */
  cancel(id: string): JobSnapshot<T> | undefined;
  /** Resolves when the job has finished (for tests and synchronous callers). */
  settled(id: string): Promise<JobSnapshot<T> | undefined>;
}

/** A job as the runner keeps it: what callers see, plus its work and how to stop and await it. */
interface Job<T> extends JobSnapshot<T> {
  work: JobWork<T>;
  controller: AbortController;
  finished: Promise<void>;
  finish: () => void;
}

export interface JobRunnerOptions {
  maxRunning?: number;
  maxFinished?: number;
}

/** Thrown by cooperative work when its signal aborts. */
export function abortError(): Error {
  const e = new Error('The job was cancelled');
  e.name = 'AbortError';
  return e;
}

export function createJobRunner<T>(options: JobRunnerOptions = {}): JobRunner<T> {
  const maxRunning = options.maxRunning ?? 1;
  const maxFinished = options.maxFinished ?? 20;
  // Insertion order is recency order for finished jobs: touch = delete + set.
  const jobs = new Map<string, Job<T>>();
  const byKey = new Map<string, string>();
  const queue: Job<T>[] = [];
  let running = 0;

  const snapshot = (j: Job<T>): JobSnapshot<T> => ({
    id: j.id,
    key: j.key,
    state: j.state,
    progress: { ...j.progress },
    ...(j.state === 'done' ? { result: j.result } : {}),
    ...(j.error !== undefined ? { error: j.error } : {}),
  });

  const isFinished = (j: Job<T>) => j.state === 'done' || j.state === 'failed' || j.state === 'cancelled';

  const touch = (j: Job<T>) => {
    jobs.delete(j.id);
    jobs.set(j.id, j);
  };

  const evict = () => {
    let finished = 0;
    for (const j of jobs.values()) if (isFinished(j)) finished++;
    for (const j of jobs.values()) {
      if (finished <= maxFinished) break;
      if (!isFinished(j)) continue;
      jobs.delete(j.id);
      if (byKey.get(j.key) === j.id) byKey.delete(j.key);
      finished--;
    }
  };

  const end = (j: Job<T>, state: JobState, patch: { result?: T; error?: string } = {}) => {
    if (isFinished(j)) return;
    j.state = state;
    Object.assign(j, patch);
    // A failed or cancelled job must not answer the next submit of the same inputs.
    if (state !== 'done' && byKey.get(j.key) === j.id) byKey.delete(j.key);
    touch(j);
    evict();
    j.finish();
  };

  const pump = () => {
    while (running < maxRunning && queue.length > 0) {
      const j = queue.shift()!;
      if (j.state !== 'queued') continue;
      running++;
      j.state = 'running';
      // Start on a later tick so submit() always answers before any work happens.
      setImmediate(() => {
        void run(j);
      });
    }
  };

  const run = async (j: Job<T>) => {
    try {
      const context: JobContext = {
        signal: j.controller.signal,
        progress: (done, total, phase) => {
          if (j.state === 'running') j.progress = { done, total, phase };
        },
      };
      if (j.controller.signal.aborted) throw abortError();
      const result = await j.work(context);
      if (j.controller.signal.aborted) end(j, 'cancelled');
      else {
        j.progress = { ...j.progress, done: j.progress.total };
        end(j, 'done', { result });
      }
    } catch (e) {
      if (j.controller.signal.aborted) end(j, 'cancelled');
      else end(j, 'failed', { error: e instanceof Error ? e.message : String(e) });
    } finally {
      running--;
      pump();
    }
  };

  return {
    submit(key, work) {
      const existingId = byKey.get(key);
      const existing = existingId === undefined ? undefined : jobs.get(existingId);
      if (existing) {
        touch(existing);
        return snapshot(existing);
      }
      let finish!: () => void;
      const finished = new Promise<void>((resolve) => {
        finish = resolve;
      });
      const j: Job<T> = { id: randomUUID(), key, state: 'queued', progress: { done: 0, total: 0, phase: 'queued' }, work, controller: new AbortController(), finished, finish };
      jobs.set(j.id, j);
      byKey.set(key, j.id);
      queue.push(j);
      pump();
      return snapshot(j);
    },
    get(id) {
      const j = jobs.get(id);
      return j && snapshot(j);
    },
    cancel(id) {
      const j = jobs.get(id);
      if (!j) return undefined;
      if (j.state === 'queued') end(j, 'cancelled');
      else if (j.state === 'running') {
        j.controller.abort();
        // The work notices at its next yield; until then the job reads as cancelled to clients.
        end(j, 'cancelled');
      }
      return snapshot(j);
    },
    async settled(id) {
      const j = jobs.get(id);
      if (!j) return undefined;
      await j.finished;
      return snapshot(j);
    },
  };
}
