// Partial re-tiling (issue 10): an update rewrites only the content whose buildings changed. The oracle is a
// full build of the same buildings: the updated directory must equal it file for file, byte for byte.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Building, PointRd } from '../../server/contracts/model.ts';
import { buildBuildingTileset } from '../../server/tiles/build-tileset.ts';
import { readGlb, readPropertyTable } from '../../server/tiles/read-glb.ts';
import { TILE_MANIFEST_FILE } from '../../server/tiles/tile-manifest.ts';

const GEOID_M = 43;
const X0 = 155_000;
const Y0 = 463_000;

function createBox(id: string, x: number, y: number, w: number, d: number, heightM: number): Building {
  const ring: PointRd[] = [[x, y], [x + w, y], [x + w, y + d], [x, y + d]];
  return { id, footprint: [ring], groundM: 0.5, heightM, roofType: 'plat', year: 1990, function: 'woning', dwellings: 1, buurtCode: null };
}

/** n boxes on a 25 m grid in a near-square block, ids in row order; deterministic. */
function createGrid(n: number): Building[] {
  const side = Math.ceil(Math.sqrt(n));
  return Array.from({ length: n }, (_, i) => createBox(`NL.IMBAG.Pand.${i}`, X0 + (i % side) * 25, Y0 + Math.floor(i / side) * 25, 10 + (i % 7), 12, 4 + (i % 13) * 3));
}

function createTmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-tiles-update-'));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

interface FileState {
  sha1: string;
  mtimeMs: number;
  ino: number;
}

/** Every file under dir by relative path, with its hash and stat identity. */
function snapshot(dir: string): Map<string, FileState> {
  const out = new Map<string, FileState>();
  for (const rel of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(dir, rel);
    const stat = fs.statSync(file);
    if (!stat.isFile()) continue;
    out.set(rel.split(path.sep).join('/'), { sha1: createHash('sha1').update(fs.readFileSync(file)).digest('hex'), mtimeMs: stat.mtimeMs, ino: stat.ino });
  }
  return out;
}

function idsIn(dir: string, uri: string): string[] {
  return readPropertyTable(readGlb(new Uint8Array(fs.readFileSync(path.join(dir, uri))))).identificatie as string[];
}

/** One area's re-import: building 0 of the area gets taller, building 1 is demolished, one new building appears. */
function createUpdate(buildings: readonly Building[], areaIds: [string, string]): { next: Building[]; changed: Set<string> } {
  const [taller, demolished] = areaIds;
  const next = buildings.filter((b) => b.id !== demolished).map((b) => (b.id === taller ? { ...b, heightM: b.heightM + 9 } : b));
  const anchor = buildings.find((b) => b.id === taller)!.footprint[0][0];
  next.push(createBox('NL.IMBAG.Pand.NEW', anchor[0] + 3, anchor[1] + 13, 6, 6, 7));
  return { next, changed: new Set([taller, demolished, 'NL.IMBAG.Pand.NEW']) };
}

async function buildTwice(options: { coarseContent: boolean; coarseMinBuildings?: number }) {
  const root = createTmpDir();
  const live = path.join(root, 'live');
  const fresh = path.join(root, 'fresh');
  // 30 × 30 grid: the middle buildings (row 15) are far from the extent's edges, so the root square is unchanged.
  const buildings = createGrid(900);
  const common = { geoidHeightM: GEOID_M, maxBuildingsPerTile: 40, ...options };
  await buildBuildingTileset(buildings, { outDir: live, ...common });
  const before = snapshot(live);
  const idsBefore = new Map([...before.keys()].filter((rel) => rel.endsWith('.glb')).map((uri) => [uri, idsIn(live, uri)]));
  const { next, changed } = createUpdate(buildings, ['NL.IMBAG.Pand.465', 'NL.IMBAG.Pand.466']);
  // A store returns updated records in a different order; the tiles must not care.
  const report = await buildBuildingTileset([...next].reverse(), { outDir: live, update: true, ...common });
  await buildBuildingTileset(next, { outDir: fresh, ...common });
  return { live, fresh, before, idsBefore, after: snapshot(live), report, changed };
}

describe('buildBuildingTileset with update', () => {
  it('rewrites only the leaf tiles whose buildings changed, and ends equal to a full build', async () => {
    const { live, fresh, before, idsBefore, after, report, changed } = await buildTwice({ coarseContent: false });
    expect(report.mode).toBe('update');
    // Same files with the same bytes as building everything from scratch.
    expect([...after.keys()].sort()).toEqual([...snapshot(fresh).keys()].sort());
    for (const [rel, state] of snapshot(fresh)) expect(after.get(rel)?.sha1, rel).toBe(state.sha1);

    const added = [...after.keys()].filter((rel) => !before.has(rel));
    const removed = [...before.keys()].filter((rel) => !after.has(rel));
    const rewritten = [...after.keys()].filter((rel) => before.has(rel) && before.get(rel)!.sha1 !== after.get(rel)!.sha1);
    // tileset.json and the manifest change; content is never overwritten in place, only added and removed.
    expect(rewritten.sort()).toEqual([TILE_MANIFEST_FILE, 'tileset.json'].sort());
    expect(added.length).toBe(report.writtenContentCount);
    expect(removed.length).toBe(report.removedContentCount);
    expect(added.length).toBeGreaterThan(0);
    // Exactly the touched tiles: every added content holds a changed building, every removed one held one …
    for (const uri of added) expect(idsIn(live, uri).some((id) => changed.has(id)), uri).toBe(true);
    for (const uri of removed) expect(idsBefore.get(uri)!.some((id) => changed.has(id)), uri).toBe(true);
    // … and every content file left alone has no changed building, and was not even rewritten (same inode, mtime).
    const untouched = [...after.keys()].filter((rel) => rel.endsWith('.glb') && before.has(rel));
    expect(untouched.length).toBeGreaterThan(added.length * 5);
    for (const uri of untouched) {
      expect(idsIn(live, uri).some((id) => changed.has(id)), uri).toBe(false);
      expect(after.get(uri)).toEqual(before.get(uri));
    }
    const tilesWithNew = added.filter((uri) => idsIn(live, uri).includes('NL.IMBAG.Pand.NEW'));
    expect(tilesWithNew).toHaveLength(1);
    const tileset = fs.readFileSync(path.join(live, 'tileset.json'), 'utf8');
    for (const uri of added) expect(tileset).toContain(`"${uri}"`);
    for (const uri of removed) expect(tileset).not.toContain(`"${uri}"`);
    expect(untouched.every((uri) => tileset.includes(`"${uri}"`))).toBe(true);
    // The demolished building is gone from every content.
    const everywhere = [...after.keys()].filter((rel) => rel.endsWith('.glb')).flatMap((uri) => idsIn(live, uri));
    expect(everywhere).not.toContain('NL.IMBAG.Pand.466');
    expect(everywhere).toHaveLength(900);
  });

  it('with coarse content, also rewrites the ancestors whose simplified content changed, and nothing else', async () => {
    // Every inner tile gets simplified content (900 buildings are below the default threshold).
    const { live, fresh, before, after, report } = await buildTwice({ coarseContent: true, coarseMinBuildings: 0 });
    expect(report.mode).toBe('update');
    for (const [rel, state] of snapshot(fresh)) expect(after.get(rel)?.sha1, rel).toBe(state.sha1);
    const added = [...after.keys()].filter((rel) => !before.has(rel));
    const address = (uri: string) => uri.replace(/^content\//, '').replace(/-[0-9a-f]+\.glb$/, '').split('/').map(Number);
    const leafUris = new Set<string>();
    const walk = (tile: { content?: { uri: string }; children?: unknown[] }): void => {
      if (!tile.children) leafUris.add(tile.content!.uri);
      for (const child of tile.children ?? []) walk(child as typeof tile);
    };
    walk(JSON.parse(fs.readFileSync(path.join(live, 'tileset.json'), 'utf8')).root);
    const changedLeaves = added.filter((uri) => leafUris.has(uri)).map(address);
    expect(changedLeaves.length).toBeGreaterThan(0);
    // Every rewritten tile is a changed leaf or an ancestor of one.
    for (const [level, x, y] of added.map(address)) {
      const onPath = changedLeaves.some(([l, lx, ly]) => level <= l && lx >> (l - level) === x && ly >> (l - level) === y);
      expect(onPath, `${level}/${x}/${y}`).toBe(true);
    }
    expect(added.length).toBeLessThan([...after.keys()].filter((r) => r.endsWith('.glb')).length / 3);
    expect(fs.readdirSync(live)).toContain('tileset.json');
  });

  it('rewrites the tile of a building whose record changed under the same id', async () => {
    const dir = path.join(createTmpDir(), 'tiles');
    const buildings = createGrid(200);
    const common = { outDir: dir, geoidHeightM: GEOID_M, maxBuildingsPerTile: 20, coarseContent: false };
    await buildBuildingTileset(buildings, common);
    const before = snapshot(dir);
    const next = buildings.map((b) => (b.id === 'NL.IMBAG.Pand.77' ? { ...b, heightM: 55 } : b));
    const report = await buildBuildingTileset(next, { ...common, update: true });
    expect(report).toMatchObject({ mode: 'update', writtenContentCount: 1, removedContentCount: 1 });
    const added = [...snapshot(dir).keys()].filter((rel) => !before.has(rel) && rel.endsWith('.glb'));
    expect(added).toHaveLength(1);
    const table = readPropertyTable(readGlb(new Uint8Array(fs.readFileSync(path.join(dir, added[0])))));
    expect(table.hoogte[(table.identificatie as string[]).indexOf('NL.IMBAG.Pand.77')]).toBe(55);
  });

  it('falls back to a full build, saying why, when a building lies outside the earlier extent', async () => {
    const dir = path.join(createTmpDir(), 'tiles');
    const buildings = createGrid(100);
    await buildBuildingTileset(buildings, { outDir: dir, geoidHeightM: GEOID_M, maxBuildingsPerTile: 20 });
    const far = createBox('NL.IMBAG.Pand.FAR', X0 + 5000, Y0, 10, 10, 5);
    const report = await buildBuildingTileset([...buildings, far], { outDir: dir, geoidHeightM: GEOID_M, maxBuildingsPerTile: 20, update: true });
    expect(report.mode).toBe('full');
    expect(report.fullBuildReason).toMatch(/NL\.IMBAG\.Pand\.FAR lies outside/);
    expect(report.buildingCount).toBe(101);
  });

  it('falls back to a full build when the tiling settings changed', async () => {
    const dir = path.join(createTmpDir(), 'tiles');
    const buildings = createGrid(100);
    await buildBuildingTileset(buildings, { outDir: dir, geoidHeightM: GEOID_M, maxBuildingsPerTile: 20 });
    const report = await buildBuildingTileset(buildings, { outDir: dir, geoidHeightM: 44, maxBuildingsPerTile: 20, update: true });
    expect(report).toMatchObject({ mode: 'full', fullBuildReason: expect.stringMatching(/settings changed/) });
  });

  it('rewrites nothing but tileset.json and the manifest when nothing changed', async () => {
    const dir = path.join(createTmpDir(), 'tiles');
    const buildings = createGrid(200);
    await buildBuildingTileset(buildings, { outDir: dir, geoidHeightM: GEOID_M, maxBuildingsPerTile: 20 });
    const before = snapshot(dir);
    const report = await buildBuildingTileset(buildings, { outDir: dir, geoidHeightM: GEOID_M, maxBuildingsPerTile: 20, update: true });
    expect(report).toMatchObject({ mode: 'update', writtenContentCount: 0, removedContentCount: 0, buildingCount: 200 });
    const after = snapshot(dir);
    for (const [rel, state] of before) if (rel.endsWith('.glb')) expect(after.get(rel), rel).toEqual(state);
    expect(after.get('tileset.json')?.sha1).toBe(before.get('tileset.json')?.sha1);
  });
});
