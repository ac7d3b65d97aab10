// Pure OGC API helpers: CRS transforms and axis order, datetime parsing, parameter validation.
// (Kept under test/api with the other OGC tests.)
import { describe, expect, it } from 'vitest';
import type { CollectionMeta } from '../../server/contracts/feature.ts';
import { bboxRdToCrs84, bboxToRd, CRS84, EPSG_28992, EPSG_4326, geometryFromRd, positionFromRd, positionToRd } from '../../server/api/ogc/crs.ts';
import { parseDatetimeParam } from '../../server/api/ogc/datetime.ts';
import { MAX_LIMIT, parseItemsParams } from '../../server/api/ogc/params.ts';
import { InvalidParameter } from '../../server/errors.ts';

function createMeta(queryables: CollectionMeta['queryables'] = [{ name: 'kind', type: 'string' }]): CollectionMeta {
  return {
    id: 'things',
    title: { nl: 'Dingen', en: 'Things' },
    description: { nl: 'd', en: 'd' },
    source: 's',
    licence: 'CC0-1.0',
    date: '2026-01-01',
    privacyClass: 'open',
    synthetic: true,
    queryables,
  };
}

describe('CRS transforms', () => {
  it('puts the Amersfoort RD origin at 5.387204 E, 52.155172 N in CRS84 (lon first) and EPSG:4326 (lat first)', () => {
    const [lon, lat] = positionFromRd([155000, 463000], CRS84);
    expect(lon).toBeCloseTo(5.387204, 5);
    expect(lat).toBeCloseTo(52.155172, 5);
    expect(positionFromRd([155000, 463000], EPSG_4326)).toEqual([lat, lon]);
  });

  it('rounds degrees to 1e-7 and RD metres to the millimetre, keeping heights', () => {
    const [lon, lat, h] = positionFromRd([145123.45678, 445678.91234, 3.5], CRS84);
    expect(Math.round(lon * 1e7)).toBeCloseTo(lon * 1e7, 6);
    expect(Math.round(lat * 1e7)).toBeCloseTo(lat * 1e7, 6);
    expect(h).toBe(3.5);
    expect(positionFromRd([145123.45678, 445678.91234], EPSG_28992)).toEqual([145123.457, 445678.912]);
  });

  it('round-trips CRS84 output back to RD within a centimetre', () => {
    const out = positionFromRd([145123.456, 445678.9], CRS84);
    const [x, y] = positionToRd([out[0], out[1]], CRS84);
    expect(Math.hypot(x - 145123.456, y - 445678.9)).toBeLessThan(0.01);
  });

  it('reads EPSG:4326 positions as lat,lon', () => {
    const [lon, lat] = positionFromRd([145000, 445000], CRS84);
    const a = positionToRd([lat, lon], EPSG_4326);
    const b = positionToRd([lon, lat], CRS84);
    expect(a[0]).toBeCloseTo(b[0], 6);
    expect(a[1]).toBeCloseTo(b[1], 6);
  });

  it('transforms every vertex of a geometry and keeps its shape', () => {
    const g = geometryFromRd({ type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 0]].map(([x, y]) => [145000 + x, 445000 + y])] }, CRS84);
    expect(g.type).toBe('Polygon');
    const ring = (g.coordinates as number[][][])[0];
    expect(ring).toHaveLength(4);
    expect(ring[0]).toEqual(ring[3]);
  });

  it.each([
    [[5.0, 51.9, 5.4, 52.1]],
    [[3.2, 50.7, 7.3, 53.6]],
  ])('gives an RD box that contains every point of the lon/lat box %j', (box) => {
    const [minX, minY, maxX, maxY] = bboxToRd(box as [number, number, number, number], CRS84);
    let [loX, loY, hiX, hiY] = [Infinity, Infinity, -Infinity, -Infinity];
    const n = 400;
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= n; j++) {
        const [x, y] = positionToRd([box[0] + (i / n) * (box[2] - box[0]), box[1] + (j / n) * (box[3] - box[1])], CRS84);
        [loX, loY, hiX, hiY] = [Math.min(loX, x), Math.min(loY, y), Math.max(hiX, x), Math.max(hiY, y)];
      }
    }
    expect(loX).toBeGreaterThanOrEqual(minX);
    expect(loY).toBeGreaterThanOrEqual(minY);
    expect(hiX).toBeLessThanOrEqual(maxX);
    expect(hiY).toBeLessThanOrEqual(maxY);
    // …and is not much larger than needed.
    expect(Math.max(loX - minX, loY - minY, maxX - hiX, maxY - hiY)).toBeLessThan(5);
  });

  it('gives a CRS84 extent that contains the corners of the RD box', () => {
    const rd: [number, number, number, number] = [140000, 440000, 150000, 450000];
    const [w, s, e, n] = bboxRdToCrs84(rd);
    for (const [x, y] of [[140000, 440000], [150000, 440000], [140000, 450000], [150000, 450000]]) {
      const [lon, lat] = positionFromRd([x, y], CRS84);
      expect(lon).toBeGreaterThanOrEqual(w);
      expect(lon).toBeLessThanOrEqual(e);
      expect(lat).toBeGreaterThanOrEqual(s);
      expect(lat).toBeLessThanOrEqual(n);
    }
  });
});

describe('datetime parameter', () => {
  it.each([
    '2024-01-01T00:00:00Z',
    '2024-01-01t00:00:00z',
    '2024-02-29T23:59:60+01:00',
    '2024-01-01T00:00:00.123456789Z',
    '2024-01-01T00:00:00Z/..',
    '../2024-01-01T00:00:00Z',
    '/2024-01-01T00:00:00Z',
    '2024-01-01T00:00:00Z/2024-12-31T00:00:00+02:00',
  ])('accepts %s', (s) => {
    expect(parseDatetimeParam(s)).toBeDefined();
  });

  it.each([
    '2024-13-45T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2024-01-01T00:00:00',
    '2024-01-01',
    '../..',
    '/',
    '2024-12-31T00:00:00Z/2024-01-01T00:00:00Z',
    '2024-01-01T24:00:00Z',
    'now',
    '2024-01-01T00:00:00Z/2024-01-02T00:00:00Z/2024-01-03T00:00:00Z',
  ])('rejects %s', (s) => {
    expect(parseDatetimeParam(s)).toBeUndefined();
  });

  it('rejects a 50 000-character string quickly', () => {
    const t = performance.now();
    expect(parseDatetimeParam('2024-01-01T00:00:00Z'.repeat(2500))).toBeUndefined();
    expect(performance.now() - t).toBeLessThan(50);
  });
});

describe('items parameters', () => {
  const meta = createMeta([
    { name: 'kind', type: 'string' },
    { name: 'year', type: 'integer' },
    { name: 'share', type: 'number' },
    { name: 'open', type: 'boolean' },
  ]);

  it('defaults to 100 features from offset 0 in CRS84', () => {
    expect(parseItemsParams({}, meta)).toMatchObject({ limit: 100, offset: 0, crs: CRS84, bboxCrs: CRS84, where: [] });
  });

  it('clamps a limit above the maximum and remembers what was asked', () => {
    expect(parseItemsParams({ limit: '20000' }, meta)).toMatchObject({ limit: MAX_LIMIT, requestedLimit: 20000 });
  });

  it('types queryable values by their declared type', () => {
    const p = parseItemsParams({ kind: 'water', year: '1931', share: '0.5', open: 'true' }, meta);
    expect(p.where).toEqual([['kind', 'water'], ['year', 1931], ['share', 0.5], ['open', true]]);
  });

  it('ignores heights in a 6-number bbox', () => {
    expect(parseItemsParams({ bbox: '5,52,-10,5.1,52.1,100' }, meta).bbox).toEqual([5, 52, 5.1, 52.1]);
  });

  it.each([
    [{ year: 'abc' }, 'year'],
    [{ open: 'yes' }, 'open'],
    [{ share: 'NaN' }, 'share'],
    [{ bbox: '5,52,5.1' }, 'bbox'],
    [{ bbox: '5,52,5.1,52.1', 'bbox-crs': 'EPSG:28992' }, 'bbox-crs'],
    [{ bbox: '5.1,52,5,52.1' }, 'bbox'],
    [{ bbox: '1e999,52,5,52.1' }, 'bbox'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '1e9' }, 'limit'],
    [{ offset: '-1' }, 'offset'],
  ])('rejects %j naming %s', (query, name) => {
    expect(() => parseItemsParams(query, meta)).toThrowError(InvalidParameter);
    expect(() => parseItemsParams(query, meta)).toThrowError(new RegExp(name));
  });

  it('reads an EPSG:4326 bbox as lat,lon and checks latitude on the first axis', () => {
    expect(parseItemsParams({ bbox: '52,5,52.1,5.1', 'bbox-crs': EPSG_4326 }, meta).bbox).toEqual([52, 5, 52.1, 5.1]);
    expect(() => parseItemsParams({ bbox: '5,95,5.1,96', 'bbox-crs': EPSG_4326 }, meta)).not.toThrow();
    expect(() => parseItemsParams({ bbox: '95,5,96,5.1', 'bbox-crs': EPSG_4326 }, meta)).toThrowError(/latitude/);
  });

  it('rejects repeated parameters and prototype keys', () => {
    expect(() => parseItemsParams({ limit: ['1', '2'] }, meta)).toThrowError(/once/);
    expect(() => parseItemsParams({ '__proto__[x]': '1' }, meta)).toThrowError(/Unknown parameter/);
    expect(() => parseItemsParams({ constructor: '1' }, meta)).toThrowError(/Unknown parameter/);
  });
});
