import { describe, expect, it } from 'vitest';
import type { Comment } from '../../server/contracts/workspace.ts';
import { commentsToCsv, commentsToGeoJson, csvCell } from '../../server/participation/comment-export.ts';

function createComment(overrides: Partial<Comment> = {}): Comment {
  return {
    id: '0b6c1d7e-5d4e-4c1b-9a51-0e3a1c2f9a10',
    sessionId: '6f1a3c5e-2b4d-4e6f-8a0b-1c2d3e4f5a6b',
    category: 'idea',
    text: 'Meer bomen',
    position: { lonDeg: 5.1214, latDeg: 52.0907, heightM: 12.5 },
    status: 'approved',
    createdAt: '2026-11-30',
    answer: null,
    ...overrides,
  };
}

/** A small RFC 4180 reader: the oracle the writer is checked against. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
  ])('writes %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('writes numbers (negative ones too) without a prefix, and null as empty', () => {
    expect(csvCell(-4.5)).toBe('-4.5');
    expect(csvCell(null)).toBe('');
  });
});

describe('commentsToCsv', () => {
  it('round-trips texts with quotes, commas and line breaks through an RFC 4180 reader', () => {
    const text = 'Een "groene" straat,\r\nmet bankjes';
    const csv = commentsToCsv([createComment({ text, answer: 'Goed idee, dank u' })]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual(['id', 'category', 'text', 'answer', 'createdAt', 'lonDeg', 'latDeg', 'heightM', 'buildingId']);
    expect(rows[1]).toEqual(['0b6c1d7e-5d4e-4c1b-9a51-0e3a1c2f9a10', 'idea', text, 'Goed idee, dank u', '2026-11-30', '5.1214', '52.0907', '12.5', '']);
    expect(rows).toHaveLength(2);
  });

  it('neutralises a formula so a spreadsheet shows it as text', () => {
    const rows = parseCsv(commentsToCsv([createComment({ text: '=cmd|" /C calc"!A0' })]).slice(1));
    expect(rows[1][2]).toBe(`'=cmd|" /C calc"!A0`);
  });
});

describe('commentsToGeoJson', () => {
  it('writes one 3D point per comment with the public properties only', () => {
    const fc = commentsToGeoJson([createComment({ buildingId: 'NL.IMBAG.Pand.0344100000012345', answer: 'Ja' })]);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features[0].geometry).toEqual({ type: 'Point', coordinates: [5.1214, 52.0907, 12.5] });
    expect(fc.features[0].properties).toEqual({ category: 'idea', text: 'Meer bomen', answer: 'Ja', createdAt: '2026-11-30', buildingId: 'NL.IMBAG.Pand.0344100000012345' });
  });
});
