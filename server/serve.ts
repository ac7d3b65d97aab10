// Listening and graceful shutdown, kept out of app.ts so tests can use the app without a socket.
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { Config } from './config.ts';
import type { Store } from './store/store.ts';

/** Anything besides the store that must be closed cleanly on shutdown (the sensor store). */
export interface Closable {
  close(): void | Promise<void>;
}

export async function startServer(app: Express, config: Pick<Config, 'port' | 'host'>, store: Store, ...others: Closable[]): Promise<Server> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, (err?: Error) => (err ? reject(err) : resolve(s)));
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
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  return server;
}
