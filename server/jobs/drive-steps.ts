// Runs a cooperative computation: a generator that yields its progress now and then. driveSync runs it straight
// through (the pure, benchmarked entry points); driveAsync gives the event loop a turn every slice and stops on abort.
import { type JobContext, type JobProgress, abortError } from './job-runner.ts';

/**
 * Drives a cooperative computation (a generator yielding progress) to the end without pausing: the synchronous
 * pure functions use this, so their cost is a generator step per progress point and nothing else.
 */
export function driveSync<R>(steps: Generator<JobProgress, R, void>): R {
  for (;;) {
    const n = steps.next();
    if (n.done) return n.value;
  }
}

/**
 * Drives the same generator, but gives the event loop a turn about every `sliceMs`, reporting progress and
 * throwing an AbortError once the signal has aborted.
 */
export async function driveAsync<R>(steps: Generator<JobProgress, R, void>, context: Partial<JobContext> = {}, sliceMs = 20): Promise<R> {
  let sliceStart = performance.now();
  for (;;) {
    const n = steps.next();
    if (n.done) return n.value;
    if (performance.now() - sliceStart >= sliceMs) {
      context.progress?.(n.value.done, n.value.total, n.value.phase);
      await new Promise(setImmediate);
      if (context.signal?.aborted) throw abortError();
      sliceStart = performance.now();
    }
  }
}
