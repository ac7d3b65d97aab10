// HTTP wiring shared by the scenario routers' jobs: 202 on submit, GET for state and progress, DELETE to cancel.
// Job ids are UUIDs; anything else is a malformed id (400), an unknown or evicted id is a 404, and so is the id of
// another router's kind of job (one queue may hold them all).
import type { Request, Response, Router } from 'express';
import { InvalidParameter, NotFound } from '../errors.ts';
import type { JobQueue, JobStatus } from './job-queue.ts';

const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Job state for clients: the kind and input stay internal. */
export function jobView(job: JobStatus) {
  return {
    id: job.id,
    state: job.state,
    progress: job.progress,
    ...(job.state === 'done' ? { result: job.result } : {}),
    ...(job.error !== undefined ? { error: job.error } : {}),
  };
}

/** Answers 202 with the job (new, or the one already holding these inputs) and where to poll it. */
export async function acceptJob(req: Request, res: Response, queue: JobQueue, kind: string, input: unknown, inputHash: string): Promise<void> {
  const id = await queue.submit(kind, input, inputHash);
  const job = await queue.status(id);
  const self = `${req.baseUrl}/jobs/${id}`;
  res.status(202).location(self).json({ id, state: job?.state ?? 'queued', links: { self, cancel: self } });
}

/** GET and DELETE /jobs/:id on the router, for jobs of the given kinds. */
export function mountJobRoutes(router: Router, queue: JobQueue, kinds: readonly string[]): void {
  const jobId = (req: Request): string => {
    const id = String(req.params.id);
    if (!JOB_ID.test(id)) {
      const message = 'a job id is a UUID';
      throw new InvalidParameter(`Invalid path parameter: id: ${message}`, { errors: [{ in: 'path', field: 'id', message }] });
    }
    return id;
  };
  const ours = (job: JobStatus | undefined): JobStatus => {
    if (!job || !kinds.includes(job.kind)) throw new NotFound('No such job (finished jobs are kept for a while only)');
    return job;
  };
  router.get('/jobs/:id', async (req, res) => {
    res.json(jobView(ours(await queue.status(jobId(req)))));
  });
  router.delete('/jobs/:id', async (req, res) => {
    const id = jobId(req);
    ours(await queue.status(id));
    res.json(jobView(ours(await queue.cancel(id))));
  });
}
