import { describe, expect, it } from 'vitest';
import { collectionMeta, featureRd } from '../../server/contracts/feature.ts';
import type { Buurt } from '../../server/contracts/model.ts';
import { publishIndicators } from '../../server/health/disclosure.ts';
import { healthCollections } from '../../server/health/health-collections.ts';
import { INDICATOR_CATALOGUE } from '../../server/health/indicator-catalogue.ts';
import type { HealthRow } from '../../server/health/model.ts';

function createBuurt(code: string, x: number): Buurt {
  return { code, name: `Buurt ${code.slice(-2)}`, polygon: [[[x, 0], [x + 100, 0], [x + 100, 100], [x, 100]]], population: 1000, households: 500 };
}

function createInput() {
  const buurten = [createBuurt('BU99990101', 0), createBuurt('BU99990102', 100), createBuurt('BU99990103', 200), createBuurt('BU99990104', 300)];
  const definitions = INDICATOR_CATALOGUE.filter((d) => d.id === 'roken' || d.id === 'overgewicht');
  const rows: HealthRow[] = [
    { buurtCode: 'BU99990101', indicator: 'roken', value: 18.4, unit: '%', respondents: 200, year: 2024 },
    { buurtCode: 'BU99990102', indicator: 'roken', value: 64.321, unit: '%', respondents: 12, year: 2024 },
    { buurtCode: 'BU99990103', indicator: 'roken', value: 22.6, unit: '%', respondents: 90, year: 2024 },
    { buurtCode: 'BU99990101', indicator: 'roken', value: 25, unit: '%', respondents: 200, year: 2020 },
    { buurtCode: 'BU99990101', indicator: 'overgewicht', value: 49.5, unit: '%', respondents: 190, year: 2024 },
  ];
  return { buurten, definitions, rows };
}

describe('healthCollections', () => {
  it('makes one valid, aggregated collection called gezondheid with one feature per buurt', () => {
    const { buurten, definitions, rows } = createInput();
    const [c, ...rest] = healthCollections(buurten, publishIndicators(rows, definitions), definitions);
    expect(rest).toEqual([]);
    expect(collectionMeta.parse(c.meta)).toMatchObject({ id: 'gezondheid', privacyClass: 'aggregated', queryables: [{ name: 'code', type: 'string' }] });
    expect(c.features.map((f) => f.id)).toEqual(buurten.map((b) => b.code));
    for (const f of c.features) featureRd.parse(f);
  });

  it('closes the rings of the buurt polygons', () => {
    const { buurten, definitions, rows } = createInput();
    const [c] = healthCollections(buurten, publishIndicators(rows, definitions), definitions);
    const geometry = c.features[0].geometry;
    expect(geometry?.type).toBe('Polygon');
    const ring = (geometry as { coordinates: number[][][] }).coordinates[0];
    expect(ring).toHaveLength(5);
    expect(ring[4]).toEqual(ring[0]);
  });

  it('shows the latest year, rounded, with status and rounded respondents, under valid property names', () => {
    const { buurten, definitions, rows } = createInput();
    const [c] = healthCollections(buurten, publishIndicators(rows, definitions), definitions);
    expect(c.features[0].properties).toEqual({
      code: 'BU99990101',
      naam: 'Buurt 01',
      roken: 18,
      roken_status: 'ok',
      roken_respondenten: 200,
      overgewicht: 50,
      overgewicht_status: 'ok',
      overgewicht_respondenten: 190,
    });
    for (const f of c.features) for (const name of Object.keys(f.properties)) expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
  });

  it('shows suppressed buurten and buurten without rows as null with status onvoldoende-gegevens', () => {
    const { buurten, definitions, rows } = createInput();
    const [c] = healthCollections(buurten, publishIndicators(rows, definitions), definitions);
    for (const code of ['BU99990102', 'BU99990103', 'BU99990104']) {
      const p = c.features.find((f) => f.id === code)?.properties;
      expect(p).toMatchObject({ roken: null, roken_status: 'onvoldoende-gegevens', roken_respondenten: null });
    }
    expect(JSON.stringify(c)).not.toContain('64.321');
    expect(JSON.stringify(c.features)).not.toMatch(/\b64\b/);
  });
});
