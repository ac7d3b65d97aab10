// Omgevingsplan cartography as pure data: zone colours per function, heritage and height-envelope symbols,
// and the colour for buildings above their height norm. CSS hex so legend swatches and map use the same values.
import type { LegendEntry } from './building-style.ts';

/** The functions an omgevingsplan zone can have (IMOW `functie` groups as the demo uses them). */
export const ZONE_FUNCTIONS = [
  'wonen',
  'centrum',
  'gemengd',
  'bedrijventerrein',
  'maatschappelijk',
  'groen',
  'water',
  'verkeer',
] as const;
export type ZoneFunction = (typeof ZONE_FUNCTIONS)[number];

/** Colours after the Dutch SVBP plan conventions (wonen yellow, centrum orange, bedrijf purple, groen green…). */
export const ZONE_COLOURS: Record<ZoneFunction, string> = {
  wonen: '#f2d64b',
  centrum: '#f08a3c',
  gemengd: '#e8a6c8',
  bedrijventerrein: '#9c6bc4',
  maatschappelijk: '#d9a66b',
  groen: '#4fa35a',
  water: '#5da9dd',
  verkeer: '#a3a3a3',
};
export const UNKNOWN_ZONE_COLOUR = '#ffffff';

export const HERITAGE_TYPES = ['beschermd stadsgezicht', 'rijksmonument', 'gemeentelijk monument'] as const;
export const HERITAGE_COLOURS: Record<(typeof HERITAGE_TYPES)[number], string> = {
  'beschermd stadsgezicht': '#b3002d',
  rijksmonument: '#6b2c00',
  'gemeentelijk monument': '#c25e00',
};

export const ENVELOPE_FILL = '#7b4fd6';
export const ENVELOPE_OUTLINE = '#3b1f8a';
/** Buildings taller than the maximum building height where they stand. */
export const EXCEEDANCE_COLOUR = '#ff1f5a';

/** Alpha of zone fills at 100 % layer opacity: the buildings and basemap must stay readable underneath. */
export const ZONE_FILL_ALPHA = 0.45;
export const ENVELOPE_FILL_ALPHA = 0.28;

export function zoneColour(functie: unknown): string {
  return typeof functie === 'string' && Object.hasOwn(ZONE_COLOURS, functie)
    ? ZONE_COLOURS[functie as ZoneFunction]
    : UNKNOWN_ZONE_COLOUR;
}

export function heritageColour(type: unknown): string {
  return typeof type === 'string' && Object.hasOwn(HERITAGE_COLOURS, type)
    ? HERITAGE_COLOURS[type as keyof typeof HERITAGE_COLOURS]
    : HERITAGE_COLOURS['beschermd stadsgezicht'];
}

/** '#rrggbb' + alpha 0–1 → deck.gl's [r, g, b, a] in 0–255. */
export function rgba(hex: string, alpha = 1): [number, number, number, number] {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, Math.round(Math.max(0, Math.min(1, alpha)) * 255)];
}

export function zoneLegend(): LegendEntry[] {
  return ZONE_FUNCTIONS.map((f) => ({ labelKey: `zone.${f}`, colour: ZONE_COLOURS[f] }));
}

export function heritageLegend(): LegendEntry[] {
  return HERITAGE_TYPES.map((t) => ({ labelKey: `heritage.${t.replace(/ /g, '-')}`, colour: HERITAGE_COLOURS[t] }));
}

/** A 'maximum bouwhoogte' norm in metres, or undefined for norms we do not draw as an envelope (bouwlagen). */
export function envelopeHeightM(properties: Record<string, unknown>): number | undefined {
  const { norm, waarde, eenheid } = properties;
  if (norm !== 'maximum bouwhoogte' || (eenheid !== undefined && eenheid !== 'm')) return undefined;
  return typeof waarde === 'number' && Number.isFinite(waarde) && waarde > 0 ? waarde : undefined;
}
