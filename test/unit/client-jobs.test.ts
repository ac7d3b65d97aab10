import { describe, expect, it } from 'vitest';
import { progressFraction, progressPercent, runJob } from '../../client/api/scenario-job.ts';

/** A fake server answering from a script of job views; records every request. */
function createFakeFetch(views: object[], submitStatus = 202) {
  const requests: { url: string; method: string }[] = [];
  let i = 0;
  const fetchImpl = (async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    requests.push({ url, method });
    if (method === 'POST') return new Response(JSON.stringify({ id: 'j1', state: 'queued', links: { self: '/api/x/jobs/j1' } }), { status: submitStatus });
    if (method === 'DELETE') return new Response('{}', { status: 200 });
    const view = views[Math.min(i++, views.length - 1)];
    return new Response(JSON.stringify(view), { status: 200 });
  }) as typeof fetch;
  return { fetchImpl, requests };
}

describe('client scenario jobs', () => {
  it('gives progress as a clamped fraction, and null while the total is unknown', () => {
    expect(progressFraction({ done: 5, total: 20, phase: 'grid' })).toBe(0.25);
    expect(progressFraction({ done: 30, total: 20, phase: 'grid' })).toBe(1);
    expect(progressFraction({ done: 0, total: 0, phase: 'queued' })).toBeNull();
    expect(progressFraction(undefined)).toBeNull();
    expect(progressPercent({ done: 2, total: 3, phase: 'x' })).toBe(66);
  });

  it('polls until done, reporting each progress, and resolves with the result', async () => {
    const { fetchImpl, requests } = createFakeFetch([
      { id: 'j1', state: 'running', progress: { done: 1, total: 4, phase: 'addresses' } },
      { id: 'j1', state: 'running', progress: { done: 3, total: 4, phase: 'grid' } },
      { id: 'j1', state: 'done', progress: { done: 4, total: 4, phase: 'grid' }, result: { answer: 42 } },
    ]);
    const seen: number[] = [];
    const result = await runJob<{ answer: number }>('/api/x/jobs', { a: 1 }, { fetchImpl, intervalMs: 1, onProgress: (p) => seen.push(p.done) });
    expect(result).toEqual({ answer: 42 });
    expect(seen).toEqual([1, 3, 4]);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/x/jobs', 'GET /api/x/jobs/j1', 'GET /api/x/jobs/j1', 'GET /api/x/jobs/j1']);
  });

  it('rejects with the server error for a failed job', async () => {
    const { fetchImpl } = createFakeFetch([{ id: 'j1', state: 'failed', progress: { done: 0, total: 1, phase: 'x' }, error: 'boom' }]);
    await expect(runJob('/api/x/jobs', {}, { fetchImpl, intervalMs: 1 })).rejects.toThrow('boom');
  });

  it('rejects a refused submit with its status', async () => {
    const { fetchImpl } = createFakeFetch([], 400);
    await expect(runJob('/api/x/jobs', {}, { fetchImpl, intervalMs: 1 })).rejects.toMatchObject({ status: 400 });
  });

  it('deletes the job on the server and rejects with an AbortError when the signal aborts', async () => {
    const { fetchImpl, requests } = createFakeFetch([{ id: 'j1', state: 'running', progress: { done: 1, total: 4, phase: 'x' } }]);
    const controller = new AbortController();
    const promise = runJob('/api/x/jobs', {}, { fetchImpl, intervalMs: 5, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
    await new Promise((r) => setTimeout(r, 0));
    expect(requests.at(-1)).toEqual({ url: '/api/x/jobs/j1', method: 'DELETE' });
  });
});
