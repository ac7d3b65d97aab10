import { describe, expect, it } from 'vitest';
import { InvalidParameter } from '../../server/errors.ts';
import { parseAntennaCsv, parseAntennaGeoJson } from '../../server/scenarios/fiveg/import-antennas.ts';

const HEADER = 'id;siteId;operator;kind;x;y;groundM;heightM;buildingId;band;azimuthDeg;downtiltDeg;eirpDbm';

function errorsOf(fn: () => unknown): { where: string; field: string; message: string }[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidParameter);
    return ((e as InvalidParameter).details?.errors ?? []) as { where: string; field: string; message: string }[];
  }
  throw new Error('expected an InvalidParameter');
}

describe('parseAntennaCsv', () => {
  it('reads semicolon CSV with decimal commas and fills the pattern defaults', () => {
    const text = `${HEADER}\nS1-n78-1;S1;Operator A;mast;145000,5;445000;2;30;;n78;0;6;70\nS1-n78-2;S1;Operator A;rooftop;145000;445000;2;24,5;NL.IMBAG.Pand.1;n78;120;6;70\n`;
    const [a, b] = parseAntennaCsv(text, 'antennes.csv');
    expect(a).toMatchObject({ id: 'S1-n78-1', position: [145000.5, 445000], buildingId: null, band: 'n78', maxGainDbi: 17, vBeamwidthDeg: 10 });
    expect(b).toMatchObject({ kind: 'rooftop', heightM: 24.5, buildingId: 'NL.IMBAG.Pand.1', azimuthDeg: 120 });
  });

  it('names the line and field of every bad value at once', () => {
    const text = `${HEADER}\nS1-1;S1;Operator A;mast;145000;445000;2;30;;n78;0;6;70\nS1-2;S1;Operator A;tower;145000;abc;2;30;;n99;400;6;70\n`;
    const errors = errorsOf(() => parseAntennaCsv(text, 'antennes.csv'));
    expect(errors.map((e) => `${e.where} ${e.field}`).sort()).toEqual(['line 3 azimuthDeg', 'line 3 band', 'line 3 kind', 'line 3 y']);
  });

  it('reports missing columns and duplicate ids', () => {
    expect(errorsOf(() => parseAntennaCsv('id;siteId\nA;B\n', 'x.csv')).map((e) => e.field)).toContain('eirpDbm');
    const dup = `${HEADER}\nA;S1;Op;mast;145000;445000;2;30;;n78;0;6;70\nA;S1;Op;mast;145000;445000;2;30;;n78;120;6;70\n`;
    expect(errorsOf(() => parseAntennaCsv(dup, 'x.csv'))[0]).toMatchObject({ field: 'id', message: 'duplicate id A' });
  });
});

describe('parseAntennaGeoJson', () => {
  const feature = (id: string, props: Record<string, unknown>, geometry: unknown = { type: 'Point', coordinates: [145000, 445000] }) => ({
    type: 'Feature',
    id,
    geometry,
    properties: { siteId: 'S1', operator: 'Operator A', kind: 'mast', groundM: 2, heightM: 30, buildingId: null, band: 'n3', azimuthDeg: 240, downtiltDeg: 4, eirpDbm: 63, ...props },
  });

  it('reads Point features in RD New', () => {
    const [a] = parseAntennaGeoJson(JSON.stringify({ type: 'FeatureCollection', features: [feature('S1-n3-3', {})] }), 'a.geojson');
    expect(a).toMatchObject({ id: 'S1-n3-3', position: [145000, 445000], band: 'n3', eirpDbm: 63 });
  });

  it('names the feature and field of bad values and geometries', () => {
    const text = JSON.stringify({ type: 'FeatureCollection', features: [feature('ok', {}), feature('bad', { heightM: -3 }), feature('line', {}, { type: 'LineString', coordinates: [[0, 0], [1, 1]] })] });
    const errors = errorsOf(() => parseAntennaGeoJson(text, 'a.geojson'));
    expect(errors.map((e) => `${e.where} ${e.field}`)).toEqual(['feature 2 (id bad) heightM', 'feature 3 (id line) geometry']);
  });

  it('rejects text that is not JSON', () => {
    expect(() => parseAntennaGeoJson('{', 'a.geojson')).toThrow(/not valid JSON/);
  });
});
