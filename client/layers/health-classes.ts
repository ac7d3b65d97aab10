// Choropleth classes for a public-health indicator: breaks, colours, legend and the class of each buurt.
// Suppressed buurten (too few respondents) get no class at all: they are shown as "insufficient data", never as 0.
import type { BuurtValue } from '../api/health-api.ts';

/** Light = better, dark = worse, whatever the direction of the indicator (colour-blind safe, ColorBrewer PuRd-like). */
export const HEALTH_PALETTE = ['#f1eef6', '#d4b9da', '#c994c7', '#df65b0', '#980043'] as const;
export const SUPPRESSED_COLOUR = '#bdbdbd';
export const SUPPRESSED_HATCH_COLOUR = '#616161';

export interface HealthClass {
  /** Inclusive lower bound. */
  min: number;
  /** Upper bound, inclusive for the last class, exclusive otherwise. */
  max: number;
  colour: string;
}

export interface HealthClassification {
  classes: HealthClass[];
  /** Index into `classes`, or null for a suppressed buurt or one without a value. */
  classOf(buurt: BuurtValue): number | null;
}

export function isSuppressed(buurt: BuurtValue): boolean {
  return buurt.status !== 'ok' || buurt.value === null || !Number.isFinite(buurt.value);
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Reads server classes in the shapes we know: [{min,max}], [{lower,upper}], [{from,to}] or a list of breaks. */
export function breaksFromServer(classes: unknown[] | undefined): number[] | undefined {
  if (!Array.isArray(classes) || classes.length === 0) return undefined;
  if (classes.every((c) => num(c) !== undefined)) return [...(classes as number[])].sort((a, b) => a - b);
  const bounds: number[] = [];
  for (const c of classes) {
    if (typeof c !== 'object' || c === null) return undefined;
    const o = c as Record<string, unknown>;
    const lo = num(o.min) ?? num(o.lower) ?? num(o.from);
    const hi = num(o.max) ?? num(o.upper) ?? num(o.to);
    if (lo === undefined || hi === undefined) return undefined;
    if (bounds.length === 0) bounds.push(lo);
    bounds.push(hi);
  }
  return bounds;
}

/** Quantile breaks (class count ≤ palette size) over the unsuppressed values; duplicates collapse. */
export function quantileBreaks(values: number[], classCount = HEALTH_PALETTE.length): number[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const breaks: number[] = [];
  for (let i = 0; i <= classCount; i++) {
    const v = sorted[Math.min(sorted.length - 1, Math.round((i * (sorted.length - 1)) / classCount))];
    if (breaks.length === 0 || v > breaks[breaks.length - 1]) breaks.push(v);
  }
  if (breaks.length === 1) breaks.push(breaks[0]);
  return breaks;
}

/**
 * `breaks` has one more entry than there are classes. Colours spread over the palette so that the darkest colour
 * always means "worse": for an indicator where higher is better, the low values get the dark end.
 */
export function classify(
  buurten: BuurtValue[],
  higherIsBetter: boolean,
  serverClasses?: unknown[],
): HealthClassification {
  const values = buurten.filter((b) => !isSuppressed(b)).map((b) => b.value as number);
  const breaks = breaksFromServer(serverClasses) ?? quantileBreaks(values);
  const count = Math.max(0, Math.min(HEALTH_PALETTE.length, breaks.length - 1));
  const classes: HealthClass[] = [];
  for (let i = 0; i < count; i++) {
    const paletteIndex = count === 1 ? 0 : Math.round((i * (HEALTH_PALETTE.length - 1)) / (count - 1));
    const colour = HEALTH_PALETTE[higherIsBetter ? HEALTH_PALETTE.length - 1 - paletteIndex : paletteIndex];
    classes.push({ min: breaks[i], max: breaks[i + 1], colour });
  }
  return {
    classes,
    classOf(buurt) {
      if (isSuppressed(buurt) || classes.length === 0) return null;
      const v = buurt.value as number;
      for (let i = 0; i < classes.length - 1; i++) if (v < classes[i].max) return i;
      return classes.length - 1;
    },
  };
}
