// Registers this process as a worker for every scenario job kind, computing against its own store (each worker
// keeps its own town and network caches). `tweeling serve` on PostGIS calls this unless --no-worker; `tweeling
// worker` calls it and serves nothing.
import { FIBRE_DESIGN_JOB, createFibreDesigner } from '../api/fibre-router.ts';
import { createFivegRuns } from '../api/fiveg-router.ts';
import type { Store } from '../store/store.ts';
import type { JobQueue } from './job-queue.ts';

export async function workScenarioJobs(queue: JobQueue, store: Store): Promise<string[]> {
  const handlers = { ...createFivegRuns(store).handlers, [FIBRE_DESIGN_JOB]: createFibreDesigner(store).designJob };
  for (const [kind, handler] of Object.entries(handlers)) await queue.work(kind, handler);
  return Object.keys(handlers);
}
