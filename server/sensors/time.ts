// ISO 8601 instants and intervals as SensorThings uses them, converted to and from epoch milliseconds (UTC),
// which is how the sensor store keeps every time.

/** Date-time with a zone (Z or ±hh:mm); date-only and zone-less strings are ambiguous and refused. */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch ms of an ISO 8601 instant, or undefined when the text is not a valid, zoned date-time. */
export function parseInstantMs(text: string): number | undefined {
  if (text.length > 40) return undefined;
  const m = INSTANT.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '00'] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) return undefined;
  // Date.parse rolls 2026-02-31 over into March; a calendar-invalid date must be refused, not shifted.
  const utcDay = new Date(Date.UTC(Number(y), month - 1, day));
  if (utcDay.getUTCMonth() !== month - 1) return undefined;
  return ms;
}

export interface TimeInterval {
  startMs: number;
  /** Equal to startMs for an instant. */
  endMs: number;
  isInterval: boolean;
}

/** An instant `t` or an interval `t1/t2` (t1 ≤ t2). */
export function parseTimeOrInterval(text: string): TimeInterval | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) {
    const t = parseInstantMs(text);
    return t === undefined ? undefined : { startMs: t, endMs: t, isInterval: false };
  }
  const a = parseInstantMs(text.slice(0, slash));
  const b = parseInstantMs(text.slice(slash + 1));
  if (a === undefined || b === undefined || b < a) return undefined;
  return { startMs: a, endMs: b, isInterval: true };
}

export function formatInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/** `start/end`, or the instant alone when there is no end; null when there is no start. */
export function formatTimeOrInterval(startMs: number | null, endMs: number | null): string | null {
  if (startMs === null) return null;
  if (endMs === null || endMs === undefined) return formatInstant(startMs);
  return `${formatInstant(startMs)}/${formatInstant(endMs)}`;
}
