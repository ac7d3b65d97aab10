import { describe, expect, it } from 'vitest';
import { BUILDING_FUNCTIONS, STREET_CLASSES, SURFACES } from '../../server/contracts/model.ts';
import type { Municipality, PointRd } from '../../server/contracts/model.ts';
import { generateDemostad } from '../../server/demo/generate-demostad.ts';

function createTown(): Municipality {
  return generateDemostad({ seed: 1, scale: 0.3 });
}

const town = createTown();
const key = (p: PointRd): string => `${p[0]},${p[1]}`;

describe('Demostad street network', () => {
  it('is one connected graph (union-find over segment end points)', () => {
    const parent = new Map<string, string>();
    const find = (k: string): string => {
      while (parent.get(k) !== k) k = parent.get(k) as string;
      return k;
    };
    for (const s of town.streets) {
      for (const p of [s.line[0], s.line[s.line.length - 1]]) if (!parent.has(key(p))) parent.set(key(p), key(p));
      parent.set(find(key(s.line[0])), find(key(s.line[s.line.length - 1])));
    }
    const roots = new Set([...parent.keys()].map(find));
    expect(town.streets.length).toBeGreaterThan(100);
    expect(roots.size).toBe(1);
  });

  it('meets only at shared end points: no street touches another one mid-segment at a vertex', () => {
    const ends = new Set(town.streets.flatMap((s) => [key(s.line[0]), key(s.line[s.line.length - 1])]));
    const interiorOnEnd = town.streets.filter((s) => s.line.slice(1, -1).some((p) => ends.has(key(p))));
    expect(interiorOnEnd.map((s) => s.id)).toEqual([]);
  });

  it('has junctions where several segments meet', () => {
    const degree = new Map<string, number>();
    for (const s of town.streets) for (const p of [s.line[0], s.line[s.line.length - 1]]) degree.set(key(p), (degree.get(key(p)) ?? 0) + 1);
    const junctions = [...degree.values()].filter((d) => d >= 3).length;
    expect(junctions).toBeGreaterThan(50);
  });

  it('uses every street class and surface, with asphalt main roads and klinkers in the centre', () => {
    expect(new Set(town.streets.map((s) => s.class))).toEqual(new Set(STREET_CLASSES));
    expect(new Set(town.streets.map((s) => s.surface))).toEqual(new Set(SURFACES));
    expect(town.streets.filter((s) => s.class === 'hoofdweg').every((s) => s.surface === 'asfalt')).toBe(true);
    expect(town.streets.some((s) => s.class === 'hoofdweg' && s.name.endsWith('singel'))).toBe(true);
  });

  it('has Dutch-sounding names, one name per street line', () => {
    const names = new Set(town.streets.map((s) => s.name));
    expect(names.size).toBeGreaterThan(50);
    for (const n of names) expect(n).toMatch(/^[A-Z][\p{L} '-]*[a-z0-9]$/u);
    expect([...names].some((n) => /(straat|laan|weg|steeg|hof|dreef|pad)$/.test(n))).toBe(true);
  });

  it('has segments with distinct end points and no zero-length pieces', () => {
    for (const s of town.streets) {
      for (let k = 1; k < s.line.length; k++) expect(key(s.line[k])).not.toBe(key(s.line[k - 1]));
    }
  });
});

describe('Demostad areas and functions', () => {
  it('has named water and green, including the river, the moat, a park and sports fields', () => {
    const names = town.areas.map((a) => `${a.kind}:${a.name}`);
    expect(names).toContain('water:De Demmel');
    expect(names).toContain('water:Stadsgracht');
    expect(names).toContain('groen:Stadspark');
    expect(names.some((n) => n.startsWith('groen:Sportpark'))).toBe(true);
    expect(town.areas.every((a) => a.name.length > 0)).toBe(true);
  });

  it('uses every building function and roof type', () => {
    expect(new Set(town.buildings.map((b) => b.function))).toEqual(new Set(BUILDING_FUNCTIONS));
    expect(new Set(town.buildings.map((b) => b.roofType)).size).toBe(5);
  });

  it('has an old centre with monuments built between 1500 and 1900', () => {
    const monuments = town.buildings.filter((b) => b.function === 'monument');
    expect(monuments.length).toBeGreaterThan(0);
    expect(monuments.every((b) => b.year >= 1300 && b.year <= 1900)).toBe(true);
    expect(town.buildings.some((b) => b.roofType === 'sheddak' && b.function === 'industrie')).toBe(true);
  });
});
