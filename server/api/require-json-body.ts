// The JSON API takes JSON bodies only (RELIABILITY.md #10): a POST with text/plain or XML is refused before anything
// parses it (so an XXE payload is never read), with 415 rather than the 400 a missing body would otherwise cause.
import type { RequestHandler } from 'express';
import { UnsupportedMediaType } from '../errors.ts';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

export const requireJsonBody: RequestHandler = (req, _res, next) => {
  // An empty POST (Content-Length: 0, as fetch sends for /publish) carries nothing to refuse.
  if (!WITH_BODY.has(req.method) || req.headers['content-length'] === '0') return next();
  // null: the request has no body at all (a bodyless POST such as /publish); false: a body of another type.
  const type = req.is(['application/json', '+json']);
  if (type === false) {
    next(new UnsupportedMediaType(`Send the body as application/json, not ${String(req.headers['content-type'] ?? 'without a Content-Type').slice(0, 80)}`));
    return;
  }
  next();
};
