// The indicators of a scenario and of a comparison as table rows: which way is better, the difference, and the
// text a reader (and a screen reader) gets for it — never colour alone. Pure: no DOM, no fetch.
import { INDICATOR_KEYS, type Comparison, type IndicatorKey, type ScenarioIndicators } from '../../server/contracts/workspace.ts';
import { formatNumber, translate, type Language } from '../i18n/i18n.ts';

/** Which way an indicator improves; 'neutral' = a count that is neither better nor worse (antennas). */
export type Preference = 'higher' | 'lower' | 'neutral';

export interface IndicatorSpec {
  preference: Preference;
  unit: 'percent' | 'count' | 'metres' | 'euro' | 'percentIcnirp';
  fractionDigits: number;
}

export const INDICATOR_SPECS: Record<IndicatorKey, IndicatorSpec> = {
  coveragePct: { preference: 'higher', unit: 'percent', fractionDigits: 1 },
  addressesCovered: { preference: 'higher', unit: 'count', fractionDigits: 0 },
  addressesAboveExposureThreshold: { preference: 'lower', unit: 'count', fractionDigits: 0 },
  maxExposurePctIcnirp: { preference: 'lower', unit: 'percentIcnirp', fractionDigits: 1 },
  antennaCount: { preference: 'neutral', unit: 'count', fractionDigits: 0 },
  trenchM: { preference: 'lower', unit: 'metres', fractionDigits: 0 },
  homesPassed: { preference: 'higher', unit: 'count', fractionDigits: 0 },
  costPerHomePassedEur: { preference: 'lower', unit: 'euro', fractionDigits: 0 },
  capexTotalEur: { preference: 'lower', unit: 'euro', fractionDigits: 0 },
};

export type Better = 'a' | 'b' | 'equal';

export interface IndicatorRow {
  key: IndicatorKey;
  a: number | null;
  b: number | null;
  /** b − a; null when either is missing. */
  difference: number | null;
  /** Which side is better; null when either is missing or the indicator has no better side. */
  better: Better | null;
}

/** Differences smaller than half the last shown digit read as equal (0.04 % coverage is no change). */
function isEqual(key: IndicatorKey, a: number, b: number): boolean {
  return Math.abs(b - a) < 0.5 * 10 ** -INDICATOR_SPECS[key].fractionDigits;
}

export function compareValues(key: IndicatorKey, a: number | null, b: number | null): IndicatorRow {
  if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b)) return { key, a, b, difference: null, better: null };
  const difference = b - a;
  const { preference } = INDICATOR_SPECS[key];
  if (isEqual(key, a, b)) return { key, a, b, difference, better: preference === 'neutral' ? null : 'equal' };
  if (preference === 'neutral') return { key, a, b, difference, better: null };
  const bHigher = difference > 0;
  return { key, a, b, difference, better: (preference === 'higher') === bHigher ? 'b' : 'a' };
}

/** Rows for two sets of indicators (either may be absent: not run yet). */
export function indicatorRows(a: ScenarioIndicators | null | undefined, b: ScenarioIndicators | null | undefined): IndicatorRow[] {
  return INDICATOR_KEYS.map((key) => compareValues(key, a?.[key] ?? null, b?.[key] ?? null));
}

/**
 * The server's comparison rows, in the contract's order. Where the server left `better` out (null) but both values
 * are present, the client's own rule fills it, so the table never shows a difference without a direction.
 */
export function rowsFromComparison(comparison: Comparison): IndicatorRow[] {
  const byKey = new Map(comparison.rows.map((r) => [r.key, r]));
  return INDICATOR_KEYS.filter((key) => byKey.has(key) || comparison.a.indicators || comparison.b.indicators).map((key) => {
    const row = byKey.get(key);
    const a = row?.a ?? comparison.a.indicators?.[key] ?? null;
    const b = row?.b ?? comparison.b.indicators?.[key] ?? null;
    const own = compareValues(key, a, b);
    // A difference too small to show reads as equal here too, so "±0" never sits beside "B better".
    return { ...own, difference: row?.difference ?? own.difference, better: own.better === 'equal' ? 'equal' : (row?.better ?? own.better) };
  });
}

export function formatIndicator(lang: Language, key: IndicatorKey, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return translate(lang, 'ws.indicator.missing');
  const spec = INDICATOR_SPECS[key];
  const number = formatNumber(lang, value, spec.fractionDigits);
  return translate(lang, `ws.unit.${spec.unit}`, { value: number });
}

/** A signed difference with its unit: "+2,5 %-punt", "−1.200 m", "±0". */
export function formatDifference(lang: Language, key: IndicatorKey, difference: number | null): string {
  if (difference === null || !Number.isFinite(difference)) return translate(lang, 'ws.indicator.missing');
  const spec = INDICATOR_SPECS[key];
  const rounded = Number(difference.toFixed(spec.fractionDigits));
  if (rounded === 0) return '±0';
  const sign = rounded > 0 ? '+' : '−';
  const magnitude = formatNumber(lang, Math.abs(rounded), spec.fractionDigits);
  const unit = spec.unit === 'percent' || spec.unit === 'percentIcnirp' ? 'points' : spec.unit;
  return `${sign}${translate(lang, `ws.unit.${unit}`, { value: magnitude })}`;
}

export type Verdict = 'better' | 'worse' | 'equal' | 'neutral' | 'unknown';

/** How B compares with A, as a word and an arrow (the row's colour only repeats it). */
export function verdictOf(row: IndicatorRow): Verdict {
  if (row.difference === null) return 'unknown';
  if (row.better === null) return 'neutral';
  if (row.better === 'equal') return 'equal';
  return row.better === 'b' ? 'better' : 'worse';
}

export function verdictText(lang: Language, row: IndicatorRow): { arrow: string; text: string } {
  const verdict = verdictOf(row);
  // The arrow shows the direction of the value (up = B is higher), the word whether that is good.
  const arrow = row.difference === null || row.difference === 0 || verdict === 'equal' ? '=' : row.difference > 0 ? '▲' : '▼';
  return { arrow: verdict === 'unknown' ? '' : arrow, text: translate(lang, `ws.verdict.${verdict}`) };
}

export function indicatorLabel(lang: Language, key: IndicatorKey): string {
  return translate(lang, `ws.indicator.${key}`);
}
