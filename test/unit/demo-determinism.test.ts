import { describe, expect, it } from 'vitest';
import { generateDemostad } from '../../server/demo/generate-demostad.ts';
import { createRng } from '../../server/demo/random.ts';

describe('Demostad determinism', () => {
  it('gives deep-equal output and identical JSON for the same seed', () => {
    const a = generateDemostad({ seed: 7, scale: 0.3 });
    const b = generateDemostad({ seed: 7, scale: 0.3 });
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('gives a different town for a different seed', () => {
    const a = generateDemostad({ seed: 1, scale: 0.3 });
    const b = generateDemostad({ seed: 2, scale: 0.3 });
    expect(JSON.stringify(b.buildings)).not.toBe(JSON.stringify(a.buildings));
    expect(b.meta.source).toBe('Tweeling synthetic demo generator (seed 2)');
  });

  it('uses seed 1 and a fixed date by default', () => {
    const m = generateDemostad({ scale: 0.3 });
    expect(m.meta).toEqual({
      name: 'Demostad',
      municipalityCode: 'GM9999',
      source: 'Tweeling synthetic demo generator (seed 1)',
      licence: 'CC0-1.0',
      date: '2026-01-01',
      synthetic: true,
      geoidHeightM: 43.0,
    });
  });

  it('rounds every coordinate to millimetres', () => {
    const m = generateDemostad({ scale: 0.3 });
    const isMm = (v: number): boolean => Math.abs(v * 1000 - Math.round(v * 1000)) < 1e-6;
    const coords = [
      ...m.buildings.flatMap((b) => b.footprint.flat()),
      ...m.addresses.map((a) => a.position),
      ...m.streets.flatMap((s) => s.line),
    ].flat();
    expect(coords.every(isMm)).toBe(true);
  });

  it(
    'has at least 10,000 buildings and 18,000–22,000 addresses at scale 1, quickly',
    () => {
      const started = performance.now();
      const m = generateDemostad({ scale: 1 });
      const elapsedS = (performance.now() - started) / 1000;
      expect(m.buildings.length).toBeGreaterThanOrEqual(10_000);
      expect(m.addresses.length).toBeGreaterThanOrEqual(18_000);
      expect(m.addresses.length).toBeLessThanOrEqual(22_000);
      expect(elapsedS).toBeLessThan(60);
    },
    120_000,
  );

  it('has a smaller town at a smaller scale', () => {
    const small = generateDemostad({ scale: 0.3 });
    expect(small.buildings.length).toBeGreaterThan(1_000);
    expect(small.buildings.length).toBeLessThan(8_000);
  });
});

describe('seeded random streams', () => {
  it('repeats for the same seed and label and differs otherwise', () => {
    const draw = (seed: number, label: string): number[] => {
      const rng = createRng(seed, label);
      return Array.from({ length: 5 }, () => rng.next());
    };
    expect(draw(3, 'x')).toEqual(draw(3, 'x'));
    expect(draw(3, 'x')).not.toEqual(draw(4, 'x'));
    expect(draw(3, 'x')).not.toEqual(draw(3, 'y'));
  });

  it('stays in [0, 1) with a mean near one half', () => {
    const rng = createRng(1, 'uniform');
    let sum = 0;
    for (let i = 0; i < 20_000; i++) {
      const v = rng.next();
      expect(v >= 0 && v < 1).toBe(true);
      sum += v;
    }
    expect(Math.abs(sum / 20_000 - 0.5)).toBeLessThan(0.01);
  });
});
