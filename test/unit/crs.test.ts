import { describe, expect, it } from 'vitest';
import { enuToEcefMatrix, geodeticToEcef, lonLatDegToRd, rdToLonLatDeg } from '../../server/geo/crs.ts';

/** Metres between two WGS84 points (equirectangular; exact enough at 1 m over such short distances). */
function metresApart([lon1, lat1]: [number, number], [lon2, lat2]: [number, number]): number {
  const r = 6371000;
  const rad = Math.PI / 180;
  const dx = (lon2 - lon1) * rad * Math.cos(((lat1 + lat2) / 2) * rad) * r;
  const dy = (lat2 - lat1) * rad * r;
  return Math.hypot(dx, dy);
}

describe('RD New → WGS84', () => {
  it('puts the Amersfoort RD origin (155000, 463000) at 52.155172 N, 5.387204 E within 1 m', () => {
    expect(metresApart(rdToLonLatDeg(155000, 463000), [5.387204, 52.155172])).toBeLessThan(1);
  });

  it('puts the Dam in Amsterdam (121687, 487484) at 52.374218 N, 4.898010 E within 1 m', () => {
    expect(metresApart(rdToLonLatDeg(121687, 487484), [4.89801, 52.374218])).toBeLessThan(1);
  });

  it('round-trips RD → WGS84 → RD within a millimetre', () => {
    const [lon, lat] = rdToLonLatDeg(145123.456, 445678.9);
    const [x, y] = lonLatDegToRd(lon, lat);
    expect(Math.abs(x - 145123.456)).toBeLessThan(1e-3);
    expect(Math.abs(y - 445678.9)).toBeLessThan(1e-3);
  });
});

describe('WGS84 → ECEF', () => {
  it('puts the equator at the prime meridian on the semi-major axis', () => {
    const [x, y, z] = geodeticToEcef(0, 0, 0);
    expect(x).toBeCloseTo(6378137, 6);
    expect(y).toBeCloseTo(0, 6);
    expect(z).toBeCloseTo(0, 6);
  });

  it('puts the north pole on the semi-minor axis', () => {
    const [, , z] = geodeticToEcef(0, Math.PI / 2, 0);
    expect(z).toBeCloseTo(6356752.314245, 5);
  });

  it('builds an ENU frame whose up axis matches the ECEF direction of height', () => {
    const lon = 0.09;
    const lat = 0.91;
    const m = enuToEcefMatrix(lon, lat, 0);
    const ground = geodeticToEcef(lon, lat, 0);
    const above = geodeticToEcef(lon, lat, 100);
    const up = [m[8], m[9], m[10]];
    for (let i = 0; i < 3; i++) expect((above[i] - ground[i]) / 100).toBeCloseTo(up[i], 9);
    expect([m[12], m[13], m[14]]).toEqual(ground);
  });
});
