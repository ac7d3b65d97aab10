// Statistical disclosure control for health indicators per buurt: what the twin must replicate, never undo
// (DOMAIN.md Part B §5.3). Pure. Three rules, in this order:
//  1. Primary suppression: a value based on fewer than `minRespondents` respondents (GGD practice: 50) is not
//     published — value null, status 'onvoldoende-gegevens', and no respondent count either.
//  2. Complementary (secondary) suppression: the GGD publishes the municipality figure for every indicator
//     (StatLine 85012NED), so a lone suppressed buurt could be derived from it by differencing with the published
//     buurten. We therefore never publish totals ourselves AND, per indicator and year, suppress further buurten
//     (fewest respondents first) until the suppressed buurten together rest on at least `minRespondents`
//     respondents: whatever can be derived about the suppressed group is then itself above the threshold.
//  3. Rounding of what is published: percentages to whole percent, counts of persons to the nearest 5 (CBS),
//     mean scores to one decimal; respondent counts of published values rounded DOWN to a multiple of 5, so the
//     reader sees "at least n" without the exact sample size.
import { InvalidParameter } from '../errors.ts';
import {
  DEFAULT_DISCLOSURE,
  type DisclosureOptions,
  type HealthRow,
  type HealthUnit,
  type IndicatorDefinition,
  type PublishedValue,
  disclosureOptions,
} from './model.ts';

export function publishIndicators(
  rows: readonly HealthRow[],
  definitions: readonly IndicatorDefinition[],
  options: Partial<DisclosureOptions> = {},
): PublishedValue[] {
  const opts = disclosureOptions.parse({ ...DEFAULT_DISCLOSURE, ...options });
  const units = new Map(definitions.map((d) => [d.id, d.unit]));
  for (const r of rows) {
    const unit = units.get(r.indicator);
    if (!unit) throw new InvalidParameter(`No definition for indicator ${r.indicator}`);
    if (unit !== r.unit) throw new InvalidParameter(`Indicator ${r.indicator} is defined in '${unit}' but a row has '${r.unit}'`);
  }

  const suppressed = suppressedRows(rows, opts.minRespondents);
  return [...rows]
    .sort((a, b) => cmp(a.indicator, b.indicator) || a.year - b.year || cmp(a.buurtCode, b.buurtCode))
    .map((r): PublishedValue => {
      const identity = { buurtCode: r.buurtCode, indicator: r.indicator, year: r.year, unit: r.unit };
      if (suppressed.has(r)) return { ...identity, value: null, status: 'onvoldoende-gegevens', respondents: null };
      return {
        ...identity,
        value: roundValue(r.value, r.unit, opts),
        status: 'ok',
        respondents: Math.floor(r.respondents / opts.roundCountsTo) * opts.roundCountsTo,
      };
    });
}

/** Rows withheld by primary and complementary suppression, per indicator and year. */
export function suppressedRows(rows: readonly HealthRow[], minRespondents: number): Set<HealthRow> {
  const groups = new Map<string, HealthRow[]>();
  for (const r of rows) {
    const key = `${r.indicator}|${r.year}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const out = new Set<HealthRow>();
  for (const group of groups.values()) {
    const primary = group.filter((r) => r.respondents < minRespondents);
    if (primary.length === 0) continue;
    let behind = 0;
    for (const r of primary) {
      out.add(r);
      behind += r.respondents;
    }
    const candidates = group
      .filter((r) => r.respondents >= minRespondents)
      .sort((a, b) => a.respondents - b.respondents || cmp(a.buurtCode, b.buurtCode));
    for (const r of candidates) {
      if (behind >= minRespondents) break;
      out.add(r);
      behind += r.respondents;
    }
  }
  return out;
}

export function roundValue(value: number, unit: HealthUnit, opts: DisclosureOptions): number {
  switch (unit) {
    case '%':
      return Math.min(100, Math.max(0, roundDecimals(value, opts.roundPercent)));
    case 'aantal':
      return Math.max(0, Math.round(value / opts.roundCountsTo) * opts.roundCountsTo) + 0;
    case 'gemiddelde':
      return roundDecimals(value, opts.roundMean);
  }
}

function roundDecimals(value: number, decimals: number): number {
  const f = 10 ** decimals;
  // `+ 0` turns -0 into 0, which JSON would print the same but tests and comparisons would not.
  return Math.round(value * f) / f + 0;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
