// Idempotent POSTs: a client that retries a create with the same Idempotency-Key gets the first answer again
// instead of a second row. The key is recorded in the same transaction as the rows it created, so either both
// exist or neither does.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/** How long a key is remembered. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

export interface StoredResponse {
  status: number;
  location: string | null;
  body: string;
}

export type IdempotencyLookup = { kind: 'new' } | { kind: 'replay'; response: StoredResponse } | { kind: 'mismatch' };

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n`).update(JSON.stringify(body ?? null)).digest('hex');
}

export function createIdempotencyLedger(db: Database.Database) {
  const get = db.prepare('SELECT request_hash, status, location, body FROM idempotency_keys WHERE key = ? AND created_ms >= ?');
  const purge = db.prepare('DELETE FROM idempotency_keys WHERE created_ms < ?');
  const put = db.prepare('INSERT OR REPLACE INTO idempotency_keys(key, request_hash, status, location, body, created_ms) VALUES (?, ?, ?, ?, ?, ?)');
  return {
    /** Call inside the request's transaction. */
    lookup(key: string, hash: string, nowMs: number): IdempotencyLookup {
      const row = get.get(key, nowMs - IDEMPOTENCY_TTL_MS) as { request_hash: string; status: number; location: string | null; body: string } | undefined;
      if (!row) return { kind: 'new' };
      if (row.request_hash !== hash) return { kind: 'mismatch' };
      return { kind: 'replay', response: { status: row.status, location: row.location, body: row.body } };
    },
    /** Call inside the same transaction as the writes it answers for. */
    record(key: string, hash: string, response: StoredResponse, nowMs: number): void {
      purge.run(nowMs - IDEMPOTENCY_TTL_MS);
      put.run(key, hash, response.status, response.location, response.body, nowMs);
    },
  };
}
