// /api/auth: sign in, sign out, and who am I. Failed sign-ins are audit-logged (username only, never the password)
// and rate limited per username and client (counted in the workspace database, so across all servers).
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
  const limiter = createLoginLimiter(workspace.db);
  const decoy = createDecoy();

  router.post('/login', async (req, res) => {
    const body = parseBody(loginRequestSchema, req);
    // req.ip: the client as the configured trust-proxy hops tell it, not the load balancer every client comes through.
    const key = `${body.username.toLowerCase()}\u0000${req.ip ?? ''}`;
    const retryAfterS = await limiter.attempt(key, workspace.now().getTime());
    if (retryAfterS > 0) {
      await workspace.audit.record(workspace.db, { actor: ANONYMOUS_CITIZEN, action: 'auth.login-limited', target: '', details: { username: body.username } });
      throw new TooManyRequests('Too many failed sign-ins; try again later', { retryAfterS });
    }
    const user = await verifyPassword(workspace, body.username, body.password, decoy);
    if (!user) {
      // The attempt stays counted as a failure.
      await workspace.audit.record(workspace.db, { actor: ANONYMOUS_CITIZEN, action: 'auth.login-failed', target: '', details: { username: body.username } });
      throw new Unauthenticated(WRONG_LOGIN);
    }
    await limiter.reset(key);
    const previous = (res.locals.session as SessionLocals | undefined)?.sessionId;
    const session = await workspace.db.transaction(async (tx) => {
      if (previous) await deleteSession(tx, previous);
      const s = await createSession(tx, user.id, workspace.now());
      await workspace.audit.append(tx, { actor: { role: user.role, userId: user.id, username: user.username }, action: 'auth.login', target: `user:${user.id}` });
      return s;
    });
    res.cookie(SESSION_COOKIE, session.id, cookieOptions(req, SESSION_LIFETIME_S * 1000));
    res.json({ user, csrfToken: session.csrfToken } satisfies SessionInfo);
  });

  router.post('/logout', async (req, res) => {
    const session = res.locals.session as SessionLocals | undefined;
    if (session) {
      const actor = actorOf(res);
      await workspace.db.transaction(async (tx) => {
        await deleteSession(tx, session.sessionId);
        await workspace.audit.append(tx, { actor, action: 'auth.logout', target: `user:${actor.userId}` });
      });
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
