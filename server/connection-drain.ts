// Graceful drain of an HTTP server's connections (RELIABILITY.md #23): every request the server was sent before it
// began to stop is answered; nothing new is started. http.Server#close is not enough for that: it also destroys every
// connection that has not yet *delivered* a request, and while the event loop is busy with slow requests those include
// connections whose request is already waiting, unread, in the socket (the clients saw ECONNRESET).
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import net, { type Socket } from 'node:net';
import { problemBody } from './api/problem.ts';

/** How long an accepted connection may take to deliver its first request once the drain has begun. */
const FIRST_REQUEST_GRACE_MS = 1_000;
/** The listener is closed once a check this often finds that nothing more was accepted since the previous one. */
const LISTEN_QUIET_MS = 250;
const RETRY_AFTER_S = 5;

interface ConnectionState {
  acceptedAtMs: number;
  /** Requests seen on this connection, the current one included. */
  requests: number;
  /** Responses not yet finished (more than one only for pipelined requests). */
  open: Set<ServerResponse>;
}

export interface ConnectionDrain {
  /**
   * Call first for every request. False when the server is draining and the request is new — the readiness check,
   * or a further request on a kept-alive connection: it has then been answered 503 with `Connection: close`.
   */
  admit(req: IncomingMessage, res: ServerResponse): boolean;
  /**
   * Stops listening once the connections already waiting in the kernel are accepted (at most `acceptWindowMs`), and
   * closes connections as their work ends; resolves once the last one has closed.
   */
  drain(acceptWindowMs: number): Promise<void>;
  /** Requests being answered now. */
  openRequests(): number;
}

export function trackConnections(server: Server, isReadinessCheck: (req: IncomingMessage) => boolean, log: (message: string) => void = (m) => console.error(m)): ConnectionDrain {
  const connections = new Map<Socket, ConnectionState>();
  let draining = false;

  server.on('connection', (socket: Socket) => {
    connections.set(socket, { acceptedAtMs: performance.now(), requests: 0, open: new Set() });
    socket.once('close', () => connections.delete(socket));
  });

  const endWhenDone = (socket: Socket, state: ConnectionState) => {
    if (state.open.size === 0 && !socket.destroyed) socket.end();
  };

  return {
    admit(req, res) {
      const socket = req.socket;
      let state = connections.get(socket);
      if (!state) {
        state = { acceptedAtMs: performance.now(), requests: 0, open: new Set() };
        connections.set(socket, state);
      }
      state.requests++;
      if (draining && (state.requests > 1 || isReadinessCheck(req))) {
        refuse(res);
        return false;
      }
      if (draining) res.setHeader('Connection', 'close');
      const s = state;
      s.open.add(res);
      const done = () => {
        s.open.delete(res);
        if (draining) endWhenDone(socket, s);
      };
      res.once('finish', done);
      res.once('close', done);
      return true;
    },

    openRequests() {
      let n = 0;
      for (const state of connections.values()) n += state.open.size;
      return n;
    },

    drain(acceptWindowMs) {
      draining = true;
      const startedMs = performance.now();
      let open = 0;
      for (const [socket, state] of connections) {
        open += state.open.size;
        if (state.open.size > 0) {
          // Tell the client not to send another request on this connection; it is closed once the response is out.
          for (const res of state.open) if (!res.headersSent) res.setHeader('Connection', 'close');
        } else if (state.requests > 0) {
          // An idle kept-alive connection: nothing was asked on it that is not answered.
          socket.destroy();
        }
      }
      log(`draining: ${open} request(s) in progress, ${connections.size} connection(s) open`);
      return new Promise<void>((resolve) => {
        // Connections the kernel completed before the signal may still wait in the accept queue: while the loop is busy
        // with slow requests, Node accepts them a few at a time, one poll phase after another. Closing the listener now
        // would reset them although their requests were sent before the signal, so keep accepting until a check finds
        // that nothing more came in; a request on a connection accepted meanwhile is answered with Connection: close.
        let listening = true;
        let acceptedSinceCheck = 0;
        const onConnection = () => acceptedSinceCheck++;
        server.on('connection', onConnection);
        const check = () => {
          // Timers run before the poll phase and immediates after it: this sees what one more poll phase accepted and read.
          setImmediate(() => {
            const now = performance.now();
            if (listening && (acceptedSinceCheck === 0 || now - startedMs > acceptWindowMs)) {
              listening = false;
              server.off('connection', onConnection);
              log(`draining: stopped listening after ${(now - startedMs).toFixed(0)} ms, ${connections.size} connection(s) open`);
              // net.Server#close, not http.Server#close: the latter would also destroy the connections whose first
              // request is still to be read.
              net.Server.prototype.close.call(server, () => resolve());
            }
            acceptedSinceCheck = 0;
            let silent = 0;
            for (const [socket, state] of connections) {
              if (state.requests > 0 || now - state.acceptedAtMs < FIRST_REQUEST_GRACE_MS) continue;
              silent++;
              socket.destroy();
            }
            if (silent > 0) log(`draining: closed ${silent} connection(s) that sent no request within ${FIRST_REQUEST_GRACE_MS} ms`);
            if (listening || connections.size > 0) setTimeout(check, LISTEN_QUIET_MS);
          });
        };
        setTimeout(check, LISTEN_QUIET_MS);
      });
    },
  };
}

function refuse(res: ServerResponse): void {
  // Before Express (serve.ts calls admit first), so the raw response: the same problem document as every error.
  const body = problemBody(503, 'shutting-down', 'The server is shutting down; retry the request shortly.');
  res.writeHead(503, {
    'Content-Type': 'application/problem+json',
    'Content-Length': Buffer.byteLength(body),
    'Retry-After': String(RETRY_AFTER_S),
    'Cache-Control': 'no-store',
    Connection: 'close',
  });
  res.end(body);
}
