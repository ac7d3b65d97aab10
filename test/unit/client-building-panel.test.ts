import { describe, expect, it } from 'vitest';
import { sourceAttributeRows } from '../../client/panels/building-panel.ts';

describe('sourceAttributeRows', () => {
  it('lists 3D BAG attributes in source order, numbers as written, booleans translated, empty values left out', () => {
    const rows = sourceAttributeRows('nl', {
      identificatie: 'NL.IMBAG.Pand.0796100000236261',
      oorspronkelijk_bouwjaar: 1965,
      h_maaiveld: 5.254,
      geconstateerd: false,
      kas_warenhuis: true,
      eindgeldigheid: null,
      status: '',
    });
    expect(rows).toEqual([
      ['identificatie', 'NL.IMBAG.Pand.0796100000236261'],
      ['oorspronkelijk_bouwjaar', '1965'],
      ['h_maaiveld', '5.254'],
      ['geconstateerd', 'nee'],
      ['kas_warenhuis', 'ja'],
    ]);
    expect(sourceAttributeRows('en', { kas_warenhuis: true })).toEqual([['kas_warenhuis', 'yes']]);
  });

  it('cuts long values (lists kept as JSON text) to 80 characters', () => {
    const [[, value]] = sourceAttributeRows('en', { b3_val3dity_lod22: `[${'102,'.repeat(40)}102]` });
    expect(value).toHaveLength(80);
    expect(value.endsWith('…')).toBe(true);
  });

  it('gives no rows for a building without source attributes or a malformed answer', () => {
    expect(sourceAttributeRows('nl', undefined)).toEqual([]);
    expect(sourceAttributeRows('nl', {})).toEqual([]);
    expect(sourceAttributeRows('nl', ['x'])).toEqual([]);
    expect(sourceAttributeRows('nl', { n: Number.NaN })).toEqual([]);
  });
});
