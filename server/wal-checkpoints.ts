// Periodic TRUNCATE checkpoints of the server's SQLite files (RELIABILITY.md, "WAL checkpoint starvation", #24).
// SQLite's automatic checkpoint is PASSIVE: it copies frames but never shrinks the WAL file, and while a reader
// pins an old snapshot it cannot even reset it, so after a long read the WAL stays as large as it grew (up to
// journal_size_limit, 64 MiB, at best). A TRUNCATE checkpoint when the server is idle brings it back to 0 bytes.
import Database from 'better-sqlite3';

export interface WalCheckpointTarget {
  /** File name, for the log. */
  name: string;
  connection: Database.Database;
}

export interface CheckpointResult {
  /** A reader (or a writer elsewhere) still needed the WAL, so it was not reset: try again later. */
  busy: boolean;
  /** Frames in the WAL before the checkpoint and frames copied into the database (-1: not in WAL mode). */
  walFrames: number;
  checkpointedFrames: number;
}

/**
 * wal_checkpoint(TRUNCATE) that never waits: TRUNCATE calls the busy handler while readers finish, which with our
 * busy_timeout (5 s) would stall the event loop for 5 s whenever a long reader is open. With busy_timeout 0 it
 * copies what it can, like PASSIVE, and reports busy instead. Skipped inside an open transaction of the connection.
 */
export function tryTruncateCheckpoint(db: Database.Database): CheckpointResult | undefined {
  if (!db.open || db.readonly || db.inTransaction || db.memory) return undefined;
  const timeoutMs = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    return { busy: row.busy !== 0, walFrames: row.log, checkpointedFrames: row.checkpointed };
  } finally {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(timeoutMs))}`);
  }
}

/**
 * The better-sqlite3 connection behind one of the objects serve.ts is given, if it has one: the sensor store
 * (`db`), the workspace on SQLite (`db.connection`), the SQLite twin store (its `db`). PostgreSQL-backed ones have none.
 */
export function sqliteConnectionOf(target: unknown): Database.Database | undefined {
  const candidates = [target, field(target, 'db'), field(target, 'connection'), field(field(target, 'db'), 'connection')];
  return candidates.find((c): c is Database.Database => c instanceof Database);
}

function field(o: unknown, key: string): unknown {
  return typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[key] : undefined;
}

export interface WalCheckpointOptions {
  intervalMs: number;
  /** True when no request is being answered: checkpoints wait for that, but not for more than `maxSkips` ticks. */
  isIdle: () => boolean;
  maxSkips?: number;
  /** Log once when a WAL grows past this (a long reader is pinning it). */
  warnBytes?: number;
  log?: (message: string) => void;
}

/** Runs tryTruncateCheckpoint on every target each interval when idle; an unref'd timer, stopped by `stop()`. */
export function scheduleWalCheckpoints(targets: readonly WalCheckpointTarget[], options: WalCheckpointOptions): { stop(): void } {
  const maxSkips = options.maxSkips ?? 10;
  const warnBytes = options.warnBytes ?? 32 * 1024 * 1024;
  const log = options.log ?? ((m: string) => console.error(m));
  const warned = new Set<string>();
  const failed = new Map<string, string>();
  let skipped = 0;
  const tick = () => {
    if (!options.isIdle() && skipped < maxSkips) {
      skipped++;
      return;
    }
    skipped = 0;
    for (const t of targets) {
      try {
        const r = tryTruncateCheckpoint(t.connection);
        failed.delete(t.name);
        if (!r) continue;
        const pageSize = t.connection.pragma('page_size', { simple: true }) as number;
        const walBytes = Math.max(0, r.walFrames) * pageSize;
        if (r.busy && walBytes > warnBytes && !warned.has(t.name)) {
          warned.add(t.name);
          log(`warning: ${t.name}: the WAL has grown to ${(walBytes / 1048576).toFixed(0)} MiB and a long-lived reader keeps it from being checkpointed`);
        } else if (!r.busy) warned.delete(t.name);
      } catch (e) {
        // A full disk or a read-only file: the next tick tries again; the requests themselves report the fault.
        const message = e instanceof Error ? e.message : String(e);
        if (failed.get(t.name) !== message) log(`warning: ${t.name}: WAL checkpoint failed: ${message}`);
        failed.set(t.name, message);
      }
    }
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
