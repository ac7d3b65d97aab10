import { describe, it, expect } from 'vitest';
import { degToRad, geodeticToEcef } from '../../server/geo/crs.ts';
import { ecefToGeodetic } from '../../server/geo/ecef-to-geodetic.ts';

describe('ecefToGeodetic', () => {
  it('maps the equator/prime meridian point on the ellipsoid to (0, 0, 0)', () => {
    const [lon, lat, h] = ecefToGeodetic(6378137, 0, 0);
    expect(lon).toBe(0);
    expect(lat).toBeCloseTo(0, 12);
    expect(h).toBeCloseTo(0, 6);
  });

  it('inverts geodeticToEcef across the Netherlands to sub-millimetre', () => {
    for (const [lonDeg, latDeg, h] of [[3.3, 50.7, -10], [5.387, 52.156, 43], [7.2, 53.6, 400]]) {
      const [lon, lat, height] = ecefToGeodetic(...geodeticToEcef(degToRad(lonDeg), degToRad(latDeg), h));
      expect(lon).toBeCloseTo(degToRad(lonDeg), 11);
      expect(lat).toBeCloseTo(degToRad(latDeg), 11);
      expect(height).toBeCloseTo(h, 4);
    }
  });
});
