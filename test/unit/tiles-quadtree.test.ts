import { describe, it, expect } from 'vitest';
import type { PointRd } from '../../server/contracts/model.ts';
import { buildQuadtree, walkQuadtree } from '../../server/tiles/quadtree.ts';

const byPoint = (p: PointRd): PointRd => p;

describe('buildQuadtree', () => {
  it('returns null for no items', () => {
    expect(buildQuadtree<PointRd>([], byPoint, { maxItemsPerNode: 4, maxDepth: 8 })).toBeNull();
  });

  it('keeps each item in exactly one leaf, inside the leaf square', () => {
    const points: PointRd[] = Array.from({ length: 500 }, (_, i) => [155_000 + ((i * 37) % 101) * 10, 463_000 + ((i * 53) % 97) * 10]);
    const root = buildQuadtree(points, byPoint, { maxItemsPerNode: 20, maxDepth: 10 })!;
    const leaves = [...walkQuadtree(root)].filter((n) => n.children.length === 0);
    expect(leaves.reduce((s, n) => s + n.items.length, 0)).toBe(points.length);
    for (const leaf of leaves) {
      expect(leaf.items.length).toBeLessThanOrEqual(20);
      for (const [x, y] of leaf.items) {
        expect(x >= leaf.bbox[0] && x <= leaf.bbox[2] && y >= leaf.bbox[1] && y <= leaf.bbox[3]).toBe(true);
      }
    }
  });

  it('numbers children from their parent (2x + east, 2y + north)', () => {
    const points: PointRd[] = [[0, 0], [100, 0], [0, 100], [100, 100]];
    const root = buildQuadtree(points, byPoint, { maxItemsPerNode: 1, maxDepth: 4 })!;
    expect(root.children.map((c) => [c.level, c.x, c.y, c.items])).toEqual([
      [1, 0, 0, [[0, 0]]],
      [1, 1, 0, [[100, 0]]],
      [1, 0, 1, [[0, 100]]],
      [1, 1, 1, [[100, 100]]],
    ]);
  });

  it('stops at maxDepth when many items share one point instead of recursing forever', () => {
    const points: PointRd[] = [...Array.from({ length: 50 }, (): PointRd => [10, 10]), [500, 500]];
    const root = buildQuadtree(points, byPoint, { maxItemsPerNode: 5, maxDepth: 6 })!;
    const deepest = Math.max(...[...walkQuadtree(root)].map((n) => n.level));
    expect(deepest).toBe(6);
  });
});
