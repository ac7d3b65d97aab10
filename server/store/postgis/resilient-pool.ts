// A pg pool that survives its database going away. node-postgres emits 'error' on a client whose connection drops
// — idle in the pool (the pool re-emits it) or checked out mid-transaction (the client itself) — and an 'error'
// event without a listener kills the process. Every pool we open goes through here, so a PostgreSQL restart costs
// the requests in flight a 503 (server/api/problem.ts), not the server.
import pg from 'pg';

export function resilientPool(config: pg.PoolConfig, onError: (e: Error) => void): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('error', onError);
  // The query that was running rejects on its own; this listener only keeps the event from being fatal.
  pool.on('connect', (client) => client.on('error', onError));
  return pool;
}
