import { describe, expect, it } from 'vitest';
import { quantileClasses } from '../../server/health/quantile-classes.ts';
import { publishIndicators } from '../../server/health/disclosure.ts';
import { INDICATOR_CATALOGUE } from '../../server/health/indicator-catalogue.ts';
import type { HealthRow, IndicatorDefinition } from '../../server/health/model.ts';

function createRow(buurtCode: string, value: number, respondents: number, overrides: Partial<HealthRow> = {}): HealthRow {
  return { buurtCode, indicator: 'roken', value, unit: '%', respondents, year: 2024, ...overrides };
}

function createDefinitions(): IndicatorDefinition[] {
  return [
    ...INDICATOR_CATALOGUE.filter((d) => d.id === 'roken' || d.id === 'overgewicht'),
    { id: 'mantelzorgers', title: { nl: 'Mantelzorgers', en: 'Carers' }, description: { nl: 'Aantal', en: 'Count' }, unit: 'aantal', higherIsBetter: true, source: 'test' },
  ];
}

const byCode = (out: ReturnType<typeof publishIndicators>, code: string) => out.find((p) => p.buurtCode === code);

describe('publishIndicators', () => {
  it('suppresses a value based on fewer respondents than the threshold, with its respondent count', () => {
    const out = publishIndicators([createRow('BU00000001', 23.4, 49), createRow('BU00000002', 20, 400), createRow('BU00000003', 21, 400)], createDefinitions());
    expect(byCode(out, 'BU00000001')).toEqual({
      buurtCode: 'BU00000001',
      indicator: 'roken',
      year: 2024,
      unit: '%',
      value: null,
      status: 'onvoldoende-gegevens',
      respondents: null,
    });
  });

  it('publishes a value based on exactly the threshold', () => {
    const out = publishIndicators([createRow('BU00000001', 23.4, 50)], createDefinitions());
    expect(byCode(out, 'BU00000001')).toMatchObject({ value: 23, status: 'ok', respondents: 50 });
  });

  it('honours a configured threshold', () => {
    const out = publishIndicators([createRow('BU00000001', 23.4, 99), createRow('BU00000002', 23.4, 100)], createDefinitions(), { minRespondents: 100 });
    expect(out.map((p) => p.status)).toEqual(['onvoldoende-gegevens', 'onvoldoende-gegevens']);
  });

  it('rounds percentages to whole percent, half up', () => {
    const values = [12.5, 12.49, 0.4, 99.6, 7];
    const out = publishIndicators(values.map((v, i) => createRow(`BU0000000${i}`, v, 60)), createDefinitions());
    expect(out.map((p) => p.value)).toEqual([13, 12, 0, 100, 7]);
  });

  it('keeps configured decimals for percentages', () => {
    const out = publishIndicators([createRow('BU00000001', 12.345, 60)], createDefinitions(), { roundPercent: 1 });
    expect(out[0].value).toBe(12.3);
  });

  it('rounds counts of persons to the nearest 5', () => {
    const counts = [0, 2, 3, 12, 13, 1234];
    const rows = counts.map((v, i) => createRow(`BU0000000${i}`, v, 80, { indicator: 'mantelzorgers', unit: 'aantal' }));
    expect(publishIndicators(rows, createDefinitions()).map((p) => p.value)).toEqual([0, 0, 5, 10, 15, 1235]);
  });

  it('publishes respondent counts rounded down to a multiple of 5', () => {
    const out = publishIndicators([createRow('BU00000001', 20, 54), createRow('BU00000002', 20, 1236)], createDefinitions());
    expect(out.map((p) => p.respondents)).toEqual([50, 1235]);
  });

  it('never carries the raw value or respondent count of a suppressed row anywhere', () => {
    const rows = [createRow('BU00000001', 37.123, 17), createRow('BU00000002', 20, 400), createRow('BU00000003', 21.2, 402)];
    const json = JSON.stringify(publishIndicators(rows, createDefinitions()));
    expect(json).not.toContain('37.123');
    expect(json).not.toMatch(/\b37\b/);
    expect(json).not.toMatch(/\b17\b/);
  });

  it('suppresses a second buurt when a lone suppressed buurt could be derived from the municipality total', () => {
    const rows = [createRow('BU00000001', 30, 20), createRow('BU00000002', 20, 300), createRow('BU00000003', 25, 80), createRow('BU00000004', 22, 90)];
    const out = publishIndicators(rows, createDefinitions());
    // The buurt with the fewest respondents goes with it, so the suppressed pair rests on 20 + 80 ≥ 50 respondents.
    expect(out.map((p) => [p.buurtCode, p.status])).toEqual([
      ['BU00000001', 'onvoldoende-gegevens'],
      ['BU00000002', 'ok'],
      ['BU00000003', 'onvoldoende-gegevens'],
      ['BU00000004', 'ok'],
    ]);
  });

  it('suppresses nothing more when the suppressed buurten together reach the threshold', () => {
    const rows = [createRow('BU00000001', 30, 30), createRow('BU00000002', 20, 25), createRow('BU00000003', 25, 80)];
    expect(publishIndicators(rows, createDefinitions()).map((p) => p.status)).toEqual(['onvoldoende-gegevens', 'onvoldoende-gegevens', 'ok']);
  });

  it('applies complementary suppression per indicator and year', () => {
    const rows = [
      createRow('BU00000001', 30, 20),
      createRow('BU00000002', 20, 300),
      createRow('BU00000001', 30, 200, { indicator: 'overgewicht' }),
      createRow('BU00000002', 20, 300, { indicator: 'overgewicht' }),
      createRow('BU00000001', 30, 200, { year: 2020 }),
      createRow('BU00000002', 20, 300, { year: 2020 }),
    ];
    const status = publishIndicators(rows, createDefinitions()).map((p) => `${p.indicator} ${p.year} ${p.buurtCode} ${p.status}`);
    expect(status).toEqual([
      'overgewicht 2024 BU00000001 ok',
      'overgewicht 2024 BU00000002 ok',
      'roken 2020 BU00000001 ok',
      'roken 2020 BU00000002 ok',
      'roken 2024 BU00000001 onvoldoende-gegevens',
      'roken 2024 BU00000002 onvoldoende-gegevens',
    ]);
  });

  it('rejects rows of an indicator without a definition', () => {
    expect(() => publishIndicators([createRow('BU00000001', 20, 60, { indicator: 'onbekend' })], createDefinitions())).toThrow(/onbekend/);
  });
});

describe('quantileClasses', () => {
  it('makes five contiguous classes over ten distinct values', () => {
    const classes = quantileClasses([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(classes).toEqual([
      { min: 1, max: 3, count: 2 },
      { min: 3, max: 5, count: 2 },
      { min: 5, max: 7, count: 2 },
      { min: 7, max: 9, count: 2 },
      { min: 9, max: 10, count: 2 },
    ]);
  });

  it('keeps equal values in one class and counts every value once', () => {
    const values = [10, 10, 10, 10, 12, 30];
    const classes = quantileClasses(values);
    expect(classes.reduce((s, c) => s + c.count, 0)).toBe(values.length);
    expect(classes[0]).toEqual({ min: 10, max: 12, count: 4 });
  });

  it('gives one class for one distinct value and none for no values', () => {
    expect(quantileClasses([42, 42])).toEqual([{ min: 42, max: 42, count: 2 }]);
    expect(quantileClasses([])).toEqual([]);
  });

  it('gives each of two distinct values its own class', () => {
    expect(quantileClasses([1, 2])).toEqual([
      { min: 1, max: 2, count: 1 },
      { min: 2, max: 2, count: 1 },
    ]);
  });
});
