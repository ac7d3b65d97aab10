// Load shedding for the API (RELIABILITY.md #25): a new request is answered at once with 503 + Retry-After instead
// of joining the queue when either
//  - more than `maxInFlight` requests are being processed: requests that await something (the pg pool, zlib) pile
//    up here, each holding its socket, parsed body and closures; or
//  - the event loop is running late by more than `maxLoopLagMs`: synchronous handlers (better-sqlite3) never pile
//    up in flight, their backlog waits unread in the sockets instead, so the in-flight count cannot see it. The lag
//    is probed with setImmediate from a request (at most one probe pending): how long the loop still had to work
//    before it could return to I/O, i.e. how long a request arriving now would wait. No timer runs while idle.
// Without shedding a Node server under overload keeps accepting work it cannot finish in time and latency grows for
// everyone; shedding early keeps the admitted requests near their p99 target and memory proportional to maxInFlight.
// The tile fast path never reaches Express, so static tiles are not counted or shed here (they are cheap and cached).
import type { Request, RequestHandler } from 'express';
import { Unavailable } from '../errors.ts';

export interface OverloadGuardOptions {
  /** Requests processed at the same time before new ones get 503. */
  maxInFlight: number;
  /** Event-loop lag above which new requests are shed; 0 = off. */
  maxLoopLagMs?: number;
  /** Seconds a shed client is asked to wait (Retry-After). */
  retryAfterS?: number;
  /** Requests that are never shed nor counted, e.g. the health check a load balancer needs while we shed. */
  exempt?: (req: Request) => boolean;
}

export function overloadGuard({ maxInFlight, maxLoopLagMs = 0, retryAfterS = 1, exempt = () => false }: OverloadGuardOptions): RequestHandler {
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1) throw new RangeError(`maxInFlight must be a positive integer, not ${maxInFlight}`);
  // Per guard (per app), not per module: tests and several apps in one process each get their own count.
  let inFlight = 0;
  let lagMs = 0;
  let measuredAtMs = 0;
  let probing = false;
  const probeLag = () => {
    if (maxLoopLagMs <= 0 || probing) return;
    probing = true;
    const start = performance.now();
    setImmediate(() => {
      measuredAtMs = performance.now();
      lagMs = measuredAtMs - start;
      probing = false;
    });
  };
  return (req, res, next) => {
    if (exempt(req)) {
      next();
      return;
    }
    // A measurement from a busy spell that has since ended (older than a second) does not count.
    const lagged = maxLoopLagMs > 0 && lagMs > maxLoopLagMs && performance.now() - measuredAtMs < 1000;
    // Every request (shed or not) starts a new probe if none is pending, so shedding stops once the loop catches up.
    probeLag();
    if (lagged) {
      next(new Unavailable('The server is busy; try again shortly.', { retryAfterS }));
      return;
    }
    if (inFlight >= maxInFlight) {
      next(new Unavailable('The server is busy; try again shortly.', { retryAfterS }));
      return;
    }
    inFlight++;
    // 'close' fires once whether the response finished or the client went away, so an aborted request frees its slot.
    res.once('close', () => {
      inFlight--;
    });
    next();
  };
}
