// Point quadtree used to cut a municipality into tiles: a node splits into four square quadrants until it
// holds few enough items. Items are placed by one point (a building's centroid), so an item lives in
// exactly one leaf even when its footprint crosses a quadrant edge.
import type { BboxRd, PointRd } from '../contracts/model.ts';

export interface QuadtreeNode<T> {
  /** 0 at the root. */
  level: number;
  /** Column from the west and row from the south edge of the root square, at this level. */
  x: number;
  y: number;
  /** The node's square in the points' plane. */
  bbox: BboxRd;
  /** Items of a leaf; empty on inner nodes. */
  items: T[];
  /** Non-empty quadrants only, in SW, SE, NW, NE order. */
  children: QuadtreeNode<T>[];
}

export interface QuadtreeOptions {
  maxItemsPerNode: number;
  /** Safety stop for many items sharing a point: such a leaf keeps more than maxItemsPerNode. */
  maxDepth: number;
  /**
   * A fixed root square (e.g. an earlier build's, so a re-tile keeps the same tiles where nothing changed);
   * every point must lie inside it. Default: the smallest square over the points.
   */
  rootSquare?: BboxRd;
}

/** Builds the tree, or returns null for no items. Points must be finite. */
export function buildQuadtree<T>(items: readonly T[], pointOf: (item: T) => PointRd, options: QuadtreeOptions): QuadtreeNode<T> | null {
  if (items.length === 0) return null;
  const entries = items.map((item) => ({ item, point: pointOf(item) }));
  if (options.rootSquare) return split(entries, options.rootSquare, 0, 0, 0, options);
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { point } of entries) {
    minX = Math.min(minX, point[0]);
    minY = Math.min(minY, point[1]);
    maxX = Math.max(maxX, point[0]);
    maxY = Math.max(maxY, point[1]);
  }
  return split(entries, rootSquareOf([minX, minY, maxX, maxY]), 0, 0, 0, options);
}

/** The default root square over points with this bbox. */
export function rootSquareOf([minX, minY, maxX, maxY]: BboxRd): BboxRd {
  // Square tiles keep quadrants the same shape at every level; a tiny margin keeps max-edge points inside.
  const size = Math.max(maxX - minX, maxY - minY, 1) * (1 + 1e-9);
  return [minX, minY, minX + size, minY + size];
}

/** Whether the tree with this root square places the point (quadrants are half-open: west/south edges inside). */
export function insideSquare(square: BboxRd, point: PointRd): boolean {
  return point[0] >= square[0] && point[0] < square[2] && point[1] >= square[1] && point[1] < square[3];
}

function split<T>(entries: { item: T; point: PointRd }[], bbox: BboxRd, level: number, x: number, y: number, options: QuadtreeOptions): QuadtreeNode<T> {
  const node: QuadtreeNode<T> = { level, x, y, bbox, items: [], children: [] };
  if (entries.length <= options.maxItemsPerNode || level >= options.maxDepth) {
    node.items = entries.map((e) => e.item);
    return node;
  }
  const midX = (bbox[0] + bbox[2]) / 2;
  const midY = (bbox[1] + bbox[3]) / 2;
  const quadrants: { item: T; point: PointRd }[][] = [[], [], [], []];
  for (const entry of entries) {
    const east = entry.point[0] >= midX ? 1 : 0;
    const north = entry.point[1] >= midY ? 1 : 0;
    quadrants[north * 2 + east].push(entry);
  }
  quadrants.forEach((quadrant, q) => {
    if (quadrant.length === 0) return;
    const east = q % 2;
    const north = q >> 1;
    const childBbox: BboxRd = [
      east ? midX : bbox[0],
      north ? midY : bbox[1],
      east ? bbox[2] : midX,
      north ? bbox[3] : midY,
    ];
    node.children.push(split(quadrant, childBbox, level + 1, 2 * x + east, 2 * y + north, options));
  });
  return node;
}

/** Every node, parents before children. */
export function* walkQuadtree<T>(node: QuadtreeNode<T>): Generator<QuadtreeNode<T>> {
  yield node;
  for (const child of node.children) yield* walkQuadtree(child);
}
