// RFC 9457 problem+json for every error. The only place that maps errors to HTTP status codes.
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { Conflict, Forbidden, InvalidParameter, NotFound, TooManyRequests, TweelingError, Unauthenticated, Unavailable, UnsupportedMediaType } from '../errors.ts';

const STATUS_BY_ERROR: [new (...args: never[]) => TweelingError, number][] = [
  [NotFound, 404],
  [InvalidParameter, 400],
  [Conflict, 409],
  [Unauthenticated, 401],
  [Forbidden, 403],
  [TooManyRequests, 429],
  [UnsupportedMediaType, 415],
  [Unavailable, 503],
];

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The RFC 9457 problem document every error answer carries. */
export function problemBody(status: number, code: string, detail: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ type: 'about:blank', title: TITLES[status] ?? 'Error', status, code, detail, ...extra });
}

export function sendProblem(
  res: Response,
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
): void {
  res.status(status).type('application/problem+json').send(problemBody(status, code, detail, extra));
}

export const unknownRoute: RequestHandler = (req, res) => {
  // originalUrl, not path: inside a mounted router `path` has lost its prefix. Query strings are left out (privacy).
  const pathOnly = req.originalUrl.split('?')[0];
  sendProblem(res, 404, 'not-found', `No such resource: ${req.method} ${pathOnly.slice(0, 200)}`);
};

/** Body-parser and other http-errors carry `status` and `type`; map the ones clients can cause. */
function clientHttpError(err: unknown): { status: number; code: string; detail: string } | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { status?: number; type?: string; expose?: boolean };
  if (typeof e.status !== 'number' || e.status < 400 || e.status >= 500) return undefined;
  if (e.type === 'entity.too.large') return { status: 413, code: 'too-large', detail: 'Request body is too large' };
  if (e.type === 'entity.parse.failed') return { status: 400, code: 'malformed-body', detail: 'Request body is not valid JSON' };
  if (e.type === 'encoding.unsupported') return { status: 415, code: 'unsupported-encoding', detail: 'Unsupported Content-Encoding' };
  return { status: e.status, code: 'bad-request', detail: 'The request could not be processed' };
}

/** SQLite's codes for a busy lock, a full disk, a read-only file or an I/O error: the store's state, not a bug. */
const SQLITE_STORAGE_CODES = /^SQLITE_(BUSY|LOCKED|FULL|READONLY|IOERR|CANTOPEN)/;
/**
 * PostgreSQL's SQLSTATEs for a server that is down, restarting, out of resources or read-only, or a transaction that
 * lost a race and may simply be retried: 08 connection exception, 53 insufficient resources, 57P01-57P03 shutdown
 * and "cannot connect now", 40001/40P01 serialization failure and deadlock, 25006 read-only transaction.
 */
const POSTGRES_STORAGE_CODES = /^(08...|53...|57P0[1-3]|40001|40P01|25006)$/;
/** Socket errors on the way to the database server. */
const NETWORK_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN)$/;
/** node-postgres reports a lost or unobtainable connection by message only. */
const POSTGRES_CONNECTION_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end)/;

function storageFault(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (SQLITE_STORAGE_CODES.test(code) || POSTGRES_STORAGE_CODES.test(code) || NETWORK_CODES.test(code))) return code;
  if (typeof message === 'string' && POSTGRES_CONNECTION_MESSAGES.test(message)) return message.slice(0, 60);
  return undefined;
}

export function errorHandler(log: (msg: string) => void): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (err instanceof TweelingError) {
      const status = STATUS_BY_ERROR.find(([cls]) => err instanceof cls)?.[1] ?? 500;
      const retryAfterS = err.details?.retryAfterS;
      if ((status === 429 || status === 503) && typeof retryAfterS === 'number') res.setHeader('Retry-After', String(Math.ceil(retryAfterS)));
      sendProblem(res, status, err.code, err.message, err.details ?? {});
      return;
    }
    const storage = storageFault(err);
    if (storage) {
      // The disk or the lock, not the request: say so, and when to try again (RELIABILITY.md #24).
      log(`storage fault: ${storage}`);
      res.setHeader('Retry-After', '5');
      sendProblem(res, 503, 'storage-unavailable', 'The data store cannot take this request right now; try again shortly.');
      return;
    }
    const http = clientHttpError(err);
    if (http) {
      sendProblem(res, http.status, http.code, http.detail);
      return;
    }
    // Never leak internals (stack, SQL, paths) to the client; keep them in the server log.
    log(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    sendProblem(res, 500, 'internal', 'Something went wrong on the server; the error has been logged.');
  };
}
