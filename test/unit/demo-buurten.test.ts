import { describe, expect, it } from 'vitest';
import type { Municipality, PointRd, PolygonRd, RingRd } from '../../server/contracts/model.ts';
import { generateDemostad } from '../../server/demo/generate-demostad.ts';

function createTown(): Municipality {
  return generateDemostad({ seed: 1, scale: 0.3 });
}

const town = createTown();

function area(ring: RingRd): number {
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

function centroid(polygon: PolygonRd): PointRd {
  let [cx, cy, a] = [0, 0, 0];
  for (const ring of polygon) {
    for (let i = 0; i < ring.length; i++) {
      const [x1, y1] = ring[i];
      const [x2, y2] = ring[(i + 1) % ring.length];
      const f = x1 * y2 - x2 * y1;
      cx += (x1 + x2) * f;
      cy += (y1 + y2) * f;
      a += f;
    }
  }
  return [cx / (3 * a), cy / (3 * a)];
}

function extent(): [number, number, number, number] {
  const pts = town.buurten.flatMap((b) => b.polygon[0]);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

describe('Demostad buurten', () => {
  it('number 10 to 15 with CBS-style codes for gemeente 9999', () => {
    expect(town.buurten.length).toBeGreaterThanOrEqual(10);
    expect(town.buurten.length).toBeLessThanOrEqual(15);
    for (const b of town.buurten) expect(b.code).toMatch(/^BU9999[0-9]{2}[0-9]{2}$/);
    expect(new Set(town.buurten.map((b) => b.code)).size).toBe(town.buurten.length);
    expect(new Set(town.buurten.map((b) => b.name)).size).toBe(town.buurten.length);
  });

  it('tile the municipality: areas add up to the square and every sample point is in exactly one', () => {
    const [minX, minY, maxX, maxY] = extent();
    const total = town.buurten.reduce((s, b) => s + area(b.polygon[0]), 0);
    expect(Math.abs(total - (maxX - minX) * (maxY - minY))).toBeLessThan(1);
    for (const b of town.buurten) expect(area(b.polygon[0])).toBeGreaterThan(0);
    const n = 41;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        // Irrational-ish offsets keep sample points off the shared boundaries.
        const p: PointRd = [minX + ((maxX - minX) * (i + 0.5137)) / n, minY + ((maxY - minY) * (j + 0.4729)) / n];
        expect(town.buurten.filter((b) => inRing(p, b.polygon[0])).length).toBe(1);
      }
    }
  });

  it('is about 3 × 3 km around RD (145000, 445000) at scale 1 and proportionally smaller at 0.3', () => {
    const [minX, minY, maxX, maxY] = extent();
    expect((minX + maxX) / 2).toBeCloseTo(145000, 0);
    expect((minY + maxY) / 2).toBeCloseTo(445000, 0);
    expect(maxX - minX).toBeCloseTo(3000 * Math.sqrt(0.3), 0);
  });

  it('holds the centroid of every building that names it', () => {
    const byCode = new Map(town.buurten.map((b) => [b.code, b]));
    const wrong = town.buildings.filter((b) => {
      const buurt = b.buurtCode ? byCode.get(b.buurtCode) : undefined;
      return !buurt || !inRing(centroid(b.footprint), buurt.polygon[0]);
    });
    expect(wrong.map((b) => b.id)).toEqual([]);
  });

  it('count as households the dwellings (= dwelling addresses) inside, and people per household 1.8–2.6', () => {
    const dwellings = new Map<string, number>();
    const nonResidentialAddresses = new Map<string, number>();
    for (const b of town.buildings) {
      dwellings.set(b.buurtCode as string, (dwellings.get(b.buurtCode as string) ?? 0) + b.dwellings);
      const extra = b.function !== 'woning' && !(b.function === 'monument' && b.dwellings > 0) ? 1 : 0;
      nonResidentialAddresses.set(b.buurtCode as string, (nonResidentialAddresses.get(b.buurtCode as string) ?? 0) + extra);
    }
    const addresses = new Map<string, number>();
    for (const a of town.addresses) addresses.set(a.buurtCode as string, (addresses.get(a.buurtCode as string) ?? 0) + 1);
    for (const b of town.buurten) {
      const dwellingAddresses = (addresses.get(b.code) ?? 0) - (nonResidentialAddresses.get(b.code) ?? 0);
      expect(b.households).toBe(dwellings.get(b.code) ?? 0);
      expect(b.households).toBe(dwellingAddresses);
      if (b.households > 0) {
        // population = households × size, rounded to whole people
        expect(b.population).toBeGreaterThanOrEqual(Math.floor(1.8 * b.households));
        expect(b.population).toBeLessThanOrEqual(Math.ceil(2.6 * b.households));
        expect(Number.isInteger(b.population)).toBe(true);
      } else {
        expect(b.population).toBe(0);
      }
    }
    expect(town.buurten.filter((b) => b.households > 0).length).toBeGreaterThanOrEqual(8);
  });
});
