import { describe, expect, it } from 'vitest';
import { driveAsync, driveSync } from '../../server/jobs/drive-steps.ts';
import { type JobContext, abortError, createJobRunner } from '../../server/jobs/job-runner.ts';

/** Work that yields `steps` times, reporting progress, and honours its signal. */
function createSteppingWork(steps: number, value: string) {
  return async ({ progress, signal }: JobContext) => {
    for (let i = 0; i < steps; i++) {
      progress(i, steps, 'step');
      await new Promise(setImmediate);
      if (signal.aborted) throw abortError();
    }
    return value;
  };
}

function* countTo(n: number) {
  for (let i = 0; i < n; i++) yield { done: i, total: n, phase: 'count' };
  return n;
}

describe('job runner', () => {
  it('runs a job to done with its result and full progress', async () => {
    const runner = createJobRunner<string>();
    const job = runner.submit('k', createSteppingWork(3, 'ok'));
    expect(job.state).toMatch(/^(queued|running)$/);
    const done = await runner.settled(job.id);
    expect(done).toMatchObject({ state: 'done', result: 'ok', progress: { done: 3, total: 3 } });
  });

  it('gives the same job for the same key while running and after finishing', async () => {
    const runner = createJobRunner<string>();
    const a = runner.submit('k', createSteppingWork(3, 'a'));
    expect(runner.submit('k', createSteppingWork(3, 'b')).id).toBe(a.id);
    await runner.settled(a.id);
    expect(runner.submit('k', createSteppingWork(3, 'b'))).toMatchObject({ id: a.id, state: 'done', result: 'a' });
  });

  it('queues beyond maxRunning and runs the queue in order', async () => {
    const runner = createJobRunner<string>({ maxRunning: 1 });
    const a = runner.submit('a', createSteppingWork(5, 'a'));
    const b = runner.submit('b', createSteppingWork(1, 'b'));
    await new Promise(setImmediate);
    expect(runner.get(a.id)?.state).toBe('running');
    expect(runner.get(b.id)?.state).toBe('queued');
    expect((await runner.settled(b.id))?.state).toBe('done');
    expect(runner.get(a.id)?.state).toBe('done');
  });

  it('cancels a running job, which then ends cancelled, and a new submit of its key starts afresh', async () => {
    const runner = createJobRunner<string>();
    const a = runner.submit('k', createSteppingWork(1000, 'a'));
    await new Promise(setImmediate);
    await new Promise(setImmediate);
    expect(runner.cancel(a.id)?.state).toBe('cancelled');
    expect((await runner.settled(a.id))?.state).toBe('cancelled');
    expect(runner.submit('k', createSteppingWork(1, 'b')).id).not.toBe(a.id);
  });

  it('cancels a queued job without running it', async () => {
    let ran = false;
    const runner = createJobRunner<string>({ maxRunning: 1 });
    runner.submit('a', createSteppingWork(3, 'a'));
    const b = runner.submit('b', async () => {
      ran = true;
      return 'b';
    });
    expect(runner.cancel(b.id)?.state).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 20));
    expect(ran).toBe(false);
  });

  it('records a failure with its message', async () => {
    const runner = createJobRunner<string>();
    const a = runner.submit('k', async () => {
      throw new Error('no town');
    });
    expect(await runner.settled(a.id)).toMatchObject({ state: 'failed', error: 'no town' });
  });

  it('keeps only the most recently used finished jobs', async () => {
    const runner = createJobRunner<string>({ maxFinished: 2, maxRunning: 3 });
    const ids = [];
    for (const k of ['a', 'b', 'c']) ids.push(runner.submit(k, createSteppingWork(1, k)).id);
    for (const id of ids) await runner.settled(id);
    expect(runner.get(ids[0])).toBeUndefined();
    expect(runner.get(ids[1])?.state).toBe('done');
    expect(runner.get(ids[2])?.state).toBe('done');
    expect(runner.cancel('nope')).toBeUndefined();
  });

  it('drives steps synchronously and asynchronously to the same value, and stops on abort', async () => {
    expect(driveSync(countTo(1000))).toBe(1000);
    expect(await driveAsync(countTo(1000), {}, 0)).toBe(1000);
    const controller = new AbortController();
    controller.abort();
    await expect(driveAsync(countTo(1000), { signal: controller.signal }, 0)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
