// Buildings → 3D Tiles 1.1 tileset on disk: quadtree over the RD extent, LoD1/LoD2 GLB content at the leaves,
// optionally merged LoD1 blocks on inner tiles. Geometry and encoding live in extrude/building-content/glb, the
// file handling in tileset-writer, what an update compares against in tile-manifest.
import { resolve } from 'node:path';
import type { BboxRd, Building, PointRd } from '../contracts/model.ts';
import { normalizePolygon, polygonBbox, polygonCentroid } from '../geo/polygon.ts';
import { buildBuildingContent, type BuildingContent } from './building-content.ts';
import { buildQuadtree, insideSquare, rootSquareOf, type QuadtreeNode } from './quadtree.ts';
import {
  buildingFingerprint,
  contentKey,
  CONTENT_VERSION,
  readTileManifest,
  sameSettings,
  TILE_MANIFEST_FILE,
  type TileManifest,
  type TileManifestEntry,
  type TileSettings,
} from './tile-manifest.ts';
import { fullTilesetWriter, updateTilesetWriter } from './tileset-writer.ts';

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
   * by REPLACE, with a geometric error that covers what was left out. On by default: without it a view of the
   * whole town must load every leaf (all buildings at full detail) before anything is left out; with it a
   * distant view loads the root's ≤ 1,000 blocks. The price: a building is in its leaf *and* in coarse parents,
   * and the tileset grows by roughly a third (see the tiling benchmark).
   */
  coarseContent?: boolean;
  /**
   * With coarseContent, only inner tiles over more buildings than this get simplified content. Default
   * COARSE_MAX_BUILDINGS: below it a coarse tile would hold every building of its subtree — for LoD1 data the
   * same triangles as its leaves, a pure duplicate — and a distant view loading those few leaves costs little.
   */
  coarseMinBuildings?: number;
  /**
   * Update the tileset in outDir in place: keep the earlier build's quadtree root and rewrite only the content
   * files whose buildings changed (plus tileset.json). Falls back to a full build, saying why in the report, when
   * there is no earlier manifest, the settings differ or a building lies outside the earlier root square.
   */
  update?: boolean;
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
  /** 'update' when the earlier tileset was updated in place, 'full' when everything was built. */
  mode: 'full' | 'update';
  /** Why an update was done as a full build. */
  fullBuildReason?: string;
  /** Content files written by this run (all of them in a full build). */
  writtenContentCount: number;
  /** Content files of the earlier tileset removed by an update. */
  removedContentCount: number;
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
 * Writes `outDir/tileset.json`, `outDir/content/{level}/{x}/{y}-{key}.glb` and the manifest an update compares
 * against. A content file's name carries its content key, so an update never overwrites a file a reader of the
 * previous tileset.json may still ask for.
 */
export async function buildBuildingTileset(
  buildings: AsyncIterable<Building> | Iterable<Building>,
  options: BuildTilesetOptions,
): Promise<TilesetReport> {
  const started = performance.now();
  const placed: Placed[] = [];
  const fingerprints = new Map<string, string>();
  let skipped = 0;
  for await (const building of buildings) {
    const rings = normalizePolygon(building.footprint);
    if (rings.length === 0) {
      skipped++;
      continue;
    }
    placed.push({ building, centroid: polygonCentroid(rings) });
    fingerprints.set(building.id, buildingFingerprint(building));
  }
  // Content must not depend on the order buildings come in (a store may reorder on update): tiles list them by id.
  placed.sort((a, b) => (a.building.id < b.building.id ? -1 : a.building.id > b.building.id ? 1 : 0));
  const settings: TileSettings = {
    contentVersion: CONTENT_VERSION,
    geoidHeightM: options.geoidHeightM,
    floor: options.floor === true,
    coarseContent: options.coarseContent ?? true,
    coarseMinBuildings: options.coarseMinBuildings ?? COARSE_MAX_BUILDINGS,
    maxBuildingsPerTile: options.maxBuildingsPerTile ?? DEFAULT_MAX_BUILDINGS_PER_TILE,
  };
  const outDir = resolve(options.outDir);
  const plan = options.update ? await planUpdate(outDir, settings, placed) : undefined;
  const previous = plan && 'manifest' in plan ? plan.manifest : undefined;

  const [minX, minY, maxX, maxY] = polygonBbox(placed.flatMap((p) => p.building.footprint));
  // Root error ≈ a quarter of the extent diagonal (≈ 1 km for a 3 km town), halved per level, 0 at leaves.
  const rootError = previous?.rootError ?? (placed.length > 0 ? Math.max(Math.hypot(maxX - minX, maxY - minY) / 4, 1) : 0);
  const rootSquare = previous?.rootSquare ?? (placed.length > 0 ? rootSquareOf(centroidBbox(placed)) : ([0, 0, 1, 1] as BboxRd));
  const tree = buildQuadtree(placed, (p) => p.centroid, { maxItemsPerNode: settings.maxBuildingsPerTile, maxDepth: MAX_DEPTH, rootSquare });

  const writer = previous ? updateTilesetWriter(outDir) : fullTilesetWriter(outDir);
  const manifestTiles: Record<string, TileManifestEntry> = {};
  /**
   * Per node (coarseContent only): its subtree's biggest buildings, the tallest one not among them, the subtree's
   * size and how many buildings the node shows (all of them in a leaf).
   */
  const candidates = new Map<QuadtreeNode<Placed>, { buildings: Building[]; omittedM: number; count: number; shown: number }>();
  const stats = { tileCount: 0, contentCount: 0, coarseCount: 0, bytes: 0, depth: 0, done: 0, written: 0, rewritten: 0 };

  /** The node's content entry: the earlier build's when its key is unchanged, else newly built and written. */
  const contentOf = async (node: QuadtreeNode<Placed>, kind: 'leaf' | 'coarse', rows: readonly Building[], build: () => BuildingContent | null) => {
    // Level, x and y are numbers we made, never input, so the path cannot leave the tileset directory.
    const address = `${node.level}/${node.x}/${node.y}`;
    const key = contentKey(address, kind, rows.map((b) => b.id), fingerprints);
    let entry: TileManifestEntry | undefined = previous?.tiles[address];
    if (entry?.key !== key) {
      const content = build();
      if (!content) return undefined;
      entry = {
        key,
        uri: `content/${address}-${key.slice(0, 12)}.glb`,
        region: content.region,
        transform: content.transform,
        features: content.featureIds.length,
        skipped: content.skippedIds.length,
        bytes: content.glb.byteLength,
      };
      await writer.writeContent(entry.uri, content.glb);
      stats.rewritten++;
    }
    manifestTiles[address] = entry;
    stats.contentCount++;
    stats.bytes += entry.bytes;
    return entry;
  };

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
    if (!settings.coarseContent) return tile;
    // The subtree's biggest buildings are among its children's biggest: merge their short lists, never the
    // whole subtree (which made every level re-sort everything below it).
    const fromChildren = node.children.map((c) => candidates.get(c)).filter((c) => c !== undefined);
    const count = fromChildren.reduce((n, c) => n + c.count, 0);
    // A quarter of what the children show (at most COARSE_MAX_BUILDINGS): each level holds about a quarter of the
    // level below, so all coarse content together stays near a third of the leaves.
    const shown = Math.min(COARSE_MAX_BUILDINGS, Math.ceil(fromChildren.reduce((n, c) => n + c.shown, 0) / 4));
    const coarse = coarseSelection(fromChildren.flatMap((c) => c.buildings), shown);
    candidates.set(node, { buildings: coarse.buildings, omittedM: Math.max(coarse.omittedM, ...fromChildren.map((c) => c.omittedM)), count, shown });
    if (count <= settings.coarseMinBuildings) return tile;
    // Left out of the drawing: whatever never made a candidate list below, and the candidates not drawn.
    const omittedM = Math.max(coarse.drawnOmittedM, ...fromChildren.map((c) => c.omittedM));
    const content = await contentOf(node, 'coarse', coarse.drawn, () =>
      buildBuildingContent(coarse.drawn.map(asBlock), { geoidHeightM: options.geoidHeightM }),
    );
    if (!content) return tile;
    stats.coarseCount++;
    return {
      ...tile,
      boundingVolume: { region: unionRegions([region, content.region as Region]) },
      geometricError: Math.max(tile.geometricError, omittedM, coarse.roofErrorM),
      refine: 'REPLACE',
      transform: content.transform,
      content: { uri: content.uri },
      // A tile's transform applies on top of its parent's; the children were made with absolute (ENU→ECEF)
      // transforms, so take ours back out of theirs.
      children: children.map((c) => ({ ...c, transform: relativeTransform(content.transform, c.transform ?? IDENTITY) })),
    };
  };
  const writeLeaf = async (node: QuadtreeNode<Placed>): Promise<TileJson | null> => {
    const rows = node.items.map((p) => p.building);
    if (settings.coarseContent) {
      const coarse = coarseSelection(rows);
      candidates.set(node, { buildings: coarse.buildings, omittedM: coarse.omittedM, count: rows.length, shown: rows.length });
    }
    const content = await contentOf(node, 'leaf', rows, () => buildBuildingContent(rows, { geoidHeightM: options.geoidHeightM, floor: options.floor }));
    stats.done += rows.length;
    options.onProgress?.(stats.done, placed.length);
    if (!content) return null;
    stats.tileCount++;
    stats.depth = Math.max(stats.depth, node.level);
    stats.written += content.features;
    skipped += content.skipped;
    return { boundingVolume: { region: content.region as Region }, geometricError: 0, transform: content.transform, content: { uri: content.uri } };
  };

  let removed = 0;
  try {
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
    stats.bytes += Buffer.byteLength(json);
    const manifest: TileManifest = { format: 1, settings, rootSquare, rootError, tiles: manifestTiles };
    const keep = new Set(Object.values(manifestTiles).map((t) => t.uri));
    ({ removed } = await writer.commit({ 'tileset.json': json, [TILE_MANIFEST_FILE]: JSON.stringify(manifest) }, keep));
  } catch (error) {
    await writer.abort();
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
    mode: previous ? 'update' : 'full',
    ...(plan && 'reason' in plan ? { fullBuildReason: plan.reason } : {}),
    writtenContentCount: stats.rewritten,
    removedContentCount: removed,
    elapsedMs: performance.now() - started,
  };
}

/** The earlier manifest when an update can build on it, or why not. */
async function planUpdate(outDir: string, settings: TileSettings, placed: readonly Placed[]): Promise<{ manifest: TileManifest } | { reason: string }> {
  const found = await readTileManifest(outDir);
  if (!('manifest' in found)) return found;
  if (!sameSettings(found.manifest.settings, settings)) return { reason: 'the tiling settings changed since the earlier build' };
  const outside = placed.find((p) => !insideSquare(found.manifest.rootSquare, p.centroid));
  if (outside) return { reason: `building ${outside.building.id} lies outside the earlier tileset's extent` };
  return found;
}

function centroidBbox(placed: readonly Placed[]): BboxRd {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { centroid } of placed) {
    minX = Math.min(minX, centroid[0]);
    minY = Math.min(minY, centroid[1]);
    maxX = Math.max(maxX, centroid[0]);
    maxY = Math.max(maxY, centroid[1]);
  }
  return [minX, minY, maxX, maxY];
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
 * The candidates for coarse content (the biggest by footprint bbox area × height, up to COARSE_MAX_BUILDINGS: a
 * parent's biggest are among its children's candidates) and the `drawCount` biggest an inner tile shows as LoD1
 * blocks. omittedM is the tallest building that is no candidate, drawnOmittedM the tallest not drawn; roofErrorM
 * how far a drawn building's imported roof rises above its block. What the simplified tile hides bounds its error.
 */
export function coarseSelection(
  buildings: readonly Building[],
  drawCount = COARSE_MAX_BUILDINGS,
): { buildings: Building[]; drawn: Building[]; omittedM: number; drawnOmittedM: number; roofErrorM: number } {
  const weight = (b: Building): number => {
    const [x0, y0, x1, y1] = polygonBbox(b.footprint);
    return (x1 - x0) * (y1 - y0) * b.heightM;
  };
  // Ties by id, so the selection does not depend on the order buildings come in.
  const sorted = [...buildings].sort((a, b) => weight(b) - weight(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const kept = sorted.slice(0, COARSE_MAX_BUILDINGS);
  let omittedM = 0;
  for (const b of sorted.slice(COARSE_MAX_BUILDINGS)) omittedM = Math.max(omittedM, b.heightM);
  const drawn = kept.slice(0, drawCount);
  let drawnOmittedM = omittedM;
  for (const b of kept.slice(drawCount)) drawnOmittedM = Math.max(drawnOmittedM, b.heightM);
  let roofErrorM = 0;
  for (const b of drawn) {
    if (!b.lod2) continue;
    let maxZ = -Infinity;
    for (let i = 2; i < b.lod2.positions.length; i += 3) maxZ = Math.max(maxZ, b.lod2.positions[i]);
    roofErrorM = Math.max(roofErrorM, maxZ - (b.groundM + b.heightM));
  }
  return { buildings: kept, drawn, omittedM, drawnOmittedM, roofErrorM };
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
