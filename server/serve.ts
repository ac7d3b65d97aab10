// Listening and graceful shutdown, kept out of app.ts so tests can use the app without a socket.
import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Express } from 'express';
import type { Config } from './config.ts';
import type { Store } from './store/store.ts';

/** Anything besides the store that must be closed cleanly on shutdown (the sensor store). */
export interface Closable {
  close(): void | Promise<void>;
}

export async function startServer(app: Express, config: Pick<Config, 'port' | 'host'>, store: Store, ...others: Closable[]): Promise<Server> {
  // Tiles are answered before Express when cached (same answers, a few times the requests per second); everything
  // else, tile errors included, goes through the app.
  const tiles = app.locals.tileFastPath as ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined;
  // Node enforces headersTimeout/requestTimeout only when it sweeps its connections, every connectionsCheckingInterval
  // (30 s by default): sweep every second so a slow-headers client is cut off at 10 s, not up to 40 s.
  const server = http.createServer({ connectionsCheckingInterval: 1_000 }, (req, res) => {
    if (!tiles?.(req, res)) app(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Slow-client limits (RELIABILITY.md #25): headers within 10 s, whole request within 30 s.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`${signal}: finishing open requests, then closing the stores`);
    const deadline = setTimeout(() => process.exit(1), 15_000);
    deadline.unref();
    server.close(() => {
      void Promise.all([store.close(), ...others.map((o) => o.close())]).then(() => process.exit(0));
    });
    server.closeIdleConnections();
  };
  // on, not once: a second signal must find the handler (a no-op) rather than the default action, which kills.
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return server;
}
