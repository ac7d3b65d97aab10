// The real server as a child process (`node bin/tweeling.mjs serve`), for tests that need processes of their own:
// faults, several servers on one database, a database restarted underneath.
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { inject } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');

export type ServeChild = ChildProcessByStdio<null, Readable, Readable>;

export interface RunningServer {
  child: ServeChild;
  url: string;
  stderr: () => string;
}

/**
 * A copy of the prepared test twin, so that every process starts from a full twin without generating one. Other test
 * files have the same twin open meanwhile (and write observations into its sensor store), so its SQLite files are
 * copied as consistent snapshots (VACUUM INTO) rather than byte by byte, where a -wal file can appear or vanish
 * halfway and a main file can be caught mid-checkpoint.
 */
export function copyTestTwin(prefix = 'tweeling-proc-'): string {
  return copyTestTwinInto(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** copyTestTwin into a given directory (created when absent), e.g. on a small tmpfs. */
export function copyTestTwinInto(dir: string): string {
  const source = inject('twinDataDir');
  fs.mkdirSync(dir, { recursive: true });
  const isSqlite = (file: string) => /\.sqlite(-wal|-shm|-journal)?$/.test(file);
  fs.cpSync(source, dir, { recursive: true, filter: (src) => !isSqlite(src) });
  for (const name of fs.readdirSync(source).filter((f) => f.endsWith('.sqlite'))) {
    const db = new Database(path.join(source, name), { readonly: true });
    try {
      db.prepare('VACUUM INTO ?').run(path.join(dir, name));
    } finally {
      db.close();
    }
  }
  return dir;
}

/** Starts `tweeling serve` with PORT=0; resolves with the URL it prints, rejects with its stderr if it exits first. */
export function startServeProcess(dataDir: string, env: Record<string, string> = {}, user?: { uid: number; gid: number }): Promise<RunningServer> {
  const child = spawn(process.execPath, [path.join(REPO, 'bin/tweeling.mjs'), 'serve'], {
    cwd: REPO,
    // As another user (libuv also drops root's supplementary groups), as postgres-cluster.ts runs initdb.
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
    env: { ...process.env, PORT: '0', TWEELING_HOST: '127.0.0.1', TWEELING_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-8000);
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s; stderr: ${stderr}`)), 60_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /serving the twin at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1].replace('localhost', '127.0.0.1'), stderr: () => stderr });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`server exited with ${code} before serving; stderr: ${stderr}`), { exitCode: code, stderr }));
    });
  });
}

export const exitOf = (child: ServeChild) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
