// Colour schemes for the buildings tileset as pure data: a Cesium3DTileStyle JSON and the matching legend.
// Colours are CSS hex so the legend swatches and the 3D colours are the same values.
import type { ColourMode } from '../state/app-state.ts';

export interface LegendEntry {
  /** i18n key of the label. */
  labelKey: string;
  colour: string;
}

export interface BuildingStyleJson {
  color: { conditions: [string, string][] };
}

const NO_DATA_COLOUR = '#b8b8b8';
export const SELECTED_COLOUR = '#00c8ff';

const FUNCTION_COLOURS: [string, string][] = [
  ['woning', '#e3a857'],
  ['winkel', '#d1495b'],
  ['kantoor', '#4f7cac'],
  ['industrie', '#7d5ba6'],
  ['maatschappelijk', '#2a9d8f'],
  ['monument', '#8c5a2b'],
];

/** Upper bounds (exclusive) in metres above ground; the last class is open-ended. */
const HEIGHT_CLASSES: [number, string, string][] = [
  [6, 'height.lt6', '#fde725'],
  [10, 'height.6to10', '#7ad151'],
  [15, 'height.10to15', '#22a884'],
  [25, 'height.15to25', '#2a788e'],
  [Number.POSITIVE_INFINITY, 'height.ge25', '#414487'],
];

const YEAR_CLASSES: [number, string, string][] = [
  [1900, 'year.lt1900', '#67001f'],
  [1945, 'year.1900to1945', '#b2182b'],
  [1970, 'year.1945to1970', '#ef8a62'],
  [1990, 'year.1970to1990', '#fddbc7'],
  [2010, 'year.1990to2010', '#67a9cf'],
  [Number.POSITIVE_INFINITY, 'year.ge2010', '#2166ac'],
];

function colourExpression(hex: string): string {
  return `color('${hex}')`;
}

/** Quotes a value for a 3D Tiles style expression string literal. */
export function quoteStyleString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function classConditions(property: string, classes: [number, string, string][]): [string, string][] {
  const conditions: [string, string][] = [[`\${${property}} === undefined`, colourExpression(NO_DATA_COLOUR)]];
  for (const [upper, , colour] of classes) {
    const test = Number.isFinite(upper) ? `\${${property}} < ${upper}` : 'true';
    conditions.push([test, colourExpression(colour)]);
  }
  return conditions;
}

export function buildingLegend(mode: ColourMode): LegendEntry[] {
  switch (mode) {
    case 'function':
      return [
        ...FUNCTION_COLOURS.map(([value, colour]) => ({ labelKey: `function.${value}`, colour })),
        { labelKey: 'function.unknown', colour: NO_DATA_COLOUR },
      ];
    case 'height':
      return HEIGHT_CLASSES.map(([, labelKey, colour]) => ({ labelKey, colour }));
    case 'year':
      return YEAR_CLASSES.map(([, labelKey, colour]) => ({ labelKey, colour }));
  }
}

export function buildingStyle(mode: ColourMode, selectedId: string | null): BuildingStyleJson {
  const conditions: [string, string][] = [];
  if (selectedId) conditions.push([`\${identificatie} === ${quoteStyleString(selectedId)}`, colourExpression(SELECTED_COLOUR)]);
  switch (mode) {
    case 'function':
      for (const [value, colour] of FUNCTION_COLOURS) {
        conditions.push([`\${functie} === ${quoteStyleString(value)}`, colourExpression(colour)]);
      }
      conditions.push(['true', colourExpression(NO_DATA_COLOUR)]);
      break;
    case 'height':
      conditions.push(...classConditions('hoogte', HEIGHT_CLASSES));
      break;
    case 'year':
      conditions.push(...classConditions('bouwjaar', YEAR_CLASSES));
      break;
  }
  return { color: { conditions } };
}
