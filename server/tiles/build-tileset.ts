// Buildings → 3D Tiles 1.1 tileset on disk: quadtree over the RD extent, LoD1 GLB content at the leaves.
// The only file in server/tiles that does I/O; geometry and encoding live in extrude/building-content/glb.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Building, PointRd } from '../contracts/model.ts';
import { normalizePolygon, polygonBbox, polygonCentroid } from '../geo/polygon.ts';
import { buildBuildingContent } from './building-content.ts';
import { buildQuadtree, type QuadtreeNode } from './quadtree.ts';

export const DEFAULT_MAX_BUILDINGS_PER_TILE = 400;
const MAX_DEPTH = 12;

export interface BuildTilesetOptions {
  outDir: string;
  /** NAP → WGS84 ellipsoidal offset (geoid undulation) in metres; ≈ 43 in Demostad. */
  geoidHeightM: number;
  maxBuildingsPerTile?: number;
  onProgress?: (done: number, total: number) => void;
  /** Marks the tileset as synthetic data in `asset.extras`. */
  synthetic?: boolean;
  /** Also write floor caps (see ExtrudeOptions.floor). */
  floor?: boolean;
  /**
   * Give inner tiles simplified content (HLOD): LoD1 blocks of the most prominent buildings below them, refined
   * by REPLACE, with a geometric error that covers what was left out. Off by default: with it a building is in
   * its leaf *and* in coarse parents, and the tileset grows by roughly a third.
   */
  coarseContent?: boolean;
}

/** Most buildings an inner tile's simplified content holds (the biggest by footprint bbox × height). */
export const COARSE_MAX_BUILDINGS = 1000;

export interface TilesetReport {
  /** All tiles in tileset.json, inner ones included. */
  tileCount: number;
  /** Tiles with a GLB. */
  contentCount: number;
  buildingCount: number;
  /** Buildings left out because their footprint has no area. */
  skippedBuildingCount: number;
  /** tileset.json plus every GLB. */
  totalBytes: number;
  /** Level of the deepest tile; 0 when the root is the only tile. */
  depth: number;
  /** Inner tiles that got simplified content (0 unless coarseContent). */
  coarseContentCount: number;
  elapsedMs: number;
}

type Region = [number, number, number, number, number, number];

interface TileJson {
  boundingVolume: { region: Region };
  geometricError: number;
  refine?: 'ADD' | 'REPLACE';
  transform?: number[];
  content?: { uri: string };
  children?: TileJson[];
}

interface Placed {
  building: Building;
  centroid: PointRd;
}

/**
 * Writes `outDir/tileset.json` and `outDir/content/{level}/{x}/{y}.glb`. Everything is built in a sibling
 * temporary directory that is renamed into place at the end, so a reader never sees half a tileset.
 */
export async function buildBuildingTileset(
  buildings: AsyncIterable<Building> | Iterable<Building>,
  options: BuildTilesetOptions,
): Promise<TilesetReport> {
  const started = performance.now();
  const placed: Placed[] = [];
  let skipped = 0;
  for await (const building of buildings) {
    const rings = normalizePolygon(building.footprint);
    if (rings.length === 0) {
      skipped++;
      continue;
    }
    placed.push({ building, centroid: polygonCentroid(rings) });
  }
  const [minX, minY, maxX, maxY] = polygonBbox(placed.flatMap((p) => p.building.footprint));
  // Root error ≈ a quarter of the extent diagonal (≈ 1 km for a 3 km town), halved per level, 0 at leaves.
  const rootError = placed.length > 0 ? Math.max(Math.hypot(maxX - minX, maxY - minY) / 4, 1) : 0;
  const tree = buildQuadtree(placed, (p) => p.centroid, {
    maxItemsPerNode: options.maxBuildingsPerTile ?? DEFAULT_MAX_BUILDINGS_PER_TILE,
    maxDepth: MAX_DEPTH,
  });

  const outDir = resolve(options.outDir);
  const suffix = `${process.pid}-${Date.now()}`;
  const tmpDir = `${outDir}.tmp-${suffix}`;
  /** Per node (coarseContent only): its subtree's biggest buildings and the tallest one not among them. */
  const candidates = new Map<QuadtreeNode<Placed>, { buildings: Building[]; omittedM: number }>();
  const stats = { tileCount: 0, contentCount: 0, coarseCount: 0, bytes: 0, depth: 0, done: 0, written: 0 };
  const writeContent = async (uri: string, glb: Uint8Array): Promise<void> => {
    const file = join(tmpDir, uri);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, glb);
    stats.contentCount++;
    stats.bytes += glb.byteLength;
  };
  try {
    await mkdir(tmpDir, { recursive: true });
    const writeTile = async (node: QuadtreeNode<Placed>): Promise<TileJson | null> => {
      if (node.children.length === 0) return writeLeaf(node);
      const children: TileJson[] = [];
      for (const child of node.children) {
        const tile = await writeTile(child);
        if (tile) children.push(tile);
      }
      if (children.length === 0) return null;
      stats.tileCount++;
      const region = unionRegions(children.map((c) => c.boundingVolume.region));
      // A parent's error must be at least its children's (the refinement assumption of 3D Tiles).
      const childError = Math.max(...children.map((c) => c.geometricError));
      const tile: TileJson = { boundingVolume: { region }, geometricError: Math.max(rootError / 2 ** node.level, childError), children };
      if (!options.coarseContent) return tile;
      // The subtree's biggest buildings are among its children's biggest: merge their short lists, never the
      // whole subtree (which made every level re-sort everything below it).
      const fromChildren = node.children.map((c) => candidates.get(c)).filter((c) => c !== undefined);
      const coarse = coarseSelection(fromChildren.flatMap((c) => c.buildings));
      const omittedM = Math.max(coarse.omittedM, ...fromChildren.map((c) => c.omittedM));
      candidates.set(node, { buildings: coarse.buildings, omittedM });
      const content = buildBuildingContent(coarse.buildings.map(asBlock), { geoidHeightM: options.geoidHeightM });
      if (!content) return tile;
      const uri = `content/${node.level}/${node.x}/${node.y}.glb`;
      await writeContent(uri, content.glb);
      stats.coarseCount++;
      return {
        ...tile,
        boundingVolume: { region: unionRegions([region, content.region]) },
        geometricError: Math.max(tile.geometricError, omittedM, coarse.roofErrorM),
        refine: 'REPLACE',
        transform: content.transform,
        content: { uri },
        // A tile's transform applies on top of its parent's; the children were made with absolute (ENU→ECEF)
        // transforms, so take ours back out of theirs.
        children: children.map((c) => ({ ...c, transform: relativeTransform(content.transform, c.transform ?? IDENTITY) })),
      };
    };
    const writeLeaf = async (node: QuadtreeNode<Placed>): Promise<TileJson | null> => {
      if (options.coarseContent) {
        const coarse = coarseSelection(node.items.map((p) => p.building));
        candidates.set(node, { buildings: coarse.buildings, omittedM: coarse.omittedM });
      }
      const content = buildBuildingContent(
        node.items.map((p) => p.building),
        { geoidHeightM: options.geoidHeightM, floor: options.floor },
      );
      stats.done += node.items.length;
      options.onProgress?.(stats.done, placed.length);
      if (!content) return null;
      // Level, x and y are numbers we made, never input, so the path cannot leave tmpDir.
      const uri = `content/${node.level}/${node.x}/${node.y}.glb`;
      await writeContent(uri, content.glb);
      stats.tileCount++;
      stats.depth = Math.max(stats.depth, node.level);
      stats.written += content.featureIds.length;
      skipped += content.skippedIds.length;
      return { boundingVolume: { region: content.region }, geometricError: 0, transform: content.transform, content: { uri } };
    };

    const root = tree ? await writeTile(tree) : null;
    const tileset = {
      asset: {
        version: '1.1',
        generator: 'tweeling',
        ...(options.synthetic ? { extras: { synthetic: true, note: 'Synthetic demo data, not a real municipality' } } : {}),
      },
      extras: { geoidHeightM: options.geoidHeightM, buildingCount: stats.written },
      geometricError: root ? Math.max(rootError, root.geometricError) * 2 : 0,
      root: {
        ...(root ?? { boundingVolume: { region: [0, 0, 0, 0, 0, 0] as Region }, geometricError: 0 }),
        // ADD, not REPLACE: only leaves have content, each building is in exactly one leaf, and no parent holds
        // a coarser version to swap out. With ADD a leaf shows as soon as it loads instead of waiting for all
        // its siblings. With coarseContent the root holds simplified content and says REPLACE itself.
        refine: root?.refine ?? ('ADD' as const),
      },
    };
    const json = JSON.stringify(tileset);
    await writeFile(join(tmpDir, 'tileset.json'), json);
    stats.bytes += Buffer.byteLength(json);
    await swapIntoPlace(tmpDir, outDir, `${outDir}.old-${suffix}`);
  } catch (error) {
    await rm(tmpDir, { recursive: true, force: true });
    throw error;
  }
  return {
    tileCount: stats.tileCount,
    contentCount: stats.contentCount,
    buildingCount: stats.written,
    skippedBuildingCount: skipped,
    totalBytes: stats.bytes,
    depth: stats.depth,
    coarseContentCount: stats.coarseCount,
    elapsedMs: performance.now() - started,
  };
}

/** Rename is atomic per directory; an existing tileset is moved aside first (a directory can't be renamed over a full one). */
async function swapIntoPlace(tmpDir: string, outDir: string, oldDir: string): Promise<void> {
  let hadOld = false;
  try {
    await rename(outDir, oldDir);
    hadOld = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await rename(tmpDir, outDir);
  if (hadOld) await rm(oldDir, { recursive: true, force: true });
}

function unionRegions(regions: readonly Region[]): Region {
  const out: Region = [Infinity, Infinity, -Infinity, -Infinity, Infinity, -Infinity];
  for (const r of regions) {
    for (const k of [0, 1, 4] as const) out[k] = Math.min(out[k], r[k]);
    for (const k of [2, 3, 5] as const) out[k] = Math.max(out[k], r[k]);
  }
  return out;
}

/**
 * The buildings an inner tile shows as LoD1 blocks: the biggest (footprint bbox area × height) up to
 * COARSE_MAX_BUILDINGS. omittedM is the tallest building left out; roofErrorM how far a kept building's imported
 * roof rises above its block. Both are what the simplified tile hides, so they bound its geometric error.
 */
export function coarseSelection(buildings: readonly Building[]): { buildings: Building[]; omittedM: number; roofErrorM: number } {
  const weight = (b: Building): number => {
    const [x0, y0, x1, y1] = polygonBbox(b.footprint);
    return (x1 - x0) * (y1 - y0) * b.heightM;
  };
  const sorted = [...buildings].sort((a, b) => weight(b) - weight(a));
  const kept = sorted.slice(0, COARSE_MAX_BUILDINGS);
  let omittedM = 0;
  for (const b of sorted.slice(COARSE_MAX_BUILDINGS)) omittedM = Math.max(omittedM, b.heightM);
  let roofErrorM = 0;
  for (const b of kept) {
    if (!b.lod2) continue;
    let maxZ = -Infinity;
    for (let i = 2; i < b.lod2.positions.length; i += 3) maxZ = Math.max(maxZ, b.lod2.positions[i]);
    roofErrorM = Math.max(roofErrorM, maxZ - (b.groundM + b.heightM));
  }
  return { buildings: kept, omittedM, roofErrorM };
}

/** Blocks only in coarse tiles: the mesh is for the leaves; source attributes stay out to keep them small. */
function asBlock({ lod2: _mesh, attributes: _attributes, ...b }: Building): Building {
  return b;
}

const IDENTITY = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

/** parent⁻¹ · child for rigid column-major transforms (rotation + translation), so child content keeps its place. */
function relativeTransform(parent: readonly number[], child: readonly number[]): number[] {
  // Inverse of a rigid transform: transpose the rotation, rotate the negated translation.
  const inv = [
    parent[0], parent[4], parent[8], 0,
    parent[1], parent[5], parent[9], 0,
    parent[2], parent[6], parent[10], 0,
    0, 0, 0, 1,
  ];
  const [tx, ty, tz] = [parent[12], parent[13], parent[14]];
  inv[12] = -(inv[0] * tx + inv[4] * ty + inv[8] * tz);
  inv[13] = -(inv[1] * tx + inv[5] * ty + inv[9] * tz);
  inv[14] = -(inv[2] * tx + inv[6] * ty + inv[10] * tz);
  const out = new Array<number>(16).fill(0);
  for (let c = 0; c < 4; c++) for (let r = 0; r < 4; r++) for (let k = 0; k < 4; k++) out[4 * c + r] += inv[4 * k + r] * child[4 * c + k];
  return out;
}
