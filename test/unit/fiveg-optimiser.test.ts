// Maximum coverage: lazy greedy + swaps against exhaustive search on small instances.
import { describe, expect, it } from 'vitest';
import { maxCoverage } from '../../server/scenarios/fiveg/max-coverage.ts';

function bruteForce(sets: number[][], weights: number[], k: number, already: boolean[] = []): number {
  let best = 0;
  const n = sets.length;
  const visit = (start: number, chosen: number[]) => {
    if (chosen.length === k) {
      const covered = new Set(chosen.flatMap((c) => sets[c]).filter((e) => !already[e]));
      best = Math.max(best, [...covered].reduce((s, e) => s + weights[e], 0));
      return;
    }
    for (let c = start; c < n; c++) visit(c + 1, [...chosen, c]);
  };
  visit(0, []);
  return best;
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('maxCoverage', () => {
  it('finds the optimum where plain greedy does not: the swap replaces the big middle set', () => {
    // Elements 1..12. Greedy takes C (8 elements), then A or B adds 2: 10. Optimum A + B covers all 12.
    const sets = [range(1, 6), range(7, 12), range(3, 10)];
    const weights = Array(13).fill(1);
    const r = maxCoverage({ sets, weights, k: 2 });
    expect(r.greedyCoveredWeight).toBe(10);
    expect(r.greedyGains).toEqual([8, 2]);
    expect(r.coveredWeight).toBe(bruteForce(sets, weights, 2));
    expect(r.coveredWeight).toBe(12);
    expect(r.greedyPicks).toEqual([2, 0]);
    expect(r.swaps).toEqual([{ out: 2, in: 1, gain: 2 }]);
    // The final sites in greedy order among themselves (tie → lower index), six new elements each.
    expect(r.selected).toEqual([0, 1]);
    expect(r.finalGains).toEqual([6, 6]);
  });

  it('counts only elements the existing network leaves uncovered', () => {
    const sets = [range(0, 9), range(8, 11)];
    const already = range(0, 11).map((e) => e < 8);
    const r = maxCoverage({ sets, weights: Array(12).fill(1), k: 1, alreadyCovered: already });
    expect(r.selected).toEqual([1]);
    expect(r.coveredWeight).toBe(4);
  });

  it('matches exhaustive search on random instances and never does worse than greedy', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let optimal = 0;
    for (let trial = 0; trial < 40; trial++) {
      const nElements = 30;
      const sets = Array.from({ length: 10 }, () => range(0, nElements - 1).filter(() => rand() < 0.2));
      const weights = range(0, nElements - 1).map(() => 1 + Math.floor(rand() * 5));
      const already = range(0, nElements - 1).map(() => rand() < 0.15);
      const k = 1 + (trial % 4);
      const r = maxCoverage({ sets, weights, k, alreadyCovered: already });
      const opt = bruteForce(sets, weights, k, already);
      expect(r.coveredWeight).toBeGreaterThanOrEqual(r.greedyCoveredWeight);
      expect(r.coveredWeight).toBeGreaterThanOrEqual((1 - 1 / Math.E) * opt);
      expect(r.coveredWeight).toBeLessThanOrEqual(opt);
      expect(new Set(r.selected).size).toBe(k);
      // Gains per added site never increase and add up to the covered weight.
      for (let i = 1; i < r.finalGains.length; i++) expect(r.finalGains[i]).toBeLessThanOrEqual(r.finalGains[i - 1]);
      expect(r.finalGains.reduce((s, g) => s + g, 0)).toBe(r.coveredWeight);
      if (r.coveredWeight === opt) optimal++;
    }
    // Greedy plus swaps is a heuristic; on these small instances it should almost always be exact.
    expect(optimal).toBeGreaterThanOrEqual(36);
  });
});
