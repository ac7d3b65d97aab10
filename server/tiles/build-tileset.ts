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
}

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
  const stats = { tileCount: 0, contentCount: 0, bytes: 0, depth: 0, done: 0, written: 0 };
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
      return {
        boundingVolume: { region: unionRegions(children.map((c) => c.boundingVolume.region)) },
        geometricError: rootError / 2 ** node.level,
        children,
      };
    };
    const writeLeaf = async (node: QuadtreeNode<Placed>): Promise<TileJson | null> => {
      const content = buildBuildingContent(
        node.items.map((p) => p.building),
        { geoidHeightM: options.geoidHeightM, floor: options.floor },
      );
      stats.done += node.items.length;
      options.onProgress?.(stats.done, placed.length);
      if (!content) return null;
      // Level, x and y are numbers we made, never input, so the path cannot leave tmpDir.
      const uri = `content/${node.level}/${node.x}/${node.y}.glb`;
      const file = join(tmpDir, uri);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content.glb);
      stats.tileCount++;
      stats.contentCount++;
      stats.bytes += content.glb.byteLength;
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
      geometricError: root ? rootError * 2 : 0,
      root: {
        ...(root ?? { boundingVolume: { region: [0, 0, 0, 0, 0, 0] as Region }, geometricError: 0 }),
        // ADD, not REPLACE: only leaves have content, each building is in exactly one leaf, and no parent holds
        // a coarser version to swap out. With ADD a leaf shows as soon as it loads instead of waiting for all
        // its siblings, and a future coarse LoD0 parent could be added without changing the leaves.
        refine: 'ADD' as const,
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
