// Re-importing one area (`tweeling import buildings --update`): the store upserts and removes the area's missing
// buildings; the tiles change only where the buildings did; progress runs phase by phase up to each total.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { importBuildingsCommand } from '../../server/buildings/import-command.ts';
import type { Building } from '../../server/contracts/model.ts';
import type { Progress } from '../../server/log.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import type { Store } from '../../server/store/store.ts';
import { readGlb, readPropertyTable } from '../../server/tiles/read-glb.ts';
import { createBuilding, createMunicipality, createSquare } from '../support/factories.ts';

function createTmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-buildings-update-'));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function createStore(dir: string): Promise<Store> {
  const store = await openSqliteStore(path.join(dir, 'twin.sqlite'));
  onTestFinished(() => store.close());
  return store;
}

async function allBuildings(store: Store): Promise<Map<string, Building>> {
  const out = new Map<string, Building>();
  for await (const b of store.allBuildings()) out.set(b.id, b);
  return out;
}

const ID = (n: number) => createBuilding(n, 0, 0).id;

describe('store.upsertBuildings', () => {
  // createMunicipality: 10 m squares at x = 145000 + 100 i, y = 445000 + 100 j; building n = 3 i + j + 1.
  const AREA: [number, number, number, number] = [144990, 444990, 145120, 445120]; // holds buildings 1, 2, 4, 5

  it('replaces same ids, adds new ones and removes the missing ones that lie wholly inside the area', async () => {
    const store = await createStore(createTmpDir());
    const m = createMunicipality();
    await store.importMunicipality(m);
    const taller = createBuilding(1, 145000, 445000, { heightM: 30, lod2: { lod: '2.2', positions: [145000, 445000, 2, 145010, 445000, 2, 145000, 445010, 32], indices: [0, 1, 2], surface: [2] } });
    const added = createBuilding(20, 145050, 445050);
    // Building 4 (at 145100, 445000) is missing from the update and lies inside the area: it is demolished.
    // Buildings 2 and 5 are inside too, and stay because the update has them.
    const crossing = createBuilding(21, 145115, 445050); // reaches x = 145125, beyond the area: stays
    await store.upsertBuildings({ ...m.meta, source: 'update' }, [crossing], undefined);
    const report = await store.upsertBuildings({ ...m.meta, source: 'update 2' }, [taller, added, m.buildings[1], m.buildings[4]], AREA);
    expect(report).toEqual({ inserted: 1, updated: 3, removed: [ID(4)] });
    const stored = await allBuildings(store);
    expect([...stored.keys()].sort()).toEqual([1, 2, 3, 5, 6, 7, 8, 9, 20, 21].map(ID).sort());
    expect(stored.get(ID(1))!.heightM).toBe(30);
    expect(stored.get(ID(1))!.lod2?.indices).toEqual([0, 1, 2]);
    expect((await store.counts()).buildings).toBe(10);
    // The bbox index follows: the new building is found by bbox, the removed one is not.
    expect((await store.buildings({ bbox: [145040, 445040, 145070, 445070], limit: 10 })).map((b) => b.id)).toEqual([ID(20)]);
    expect(await store.buildings({ bbox: [145095, 444995, 145112, 445012], limit: 10 })).toEqual([]);
    // The buildings collection (OGC API Features) matches the records.
    const items = await store.collectionItems('buildings', { limit: 100 } as never);
    expect(items.features.map((f) => f.id).sort()).toEqual([...stored.keys()].sort());
    expect((await store.collectionItem('buildings', ID(1)))?.properties?.heightM).toBe(30);
    expect((await store.meta())?.source).toBe('update 2');
    // Addresses stay, the removed building's included.
    expect((await store.counts()).addresses).toBe(9);
  });

  it('drops a mesh when the replacing record has none', async () => {
    const store = await createStore(createTmpDir());
    const m = createMunicipality();
    const mesh = { lod: '2.2', positions: [145000, 445000, 2, 145010, 445000, 2, 145000, 445010, 12], indices: [0, 1, 2], surface: [2] };
    await store.importMunicipality({ ...m, buildings: m.buildings.map((b, i) => (i === 0 ? { ...b, lod2: mesh } : b)) });
    await store.upsertBuildings(m.meta, [m.buildings[0]]);
    expect((await store.building(ID(1)))?.lod2).toBeUndefined();
  });
});

/** GeoJSON footprints in RD with a height: one 10 m square per entry. */
function writeFootprints(file: string, entries: { id: string; x: number; y: number; hoogte: number }[]): string {
  const features = entries.map((e) => ({
    type: 'Feature',
    properties: { identificatie: e.id, hoogte: e.hoogte },
    geometry: { type: 'Polygon', coordinates: [[...createSquare(e.x, e.y, 10)[0], [e.x, e.y]]] },
  }));
  fs.writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:28992' } }, features }));
  return file;
}

function createRecorder(): { progress: Progress; steps: { label: string; updates: [number, number][] }[] } {
  const steps: { label: string; updates: [number, number][] }[] = [];
  return {
    steps,
    progress: {
      step: (label) => steps.push({ label, updates: [] }),
      update: (done, total) => steps.at(-1)!.updates.push([done, total]),
      done: () => {},
    },
  };
}

describe('importBuildingsCommand --update', () => {
  /** A 30 × 30 block of buildings 25 m apart (more than one 400-building tile); ids B-row-col. */
  const grid = (height: (r: number, c: number) => number) =>
    Array.from({ length: 900 }, (_, i) => ({ id: `B-${Math.floor(i / 30)}-${i % 30}`, x: 155_000 + (i % 30) * 25, y: 463_000 + Math.floor(i / 30) * 25, hoogte: height(Math.floor(i / 30), i % 30) }));

  it('re-imports one area: upserts, removes its demolished building and rewrites only the tiles that changed', async () => {
    const dir = createTmpDir();
    const store = await createStore(dir);
    const tilesDir = path.join(dir, 'tiles', 'buildings');
    const all = grid((r, c) => 5 + ((r * 7 + c) % 11));
    await importBuildingsCommand(store, [writeFootprints(path.join(dir, 'all.geojson'), all)], { tilesDir });
    const contentBefore = fs.readdirSync(path.join(tilesDir, 'content'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.glb'));

    // The area re-imported: rows 8–9, columns 8–10; B-8-9 is demolished, B-9-9 rises, B-NEW is built.
    const area = all.filter((b) => /^B-[89]-(8|9|10)$/.test(b.id) && b.id !== 'B-8-9').map((b) => (b.id === 'B-9-9' ? { ...b, hoogte: 40 } : b));
    area.push({ id: 'B-NEW', x: 155_000 + 9 * 25 + 12, y: 463_000 + 8 * 25 + 12, hoogte: 12 });
    const { progress, steps } = createRecorder();
    const report = await importBuildingsCommand(store, [writeFootprints(path.join(dir, 'area.geojson'), area)], { tilesDir, update: true, progress });

    expect(report.upsert).toMatchObject({ inserted: 1, updated: 5, removed: ['B-8-9'] });
    expect((await store.counts()).buildings).toBe(900);
    expect(report.tiles).toMatchObject({ mode: 'update', buildingCount: 900 });
    const contentAfter = fs.readdirSync(path.join(tilesDir, 'content'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.glb'));
    const added = contentAfter.filter((f) => !contentBefore.includes(f));
    expect(added.length).toBe(report.tiles!.writtenContentCount);
    expect(added.length).toBeGreaterThan(0);
    expect(added.length).toBeLessThan(contentAfter.length / 2);
    const ids = added.flatMap((f) => readPropertyTable(readGlb(new Uint8Array(fs.readFileSync(path.join(tilesDir, 'content', f))))).identificatie as string[]);
    expect(ids).toContain('B-NEW');
    expect(ids).not.toContain('B-8-9');

    // Progress: three phases in order, each monotonic up to its total.
    expect(steps.map((s) => s.label)).toEqual(['Reading building files', 'Updating buildings in the store', 'Updating the 3D Tiles']);
    for (const { label, updates } of steps) {
      expect(updates.length, label).toBeGreaterThan(0);
      const total = updates[0][1];
      expect(updates.every(([, t]) => t === total), label).toBe(true);
      for (let i = 1; i < updates.length; i++) expect(updates[i][0], label).toBeGreaterThanOrEqual(updates[i - 1][0]);
      expect(updates.at(-1), label).toEqual([total, total]);
    }
    expect(steps[0].updates.at(-1)![1]).toBe(fs.statSync(path.join(dir, 'area.geojson')).size);
    expect(steps[1].updates.at(-1)![1]).toBe(6);
    expect(steps[2].updates.at(-1)![1]).toBe(900);
  });
});
