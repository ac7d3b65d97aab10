// A throwaway PostgreSQL + PostGIS cluster for tests: initdb in a temp dir as an unprivileged user (initdb refuses
// root), a free port on 127.0.0.1 only, the unix socket inside the temp dir, torn down by stop(). Durability is
// switched off (fsync=off): the cluster lives for one test file and is deleted afterwards.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.ts';

const BIN_DIRS = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'];
const EXTENSION_DIRS = ['/usr/share/postgresql/15/extension', '/usr/share/postgresql/16/extension', '/usr/share/postgresql/17/extension'];
const TEMPLATE_DB = 'tweeling_template';

export interface PostgresCluster {
  /** postgres:// URL of a database with the postgis extension. */
  url: string;
  /** A fresh empty database (copied from a template with postgis installed); returns its URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
  /** Stops the server process as a crash would (`pg_ctl stop -m immediate`), keeping the data directory. */
  kill(): void;
  /** Starts the server again on the same port and data directory (after kill()). */
  restart(): void;
  /** Milliseconds spent in initdb, start and template creation. */
  timingsMs: Record<string, number>;
}

/** Why a PostGIS cluster cannot be started here, or undefined when it can. */
export function postgresUnavailableReason(): string | undefined {
  const bin = binDir();
  if (!bin) return `PostgreSQL server binaries (initdb, pg_ctl) not found in ${process.env.TWEELING_PG_BIN ?? BIN_DIRS.join(', ')}`;
  let version: string;
  try {
    version = execFileSync(path.join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).match(/PostgreSQL\)? (\d+)/)?.[1] ?? '?';
  } catch {
    return `${path.join(bin, 'postgres')} does not run`;
  }
  const ext = EXTENSION_DIRS.find((d) => d.includes(`/${version}/`));
  if (!ext || !fs.existsSync(path.join(ext, 'postgis.control'))) return `the PostGIS extension for PostgreSQL ${version} is not installed (Debian: postgresql-${version}-postgis-3)`;
  if (process.getuid?.() === 0 && !pgUser()) return 'running as root and no unprivileged user (postgres or tweeling-pg) could be found or created';
  return undefined;
}

/**
 * Whether suites that need PostgreSQL run. CI never skips: there a missing cluster is an error. Elsewhere the
 * reason is printed loudly so a skipped suite is never mistaken for a passing one.
 */
export function skipWithoutPostgres(suite: string): boolean {
  const reason = postgresUnavailableReason();
  if (!reason) return false;
  if (process.env.CI === 'true') throw new Error(`${suite}: PostgreSQL/PostGIS is required in CI but ${reason}`);
  console.warn(`\n*** SKIPPED ${suite}: ${reason}. Install postgresql-15-postgis-3 to run it. ***\n`);
  return true;
}

export interface ClusterOptions {
  /**
   * Acknowledge a commit only once its WAL is written (synchronous_commit=on), for tests that kill the server and
   * count acknowledged writes. fsync stays off: the operating system does not crash in a test, only PostgreSQL.
   */
  durableCommits?: boolean;
}

export async function startPostgresCluster(options: ClusterOptions = {}): Promise<PostgresCluster> {
  const reason = postgresUnavailableReason();
  if (reason) throw new Error(`cannot start a PostgreSQL cluster: ${reason}`);
  const bin = binDir()!;
  const timingsMs: Record<string, number> = {};
  const owner = process.getuid?.() === 0 ? pgUser()! : undefined;
  // The server runs as another user, who must be able to reach the directory: a private TMPDIR would not do.
  const tmp = owner && (fs.statSync(os.tmpdir()).mode & 0o001) === 0 ? '/tmp' : os.tmpdir();
  const dir = fs.mkdtempSync(path.join(tmp, 'tweeling-pg-'));
  const dataDir = path.join(dir, 'data');
  const socketDir = path.join(dir, 'sock');
  fs.mkdirSync(socketDir);
  if (owner) {
    fs.chownSync(dir, owner.uid, owner.gid);
    fs.chownSync(socketDir, owner.uid, owner.gid);
  }
  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(path.join(bin, cmd), args, { uid: owner?.uid, gid: owner?.gid, cwd: dir, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  let started = false;
  try {
    let t = performance.now();
    run('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    timingsMs.initdb = performance.now() - t;
    t = performance.now();
    const port = await freePort();
    const serverOptions = [
      `-p ${port}`,
      `-k ${socketDir}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      `-c synchronous_commit=${options.durableCommits ? 'on' : 'off'}`,
      '-c full_page_writes=off',
      '-c shared_buffers=32MB',
      '-c max_connections=200',
    ].join(' ');
    run('pg_ctl', ['-D', dataDir, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', '-o', serverOptions, 'start']);
    started = true;
    timingsMs.start = performance.now() - t;
    t = performance.now();
    const base = `postgres://postgres@127.0.0.1:${port}`;
    await sql(`${base}/postgres`, [`CREATE DATABASE ${TEMPLATE_DB}`]);
    await sql(`${base}/${TEMPLATE_DB}`, ['CREATE EXTENSION postgis']);
    await sql(`${base}/postgres`, [`CREATE DATABASE tweeling TEMPLATE ${TEMPLATE_DB}`]);
    timingsMs.postgis = performance.now() - t;
    let n = 0;
    return {
      url: `${base}/tweeling`,
      timingsMs,
      async createDatabase() {
        // The name is built from a counter, never from input.
        const name = `tweeling_${++n}`;
        await sql(`${base}/postgres`, [`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB} STRATEGY FILE_COPY`]);
        return `${base}/${name}`;
      },
      kill() {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      },
      restart() {
        run('pg_ctl', ['-D', dataDir, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', '-o', serverOptions, 'start']);
      },
      async stop() {
        try {
          run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (e) {
    if (started) spawnSync(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop'], { uid: owner?.uid, gid: owner?.gid });
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

async function sql(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const s of statements) await client.query(s);
  } finally {
    await client.end();
  }
}

/** TWEELING_PG_BIN (a directory holding initdb and pg_ctl) wins over the Debian locations. */
function binDir(): string | undefined {
  const dirs = process.env.TWEELING_PG_BIN ? [process.env.TWEELING_PG_BIN] : BIN_DIRS;
  return dirs.find((d) => fs.existsSync(path.join(d, 'initdb')) && fs.existsSync(path.join(d, 'pg_ctl')));
}

/** The unprivileged account the cluster runs as when we are root: `postgres` if present, else a created `tweeling-pg`. */
function pgUser(): { uid: number; gid: number } | undefined {
  for (const name of ['postgres', 'tweeling-pg']) {
    const id = lookup(name);
    if (id) return id;
  }
  try {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'tweeling-pg'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  return lookup('tweeling-pg');
}

function lookup(name: string): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}
