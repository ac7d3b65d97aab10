// Public-health indicator tables per buurt (GGD Gezondheidsmonitor / RIVM "Gezondheid per wijk en buurt" style)
// and what may be published from them. Pure and browser-safe. Only aggregate statistics enter the twin, never
// survey microdata (AVG art. 9; DOMAIN.md Part B §5.4).
import { z } from 'zod';

/**
 * Indicator ids are also property names in the served `gezondheid` collection (`<id>`, `<id>_status`), so they
 * must be valid identifiers for OGC API clients and for the queryable allow-list: lower case, digits, underscores.
 */
export const INDICATOR_ID = /^[a-z][a-z0-9_]{0,39}$/;
export const indicatorId = z.string().regex(INDICATOR_ID, 'must be lower-case letters, digits and underscores, starting with a letter (at most 40)');

export const HEALTH_UNITS = ['%', 'aantal', 'gemiddelde'] as const;
export const healthUnit = z.enum(HEALTH_UNITS);
export type HealthUnit = z.infer<typeof healthUnit>;

export const buurtCode = z.string().regex(/^BU[0-9]{8}$/, 'must be BU followed by 8 digits');

/** One cell of an indicator table: the value of one indicator in one buurt in one year, with its sample size. */
export const healthRow = z
  .object({
    buurtCode,
    indicator: indicatorId,
    /** A percentage 0–100 when unit is '%', a count of persons when 'aantal', a mean score when 'gemiddelde'. */
    value: z.number().finite('must be a finite number'),
    unit: healthUnit,
    /** Respondents the value is based on; decides whether it may be published at all. */
    respondents: z.number().int('must be a whole number ≥ 0').min(0, 'must be a whole number ≥ 0'),
    year: z.number().int('must be a whole year').min(1990, 'must be 1990 or later').max(2100, 'must be 2100 or earlier'),
  })
  .superRefine((row, ctx) => {
    if (row.unit === '%' && (row.value < 0 || row.value > 100)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `must be between 0 and 100 for a percentage, got ${row.value}` });
    }
    if (row.unit === 'aantal' && (row.value < 0 || !Number.isInteger(row.value))) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `must be a whole number ≥ 0 for a count, got ${row.value}` });
    }
  });
export type HealthRow = z.infer<typeof healthRow>;

const bilingual = z.object({ nl: z.string().min(1), en: z.string().min(1) });

export const indicatorDefinition = z.object({
  id: indicatorId,
  title: bilingual,
  description: bilingual,
  unit: healthUnit,
  /** Decides the colour direction of a map: dark always means "worse". */
  higherIsBetter: z.boolean(),
  source: z.string().min(1),
});
export type IndicatorDefinition = z.infer<typeof indicatorDefinition>;

export const PUBLISHED_STATUSES = ['ok', 'onvoldoende-gegevens'] as const;
export type PublishedStatus = (typeof PUBLISHED_STATUSES)[number];

/**
 * A value as it may leave the server. A suppressed value carries neither its value nor its respondent count;
 * the row's identity (buurt, indicator, year, unit) is all that is left of it.
 */
export interface PublishedValue {
  buurtCode: string;
  indicator: string;
  year: number;
  unit: HealthUnit;
  value: number | null;
  status: PublishedStatus;
  /** Respondents rounded to the count rounding base; null whenever the value is suppressed. */
  respondents: number | null;
}

export interface DisclosureOptions {
  /** Values based on fewer respondents are not published (GGD practice: 50). */
  minRespondents: number;
  /** Decimals kept for percentages (CBS/GGD: whole percent). */
  roundPercent: number;
  /** Counts of persons (and respondent counts) are rounded to a multiple of this (CBS: 5). */
  roundCountsTo: number;
  /** Decimals kept for mean scores. */
  roundMean: number;
}

export const DEFAULT_DISCLOSURE: Readonly<DisclosureOptions> = { minRespondents: 50, roundPercent: 0, roundCountsTo: 5, roundMean: 1 };

export const disclosureOptions = z.object({
  minRespondents: z.number().int().min(1),
  roundPercent: z.number().int().min(0).max(2),
  roundCountsTo: z.number().int().min(1),
  roundMean: z.number().int().min(0).max(3),
});

/** The server-only document ('health', 'current'): raw rows are never served, only what disclosure lets through. */
export interface HealthDocument {
  rows: HealthRow[];
  indicators: IndicatorDefinition[];
  disclosure: DisclosureOptions;
}
