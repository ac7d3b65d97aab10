// Sets res.locals.actor from the session cookie (stub: everyone is an anonymous citizen until auth lands).
import type { RequestHandler } from 'express';
import type { Workspace } from '../workspace.ts';

export function authenticate(_workspace: Workspace): RequestHandler {
  return (_req, _res, next) => next();
}
