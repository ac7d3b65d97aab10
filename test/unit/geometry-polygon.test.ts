import { describe, it, expect } from 'vitest';
import type { PointRd, RingRd } from '../../server/contracts/model.ts';
import { normalizePolygon, polygonArea, polygonBbox, polygonCentroid, ringSignedArea } from '../../server/geo/polygon.ts';
import { triangulatePolygon } from '../../server/geo/triangulate-polygon.ts';

// Large RD-like offsets on purpose: precision loss shows up there first.
const X0 = 155_000;
const Y0 = 463_000;
const at = (ring: [number, number][]): RingRd => ring.map(([x, y]): PointRd => [X0 + x, Y0 + y]);

function createLShape(): RingRd[] {
  // 20 × 20 minus the 10 × 10 north-east corner: area 300, concave at (10, 10).
  return [at([[0, 0], [20, 0], [20, 10], [10, 10], [10, 20], [0, 20]])];
}

function createSquareWithHole(): RingRd[] {
  // 30 × 30 with a 10 × 10 courtyard (clockwise, per the contract): area 800.
  return [at([[0, 0], [30, 0], [30, 30], [0, 30]]), at([[10, 10], [10, 20], [20, 20], [20, 10]])];
}

function trianglesAreas(polygon: RingRd[]): number[] {
  const points = polygon.flat();
  const triangles = triangulatePolygon(polygon);
  const areas: number[] = [];
  for (let t = 0; t < triangles.length; t += 3) {
    const [a, b, c] = [points[triangles[t]], points[triangles[t + 1]], points[triangles[t + 2]]];
    areas.push(((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])) / 2);
  }
  return areas;
}

describe('triangulatePolygon', () => {
  it('covers a concave L-shape exactly with counter-clockwise triangles', () => {
    const areas = trianglesAreas(createLShape());
    expect(areas.every((a) => a > 0)).toBe(true);
    expect(Math.abs(areas.reduce((s, a) => s + a, 0) - 300)).toBeLessThan(1e-9);
  });

  it('covers a square with a square hole exactly (outer minus hole)', () => {
    const polygon = createSquareWithHole();
    const areas = trianglesAreas(polygon);
    expect(areas.every((a) => a > 0)).toBe(true);
    expect(Math.abs(areas.reduce((s, a) => s + a, 0) - polygonArea(polygon))).toBeLessThan(1e-9);
    expect(polygonArea(polygon)).toBeCloseTo(800, 9);
  });

  it('returns counter-clockwise triangles for a clockwise outer ring too', () => {
    const areas = trianglesAreas([createLShape()[0].slice().reverse()]);
    expect(areas.every((a) => a > 0)).toBe(true);
    expect(Math.abs(areas.reduce((s, a) => s + a, 0) - 300)).toBeLessThan(1e-9);
  });

  it('returns no triangles for a degenerate ring instead of throwing', () => {
    expect(triangulatePolygon([at([[0, 0], [1, 1], [2, 2]])])).toEqual([]);
    expect(triangulatePolygon([])).toEqual([]);
  });
});

describe('normalizePolygon', () => {
  it('orients the outer ring counter-clockwise and holes clockwise', () => {
    const [outer, hole] = createSquareWithHole();
    const rings = normalizePolygon([outer.slice().reverse(), hole.slice().reverse()]);
    expect(ringSignedArea(rings[0])).toBeGreaterThan(0);
    expect(ringSignedArea(rings[1])).toBeLessThan(0);
  });

  it('drops repeated points, a repeated closing point and zero-area holes', () => {
    const ring = at([[0, 0], [0, 0], [10, 0], [10, 10], [10, 10], [0, 10], [0, 0]]);
    const flatHole = at([[2, 2], [4, 2], [6, 2]]);
    const rings = normalizePolygon([ring, flatHole]);
    expect(rings).toHaveLength(1);
    expect(rings[0]).toHaveLength(4);
  });

  it('returns nothing for an outer ring without area', () => {
    expect(normalizePolygon([at([[0, 0], [5, 0], [10, 0]])])).toEqual([]);
    expect(normalizePolygon([at([[1, 1], [1, 1], [1, 1]])])).toEqual([]);
  });
});

describe('polygonCentroid and polygonBbox', () => {
  it('puts the centroid of an L-shape where the two rectangles balance', () => {
    // Rectangles 20×10 (centre 10,5; area 200) and 10×10 (centre 5,15; area 100).
    const [cx, cy] = polygonCentroid(createLShape());
    expect(cx - X0).toBeCloseTo((10 * 200 + 5 * 100) / 300, 9);
    expect(cy - Y0).toBeCloseTo((5 * 200 + 15 * 100) / 300, 9);
  });

  it('keeps a symmetric courtyard building centred', () => {
    const [cx, cy] = polygonCentroid(createSquareWithHole());
    expect(cx - X0).toBeCloseTo(15, 9);
    expect(cy - Y0).toBeCloseTo(15, 9);
  });

  it('bounds every ring', () => {
    expect(polygonBbox(createLShape())).toEqual([X0, Y0, X0 + 20, Y0 + 20]);
  });
});
