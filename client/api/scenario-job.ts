// Runs a scenario computation as a server job (POST …/jobs → 202, then GET the job every ~300 ms) and gives its
// progress on the way. Cancelling (the signal) deletes the job on the server. Shared by the 5G and fibre panels.

export interface JobProgress {
  done: number;
  total: number;
  phase: string;
}

export interface JobView<T> {
  id: string;
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  progress: JobProgress;
  result?: T;
  error?: string;
}

export interface RunJobOptions {
  signal?: AbortSignal;
  onProgress?: (progress: JobProgress) => void;
  intervalMs?: number;
  fetchImpl?: typeof fetch;
}

/** Thrown for a job that failed on the server; carries the HTTP status of the submit when it was refused. */
export class JobFailed extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'JobFailed';
  }
}

function abortError(): Error {
  const e = new Error('cancelled');
  e.name = 'AbortError';
  return e;
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Progress as a fraction 0–1; null while the total is unknown (queued, or a phase without a count). */
export function progressFraction(progress: JobProgress | undefined): number | null {
  if (!progress || !(progress.total > 0)) return null;
  return Math.min(1, Math.max(0, progress.done / progress.total));
}

/** Whole percent for labels; null when unknown. */
export function progressPercent(progress: JobProgress | undefined): number | null {
  const f = progressFraction(progress);
  return f === null ? null : Math.floor(f * 100);
}

export async function runJob<T>(submitUrl: string, body: unknown, options: RunJobOptions = {}): Promise<T> {
  const doFetch = options.fetchImpl ?? fetch;
  const { signal } = options;
  const response = await doFetch(submitUrl, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok) throw new JobFailed(`${submitUrl} answered ${response.status}`, response.status);
  const accepted = (await response.json()) as { id: string; links: { self: string } };
  const self = accepted.links.self;
  try {
    for (;;) {
      await wait(options.intervalMs ?? 300, signal);
      const r = await doFetch(self, { headers: { accept: 'application/json' }, signal });
      if (!r.ok) throw new JobFailed(`${self} answered ${r.status}`, r.status);
      const job = (await r.json()) as JobView<T>;
      options.onProgress?.(job.progress);
      if (job.state === 'done') return job.result as T;
      if (job.state === 'failed') throw new JobFailed(job.error ?? 'the job failed');
      if (job.state === 'cancelled') throw abortError();
    }
  } catch (error) {
    // Cancelling here cancels there: the server stops working on it.
    if (signal?.aborted) void doFetch(self, { method: 'DELETE' }).catch(() => undefined);
    throw error;
  }
}
