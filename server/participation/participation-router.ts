// HTTP for citizen participation (route list in contracts/workspace.ts). Validation, roles and headers only; the
// rules live in the session, comment, scan and rate-limit modules next to this file.
import { type Request, type Response, Router } from 'express';
import QRCode from 'qrcode';
import { z } from 'zod';
import { commentInputSchema, idSchema, moderationSchema, participationSessionInputSchema } from '../contracts/workspace.ts';
import { InvalidParameter, NotFound, TooManyRequests } from '../errors.ts';
import { parseBody, parseQuery } from '../api/validate.ts';
import type { Store } from '../store/store.ts';
import { auditDenied } from '../workspace/audit-denied.ts';
import { type Role, actorOf, requireRole } from '../workspace/roles.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { ClientBucketKeys } from './client-bucket.ts';
import { commentsToCsv, commentsToGeoJson } from './comment-export.ts';
import { CommentRateLimit, type CommentLimitOptions, DEFAULT_COMMENT_LIMIT, type LimitState, rateLimitHeaders } from './comment-rate-limit.ts';
import { type CommentStatus, insertComment, listComments, moderateComment, publicView } from './comment-store.ts';
import { ParticipantHasher, newParticipantToken, participantCookie, participantTokenFrom } from './participant-token.ts';
import { PersonalDataInText, findPersonalData } from './personal-data-scan.ts';
import { DEFAULT_RETENTION_DAYS, closeSession, createSession, getSessionOrThrow, listSessions } from './session-store.ts';

export interface ParticipationOptions {
  /** Days after closing before comments are hard-deleted (default 90). */
  retentionDays?: number;
  /** Absolute origin for QR codes, e.g. https://twin.gemeente.nl; default: from the request's Host. */
  publicBaseUrl?: string;
  commentLimit?: CommentLimitOptions;
}

const MODERATORS: readonly Role[] = ['planner'];

export const commentListQuery = z.strictObject({
  /** approved (default) is public; pending, hidden and all are the moderation queue (planner). */
  status: z.enum(['approved', 'pending', 'hidden', 'all']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(1000),
});

const STATUSES: Record<NonNullable<z.output<typeof commentListQuery>['status']>, CommentStatus[]> = {
  approved: ['approved'],
  pending: ['pending'],
  hidden: ['hidden'],
  all: ['pending', 'approved', 'hidden'],
};

/** Ids are UUIDs; anything else cannot exist, so it is simply not found (no hint about the id format). */
function idParam(req: Request): string {
  const id = String(req.params.id);
  if (!idSchema.safeParse(id).success) throw new NotFound('No such participation resource');
  return id;
}

/** JSON with <, >, & and the JS line separators escaped, so a comment text can never be read as markup even when a
 * response is sniffed or pasted into a page; JSON.parse gives the exact text back. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sendJson(res: Response, status: number, value: unknown, type = 'application/json'): void {
  res.status(status).type(type).send(safeJson(value));
}

const HOST = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

export function participationRouter(workspace: Workspace, _store: Store, options: ParticipationOptions = {}): Router {
  const retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
  const limitOptions = options.commentLimit ?? DEFAULT_COMMENT_LIMIT;
  const hasher = new ParticipantHasher(workspace.db);
  const clientBuckets = new ClientBucketKeys(workspace.db);
  const rateLimit = new CommentRateLimit(limitOptions);

  // Refusals are audit-logged (and awaited) before they are answered.
  const moderatorsOnly = requireRole(MODERATORS, auditDenied(workspace));
  /** The same check inside a handler, for routes that are public for some queries and restricted for others. */
  const assertModerator = (req: Request, res: Response) =>
    new Promise<void>((resolve, reject) => {
      const checked: unknown = moderatorsOnly(req, res, (err?: unknown) => (err ? reject(err) : resolve()));
      if (checked instanceof Promise) checked.catch(reject);
    });

  const router = Router();
  router.use((_req, res, next) => {
    // Answers depend on moderation state and on who asks.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  router.post('/sessions', moderatorsOnly, async (req, res) => {
    const input = parseBody(participationSessionInputSchema, req);
    sendJson(res, 201, await createSession(workspace, input, actorOf(res), retentionDays));
  });

  router.get('/sessions', moderatorsOnly, async (_req, res) => {
    sendJson(res, 200, { sessions: await listSessions(workspace.db, workspace.now()) });
  });

  router.get('/sessions/:id', async (req, res) => {
    sendJson(res, 200, await getSessionOrThrow(workspace.db, idParam(req), workspace.now()));
  });

  router.post('/sessions/:id/close', moderatorsOnly, async (req, res) => {
    sendJson(res, 200, await closeSession(workspace, idParam(req), actorOf(res), retentionDays));
  });

  router.get('/sessions/:id/qr.svg', moderatorsOnly, async (req, res) => {
    const session = await getSessionOrThrow(workspace.db, idParam(req), workspace.now());
    let origin = options.publicBaseUrl?.replace(/\/+$/, '');
    if (!origin) {
      const host = req.get('host') ?? '';
      if (!HOST.test(host)) throw new InvalidParameter('The Host header is not a valid host name');
      origin = `${req.protocol}://${host}`;
    }
    const svg = await QRCode.toString(`${origin}${session.url}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    res.type('image/svg+xml').send(svg);
  });

  router.post('/sessions/:id/comments', async (req, res) => {
    const sessionId = idParam(req);
    let token = participantTokenFrom(req.headers.cookie);
    if (!token) {
      token = newParticipantToken();
      res.setHeader('Set-Cookie', participantCookie(token, req.secure));
    }
    // Checks that need no database come first, so refused text never reaches the transaction.
    const input = parseBody(commentInputSchema, req);
    const kinds = findPersonalData(input.text);
    if (kinds.length > 0) throw new PersonalDataInText(kinds);
    const now = workspace.now();
    const participantHash = await hasher.hash(sessionId, token);
    // req.ip believes exactly TWEELING_TRUST_PROXY_HOPS proxies (default none: the TCP peer), so a client's own
    // X-Forwarded-For cannot pick a fresh bucket.
    const clientBucket = await clientBuckets.of(req.ip, now);
    let limit: LimitState | undefined;
    const comment = await insertComment(workspace, sessionId, input, participantHash, async (tx) => {
      const decision = await rateLimit.take(tx, { participantHash, clientBucket }, now.getTime());
      limit = decision.state;
      if (!decision.allowed) {
        res.set(rateLimitHeaders(decision.state, limitOptions.windowMs));
        throw new TooManyRequests(`Too many comments; try again in ${decision.retryAfterS} seconds`, { retryAfterS: decision.retryAfterS });
      }
    });
    if (limit) res.set(rateLimitHeaders(limit, limitOptions.windowMs));
    sendJson(res, 201, comment);
  });

  router.get('/sessions/:id/comments', async (req, res) => {
    const sessionId = idParam(req);
    const query = parseQuery(commentListQuery, req);
    const status = query.status ?? 'approved';
    if (status !== 'approved') await assertModerator(req, res);
    await getSessionOrThrow(workspace.db, sessionId, workspace.now());
    const comments = await listComments(workspace.db, sessionId, STATUSES[status], query.limit);
    sendJson(res, 200, { comments: status === 'approved' ? comments.map(publicView) : comments });
  });

  router.get('/sessions/:id/comments.geojson', async (req, res) => {
    const sessionId = idParam(req);
    await getSessionOrThrow(workspace.db, sessionId, workspace.now());
    const comments = (await listComments(workspace.db, sessionId, ['approved'], Number.MAX_SAFE_INTEGER)).map(publicView);
    res.setHeader('Content-Disposition', `attachment; filename="participation-${sessionId}.geojson"`);
    sendJson(res, 200, commentsToGeoJson(comments), 'application/geo+json');
  });

  router.get('/sessions/:id/comments.csv', async (req, res) => {
    const sessionId = idParam(req);
    await getSessionOrThrow(workspace.db, sessionId, workspace.now());
    const comments = (await listComments(workspace.db, sessionId, ['approved'], Number.MAX_SAFE_INTEGER)).map(publicView);
    res.type('text/csv; charset=utf-8; header=present').setHeader('Content-Disposition', `attachment; filename="participation-${sessionId}.csv"`);
    res.send(commentsToCsv(comments));
  });

  router.post('/comments/:id/moderate', moderatorsOnly, async (req, res) => {
    const id = idParam(req);
    const moderation = parseBody(moderationSchema, req);
    sendJson(res, 200, await moderateComment(workspace, id, moderation, actorOf(res)));
  });

  return router;
}
