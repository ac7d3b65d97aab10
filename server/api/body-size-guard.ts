// Answers an oversized request body with 413 as soon as it is known to be too large (RELIABILITY.md #7). body-parser
// also refuses it, but only after reading the whole upload to its end (it drains the request before calling next), so
// a 100 MB chunked upload would be read completely first. This guard answers at once, with Connection: close, and
// closes the socket once the answer is out; body-parser's own refusal then finds the response sent and stays silent.
import type { Request, RequestHandler } from 'express';
import { sendProblem } from './problem.ts';

export function bodySizeGuard(limitOf: (req: Request) => number): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    const limitBytes = limitOf(req);
    const refuse = () => {
      if (res.headersSent) return;
      res.setHeader('Connection', 'close');
      res.on('finish', () => setTimeout(() => req.socket.destroy(), 50).unref());
      sendProblem(res, 413, 'too-large', 'Request body is too large');
    };
    const declared = Number(req.headers['content-length']);
    // Compressed bodies are measured after inflating by body-parser; here only their wire size is known.
    if (Number.isFinite(declared) && declared > limitBytes && !req.headers['content-encoding']) {
      refuse();
      return;
    }
    if (req.headers['transfer-encoding'] !== undefined) {
      let received = 0;
      const count = (chunk: Buffer) => {
        received += chunk.length;
        if (received > limitBytes) {
          req.off('data', count);
          refuse();
        }
      };
      req.on('data', count);
    }
    next();
  };
}
