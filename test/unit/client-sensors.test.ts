import { describe, expect, it } from 'vitest';
import { idwGrid } from '../../client/sensors/idw.ts';
import { linePath } from '../../client/sensors/sensor-chart.ts';
import { classIndex, colourOf, NO_VALUE_COLOUR, QUANTITY_STYLES } from '../../client/sensors/sensor-classes.ts';
import { openingHour, streamsFor, nearestReference } from '../../client/sensors/sensor-panel.ts';
import { HOUR_MS, hourlyGrid, sitesFromThings } from '../../client/sensors/sensors-api.ts';

const thing = (id: number, kind: string, lon: number, lat: number, streams: { id: number; op: string; calibration?: object }[]) => ({
  '@iot.id': id,
  name: `T${id}`,
  properties: { kind },
  Locations: [{ location: { type: 'Point', coordinates: [lon, lat] } }],
  Datastreams: streams.map((s) => ({ '@iot.id': s.id, name: `D${s.id}`, unitOfMeasurement: { symbol: 'µg/m³' }, properties: s.calibration ? { calibration: s.calibration } : {}, ObservedProperty: { name: s.op } })),
});

describe('sitesFromThings', () => {
  it('reads kind, point and streams, marks calibrated streams and skips Things without a point', () => {
    const sites = sitesFromThings([
      thing(1, 'citizen', 5.1, 52.1, [{ id: 10, op: 'pm25' }, { id: 11, op: 'pm25_kal', calibration: { model: 'linear-rh' } }]),
      { '@iot.id': 2, name: 'nowhere', Locations: [], Datastreams: [] },
      thing(3, 'mystery', 5.2, 52.2, []),
    ]);
    expect(sites.map((s) => s.id)).toEqual([1, 3]);
    expect(sites[0].streams.map((s) => [s.quantity, s.calibrated])).toEqual([['pm25', false], ['pm25_kal', true]]);
    expect(sites[1].kind).toBe('other');
  });
});

describe('hourlyGrid', () => {
  it('puts each observation in its hour, leaves gaps as NaN and ignores non-numbers and out-of-range times', () => {
    const start = Date.UTC(2026, 0, 1);
    const grid = hourlyGrid(
      [
        { phenomenonTime: '2026-01-01T00:00:00Z/2026-01-01T01:00:00Z', result: 7 },
        { phenomenonTime: '2026-01-01T02:00:00.000Z', result: 9.5 },
        { phenomenonTime: '2026-01-01T03:00:00Z', result: 'x' },
        { phenomenonTime: '2025-12-31T23:00:00Z', result: 1 },
        { phenomenonTime: '2026-01-01T04:00:00Z', result: 2 },
      ],
      start,
      4,
    );
    expect(Array.from(grid)).toEqual([7, Number.NaN, 9.5, Number.NaN]);
  });
});

describe('sensor classes', () => {
  it('classes PM2.5 by the WHO guidelines and the EU limit value', () => {
    const pm = QUANTITY_STYLES.pm25;
    expect([4.9, 5, 14.9, 15, 24.9, 25, 49.9, 50, 300].map((v) => classIndex(pm, v))).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(colourOf(pm, Number.NaN)).toBe(NO_VALUE_COLOUR);
    expect(colourOf(pm, 30)).not.toBe(colourOf(pm, 10));
  });
});

describe('idwGrid', () => {
  it('reproduces a measured value at its cell, averages between two sensors and leaves far cells empty', () => {
    const grid = idwGrid([{ x: 5, y: 5, value: 10 }, { x: 95, y: 5, value: 30 }], [0, 0, 100, 10], { cellM: 10, maxDistanceM: 60 });
    expect(grid.cols).toBe(10);
    expect(grid.values[0]).toBeCloseTo(10, 6);
    expect(grid.values[9]).toBeCloseTo(30, 6);
    // Cell 4 (centre x = 45) is 40 m from the first sensor and 50 m from the second: weights 1/40² and 1/50².
    expect(grid.values[4]).toBeCloseTo((10 / 40 ** 2 + 30 / 50 ** 2) / (1 / 40 ** 2 + 1 / 50 ** 2), 4);
    // Cells 4 and 5 mirror each other about the midpoint.
    expect(grid.values[4] + grid.values[5]).toBeCloseTo(40, 4);
    const far = idwGrid([{ x: 5, y: 5, value: 10 }], [0, 0, 100, 10], { cellM: 10, maxDistanceM: 30 });
    expect(Number.isNaN(far.values[9])).toBe(true);
  });
});

describe('linePath', () => {
  it('breaks the line at gaps instead of bridging them', () => {
    const d = linePath([1, 2, Number.NaN, 4, 5], 0, 5, 10);
    expect(d.match(/M/g)?.length).toBe(2);
    expect(d.match(/L/g)?.length).toBe(2);
  });
});

describe('streamsFor and nearestReference', () => {
  const sites = sitesFromThings([
    thing(1, 'reference', 5.0, 52.0, [{ id: 10, op: 'pm25' }, { id: 12, op: 'no2' }]),
    thing(2, 'reference', 5.1, 52.0, [{ id: 20, op: 'pm25' }]),
    thing(3, 'citizen', 5.09, 52.0, [{ id: 30, op: 'pm25' }, { id: 31, op: 'pm25_kal', calibration: {} }]),
  ]);
  it('shows calibrated citizen streams with the reference PM2.5 for pm25_kal', () => {
    expect(sites.map((s) => streamsFor(s, 'pm25_kal')?.id)).toEqual([10, 20, 31]);
    expect(sites.map((s) => streamsFor(s, 'pm25')?.id)).toEqual([10, 20, 30]);
    expect(sites.map((s) => streamsFor(s, 'no2')?.id)).toEqual([12, undefined, undefined]);
  });
  it('finds the closest reference station', () => {
    expect(nearestReference(sites, sites[2])?.id).toBe(2);
  });
});

describe('openingHour', () => {
  it('is the last 14:00 UTC of the period', () => {
    const start = Date.UTC(2026, 0, 1);
    const h = openingHour(start, 30 * 24);
    expect(new Date(start + h * HOUR_MS).getUTCHours()).toBe(14);
    expect(h).toBeGreaterThan(30 * 24 - 25);
  });
});
