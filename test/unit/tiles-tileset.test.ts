import { describe, it, expect, onTestFinished } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Building, PointRd } from '../../server/contracts/model.ts';
import { ecefToGeodetic } from '../../server/geo/ecef-to-geodetic.ts';
import { buildBuildingTileset, COARSE_MAX_BUILDINGS } from '../../server/tiles/build-tileset.ts';
import { tileset as tilesetSchema, tilesetProblems } from '../../server/tiles/tileset-schema.ts';
import { localYUpToEcef } from '../../server/tiles/local-frame.ts';
import { readAccessor, readGlb, readPropertyTable } from '../../server/tiles/read-glb.ts';
import { createSeededRandom } from '../../server/scenarios/fibre/seeded-random.ts';

const GEOID_M = 43;
const X0 = 155_000;
const Y0 = 463_000;

interface Tile {
  boundingVolume: { region: number[] };
  geometricError: number;
  refine?: string;
  transform?: number[];
  content?: { uri: string };
  children?: Tile[];
}

function createBox(id: string, x: number, y: number, w: number, d: number, heightM: number, groundM = 0.5): Building {
  const ring: PointRd[] = [[x, y], [x + w, y], [x + w, y + d], [x, y + d]];
  return { id, footprint: [ring], groundM, heightM, roofType: 'plat', year: 1990, function: 'woning', dwellings: 1, buurtCode: null };
}


/** n boxes, one per 25 m cell of a grid, so they never overlap; sizes, heights and ground vary. */
function createRandomBoxes(n: number, seed: number): Building[] {
  const random = createSeededRandom(seed);
  const side = Math.ceil(Math.sqrt(n * 1.5));
  const cells = Array.from({ length: side * side }, (_, i) => i).sort(() => random() - 0.5).slice(0, n);
  return cells.map((cell, i) => {
    const w = 5 + random() * 15;
    const d = 5 + random() * 15;
    const x = X0 + (cell % side) * 25 + random() * (24 - w);
    const y = Y0 + Math.floor(cell / side) * 25 + random() * (24 - d);
    return createBox(`NL.IMBAG.Pand.${i}`, x, y, w, d, 3 + random() * 40, -2 + random() * 6);
  });
}

/** A fresh temporary directory, removed when the calling test ends. */
function createTmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-tiles-test-'));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function* walk(tile: Tile, parent?: Tile): Generator<{ tile: Tile; parent?: Tile }> {
  yield { tile, parent };
  for (const child of tile.children ?? []) yield* walk(child, tile);
}

function readTileset(dir: string): { geometricError: number; asset: { version: string }; root: Tile } {
  return JSON.parse(fs.readFileSync(path.join(dir, 'tileset.json'), 'utf8'));
}

/** Every vertex of a content, through the tile transform, as [lonRad, latRad, heightM] with its feature id. */
function contentVertices(dir: string, tile: Tile): { geodetic: [number, number, number]; feature: number }[] {
  const glb = readGlb(new Uint8Array(fs.readFileSync(path.join(dir, tile.content!.uri))));
  const primitive = glb.json.meshes![0].primitives[0];
  const positions = readAccessor(glb, primitive.attributes.POSITION);
  const features = readAccessor(glb, primitive.attributes._FEATURE_ID_0);
  return features.map((feature, v) => ({
    geodetic: ecefToGeodetic(...localYUpToEcef(tile.transform!, positions[3 * v], positions[3 * v + 1], positions[3 * v + 2])),
    feature,
  }));
}

describe('buildBuildingTileset', () => {
  it('writes a 1.1 tileset whose single leaf holds a few buildings standing on the ground', async () => {
    const dir = path.join(createTmpDir(), 'tiles');
    const buildings = [createBox('a', X0, Y0, 10, 12, 9, 1.2), createBox('b', X0 + 40, Y0 + 5, 8, 8, 30, -3.4)];
    const report = await buildBuildingTileset(buildings, { outDir: dir, geoidHeightM: GEOID_M, synthetic: true });
    expect(report).toMatchObject({ tileCount: 1, contentCount: 1, buildingCount: 2, skippedBuildingCount: 0, depth: 0 });
    const tileset = readTileset(dir);
    expect(tileset.asset.version).toBe('1.1');
    expect(tileset.root.refine).toBe('ADD');
    expect(tileset.root.geometricError).toBe(0);
    const ids = readPropertyTable(readGlb(new Uint8Array(fs.readFileSync(path.join(dir, tileset.root.content!.uri))))).identificatie;
    buildings.forEach((b) => {
      const row = ids.indexOf(b.id);
      const heights = contentVertices(dir, tileset.root).filter((v) => v.feature === row).map((v) => v.geodetic[2]);
      expect(Math.min(...heights)).toBeCloseTo(b.groundM + GEOID_M, 3);
      expect(Math.max(...heights)).toBeCloseTo(b.groundM + GEOID_M + b.heightM, 3);
    });
    expect(fs.readdirSync(path.dirname(dir))).toEqual(['tiles']);
  });

  it('splits 2,000 boxes into a quadtree with every building in exactly one content', async () => {
    const dir = path.join(createTmpDir(), 'tiles');
    const buildings = createRandomBoxes(2000, 7);
    const progress: number[] = [];
    const report = await buildBuildingTileset(buildings, {
      outDir: dir,
      geoidHeightM: GEOID_M,
      maxBuildingsPerTile: 150,
      coarseContent: false,
      onProgress: (done, total) => progress.push(done / total),
    });
    const tileset = readTileset(dir);
    const seen = new Map<string, number>();
    let leaves = 0;
    for (const { tile } of walk(tileset.root)) {
      if (!tile.content) continue;
      leaves++;
      const glb = readGlb(new Uint8Array(fs.readFileSync(path.join(dir, tile.content.uri))));
      const ids = readPropertyTable(glb).identificatie as string[];
      expect(ids.length).toBeLessThanOrEqual(150);
      for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    expect(seen.size).toBe(2000);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(report.buildingCount).toBe(2000);
    expect(report.contentCount).toBe(leaves);
    expect(report.depth).toBeGreaterThanOrEqual(2);
    expect(progress.at(-1)).toBe(1);
  });

  it('bounds every content by its region and every child by its parent', async () => {
    const dir = path.join(createTmpDir(), 'tiles');
    // Long buildings straddle quadrant edges: their parts outside the centroid's tile must still be bounded.
    const buildings = [...createRandomBoxes(300, 3), createBox('long', X0 + 100, Y0 + 200, 400, 3, 12)];
    await buildBuildingTileset(buildings, { outDir: dir, geoidHeightM: GEOID_M, maxBuildingsPerTile: 40, coarseContent: false });
    const tileset = readTileset(dir);
    const inside = (r: number[], [lon, lat, h]: number[]) =>
      lon >= r[0] && lat >= r[1] && lon <= r[2] && lat <= r[3] && h >= r[4] && h <= r[5];
    for (const { tile, parent } of walk(tileset.root)) {
      const region = tile.boundingVolume.region;
      if (parent) {
        const p = parent.boundingVolume.region;
        expect(inside(p, [region[0], region[1], region[4]]) && inside(p, [region[2], region[3], region[5]])).toBe(true);
      }
      if (!tile.content) continue;
      for (const { geodetic } of contentVertices(dir, tile)) expect(inside(region, geodetic)).toBe(true);
    }
  });

  it('halves geometric error per level and gives leaves zero', async () => {
    const dir = path.join(createTmpDir(), 'tiles');
    await buildBuildingTileset(createRandomBoxes(600, 11), { outDir: dir, geoidHeightM: GEOID_M, maxBuildingsPerTile: 50, coarseContent: false });
    const tileset = readTileset(dir);
    expect(tileset.geometricError).toBeGreaterThan(tileset.root.geometricError);
    for (const { tile, parent } of walk(tileset.root)) {
      if (!tile.children) expect(tile.geometricError).toBe(0);
      if (parent) expect(tile.geometricError).toBeLessThan(parent.geometricError);
    }
  });

  it('replaces an existing tileset in one step and leaves no temporary directories', async () => {
    const root = createTmpDir();
    const dir = path.join(root, 'tiles');
    await buildBuildingTileset(createRandomBoxes(50, 1), { outDir: dir, geoidHeightM: GEOID_M });
    const report = await buildBuildingTileset(createRandomBoxes(20, 2), { outDir: dir, geoidHeightM: GEOID_M });
    expect(report.buildingCount).toBe(20);
    expect(fs.readdirSync(root)).toEqual(['tiles']);
  });

  it('gives simplified content by default to the inner tiles over more than COARSE_MAX_BUILDINGS buildings only', async () => {
    const dir = path.join(createTmpDir(), 'tiles');
    const report = await buildBuildingTileset(createRandomBoxes(1500, 4), { outDir: dir, geoidHeightM: GEOID_M, maxBuildingsPerTile: 100 });
    const tileset = readTileset(dir);
    expect(tileset.root).toMatchObject({ refine: 'REPLACE', content: expect.anything() });
    // Subtree sizes from the leaves' property tables: a tile has coarse content exactly when it is over the limit.
    const count = (tile: Tile): number =>
      tile.children ? tile.children.reduce((n, c) => n + count(c), 0) : readPropertyTable(readGlb(new Uint8Array(fs.readFileSync(path.join(dir, tile.content!.uri))))).identificatie.length;
    let coarse = 0;
    for (const { tile } of walk(tileset.root)) {
      if (!tile.children) continue;
      expect(tile.content !== undefined, `inner tile over ${count(tile)} buildings`).toBe(count(tile) > COARSE_MAX_BUILDINGS);
      if (tile.content) coarse++;
    }
    expect(report.coarseContentCount).toBe(coarse);
    expect(coarse).toBeGreaterThan(0);
  });

  it('skips buildings without a footprint area and still writes the rest', async () => {
    const dir = path.join(createTmpDir(), 'tiles');
    const flat: Building = { ...createBox('flat', X0, Y0, 10, 10, 5), footprint: [[[X0, Y0], [X0 + 5, Y0], [X0 + 10, Y0]]] };
    const report = await buildBuildingTileset([flat, createBox('ok', X0 + 20, Y0, 10, 10, 5)], { outDir: dir, geoidHeightM: GEOID_M });
    expect(report).toMatchObject({ buildingCount: 1, skippedBuildingCount: 1 });
  });
});

/** a · b for column-major 4×4 matrices. */
function multiply(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(16).fill(0);
  for (let c = 0; c < 4; c++) for (let r = 0; r < 4; r++) for (let k = 0; k < 4; k++) out[4 * c + r] += a[4 * k + r] * b[4 * c + k];
  return out;
}

/** A box with an imported LoD2 gable-roof mesh (16 triangles, the ridge along x, 2.5 m above the eaves). */
function createGableHouse(id: string, x: number, y: number, w: number, d: number, eavesM: number): Building {
  const box = createBox(id, x, y, w, d, eavesM + 2.5);
  const z0 = box.groundM;
  const z1 = z0 + eavesM;
  const zr = z1 + 2.5;
  // 0–3 ground, 4–7 eaves (SW, SE, NE, NW), 8–9 ridge (W, E).
  const positions = [
    [x, y, z0], [x + w, y, z0], [x + w, y + d, z0], [x, y + d, z0],
    [x, y, z1], [x + w, y, z1], [x + w, y + d, z1], [x, y + d, z1],
    [x, y + d / 2, zr], [x + w, y + d / 2, zr],
  ].flat();
  const quad = (a: number, b: number, c: number, e: number) => [a, b, c, a, c, e];
  const indices = [
    ...quad(0, 3, 2, 1), // ground, facing down
    ...quad(0, 1, 5, 4), ...quad(2, 3, 7, 6), // long walls
    ...quad(1, 2, 6, 5), 5, 6, 9, ...quad(3, 0, 4, 7), 7, 4, 8, // gable ends
    ...quad(4, 5, 9, 8), ...quad(6, 7, 8, 9), // roof planes
  ];
  const surface = [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2];
  return { ...box, lod2: { lod: '2.2', positions, indices, surface } };
}

describe('buildBuildingTileset with coarseContent (HLOD)', () => {
  it('gives upper tiles merged LoD1 blocks: fewer triangles than their children hold, and a larger error', async () => {
    const dir = path.join(createTmpDir(), 'tiles');
    const random = createSeededRandom(5);
    const houses = Array.from({ length: 1600 }, (_, i) =>
      createGableHouse(`NL.IMBAG.Pand.${i}`, X0 + (i % 40) * 20 + random() * 4, Y0 + Math.floor(i / 40) * 20 + random() * 4, 8 + random() * 6, 8 + random() * 4, 3 + random() * 12),
    );
    await buildBuildingTileset(houses, { outDir: dir, geoidHeightM: GEOID_M, maxBuildingsPerTile: 100, coarseContent: true, coarseMinBuildings: 0 });
    const tileset = readTileset(dir);
    const contentOf = (tile: Tile) => readGlb(new Uint8Array(fs.readFileSync(path.join(dir, tile.content!.uri))));
    const triangles = (tile: Tile) => {
      const glb = contentOf(tile);
      return readAccessor(glb, glb.json.meshes![0].primitives[0].indices!).length / 3;
    };
    let inner = 0;
    for (const { tile } of walk(tileset.root)) {
      if (!tile.children) {
        expect(new Set(readPropertyTable(contentOf(tile)).lod)).toEqual(new Set(['2.2']));
        continue;
      }
      inner++;
      // Merged: one primitive of LoD1 blocks (the lod column says what is drawn), standing in for the children.
      const glb = contentOf(tile);
      expect(glb.json.meshes).toHaveLength(1);
      expect(glb.json.meshes![0].primitives).toHaveLength(1);
      expect(new Set(readPropertyTable(glb).lod)).toEqual(new Set(['1.2']));
      expect(tile.refine).toBe('REPLACE');
      const below = tile.children.reduce((sum, child) => sum + triangles(child), 0);
      expect(triangles(tile)).toBeLessThan(below);
      for (const child of tile.children) expect(tile.geometricError).toBeGreaterThan(child.geometricError);
    }
    expect(inner).toBeGreaterThanOrEqual(3);
    // The root holds at most COARSE_MAX_BUILDINGS blocks of 10 triangles (4 walls × 2 + a 2-triangle roof).
    expect(triangles(tileset.root)).toBeLessThanOrEqual(COARSE_MAX_BUILDINGS * 10);
  });

  it('gives inner tiles simplified REPLACE content, keeps leaves exact, and keeps errors monotonic', async () => {
    const dir = path.join(createTmpDir(), 'tiles');
    const buildings = createRandomBoxes(2000, 11);
    const report = await buildBuildingTileset(buildings, { outDir: dir, geoidHeightM: GEOID_M, maxBuildingsPerTile: 150, coarseContent: true, coarseMinBuildings: 0 });
    const tileset = readTileset(dir);
    expect(tilesetProblems(tilesetSchema.parse(tileset))).toEqual([]);
    const byId = new Map(buildings.map((b) => [b.id, b]));
    const inLeaves: string[] = [];
    // World transform of each tile = parent's world · own (3D Tiles composes transforms down the tree).
    const visit = (tile: Tile, parentWorld: number[], under: (ids: string[]) => void): string[] => {
      const world = tile.transform ? multiply(parentWorld, tile.transform) : parentWorld;
      const glb = tile.content ? readGlb(new Uint8Array(fs.readFileSync(path.join(dir, tile.content.uri)))) : undefined;
      const ids = glb ? (readPropertyTable(glb).identificatie as string[]) : [];
      if (!tile.children) {
        inLeaves.push(...ids);
        // Exact geometry in the right place: every vertex of a building between its ground and roof.
        const vertices = contentVertices(dir, { ...tile, transform: world });
        for (const v of vertices) {
          const b = byId.get(ids[v.feature])!;
          expect(v.geodetic[2]).toBeGreaterThan(b.groundM + GEOID_M - 1e-3);
          expect(v.geodetic[2]).toBeLessThan(b.groundM + GEOID_M + b.heightM + 1e-3);
        }
        under(ids);
        return ids;
      }
      expect(tile.refine).toBe('REPLACE');
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.length).toBeLessThanOrEqual(COARSE_MAX_BUILDINGS);
      const below: string[] = [];
      for (const child of tile.children) below.push(...visit(child, world, () => {}));
      // Coarse content shows buildings of this subtree only, and each at most once.
      const belowSet = new Set(below);
      expect(ids.every((id) => belowSet.has(id))).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
      // Its vertices lie inside the tile's region.
      const [w, s, e, n, lo, hi] = tile.boundingVolume.region;
      for (const v of contentVertices(dir, { ...tile, transform: world })) {
        expect(v.geodetic[0]).toBeGreaterThanOrEqual(w);
        expect(v.geodetic[0]).toBeLessThanOrEqual(e);
        expect(v.geodetic[1]).toBeGreaterThanOrEqual(s);
        expect(v.geodetic[1]).toBeLessThanOrEqual(n);
        expect(v.geodetic[2]).toBeGreaterThanOrEqual(lo);
        expect(v.geodetic[2]).toBeLessThanOrEqual(hi);
      }
      return below;
    };
    const identity = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
    visit(tileset.root, identity, () => {});
    expect(inLeaves.sort()).toEqual(buildings.map((b) => b.id).sort());
    expect(report.coarseContentCount).toBeGreaterThan(0);
    // Brute force: the root shows exactly the biggest (bbox area × height) of all buildings, as many as a quarter
    // of what its children show (at most 1,000).
    const weight = (b: Building) => {
      const xs = b.footprint[0].map((p) => p[0]);
      const ys = b.footprint[0].map((p) => p[1]);
      return (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys)) * b.heightM;
    };
    const childIds = tileset.root.children!.map((c) => readPropertyTable(readGlb(new Uint8Array(fs.readFileSync(path.join(dir, c.content!.uri))))).identificatie.length);
    const shown = Math.min(COARSE_MAX_BUILDINGS, Math.ceil(childIds.reduce((a, b) => a + b, 0) / 4));
    const biggest = [...buildings].sort((a, b) => weight(b) - weight(a)).slice(0, shown).map((b) => b.id);
    const rootIds = readPropertyTable(readGlb(new Uint8Array(fs.readFileSync(path.join(dir, tileset.root.content!.uri))))).identificatie;
    expect([...rootIds].sort()).toEqual(biggest.sort());
    // Leaving out the others costs at most the tallest of them.
    const omittedMax = Math.max(...buildings.map((b) => b.heightM));
    expect(tileset.root.geometricError).toBeLessThanOrEqual(Math.max(omittedMax, tileset.geometricError));
  });
});
