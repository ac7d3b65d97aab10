// The `datetime` parameter of OGC API Features Part 1 (§7.15.4): an RFC 3339 date-time, or an interval
// `start/end` where one side (not both) may be open (`..` or empty). Pure; no regex backtracking risk (anchored,
// no nested quantifiers) and the caller caps the length first.

/** RFC 3339 §5.6 date-time; `T` and `Z` may be lower case (RFC 3339 §5.6 note). A UTC offset is required. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;

export interface DatetimeInterval {
  /** Epoch milliseconds; undefined for an open start. */
  startMs?: number;
  /** Epoch milliseconds; undefined for an open end. */
  endMs?: number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Epoch milliseconds of an RFC 3339 date-time, or undefined when it is not one (including impossible dates). */
export function parseDateTime(text: string): number | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  // 60 is a leap second (RFC 3339 §5.7).
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return undefined;
  const ms = Date.parse(text.toUpperCase().replace(/:60(\.\d+)?([Z+-])/, ':59$1$2'));
  return Number.isFinite(ms) ? ms : undefined;
}

/** Parses an instant or an interval; undefined when malformed, both ends open, or start after end. */
export function parseDatetimeParam(text: string): DatetimeInterval | undefined {
  const parts = text.split('/');
  if (parts.length === 1) {
    const ms = parseDateTime(text);
    return ms === undefined ? undefined : { startMs: ms, endMs: ms };
  }
  if (parts.length !== 2) return undefined;
  const open = (s: string) => s === '..' || s === '';
  const [a, b] = parts;
  if (open(a) && open(b)) return undefined;
  const startMs = open(a) ? undefined : parseDateTime(a);
  const endMs = open(b) ? undefined : parseDateTime(b);
  if ((!open(a) && startMs === undefined) || (!open(b) && endMs === undefined)) return undefined;
  if (startMs !== undefined && endMs !== undefined && startMs > endMs) return undefined;
  return { startMs, endMs };
}
