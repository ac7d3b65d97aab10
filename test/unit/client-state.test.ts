import { describe, expect, it } from 'vitest';
import en from '../../client/i18n/en.json';
import nl from '../../client/i18n/nl.json';
import { translate } from '../../client/i18n/i18n.ts';
import { buildingLegend, buildingStyle, quoteStyleString } from '../../client/layers/building-style.ts';
import {
  createDefaultState,
  isLayerVisible,
  layerOpacity,
  stateFromHash,
  stateToHash,
  withLayerOpacity,
  withLayerVisibility,
  type AppState,
} from '../../client/state/app-state.ts';

describe('client state in the URL hash', () => {
  it('round-trips every field', () => {
    const state: AppState = {
      lang: 'en',
      colourMode: 'year',
      hiddenLayers: ['basemap'],
      shownLayers: ['gezondheid', 'omgevingsplan-functies'],
      opacity: { gezondheid: 40, 'omgevingsplan-functies': 0 },
      selectedBuildingId: 'NL.IMBAG.Pand.1',
      healthIndicator: 'ervaren-gezondheid',
      tool: 'check',
      rulesAt: [5.123456, 52.054321],
    };
    expect(stateFromHash(stateToHash(state))).toEqual(state);
  });

  it('writes nothing for the default state', () => {
    expect(stateToHash(createDefaultState())).toBe('');
  });

  it('falls back to defaults for unknown or hostile values', () => {
    const s = stateFromHash('#lang=fr&colour=__proto__&hide=<script>,ok-layer&building=' + 'x'.repeat(200));
    expect(s).toEqual({ ...createDefaultState(), hiddenLayers: ['ok-layer'] });
    const t = stateFromHash('#opacity=a:150,b:x,c:30,__proto__:5&tool=eval&at=5,999&indicator=<b>&show=x y');
    expect(Object.keys(t.opacity)).toEqual(['c']);
    expect(t).toEqual({ ...createDefaultState(), opacity: { c: 30 } });
  });

  it('toggles layer visibility without duplicates', () => {
    let s = withLayerVisibility(createDefaultState(), 'basemap', false);
    s = withLayerVisibility(s, 'basemap', false);
    expect(s.hiddenLayers).toEqual(['basemap']);
    expect(withLayerVisibility(s, 'basemap', true).hiddenLayers).toEqual([]);
  });
});

describe('thematic layers in the state', () => {
  it('keeps default-hidden overlays hidden until shown, and back', () => {
    const base = createDefaultState();
    expect(isLayerVisible(base, 'gezondheid', false)).toBe(false);
    const shown = withLayerVisibility(base, 'gezondheid', true, false);
    expect(shown.shownLayers).toEqual(['gezondheid']);
    expect(isLayerVisible(shown, 'gezondheid', false)).toBe(true);
    expect(stateToHash(withLayerVisibility(shown, 'gezondheid', false, false))).toBe('');
  });

  it('stores opacity in whole percent and leaves 100 % out of the URL', () => {
    let s = withLayerOpacity(createDefaultState(), 'omgevingsplan-functies', 49.6);
    expect(layerOpacity(s, 'omgevingsplan-functies')).toBe(0.5);
    expect(stateToHash(s)).toBe('#opacity=omgevingsplan-functies%3A50');
    s = withLayerOpacity(s, 'omgevingsplan-functies', 120);
    expect(s.opacity).toEqual({});
    expect(layerOpacity(s, 'omgevingsplan-functies')).toBe(1);
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
