import { describe, expect, it } from 'vitest';
import type { Building, Municipality, PointRd, RingRd } from '../../server/contracts/model.ts';
import { generateDemostad } from '../../server/demo/generate-demostad.ts';

function createTown(): Municipality {
  return generateDemostad({ seed: 1, scale: 0.3 });
}

const town = createTown();
const byId = new Map(town.buildings.map((b) => [b.id, b]));

function distanceToRing(p: PointRd, ring: RingRd): number {
  let best = Infinity;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
    const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy));
  }
  return best;
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

/** The expected number of addresses: one per dwelling, plus one for a non-residential use. */
function expectedAddresses(b: Building): number {
  const nonResidential = b.function !== 'woning' && !(b.function === 'monument' && b.dwellings > 0);
  return b.dwellings + (nonResidential ? 1 : 0);
}

describe('Demostad addresses', () => {
  it('each point to an existing building and carry its buurt code', () => {
    for (const a of town.addresses) {
      const b = byId.get(a.buildingId);
      expect(b, a.id).toBeDefined();
      expect(a.buurtCode).toBe(b?.buurtCode);
    }
  });

  it('lie inside or on the edge of their building', () => {
    const outside = town.addresses.filter((a) => {
      const b = byId.get(a.buildingId) as Building;
      const ring = b.footprint[0];
      return !inRing(a.position, ring) && distanceToRing(a.position, ring) > 0.01;
    });
    expect(outside.map((a) => a.id)).toEqual([]);
  });

  it('give every dwelling an address, and shops, offices and the like one more', () => {
    const perBuilding = new Map<string, number>();
    for (const a of town.addresses) perBuilding.set(a.buildingId, (perBuilding.get(a.buildingId) ?? 0) + 1);
    const wrong = town.buildings.filter((b) => (perBuilding.get(b.id) ?? 0) !== expectedAddresses(b));
    expect(wrong.map((b) => b.id)).toEqual([]);
  });

  it('have Dutch postcodes, each on a single street and a single side of it', () => {
    const streets = new Map<string, Set<string>>();
    const parity = new Map<string, Set<number>>();
    for (const a of town.addresses) {
      expect(a.postcode).toMatch(/^[1-9][0-9]{3}[A-Z]{2}$/);
      expect(a.postcode.slice(4)).not.toMatch(/^(SA|SD|SS)$/);
      streets.set(a.postcode, (streets.get(a.postcode) ?? new Set()).add(a.street));
      parity.set(a.postcode, (parity.get(a.postcode) ?? new Set()).add(a.houseNumber % 2));
    }
    expect([...streets.values()].every((s) => s.size === 1)).toBe(true);
    expect([...parity.values()].every((s) => s.size === 1)).toBe(true);
    expect(streets.size).toBeGreaterThan(100);
  });

  it('are unique by street, house number and letter', () => {
    const seen = new Set<string>();
    const duplicates: string[] = [];
    for (const a of town.addresses) {
      const k = `${a.street}|${a.houseNumber}|${a.houseLetter ?? ''}`;
      if (seen.has(k)) duplicates.push(k);
      seen.add(k);
    }
    expect(duplicates).toEqual([]);
    expect(new Set(town.addresses.map((a) => a.id)).size).toBe(town.addresses.length);
  });

  it('number both sides of a street, odd and even, and use letters for upstairs dwellings', () => {
    const odd = town.addresses.filter((a) => a.houseNumber % 2 === 1).length;
    const even = town.addresses.length - odd;
    expect(odd).toBeGreaterThan(town.addresses.length * 0.3);
    expect(even).toBeGreaterThan(town.addresses.length * 0.3);
    const lettered = town.addresses.filter((a) => a.houseLetter !== null);
    expect(lettered.length).toBeGreaterThan(0);
    expect(lettered.every((a) => /^[A-Z]$/.test(a.houseLetter as string))).toBe(true);
  });

  it('rise along a street: on one side, numbers grow with distance from the first house', () => {
    // Group one side of each street; the house with the lowest number starts it, and numbers should grow
    // with distance from there for most houses (streets bend, so allow a little disorder).
    const groups = new Map<string, { n: number; p: PointRd }[]>();
    for (const a of town.addresses) {
      if (a.houseLetter !== null) continue;
      const k = `${a.street}|${a.houseNumber % 2}`;
      groups.set(k, [...(groups.get(k) ?? []), { n: a.houseNumber, p: a.position }]);
    }
    let ordered = 0;
    let total = 0;
    for (const list of groups.values()) {
      if (list.length < 6) continue;
      list.sort((x, y) => x.n - y.n);
      const origin = list[0].p;
      const dist = list.map((x) => Math.hypot(x.p[0] - origin[0], x.p[1] - origin[1]));
      const limit = Math.min(list.length, 8);
      for (let i = 1; i < limit; i++) {
        total++;
        if (dist[i] >= dist[i - 1] - 0.5) ordered++;
      }
    }
    expect(total).toBeGreaterThan(100);
    expect(ordered / total).toBeGreaterThan(0.95);
  });
});
