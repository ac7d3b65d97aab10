import { describe, expect, it } from 'vitest';
import en from '../../client/i18n/en.json';
import nl from '../../client/i18n/nl.json';
import { translate } from '../../client/i18n/i18n.ts';
import { buildingLegend, buildingStyle, quoteStyleString } from '../../client/layers/building-style.ts';
import { createDefaultState, stateFromHash, stateToHash, withLayerVisibility } from '../../client/state/app-state.ts';

describe('client state in the URL hash', () => {
  it('round-trips every field', () => {
    const state = { lang: 'en', colourMode: 'year', hiddenLayers: ['basemap'], selectedBuildingId: 'NL.IMBAG.Pand.1' } as const;
    expect(stateFromHash(stateToHash(state))).toEqual(state);
  });

  it('writes nothing for the default state', () => {
    expect(stateToHash(createDefaultState())).toBe('');
  });

  it('falls back to defaults for unknown or hostile values', () => {
    const s = stateFromHash('#lang=fr&colour=__proto__&hide=<script>,ok-layer&building=' + 'x'.repeat(200));
    expect(s).toEqual({ lang: 'nl', colourMode: 'function', hiddenLayers: ['ok-layer'], selectedBuildingId: null });
  });

  it('toggles layer visibility without duplicates', () => {
    let s = withLayerVisibility(createDefaultState(), 'basemap', false);
    s = withLayerVisibility(s, 'basemap', false);
    expect(s.hiddenLayers).toEqual(['basemap']);
    expect(withLayerVisibility(s, 'basemap', true).hiddenLayers).toEqual([]);
  });
});

describe('building colour styles', () => {
  it('gives every function its own colour and the legend the same colours', () => {
    const style = buildingStyle('function', null);
    const legend = buildingLegend('function');
    for (const f of ['woning', 'winkel', 'kantoor', 'industrie', 'maatschappelijk', 'monument']) {
      const condition = style.color.conditions.find(([test]) => test.includes(`'${f}'`));
      const entry = legend.find((e) => e.labelKey === `function.${f}`);
      expect(condition?.[1]).toBe(`color('${entry?.colour}')`);
    }
    expect(new Set(legend.map((e) => e.colour)).size).toBe(legend.length);
  });

  it('puts the selected building first so it wins over the colour mode', () => {
    const style = buildingStyle('height', "NL.IMBAG.Pand.1'x");
    expect(style.color.conditions[0][0]).toBe("${identificatie} === 'NL.IMBAG.Pand.1\\'x'");
  });

  it('escapes quotes and backslashes in style strings', () => {
    expect(quoteStyleString("a'b\\c")).toBe("'a\\'b\\\\c'");
  });
});

describe('translations', () => {
  it('has the same keys in Dutch and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
  });

  it('has a non-empty English text for every key and translates the layer heading', () => {
    expect(translate('nl', 'layers.heading')).not.toBe(translate('en', 'layers.heading'));
    for (const [key, value] of Object.entries(en)) expect(value.trim(), key).not.toBe('');
  });
});
