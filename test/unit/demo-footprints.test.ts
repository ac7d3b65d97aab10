import earcut from 'earcut';
import { describe, expect, it } from 'vitest';
import type { Municipality, PointRd, PolygonRd, RingRd } from '../../server/contracts/model.ts';
import { generateDemostad } from '../../server/demo/generate-demostad.ts';

function createTown(): Municipality {
  return generateDemostad({ seed: 1, scale: 0.3 });
}

const town = createTown();

// Independent geometry for the oracle, deliberately not the generator's own helpers.
function signedArea(ring: RingRd): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % ring.length];
    s += x1 * y2 - x2 * y1;
  }
  return s / 2;
}

function inRing([x, y]: PointRd, ring: RingRd): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(p: PointRd, polygon: PolygonRd): boolean {
  return inRing(p, polygon[0]) && polygon.slice(1).every((hole) => !inRing(p, hole));
}

const orient = (a: PointRd, b: PointRd, c: PointRd): number => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);

/**
 * Segments cross at a single interior point of both. Touching and collinear overlap do not count, with a
 * 5 mm tolerance because shared party walls are only collinear up to the millimetre rounding.
 */
function properlyCross(a: PointRd, b: PointRd, c: PointRd, d: PointRd): boolean {
  const eps = 0.005;
  const lab = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const lcd = Math.hypot(d[0] - c[0], d[1] - c[1]);
  const d1 = orient(c, d, a) / lcd;
  const d2 = orient(c, d, b) / lcd;
  const d3 = orient(a, b, c) / lab;
  const d4 = orient(a, b, d) / lab;
  return ((d1 > eps && d2 < -eps) || (d1 < -eps && d2 > eps)) && ((d3 > eps && d4 < -eps) || (d3 < -eps && d4 > eps));
}

function edges(polygon: PolygonRd): [PointRd, PointRd][] {
  return polygon.flatMap((ring) => ring.map((p, i): [PointRd, PointRd] => [p, ring[(i + 1) % ring.length]]));
}

/** Centroids of the polygon's triangles: points well inside it. */
function interiorPoints(polygon: PolygonRd): PointRd[] {
  const flat = polygon.flat(2);
  const holes: number[] = [];
  let n = 0;
  for (const ring of polygon.slice(0, -1)) {
    n += ring.length;
    holes.push(n);
  }
  const idx = earcut(flat, holes.length ? holes : undefined, 2);
  const pts: PointRd[] = [];
  for (let i = 0; i < idx.length; i += 3) {
    const [a, b, c] = [idx[i], idx[i + 1], idx[i + 2]];
    pts.push([(flat[2 * a] + flat[2 * b] + flat[2 * c]) / 3, (flat[2 * a + 1] + flat[2 * b + 1] + flat[2 * c + 1]) / 3]);
  }
  return pts;
}

function polygonsOverlap(p: PolygonRd, q: PolygonRd): boolean {
  for (const [a, b] of edges(p)) for (const [c, d] of edges(q)) if (properlyCross(a, b, c, d)) return true;
  return interiorPoints(p).some((x) => inPolygon(x, q)) || interiorPoints(q).some((x) => inPolygon(x, p));
}

function bbox(polygon: PolygonRd): [number, number, number, number] {
  const xs = polygon[0].map((p) => p[0]);
  const ys = polygon[0].map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function selfIntersects(ring: RingRd): boolean {
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      const [a, b, c, d] = [ring[i], ring[(i + 1) % n], ring[j], ring[(j + 1) % n]];
      if (properlyCross(a, b, c, d)) return true;
      // Touching at a vertex counts too for non-adjacent edges.
      if (Math.abs(orient(c, d, a)) < 1e-9 && Math.min(c[0], d[0]) <= a[0] && a[0] <= Math.max(c[0], d[0]) && Math.min(c[1], d[1]) <= a[1] && a[1] <= Math.max(c[1], d[1])) return true;
    }
  }
  return false;
}

describe('Demostad building footprints', () => {
  it('have rings that are closed without repeating the first point', () => {
    for (const b of town.buildings) {
      for (const ring of b.footprint) {
        expect(ring.length).toBeGreaterThanOrEqual(3);
        const first = ring[0];
        const last = ring[ring.length - 1];
        expect(first[0] === last[0] && first[1] === last[1]).toBe(false);
      }
    }
  });

  it('have counter-clockwise outer rings and clockwise holes', () => {
    for (const b of town.buildings) {
      expect(signedArea(b.footprint[0])).toBeGreaterThan(0);
      for (const hole of b.footprint.slice(1)) expect(signedArea(hole)).toBeLessThan(0);
    }
  });

  it('do not intersect themselves', () => {
    const bad = town.buildings.filter((b) => b.footprint.some(selfIntersects));
    expect(bad.map((b) => b.id)).toEqual([]);
  });

  it('keep their holes inside the outer ring', () => {
    for (const b of town.buildings) {
      for (const hole of b.footprint.slice(1)) {
        for (const p of hole) expect(inRing(p, b.footprint[0])).toBe(true);
      }
    }
  });

  it('include courtyard blocks (holes) and concave L, T and U shapes', () => {
    const withHoles = town.buildings.filter((b) => b.footprint.length > 1);
    const concave = town.buildings.filter((b) => {
      const ring = b.footprint[0];
      return ring.some((p, i) => orient(ring[(i + ring.length - 1) % ring.length], p, ring[(i + 1) % ring.length]) < 0);
    });
    expect(withHoles.length).toBeGreaterThan(0);
    expect(concave.length).toBeGreaterThan(town.buildings.length * 0.05);
  });

  it('do not overlap each other', () => {
    const items = town.buildings.map((b) => ({ id: b.id, polygon: b.footprint, box: bbox(b.footprint) })).sort((p, q) => p.box[0] - q.box[0]);
    const overlaps: string[] = [];
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length && items[j].box[0] < items[i].box[2]; j++) {
        const [a, b] = [items[i].box, items[j].box];
        if (a[1] >= b[3] || b[1] >= a[3]) continue;
        if (polygonsOverlap(items[i].polygon, items[j].polygon)) overlaps.push(`${items[i].id} ${items[j].id}`);
      }
    }
    expect(overlaps).toEqual([]);
  });

  it('stay off the streets and out of the water', () => {
    const cell = 50;
    const grid = new Map<string, [PointRd, PointRd][]>();
    for (const s of town.streets) {
      for (let k = 1; k < s.line.length; k++) {
        const [a, b] = [s.line[k - 1], s.line[k]];
        for (let x = Math.floor(Math.min(a[0], b[0]) / cell) - 1; x <= Math.floor(Math.max(a[0], b[0]) / cell) + 1; x++) {
          for (let y = Math.floor(Math.min(a[1], b[1]) / cell) - 1; y <= Math.floor(Math.max(a[1], b[1]) / cell) + 1; y++) {
            const key = `${x},${y}`;
            grid.set(key, [...(grid.get(key) ?? []), [a, b]]);
          }
        }
      }
    }
    const distToSegment = (p: PointRd, a: PointRd, b: PointRd): number => {
      const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
      const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy || 1)));
      return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
    };
    const water = town.areas.filter((a) => a.kind === 'water');
    const problems: string[] = [];
    for (const b of town.buildings) {
      const probe = [...b.footprint[0], ...interiorPoints(b.footprint)];
      for (const p of probe) {
        const near = grid.get(`${Math.floor(p[0] / cell)},${Math.floor(p[1] / cell)}`) ?? [];
        // Every street is at least 3 m wide, so a building point within 1.5 m of a centreline is on it.
        if (near.some(([a, c]) => distToSegment(p, a, c) < 1.5)) problems.push(`${b.id} on a street`);
        if (water.some((w) => inPolygon(p, w.polygon))) problems.push(`${b.id} in ${water.find((w) => inPolygon(p, w.polygon))?.name}`);
      }
      for (const [a, c] of edges(b.footprint)) {
        const near = grid.get(`${Math.floor(a[0] / cell)},${Math.floor(a[1] / cell)}`) ?? [];
        if (near.some(([s0, s1]) => properlyCross(a, c, s0, s1))) problems.push(`${b.id} crossed by a street`);
      }
    }
    expect([...new Set(problems)]).toEqual([]);
  });

  it('have plausible heights, years and dwellings per function', () => {
    for (const b of town.buildings) {
      expect(b.heightM).toBeGreaterThan(2.5);
      expect(b.heightM).toBeLessThan(60);
      expect(b.groundM).toBeGreaterThanOrEqual(2);
      expect(b.groundM).toBeLessThanOrEqual(4);
      expect(b.id).toMatch(/^NL\.IMBAG\.Pand\.\d{16}$/);
      if (b.function === 'woning') expect(b.dwellings).toBeGreaterThan(0);
      if (b.function === 'industrie' || b.function === 'kantoor') expect(b.dwellings).toBe(0);
    }
    expect(new Set(town.buildings.map((b) => b.id)).size).toBe(town.buildings.length);
    const flats = town.buildings.filter((b) => b.dwellings >= 16);
    expect(flats.length).toBeGreaterThan(0);
    expect(Math.min(...flats.map((b) => b.heightM))).toBeGreaterThanOrEqual(9);
  });
});
