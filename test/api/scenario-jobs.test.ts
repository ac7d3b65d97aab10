import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import type { Building, Municipality } from '../../server/contracts/model.ts';
import { fibreRouter } from '../../server/api/fibre-router.ts';
import { fivegRouter } from '../../server/api/fiveg-router.ts';
import { errorHandler } from '../../server/api/problem.ts';
import { antennaCollection } from '../../server/scenarios/fiveg/antenna-collection.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { createAddress, createBuilding, createMunicipality, createMastAntennas } from '../support/factories.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** A 30 × 30 block of houses 25 m apart with an east–west street between every row: big enough for runs to take a while. */
function createBigTown(): Municipality {
  const m = createMunicipality();
  const buildings: Building[] = [];
  for (let i = 0; i < 30; i++) for (let j = 0; j < 30; j++) buildings.push(createBuilding(i * 30 + j + 1, 145000 + i * 25, 445000 + j * 25));
  m.buildings = buildings;
  m.addresses = buildings.map((b, i) => createAddress(i + 1, b));
  m.streets = Array.from({ length: 31 }, (_, j) => ({ id: `s${j + 1}`, line: [[144990, 444995 + j * 25], [145750, 444995 + j * 25]] as [number, number][], name: `Straat ${j + 1}`, class: 'woonstraat' as const, surface: 'klinkers' as const }));
  m.streets.push({ id: 'west', line: [[144990, 444995], [144990, 445745]], name: 'Westweg', class: 'woonstraat', surface: 'asfalt' });
  m.buurten = [{ code: 'BU99990101', name: 'Centrum', polygon: [[[144900, 444900], [145800, 444900], [145800, 445800], [144900, 445800]]], population: 2000, households: 900 }];
  return m;
}

const createStoredAntennas = () => createMastAntennas([145370, 445370]);

async function serve(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-jobs-'));
  const store = await openSqliteStore(path.join(dir, 'twin.sqlite'));
  await store.importMunicipality(createBigTown());
  const { meta, features } = antennaCollection(createStoredAntennas(), { source: 'test', licence: 'CC0-1.0', date: '2026-01-01', synthetic: true });
  await store.replaceCollection(meta, features);
  const app = express()
    .use(express.json())
    .get('/api/health', (_req, res) => {
      res.json({ status: 'ok' });
    })
    .use('/api/fiveg', fivegRouter(store))
    .use('/api/fibre', fibreRouter(store))
    .use(errorHandler(() => {}));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Polls a job every 20 ms until it leaves queued/running; gives every state seen. */
async function poll(url: string): Promise<{ final: any; seen: any[] }> {
  const seen: any[] = [];
  for (;;) {
    const job = await (await fetch(url)).json();
    seen.push(job);
    if (job.state !== 'queued' && job.state !== 'running') return { final: job, seen };
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Drops what legitimately differs between two runs of the same inputs. */
function comparable(body: any): any {
  const { cached: _c, seconds: _s, ...rest } = body;
  if (rest.summary) rest.summary = { ...rest.summary, seconds: undefined, runtimeMs: undefined };
  if (rest.steiner) rest.steiner = { ...rest.steiner, runtimeMs: undefined };
  return rest;
}

// A 2 m street grid: enough receivers for the run to span many event-loop turns.
const COVERAGE = { options: { gridCellM: 2 }, include: { addresses: true, grid: true } };

describe('scenario jobs', () => {
  it('runs coverage as a job whose progress advances and whose result equals the synchronous endpoint', async () => {
    const base = await serve();
    const res = await post(`${base}/api/fiveg/coverage/jobs`, COVERAGE);
    expect(res.status).toBe(202);
    const accepted = await res.json();
    expect(accepted).toMatchObject({ state: expect.stringMatching(/^(queued|running)$/), links: { self: `/api/fiveg/jobs/${accepted.id}` } });
    const { final, seen } = await poll(`${base}/api/fiveg/jobs/${accepted.id}`);
    expect(final.state).toBe('done');
    const running = seen.filter((j) => j.state === 'running').map((j) => j.progress.done + (j.progress.phase === 'grid' ? 1e6 : 0));
    expect(new Set(running).size).toBeGreaterThan(1);
    expect(final.progress.done).toBe(final.progress.total);
    const sync = await (await post(`${base}/api/fiveg/coverage`, COVERAGE)).json();
    expect(comparable(final.result)).toEqual(comparable(sync));
  });

  it('cancels a running coverage job, which ends cancelled while the server keeps answering', async () => {
    const base = await serve();
    const { id } = await (await post(`${base}/api/fiveg/coverage/jobs`, COVERAGE)).json();
    let job: any;
    do {
      await new Promise((r) => setTimeout(r, 10));
      job = await (await fetch(`${base}/api/fiveg/jobs/${id}`)).json();
    } while (job.state === 'queued' || (job.state === 'running' && job.progress.done === 0));
    expect(job.state).toBe('running');
    const t0 = performance.now();
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
    expect(performance.now() - t0).toBeLessThan(500);
    const del = await fetch(`${base}/api/fiveg/jobs/${id}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect((await del.json()).state).toBe('cancelled');
    const { final } = await poll(`${base}/api/fiveg/jobs/${id}`);
    expect(final.state).toBe('cancelled');
    expect(final.result).toBeUndefined();
  });

  it('gives the same job for the same inputs, and a new one for other inputs', async () => {
    const base = await serve();
    const a = await (await post(`${base}/api/fiveg/coverage/jobs`, { options: { gridCellM: 0 } })).json();
    const b = await (await post(`${base}/api/fiveg/coverage/jobs`, { options: { gridCellM: 0 } })).json();
    expect(b.id).toBe(a.id);
    await poll(`${base}/api/fiveg/jobs/${a.id}`);
    const c = await (await post(`${base}/api/fiveg/coverage/jobs`, { options: { gridCellM: 0 } })).json();
    expect(c).toMatchObject({ id: a.id, state: 'done' });
    const d = await (await post(`${base}/api/fiveg/coverage/jobs`, { options: { gridCellM: 0, maxRangeM: 900 } })).json();
    expect(d.id).not.toBe(a.id);
  });

  it('runs the optimiser as a job with the synchronous endpoint\'s result', async () => {
    const base = await serve();
    const body = { k: 2, rooftopCandidates: 6, useStoredAntennas: false };
    const { id } = await (await post(`${base}/api/fiveg/optimise/jobs`, body)).json();
    const { final } = await poll(`${base}/api/fiveg/jobs/${id}`);
    expect(final.state).toBe('done');
    const sync = await (await post(`${base}/api/fiveg/optimise`, body)).json();
    expect(comparable(final.result)).toEqual(comparable(sync));
  });

  it('runs a fibre design as a job with the synchronous endpoint\'s result', async () => {
    const base = await serve();
    const body = { pop: { x: 144990, y: 444995 } };
    const res = await post(`${base}/api/fibre/design/jobs`, body);
    expect(res.status).toBe(202);
    const { id } = await res.json();
    const { final, seen } = await poll(`${base}/api/fibre/jobs/${id}`);
    expect(final.state).toBe('done');
    expect(final.progress).toEqual({ done: 4, total: 4, phase: expect.any(String) });
    expect(seen.length).toBeGreaterThan(0);
    const sync = await (await post(`${base}/api/fibre/design`, body)).json();
    expect(sync.cached).toBe(true);
    expect(comparable(final.result)).toEqual(comparable(sync));
  });

  it('validates job bodies like the synchronous endpoints and answers problems for bad ids', async () => {
    const base = await serve();
    expect((await post(`${base}/api/fiveg/coverage/jobs`, { options: { gridCellM: -1 } })).status).toBe(400);
    expect((await post(`${base}/api/fiveg/optimise/jobs`, { k: 0 })).status).toBe(400);
    expect((await post(`${base}/api/fibre/design/jobs`, { pop: { id: 'nowhere' } })).status).toBe(400);
    const unknown = await fetch(`${base}/api/fiveg/jobs/00000000-0000-4000-8000-000000000000`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await fetch(`${base}/api/fibre/jobs/00000000-0000-4000-8000-000000000000`, { method: 'DELETE' })).status).toBe(404);
    expect((await fetch(`${base}/api/fiveg/jobs/not-a-job`)).status).toBe(400);
    expect((await fetch(`${base}/api/fibre/jobs/..%2f..`)).status).toBe(400);
  });
});
