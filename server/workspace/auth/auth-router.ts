// /api/auth: sign in, sign out, and who am I. Failed sign-ins are audit-logged (username only, never the password)
// and rate limited per username and client.
import { type Request, type Response, Router } from 'express';
import { type SessionInfo, loginRequestSchema } from '../../contracts/workspace.ts';
import { TooManyRequests, Unauthenticated } from '../../errors.ts';
import { parseBody } from '../../api/validate.ts';
import type { Store } from '../../store/store.ts';
import { ANONYMOUS_CITIZEN, actorOf } from '../roles.ts';
import type { Workspace } from '../workspace.ts';
import type { SessionLocals } from './authenticate.ts';
import { createLoginLimiter } from './login-limiter.ts';
import { SESSION_COOKIE, SESSION_LIFETIME_S, createSession, deleteSession } from './session-store.ts';
import { createDecoy, verifyPassword } from './user-store.ts';

const WRONG_LOGIN = 'Wrong username or password';

export function authRouter(workspace: Workspace, _store: Store): Router {
  const router = Router();
  const limiter = createLoginLimiter();
  const decoy = createDecoy();

  router.post('/login', async (req, res) => {
    const body = parseBody(loginRequestSchema, req);
    const key = `${body.username.toLowerCase()}\u0000${req.socket.remoteAddress ?? ''}`;
    const nowMs = workspace.now().getTime();
    const retryAfterS = limiter.retryAfterS(key, nowMs);
    if (retryAfterS > 0) {
      workspace.audit.append({ actor: ANONYMOUS_CITIZEN, action: 'auth.login-limited', target: '', details: { username: body.username } });
      throw new TooManyRequests('Too many failed sign-ins; try again later', { retryAfterS });
    }
    const user = await verifyPassword(workspace, body.username, body.password, decoy);
    if (!user) {
      limiter.recordFailure(key, nowMs);
      workspace.audit.append({ actor: ANONYMOUS_CITIZEN, action: 'auth.login-failed', target: '', details: { username: body.username } });
      throw new Unauthenticated(WRONG_LOGIN);
    }
    limiter.reset(key);
    const previous = (res.locals.session as SessionLocals | undefined)?.sessionId;
    const session = workspace.db.transaction(() => {
      if (previous) deleteSession(workspace, previous);
      const s = createSession(workspace, user.id);
      workspace.audit.append({ actor: { role: user.role, userId: user.id, username: user.username }, action: 'auth.login', target: `user:${user.id}` });
      return s;
    })();
    res.cookie(SESSION_COOKIE, session.id, cookieOptions(req, SESSION_LIFETIME_S * 1000));
    res.json({ user, csrfToken: session.csrfToken } satisfies SessionInfo);
  });

  router.post('/logout', (req, res) => {
    const session = res.locals.session as SessionLocals | undefined;
    if (session) {
      const actor = actorOf(res);
      workspace.db.transaction(() => {
        deleteSession(workspace, session.sessionId);
        workspace.audit.append({ actor, action: 'auth.logout', target: `user:${actor.userId}` });
      })();
    }
    res.clearCookie(SESSION_COOKIE, cookieOptions(req));
    res.status(204).end();
  });

  router.get('/me', (_req, res) => {
    res.json(sessionInfo(res));
  });

  return router;
}

export function sessionInfo(res: Response): SessionInfo {
  const actor = actorOf(res);
  const session = res.locals.session as SessionLocals | undefined;
  if (!session || actor.userId === undefined || actor.username === undefined || actor.role === 'citizen') return { user: null, csrfToken: null };
  return { user: { id: actor.userId, username: actor.username, role: actor.role }, csrfToken: session.csrfToken };
}

function cookieOptions(req: Request, maxAgeMs?: number) {
  return { httpOnly: true, sameSite: 'strict' as const, path: '/', secure: req.secure, ...(maxAgeMs ? { maxAge: maxAgeMs } : {}) };
}
