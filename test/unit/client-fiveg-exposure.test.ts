// The "highest exposure per buurt" table rows and the precision of small percentages of the limit.
import { describe, expect, it } from 'vitest';
import en from '../../client/i18n/en.json';
import nl from '../../client/i18n/nl.json';
import { exposureRows, percentDecimals } from '../../client/fiveg/exposure-rows.ts';

describe('exposureRows', () => {
  it('turns TER into percent of the limit, highest buurt first', () => {
    const rows = exposureRows([
      { code: 'BU01', name: 'Centrum', maxTer: 0.0004, addressId: 'a1' },
      { code: 'BU02', name: 'Noord', maxTer: 0.25, addressId: 'a2' },
      { code: 'BU03', name: 'Leeg', maxTer: 0, addressId: null },
    ]);
    expect(rows.map((r) => r.code)).toEqual(['BU02', 'BU01', 'BU03']);
    expect(rows[0].percentOfLimit).toBeCloseTo(25, 10);
    expect(rows[1].percentOfLimit).toBeCloseTo(0.04, 10);
    expect(rows[2]).toEqual({ code: 'BU03', name: 'Leeg', percentOfLimit: 0, addressId: null });
  });
});

describe('percentDecimals', () => {
  it.each([
    [25, 1],
    [1, 1],
    [0.5, 2],
    [0.04, 3],
    [0.0123, 3],
    [0, 1],
    [1e-12, 6],
  ])('%f %% gets %i decimals', (percent, decimals) => {
    expect(percentDecimals(percent)).toBe(decimals);
  });
});

describe('exposure and optimiser texts', () => {
  it('exist in both languages', () => {
    const keys = Object.keys(en).filter((k) => k.startsWith('fiveg.exposure') || k.startsWith('fiveg.optimise'));
    expect(keys.length).toBeGreaterThanOrEqual(5);
    for (const k of keys) expect(nl).toHaveProperty([k]);
    expect((nl as Record<string, string>)['fiveg.exposureHeading']).toBe('Hoogste blootstelling per buurt');
    expect((en as Record<string, string>)['fiveg.exposureHeading']).toBe('Highest exposure per buurt');
  });
});
