// The view every output shows: for each indicator its most recent year, and per buurt the published value of
// that year. Older years stay in the server-side document for later time series; they are not mapped.
import type { IndicatorDefinition, PublishedValue } from './model.ts';

export interface LatestIndicator {
  definition: IndicatorDefinition;
  /** Most recent year with any row; undefined when the indicator has no rows at all. */
  year: number | undefined;
  byBuurt: Map<string, PublishedValue>;
}

export function latestValues(published: readonly PublishedValue[], definitions: readonly IndicatorDefinition[]): LatestIndicator[] {
  return definitions.map((definition) => {
    const own = published.filter((p) => p.indicator === definition.id);
    const year = own.length > 0 ? Math.max(...own.map((p) => p.year)) : undefined;
    const byBuurt = new Map(own.filter((p) => p.year === year).map((p) => [p.buurtCode, p]));
    return { definition, year, byBuurt };
  });
}

/** A buurt without a row (e.g. no residents) is shown exactly like a suppressed one: no value, no count. */
export function valueOf(latest: LatestIndicator, buurtCode: string): Pick<PublishedValue, 'value' | 'status' | 'respondents'> {
  const p = latest.byBuurt.get(buurtCode);
  return p ? { value: p.value, status: p.status, respondents: p.respondents } : { value: null, status: 'onvoldoende-gegevens', respondents: null };
}
