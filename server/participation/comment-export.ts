// The participation report formats: GeoJSON and CSV of approved comments. Pure; no participant data ever reaches here
// (comments carry none); the caller passes the public view, whose times are rounded to the day.
import type { Comment } from '../contracts/workspace.ts';

export interface CommentFeatureCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id: string;
    geometry: { type: 'Point'; coordinates: [lonDeg: number, latDeg: number, heightM: number] };
    properties: { category: string; text: string; answer: string | null; createdAt: string; buildingId: string | null };
  }[];
}

export function commentsToGeoJson(comments: readonly Comment[]): CommentFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: comments.map((c) => ({
      type: 'Feature',
      id: c.id,
      geometry: { type: 'Point', coordinates: [c.position.lonDeg, c.position.latDeg, c.position.heightM] },
      properties: { category: c.category, text: c.text, answer: c.answer, createdAt: c.createdAt, buildingId: c.buildingId ?? null },
    })),
  };
}

/** A cell starting with one of these is run as a formula by spreadsheets (OWASP CSV injection); tab and CR too. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 field: formula-looking text gets a leading apostrophe, then fields with quotes, commas or line
 * breaks are quoted with inner quotes doubled. Numbers are written as they are (a negative longitude is no formula). */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const CSV_COLUMNS = ['id', 'category', 'text', 'answer', 'createdAt', 'lonDeg', 'latDeg', 'heightM', 'buildingId'] as const;

/** CSV with a header row and CRLF line ends (RFC 4180), preceded by a BOM so spreadsheets read it as UTF-8. */
export function commentsToCsv(comments: readonly Comment[]): string {
  const rows = comments.map((c) =>
    [c.id, c.category, c.text, c.answer, c.createdAt, c.position.lonDeg, c.position.latDeg, c.position.heightM, c.buildingId ?? null].map(csvCell).join(','),
  );
  return `\uFEFF${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
