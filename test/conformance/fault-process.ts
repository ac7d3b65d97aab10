// Helpers for the fault tests (faults.test.ts): the real server as a child process, raw HTTP, file systems that fail.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { dataPaths } from '../../server/config.ts';
import { insertSession } from '../../server/participation/session-store.ts';
import { openWorkspace } from '../../server/workspace/workspace.ts';
import type { Actor } from '../../server/workspace/roles.ts';
import { createPm10StationBody } from '../support/factories.ts';
import { type RunningServer, type ServeChild, copyTestTwin, exitOf, startServeProcess } from '../support/serve-process.ts';

const PLANNER: Actor = { role: 'planner', userId: '2c0d5b8e-7f3a-4f1e-9d6c-5a4b3c2d1e0f', username: 'planner' };

export type Child = ServeChild;
export type Running = RunningServer;
export { exitOf, startServeProcess as startServe };

/** A copy of the prepared test twin, so that every fault starts from a full twin without generating one. */
export const copyTwin = () => copyTestTwin('tweeling-faults-');

/** POST with node:http (fetch cannot pick the source address: each comment comes from its own loopback address). */
export function post(url: string, body: unknown, localAddress?: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const r = http.request({ hostname: u.hostname, port: u.port, path: u.pathname, method: 'POST', localAddress, agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
      res.on('error', reject);
    });
    r.on('error', reject);
    r.end(JSON.stringify(body));
  });
}

/** GET with node:http; a fresh connection unless an agent is given. Errors come back as their code. */
export function get(url: string, agent: http.Agent | false = false, onSent?: () => void): Promise<{ status: number | string; bytes: number; ms: number; headers: http.IncomingHttpHeaders }> {
  const t = performance.now();
  return new Promise((resolve) => {
    const u = new URL(url);
    http
      .get({ hostname: u.hostname, port: u.port, path: u.pathname + u.search, agent }, (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, ms: performance.now() - t, headers: res.headers }));
        res.on('error', (e: NodeJS.ErrnoException) => resolve({ status: e.code ?? e.message, bytes, ms: performance.now() - t, headers: res.headers }));
      })
      .on('error', (e: NodeJS.ErrnoException) => resolve({ status: e.code ?? e.message, bytes: 0, ms: performance.now() - t, headers: {} }))
      // 'finish': the whole request has been handed to the connected socket.
      .on('finish', () => onSent?.());
  });
}

/** A bare TCP connection to the server, for requests written by hand. */
export function connectRaw(url: string): Promise<net.Socket> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port) }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Writes a raw request and reads until the server closes: the status, and whether it closed the connection. */
export function rawRequest(socket: net.Socket, request: string): Promise<{ status: number | string; closed: boolean }> {
  return new Promise((resolve) => {
    let text = '';
    const timer = setTimeout(() => resolve({ status: /^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ? Number(/^HTTP\/1\.1 (\d+)/.exec(text)![1]) : 'no answer', closed: false }), 30_000);
    socket.on('data', (c: Buffer) => (text += c.toString()));
    socket.on('error', () => undefined);
    socket.once('close', () => {
      clearTimeout(timer);
      const m = /^HTTP\/1\.1 (\d+)/.exec(text);
      resolve({ status: m ? Number(m[1]) : 'closed without an answer', closed: true });
    });
    socket.write(request);
  });
}

/** Every `-wal` file under the data directory. */
export function walFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('-wal')).map((f) => path.join(dir, f));
}

/** A participation session, written into the workspace of a data dir while no server has it open. */
export async function createParticipationSession(dir: string, title: string): Promise<string> {
  const ws = await openWorkspace(dataPaths({ dataDir: dir }).workspace);
  try {
    const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    return (await insertSession(ws, { title, introduction: 'Wat vindt u?', scenarioId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', closesAt }, PLANNER)).id;
  } finally {
    await ws.close();
  }
}

/** A new Thing with one PM10 Datastream, over the SensorThings API; gives the Datastream's id. */
export async function createDatastream(url: string, name: string): Promise<number> {
  const thing = await post(`${url}/sta/v1.1/Things`, createPm10StationBody(name, `fault test station ${name}`));
  expect(thing.status, thing.body).toBe(201);
  const thingId = (JSON.parse(thing.body) as { '@iot.id': number })['@iot.id'];
  return ((await (await fetch(`${url}/sta/v1.1/Things(${thingId})/Datastreams`)).json()) as { value: { '@iot.id': number }[] }).value[0]['@iot.id'];
}

/** Mounts a tmpfs of `bytes` on `dir`; true, or why it cannot be done here. */
export function mountTmpfs(dir: string, bytes: number): true | string {
  if (process.platform !== 'linux') return `tmpfs mounts need Linux, not ${process.platform}`;
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${Math.ceil(bytes / 4096) * 4096},mode=0755`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.error) return `mount cannot be run (${r.error.message})`;
  return r.status === 0 ? true : `mount -t tmpfs is not permitted here (${(r.stderr || `exit ${r.status}`).trim()}); run the tests as root in a container with CAP_SYS_ADMIN`;
}

export function unmount(dir: string): void {
  spawnSync('umount', ['-l', dir]);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** CI never skips a fault test: there a missing facility is an error. Elsewhere the skip is printed loudly. */
export function skipOrFail(ctx: { skip: (note?: string) => void }, test: string, reason: string): never {
  if (process.env.CI === 'true') throw new Error(`${test}: required in CI but ${reason}`);
  console.warn(`\n*** SKIPPED ${test}: ${reason} ***\n`);
  ctx.skip(reason);
  throw new Error('unreachable: ctx.skip() throws');
}

export function dirBytes(dir: string): number {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).reduce((n, f) => {
    // throwIfNoEntry: a -wal file of the shared test twin may vanish between the listing and the stat.
    const st = fs.statSync(path.join(dir, f), { throwIfNoEntry: false });
    return n + (st?.isFile() ? st.size : 0);
  }, 0);
}

/** Writes a file until the file system is full (ENOSPC, down to the last page); gives its path and size. */
export function fillDisk(dir: string): { file: string; bytes: number } {
  const file = path.join(dir, 'filler.bin');
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  try {
    for (const chunk of [Buffer.alloc(1 << 20, 1), Buffer.alloc(4096, 1), Buffer.alloc(512, 1)]) {
      for (;;) {
        try {
          bytes += fs.writeSync(fd, chunk);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw e;
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return { file, bytes };
}

export async function waitFor(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  for (const t = performance.now(); !(await ok()); ) {
    if (performance.now() - t > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const walsEmpty = (dir: string) => walFiles(dir).every((f) => fs.statSync(f).size === 0);

export async function observationCount(url: string, datastreamId: number): Promise<number> {
  const r = await fetch(`${url}/sta/v1.1/Datastreams(${datastreamId})/Observations?$count=true&$top=1`);
  expect(r.status).toBe(200);
  return ((await r.json()) as { '@iot.count': number })['@iot.count'];
}

/** Rows in the databases of a data dir no server has open: the session's comments and the Datastream's Observations. */
export function storedRows(dir: string, sessionId: string, datastreamId: number): { comments: number; observations: number } {
  const paths = dataPaths({ dataDir: dir });
  const ws = new Database(paths.workspace, { readonly: true, fileMustExist: true });
  const sensors = new Database(paths.sensors, { readonly: true, fileMustExist: true });
  try {
    for (const db of [ws, sensors]) expect(db.pragma('integrity_check', { simple: true }), db.name).toBe('ok');
    return {
      comments: (ws.prepare('SELECT count(*) AS n FROM participation_comments WHERE session_id = ?').get(sessionId) as { n: number }).n,
      observations: (sensors.prepare('SELECT count(*) AS n FROM observations WHERE datastream_id = ?').get(datastreamId) as { n: number }).n,
    };
  } finally {
    ws.close();
    sensors.close();
  }
}

/** What a storage fault must answer: 503, code storage-unavailable, Retry-After, and nothing of the server's insides. */
export function expectStorageUnavailable(r: { status: number; body: string; headers: http.IncomingHttpHeaders }): void {
  expect(r.status, r.body).toBe(503);
  expect((JSON.parse(r.body) as { code: string }).code).toBe('storage-unavailable');
  expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
  expect(r.body).not.toMatch(/SQLITE|better-sqlite3|\/tmp\/|\.sqlite|\bat \w+ \(|node_modules/);
}

/** An unprivileged account to run the server as when the tests run as root (root ignores file permissions). */
export function unprivilegedUser(): { uid: number; gid: number; name: string } | string {
  if (process.getuid?.() !== 0) return { uid: process.getuid!(), gid: process.getgid!(), name: os.userInfo().username };
  for (const name of ['nobody', 'tweeling-pg', 'postgres']) {
    const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0) return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()), name };
  }
  return 'running as root and no unprivileged account (nobody, tweeling-pg, postgres) exists';
}

/** sha256 of every file under a directory, by relative path. */
export function hashTree(dir: string): Record<string, string> {
  return Object.fromEntries(
    (fs.readdirSync(dir, { recursive: true }) as string[])
      .filter((f) => fs.statSync(path.join(dir, f)).isFile())
      .sort()
      .map((f) => [f, sha256(path.join(dir, f))]),
  );
}

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
