// /api/briefings: planners write council briefings, council members (and planners) read them.
import { type Request, Router } from 'express';
import { briefingInputSchema, idSchema } from '../../contracts/workspace.ts';
import { NotFound } from '../../errors.ts';
import { parseBody } from '../../api/validate.ts';
import type { Store } from '../../store/store.ts';
import { auditDenied } from '../audit-denied.ts';
import { actorOf, requireRole } from '../roles.ts';
import type { Workspace } from '../workspace.ts';
import { createBriefing, deleteBriefing, getBriefing, listBriefings, updateBriefing } from './briefing-store.ts';

export function briefingRouter(workspace: Workspace, _store: Store): Router {
  const router = Router();
  const onDenied = auditDenied(workspace);
  const planner = requireRole(['planner'], onDenied);
  const readers = requireRole(['planner', 'council'], onDenied);

  router.get('/', readers, async (_req, res) => {
    res.json({ briefings: await listBriefings(workspace) });
  });

  router.post('/', planner, async (req, res) => {
    const briefing = await createBriefing(workspace, actorOf(res), parseBody(briefingInputSchema, req));
    res.status(201).location(`${req.baseUrl}/${briefing.id}`).json(briefing);
  });

  router.get('/:id', readers, async (req, res) => {
    res.json(await getBriefing(workspace, briefingId(req)));
  });

  router.put('/:id', planner, async (req, res) => {
    const id = briefingId(req);
    res.json(await updateBriefing(workspace, actorOf(res), id, parseBody(briefingInputSchema, req)));
  });

  router.delete('/:id', planner, async (req, res) => {
    await deleteBriefing(workspace, actorOf(res), briefingId(req));
    res.status(204).end();
  });

  return router;
}

function briefingId(req: Request): string {
  const parsed = idSchema.safeParse(req.params.id);
  if (!parsed.success) throw new NotFound(`No briefing ${String(req.params.id).slice(0, 100)}`);
  return parsed.data;
}
