// Sets res.locals.actor from the session cookie for the JSON API (mounted at /api), and enforces the CSRF token on
// state-changing requests of a signed-in session to the routes that act with it (login itself excepted: it has no
// session yet). Without a valid session the caller is an anonymous citizen.
import type { RequestHandler } from 'express';
import { Forbidden } from '../../errors.ts';
import type { Actor } from '../roles.ts';
import type { Workspace } from '../workspace.ts';
import { SESSION_COOKIE, cookieValue, csrfTokenMatches, findSession } from './session-store.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CSRF_EXEMPT = new Set(['/api/auth/login']);
/**
 * Routes whose effect depends on who is signed in. A forged cross-site request can only abuse a session there; the
 * public calculators (5G coverage, fibre design, rule check) act the same for everyone, so they need no token and
 * the viewer's panels keep working after sign-in.
 */
const SESSION_AUTHORITY_PREFIXES = ['/api/auth/', '/api/scenarios', '/api/briefings', '/api/participation', '/api/audit'];
const actsWithSessionAuthority = (path: string) => SESSION_AUTHORITY_PREFIXES.some((prefix) => path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`));
export const CSRF_HEADER = 'x-csrf-token';

/** What authenticate leaves in res.locals besides the actor. */
export interface SessionLocals {
  sessionId: string;
  csrfToken: string;
}

export function authenticate(workspace: Workspace): RequestHandler {
  return async (req, res, next) => {
    const id = cookieValue(req.headers.cookie, SESSION_COOKIE);
    const session = id === undefined ? undefined : await findSession(workspace.db, id, workspace.now());
    if (!session || id === undefined) {
      next();
      return;
    }
    const actor: Actor = { role: session.role, userId: session.userId, username: session.username };
    res.locals.actor = actor;
    res.locals.session = { sessionId: id, csrfToken: session.csrfToken } satisfies SessionLocals;
    // Mounted under /api: the full path is baseUrl + path.
    const path = req.baseUrl + req.path;
    if (!SAFE_METHODS.has(req.method) && !CSRF_EXEMPT.has(path) && actsWithSessionAuthority(path)) {
      const sent = req.headers[CSRF_HEADER];
      if (!csrfTokenMatches(typeof sent === 'string' ? sent : undefined, session.csrfToken)) {
        await workspace.audit.record(workspace.db, { actor, action: 'auth.denied', target: `${req.method} ${path.slice(0, 200)}`, details: { reason: 'csrf' } });
        next(new Forbidden('Missing or wrong X-CSRF-Token header (take it from /api/auth/me)', { reason: 'csrf' }));
        return;
      }
    }
    next();
  };
}
