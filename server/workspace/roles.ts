// Who is asking: set once per request by the authenticate middleware (auth/authenticate.ts), read by every router.
// Citizens are anonymous; planners, council members and admins sign in with a local account.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Forbidden, Unauthenticated } from '../errors.ts';

export const ROLES = ['admin', 'planner', 'council', 'citizen'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  role: Role;
  /** Account id for signed-in users; undefined for anonymous citizens (who never get one: no personal data). */
  userId?: string;
  username?: string;
}

export const ANONYMOUS_CITIZEN: Actor = Object.freeze({ role: 'citizen' });

/** The actor of this request (anonymous citizen unless the authenticate middleware found a valid session). */
export function actorOf(res: Response): Actor {
  return (res.locals.actor as Actor | undefined) ?? ANONYMOUS_CITIZEN;
}

/**
 * Allows the request only for the given roles (admin is always allowed). Anonymous callers of a signed-in route get
 * 401, signed-in callers with the wrong role 403; the denial is handed to `onDenied` (the audit log) first and
 * awaited, so the refusal is recorded before it is answered.
 */
export function requireRole(roles: readonly Role[], onDenied?: (actor: Actor, req: Request) => void | Promise<void>): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const actor = actorOf(res);
    if (actor.role === 'admin' || roles.includes(actor.role)) {
      next();
      return;
    }
    await onDenied?.(actor, req);
    next(actor.userId === undefined ? new Unauthenticated('Sign in to do this') : new Forbidden(`The role ${actor.role} may not do this`));
  };
}
