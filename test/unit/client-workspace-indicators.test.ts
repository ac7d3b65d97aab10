import { describe, expect, it } from 'vitest';
import type { Comparison, ScenarioIndicators } from '../../server/contracts/workspace.ts';
import {
  compareValues,
  formatDifference,
  formatIndicator,
  indicatorRows,
  rowsFromComparison,
  verdictOf,
  verdictText,
} from '../../client/workspace/indicator-table.ts';

function createIndicators(patch: Partial<ScenarioIndicators> = {}): ScenarioIndicators {
  return {
    computedAt: '2026-11-30T22:00:00Z',
    coveragePct: 80,
    addressesCovered: 4000,
    addressesAboveExposureThreshold: 10,
    maxExposurePctIcnirp: 12.5,
    antennaCount: 6,
    trenchM: 12_000,
    homesPassed: 3000,
    costPerHomePassedEur: 900,
    capexTotalEur: 2_700_000,
    ...patch,
  };
}

describe('compareValues: direction per indicator', () => {
  it('higher coverage in B is better for B', () => {
    expect(compareValues('coveragePct', 80, 85)).toEqual({ key: 'coveragePct', a: 80, b: 85, difference: 5, better: 'b' });
  });

  it('more trench metres and higher cost in B are worse for B (A better)', () => {
    expect(compareValues('trenchM', 10_000, 12_000).better).toBe('a');
    expect(compareValues('costPerHomePassedEur', 900, 800).better).toBe('b');
    expect(compareValues('addressesAboveExposureThreshold', 3, 9).better).toBe('a');
  });

  it('the antenna count has no better side', () => {
    expect(compareValues('antennaCount', 6, 9)).toMatchObject({ difference: 3, better: null });
  });

  it('a difference below the shown precision is equal; a missing value gives no difference', () => {
    expect(compareValues('coveragePct', 80, 80.04).better).toBe('equal');
    expect(compareValues('trenchM', null, 100)).toMatchObject({ difference: null, better: null });
  });

  it('rows for two indicator sets follow the contract order; a scenario not run gives empty rows', () => {
    const rows = indicatorRows(createIndicators(), createIndicators({ coveragePct: 90, trenchM: 14_000 }));
    expect(rows.map((r) => r.key)[0]).toBe('coveragePct');
    expect(rows.find((r) => r.key === 'coveragePct')?.better).toBe('b');
    expect(rows.find((r) => r.key === 'trenchM')?.better).toBe('a');
    expect(indicatorRows(createIndicators(), null).every((r) => r.difference === null)).toBe(true);
  });
});

describe('rowsFromComparison', () => {
  it("keeps the server's verdict and fills a missing one from the client's rule", () => {
    const comparison: Comparison = {
      a: { id: 'x', name: 'A', indicators: createIndicators() },
      b: { id: 'current', name: 'Huidige situatie', indicators: createIndicators({ coveragePct: 70 }) },
      rows: [
        { key: 'coveragePct', a: 80, b: 70, difference: -10, better: 'a' },
        { key: 'trenchM', a: 12_000, b: 11_000, difference: -1000, better: null },
      ],
    };
    const rows = rowsFromComparison(comparison);
    expect(rows.find((r) => r.key === 'coveragePct')).toMatchObject({ difference: -10, better: 'a' });
    expect(rows.find((r) => r.key === 'trenchM')).toMatchObject({ difference: -1000, better: 'b' });
  });
});

describe('formatting per language', () => {
  it('uses the decimal comma and thousands dot in Dutch, the point in English', () => {
    expect(formatIndicator('nl', 'coveragePct', 85.25)).toBe('85,3%');
    expect(formatIndicator('en', 'coveragePct', 85.25)).toBe('85.3%');
    expect(formatIndicator('nl', 'trenchM', 12345.4)).toBe('12.345 m');
    expect(formatIndicator('en', 'capexTotalEur', 2_700_000)).toBe('€2,700,000');
    expect(formatIndicator('nl', 'capexTotalEur', 2_700_000)).toBe('€ 2.700.000');
    expect(formatIndicator('nl', 'trenchM', null)).toBe('—');
  });

  it('signs differences and names percentage points for percentages', () => {
    expect(formatDifference('nl', 'coveragePct', 2.5)).toBe('+2,5 procentpunt');
    expect(formatDifference('en', 'coveragePct', -2.5)).toBe('−2.5 percentage points');
    expect(formatDifference('nl', 'trenchM', -1200)).toBe('−1.200 m');
    expect(formatDifference('en', 'trenchM', 0.2)).toBe('±0');
  });
});

describe('verdict: words and arrows, not colour alone', () => {
  it('says better/worse in text and shows the direction of the value with an arrow', () => {
    const lowerCost = compareValues('costPerHomePassedEur', 900, 800);
    expect(verdictOf(lowerCost)).toBe('better');
    expect(verdictText('nl', lowerCost)).toEqual({ arrow: '▼', text: 'B beter' });
    const moreExposure = compareValues('maxExposurePctIcnirp', 10, 20);
    expect(verdictText('en', moreExposure)).toEqual({ arrow: '▲', text: 'B worse' });
    expect(verdictText('en', compareValues('coveragePct', 50, 50))).toEqual({ arrow: '=', text: 'equal' });
    expect(verdictText('nl', compareValues('coveragePct', null, 50))).toEqual({ arrow: '', text: 'niet berekend' });
  });
});

describe('a difference too small to show', () => {
  it('is equal even when the server judged the raw numbers', () => {
    const rows = rowsFromComparison({
      a: { id: 'a', name: 'A', indicators: null },
      b: { id: 'b', name: 'B', indicators: null },
      rows: [{ key: 'coveragePct', a: 98.8, b: 98.83, difference: 0.03, better: 'b' }],
    });
    expect(rows.find((r) => r.key === 'coveragePct')).toMatchObject({ better: 'equal' });
    expect(formatDifference('nl', 'coveragePct', 0.03)).toBe('±0');
  });
});
