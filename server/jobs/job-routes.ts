// HTTP wiring shared by the scenario routers' jobs: 202 on submit, GET for state and progress, DELETE to cancel.
// Job ids are UUIDs; anything else is a malformed id (400), an unknown or evicted id is a 404.
import type { Request, Response, Router } from 'express';
import { InvalidParameter, NotFound } from '../errors.ts';
import type { JobRunner, JobSnapshot, JobWork } from './job-runner.ts';

const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Job state for clients: the input key stays internal. */
export function jobView<T>(job: JobSnapshot<T>) {
  return {
    id: job.id,
    state: job.state,
    progress: job.progress,
    ...(job.state === 'done' ? { result: job.result } : {}),
    ...(job.error !== undefined ? { error: job.error } : {}),
  };
}

/** Answers 202 with the job (new, or the one already holding these inputs) and where to poll it. */
export function acceptJob<T>(req: Request, res: Response, runner: JobRunner<T>, key: string, work: JobWork<T>): void {
  const job = runner.submit(key, work);
  const self = `${req.baseUrl}/jobs/${job.id}`;
  res.status(202).location(self).json({ id: job.id, state: job.state, links: { self, cancel: self } });
}

/** GET and DELETE /jobs/:id on the router. */
export function mountJobRoutes<T>(router: Router, runner: JobRunner<T>): void {
  const jobId = (req: Request): string => {
    const id = String(req.params.id);
    if (!JOB_ID.test(id)) {
      const message = 'a job id is a UUID';
      throw new InvalidParameter(`Invalid path parameter: id: ${message}`, { errors: [{ in: 'path', field: 'id', message }] });
    }
    return id;
  };
  router.get('/jobs/:id', (req, res) => {
    const job = runner.get(jobId(req));
    if (!job) throw new NotFound('No such job (finished jobs are kept for a while only)');
    res.json(jobView(job));
  });
  router.delete('/jobs/:id', (req, res) => {
    const job = runner.cancel(jobId(req));
    if (!job) throw new NotFound('No such job (finished jobs are kept for a while only)');
    res.json(jobView(job));
  });
}
