// /api/audit: the audit log for admins, newest first, and a check of its hash chain.
import { Router } from 'express';
import { z } from 'zod';
import { parseQuery } from '../api/validate.ts';
import type { Store } from '../store/store.ts';
import { auditDenied } from './audit-denied.ts';
import { requireRole } from './roles.ts';
import type { Workspace } from './workspace.ts';

export const auditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** Entries with a sequence number below this (the `seq` of the last entry of the previous page). */
  before: z.coerce.number().int().min(1).optional(),
});

export function auditRouter(workspace: Workspace, _store: Store): Router {
  const router = Router();
  // Admin only: requireRole always lets admins through, so no other role is listed.
  router.use(requireRole([], auditDenied(workspace)));

  router.get('/', async (req, res) => {
    const q = parseQuery(auditQuery, req);
    res.json({ entries: await workspace.audit.list(workspace.db, { limit: q.limit, beforeSeq: q.before }) });
  });

  router.get('/verify', async (_req, res) => {
    res.json(await workspace.audit.verify(workspace.db));
  });

  return router;
}
