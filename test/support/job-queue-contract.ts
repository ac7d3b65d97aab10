// The JobQueue contract, run against every implementation: the in-process queue (test/unit/job-queue-inprocess.test.ts)
// and pg-boss on PostgreSQL (test/unit/pg-job-queue.test.ts). Handlers are small test kinds that hold on gates the
// test opens, so "running", "queued" and "cancelled" are reached on purpose, not by timing luck.
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidParameter } from '../../server/errors.ts';
import type { JobQueue, JobStatus } from '../../server/jobs/job-queue.ts';
import { abortError } from '../../server/jobs/job-runner.ts';

export interface JobQueueSetup {
  /** Takes the jobs: work() is called on it. */
  worker: JobQueue;
  /** Submits, reads and cancels: the worker itself in-process, another instance on the same database for pg-boss. */
  client: JobQueue;
}

export interface ContractOptions {
  /** How long a job may take to be picked up and finish (pg-boss polls). */
  waitMs: number;
}

export function createGate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls status() until the predicate holds; fails with the last status seen. */
export async function waitForStatus(queue: JobQueue, id: string, predicate: (s: JobStatus) => boolean, timeoutMs: number): Promise<JobStatus> {
  const deadline = Date.now() + timeoutMs;
  let last: JobStatus | undefined;
  for (;;) {
    last = await queue.status(id);
    if (last && predicate(last)) return last;
    if (Date.now() > deadline) throw new Error(`job ${id} did not get there in ${timeoutMs} ms; last status ${JSON.stringify(last)}`);
    await sleep(25);
  }
}

const finished = (s: JobStatus) => s.state === 'done' || s.state === 'failed' || s.state === 'cancelled';

export function describeJobQueueContract(name: string, createSetup: () => Promise<JobQueueSetup>, options: ContractOptions): void {
  describe(`${name}: JobQueue contract`, () => {
    const opened: JobQueueSetup[] = [];
    const gates: (() => void)[] = [];
    afterEach(async () => {
      // Release held handlers first, so closing a worker does not wait on them.
      for (const open of gates.splice(0)) open();
      for (const s of opened.splice(0)) {
        if (s.client !== s.worker) await s.client.close();
        await s.worker.close();
      }
    });
    const setup = async () => {
      const s = await createSetup();
      opened.push(s);
      return s;
    };
    const gate = () => {
      const g = createGate();
      gates.push(g.open);
      return g;
    };
    const wait = options.waitMs;

    it('runs a job to done with its result and full progress', async () => {
      const { worker, client } = await setup();
      await worker.work('echo', async (input, c) => {
        c.reportProgress(1, 2, 'half');
        await sleep(5);
        c.reportProgress(2, 2, 'all');
        return { echo: input };
      });
      const id = await client.submit('echo', { n: 1, text: 'één' }, 'hash-1');
      const final = await waitForStatus(client, id, finished, wait);
      expect(final).toEqual({ id, kind: 'echo', state: 'done', progress: { done: 2, total: 2, phase: 'all' }, result: { echo: { n: 1, text: 'één' } } });
    });

    it('shows a running job\'s progress to the client', async () => {
      const { worker, client } = await setup();
      const release = gate();
      await worker.work('slow', async (_input, c) => {
        c.reportProgress(3, 10, 'step');
        await release.opened;
        return 'ok';
      });
      const id = await client.submit('slow', {}, 'h');
      const running = await waitForStatus(client, id, (s) => s.progress.done === 3, wait);
      expect(running).toMatchObject({ state: 'running', progress: { done: 3, total: 10, phase: 'step' } });
      expect(running.result).toBeUndefined();
      release.open();
      expect(await waitForStatus(client, id, finished, wait)).toMatchObject({ state: 'done', result: 'ok', progress: { done: 10, total: 10 } });
    });

    it('gives the same job for the same inputs while it runs and once done, and a new one for other inputs', async () => {
      const { worker, client } = await setup();
      const release = gate();
      let runs = 0;
      await worker.work('dedup', async (input) => {
        runs++;
        await release.opened;
        return input;
      });
      const a = await client.submit('dedup', { x: 1 }, 'same');
      expect(await client.submit('dedup', { x: 1 }, 'same')).toBe(a);
      await waitForStatus(client, a, (s) => s.state === 'running', wait);
      expect(await client.submit('dedup', { x: 1 }, 'same')).toBe(a);
      release.open();
      await waitForStatus(client, a, finished, wait);
      expect(await client.submit('dedup', { x: 1 }, 'same')).toBe(a);
      const other = await client.submit('dedup', { x: 2 }, 'other');
      expect(other).not.toBe(a);
      await waitForStatus(client, other, finished, wait);
      expect(runs).toBe(2);
    });

    it('cancels a running job: the handler sees its signal abort and the job ends cancelled without a result', async () => {
      const { worker, client } = await setup();
      let sawAbort = false;
      await worker.work('spin', async (_input, c) => {
        for (let i = 0; ; i++) {
          c.reportProgress(i + 1, 1000, 'spin');
          await sleep(10);
          if (c.signal.aborted) {
            sawAbort = true;
            throw abortError();
          }
        }
      });
      const id = await client.submit('spin', {}, 'h');
      await waitForStatus(client, id, (s) => s.state === 'running' && s.progress.done > 0, wait);
      const answer = await client.cancel(id);
      expect(answer).toMatchObject({ id, state: 'cancelled' });
      await expect.poll(() => sawAbort, { timeout: wait, interval: 25 }).toBe(true);
      const final = await client.status(id);
      expect(final).toMatchObject({ state: 'cancelled' });
      expect(final?.result).toBeUndefined();
      // A cancelled job is not reused for the same inputs.
      expect(await client.submit('spin', {}, 'h')).not.toBe(id);
    });

    it('cancels a queued job before it starts', async () => {
      const { worker, client } = await setup();
      const release = gate();
      const started: string[] = [];
      await worker.work('line', async (input) => {
        started.push((input as { name: string }).name);
        if ((input as { name: string }).name === 'first') await release.opened;
        return 'ok';
      });
      const first = await client.submit('line', { name: 'first' }, 'first');
      await waitForStatus(client, first, (s) => s.state === 'running', wait);
      const second = await client.submit('line', { name: 'second' }, 'second');
      expect((await client.status(second))?.state).toBe('queued');
      expect(await client.cancel(second)).toMatchObject({ state: 'cancelled' });
      release.open();
      await waitForStatus(client, first, finished, wait);
      // Long enough for a worker poll that would wrongly take the cancelled job.
      await sleep(Math.min(wait / 4, 1500));
      expect(started).toEqual(['first']);
      expect((await client.status(second))?.state).toBe('cancelled');
    });

    it('retries a handler that throws a plain Error once, and then it succeeds', async () => {
      const { worker, client } = await setup();
      let attempts = 0;
      await worker.work('flaky', async () => {
        attempts++;
        if (attempts === 1) throw new Error('flaky the first time');
        return 'second time lucky';
      });
      const id = await client.submit('flaky', {}, 'h');
      expect(await waitForStatus(client, id, finished, wait)).toMatchObject({ state: 'done', result: 'second time lucky' });
      expect(attempts).toBe(2);
    });

    it('fails an InvalidParameter at once, without retrying', async () => {
      const { worker, client } = await setup();
      let attempts = 0;
      await worker.work('invalid', async () => {
        attempts++;
        throw new InvalidParameter('the inputs no longer fit the twin');
      });
      const id = await client.submit('invalid', {}, 'h');
      expect(await waitForStatus(client, id, finished, wait)).toMatchObject({ state: 'failed', error: 'the inputs no longer fit the twin' });
      // Long enough for a retry to have started if there were one.
      await sleep(Math.min(wait / 4, 1500));
      expect(attempts).toBe(1);
    });

    it('fails a job that keeps throwing after two retries, and does not reuse it', async () => {
      const { worker, client } = await setup();
      let attempts = 0;
      await worker.work('broken', async () => {
        attempts++;
        throw new Error(`broken, attempt ${attempts}`);
      });
      const id = await client.submit('broken', {}, 'h');
      expect(await waitForStatus(client, id, finished, wait)).toMatchObject({ state: 'failed', error: 'broken, attempt 3' });
      expect(attempts).toBe(3);
      expect(await client.submit('broken', {}, 'h')).not.toBe(id);
    });

    it('answers undefined for an unknown job id', async () => {
      const { client } = await setup();
      expect(await client.status('00000000-0000-4000-8000-000000000000')).toBeUndefined();
      expect(await client.cancel('00000000-0000-4000-8000-000000000000')).toBeUndefined();
    });
  });
}
