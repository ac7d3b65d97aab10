// The onDenied hook for requireRole: every refused request is written to the audit log (RELIABILITY.md #14).
import type { Request } from 'express';
import type { Actor } from './roles.ts';
import type { Workspace } from './workspace.ts';

export function auditDenied(workspace: Workspace): (actor: Actor, req: Request) => Promise<void> {
  return async (actor, req) => {
    // Path only: query strings can carry personal data.
    const path = `${req.baseUrl}${req.path}`.slice(0, 200);
    await workspace.audit.record(workspace.db, { actor, action: 'auth.denied', target: `${req.method} ${path}`, details: { reason: 'role' } });
  };
}
