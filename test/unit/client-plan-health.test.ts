import { describe, expect, it } from 'vitest';
import en from '../../client/i18n/en.json';
import nl from '../../client/i18n/nl.json';
import type { BuurtValue } from '../../client/api/health-api.ts';
import { collectionIdOf } from '../../client/api/feature-api.ts';
import { hatchSegments } from '../../client/layers/hatch.ts';
import { breaksFromServer, classify, HEALTH_PALETTE, quantileBreaks } from '../../client/layers/health-classes.ts';
import { envelopeHeightM, heritageLegend, rgba, ZONE_COLOURS, ZONE_FUNCTIONS, zoneColour, zoneLegend } from '../../client/layers/plan-style.ts';
import { findThematicLayers } from '../../client/layers/thematic-catalogue.ts';

function buurt(code: string, value: number | null): BuurtValue {
  return { code, name: code, value, status: value === null ? 'onvoldoende-gegevens' : 'ok' };
}

describe('omgevingsplan cartography', () => {
  it('gives every zone function its own colour and a translated legend label', () => {
    const legend = zoneLegend();
    expect(legend.map((e) => e.colour)).toEqual(ZONE_FUNCTIONS.map((f) => ZONE_COLOURS[f]));
    expect(new Set(legend.map((e) => e.colour)).size).toBe(ZONE_FUNCTIONS.length);
    for (const e of [...legend, ...heritageLegend()]) {
      expect(Object.hasOwn(nl, e.labelKey), e.labelKey).toBe(true);
      expect(Object.hasOwn(en, e.labelKey), e.labelKey).toBe(true);
    }
    expect(zoneColour('__proto__')).toBe('#ffffff');
  });

  it('draws envelopes only for a maximum building height in metres', () => {
    expect(envelopeHeightM({ norm: 'maximum bouwhoogte', waarde: 12, eenheid: 'm' })).toBe(12);
    expect(envelopeHeightM({ norm: 'maximum aantal bouwlagen', waarde: 3, eenheid: 'bouwlagen' })).toBeUndefined();
    expect(envelopeHeightM({ norm: 'maximum bouwhoogte', waarde: null, eenheid: 'm' })).toBeUndefined();
  });

  it('converts CSS hex and alpha to deck.gl colours', () => {
    expect(rgba('#ff8000', 0.5)).toEqual([255, 128, 0, 128]);
  });

  it('finds the overlays in the catalogue by their OGC collection', () => {
    const layer = (id: string, url: string) => ({ id, url, kind: 'features', title: { nl: id, en: id }, source: '', licence: '', date: '', privacyClass: 'open', synthetic: true });
    const found = findThematicLayers([layer('zones', '/ogc/collections/omgevingsplan-functies/items'), layer('gezondheid', '/elsewhere')]);
    expect(found.zones?.id).toBe('zones');
    expect(found.health?.id).toBe('gezondheid');
    expect(collectionIdOf('/ogc/collections/a-b/items?limit=5')).toBe('a-b');
  });
});

describe('health choropleth classes', () => {
  it('never puts a suppressed buurt in a class', () => {
    const c = classify([buurt('a', 10), buurt('b', null), buurt('c', 30)], false);
    expect(c.classOf(buurt('b', null))).toBeNull();
    expect(c.classOf({ code: 'x', name: 'x', value: 0, status: 'onvoldoende-gegevens' })).toBeNull();
    expect(c.classOf(buurt('a', 10))).toBe(0);
    expect(c.classOf(buurt('c', 30))).toBe(c.classes.length - 1);
  });

  it('reads the server classes ({min, max}) and colours worse as darker in both directions', () => {
    const server = [{ min: 10, max: 20, count: 2 }, { min: 20, max: 30, count: 2 }];
    expect(breaksFromServer(server)).toEqual([10, 20, 30]);
    const lowerIsBetter = classify([buurt('a', 12), buurt('b', 25)], false, server);
    const higherIsBetter = classify([buurt('a', 12), buurt('b', 25)], true, server);
    expect(lowerIsBetter.classes[1].colour).toBe(HEALTH_PALETTE[HEALTH_PALETTE.length - 1]);
    expect(higherIsBetter.classes[0].colour).toBe(HEALTH_PALETTE[HEALTH_PALETTE.length - 1]);
    expect(lowerIsBetter.classOf(buurt('b', 25))).toBe(1);
  });

  it('falls back to quantile breaks without duplicates', () => {
    expect(quantileBreaks([5, 5, 5, 5])).toEqual([5, 5]);
    expect(quantileBreaks([1, 2, 3, 4, 5, 6])).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('hatching', () => {
  it('covers a square with segments inside it, and leaves a hole empty', () => {
    const square = [[0, 0], [100, 0], [100, 100], [0, 100]] as const;
    const hole = [[40, 40], [60, 40], [60, 60], [40, 60]] as const;
    const segments = hatchSegments([square], 10);
    expect(segments.length).toBeGreaterThan(10);
    for (const [a, b] of segments) for (const [x, y] of [a, b]) {
      expect(x).toBeGreaterThanOrEqual(-1e-6);
      expect(x).toBeLessThanOrEqual(100 + 1e-6);
      expect(y).toBeGreaterThanOrEqual(-1e-6);
      expect(y).toBeLessThanOrEqual(100 + 1e-6);
    }
    // Brute-force oracle: the midpoint of every segment piece lies inside the square and outside the hole.
    for (const [a, b] of hatchSegments([square, hole], 10)) {
      const [mx, my] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
      expect(mx > 40 && mx < 60 && my > 40 && my < 60).toBe(false);
    }
  });
});
