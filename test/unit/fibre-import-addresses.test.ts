// Address importers: CSV edge cases (quotes, semicolons, BOM, decimal commas, bad lines) and PDOK's real OGC API
// address answers (CRS84 and RD New) from ../shared/fixtures, with a position checked against an independent formula.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAddressCsv } from '../../server/scenarios/fibre/import/parse-address-csv.ts';
import { parseGeoJsonAddresses } from '../../server/scenarios/fibre/import/parse-geojson-addresses.ts';

describe('parseAddressCsv', () => {
  it('reads a comma file with quoted fields, an escaped quote and a line break inside quotes', () => {
    const csv = 'id,postcode,huisnummer,huisletter,straat,x,y\n' + 'a1,1794 bd,17,,"Kotter, straat",120386.5,566726.25\n' + 'a2,1794BD,19,A,"De ""Lange""\nweg",120390,566730\n';
    const { records } = parseAddressCsv('a.csv', csv);
    expect(records).toEqual([
      { id: 'a1', position: [120386.5, 566726.25], postcode: '1794BD', houseNumber: 17, houseLetter: null, street: 'Kotter, straat' },
      { id: 'a2', position: [120390, 566730], postcode: '1794BD', houseNumber: 19, houseLetter: 'A', street: 'De "Lange"\nweg' },
    ]);
  });

  it('reads a semicolon file with a BOM, CRLF, decimal commas, a buurtcode and a pand id', () => {
    const csv = '\uFEFFPostcode;Huisnummer;X;Y;Buurtcode;Pandidentificatie\r\n1794BD;17;120386,5;566726,25;BU04480001;0448100000012345\r\n';
    const { records } = parseAddressCsv('a.csv', csv);
    expect(records).toEqual([
      { id: '1794BD-17', position: [120386.5, 566726.25], postcode: '1794BD', houseNumber: 17, houseLetter: null, street: '', buildingId: '0448100000012345', buurtCode: 'BU04480001' },
    ]);
  });

  it('reads lon/lat columns as WGS84 and projects them to RD New', () => {
    const { records } = parseAddressCsv('a.csv', 'postcode,huisnummer,lon,lat\n1794BD,17,5.387206,52.155174\n');
    // The WGS84 position of the Amersfoort origin of RD New (Schreutelkamp & Strang van Hees) lies within a metre of 155000, 463000.
    expect(Math.abs(records[0].position[0] - 155000)).toBeLessThan(1);
    expect(Math.abs(records[0].position[1] - 463000)).toBeLessThan(1);
  });

  it('names the file, line and column of a bad value (line counts the header and quoted line breaks)', () => {
    const csv = 'postcode,huisnummer,straat,x,y\n1794BD,1,"a\nb",120000,566000\n1794BD,zeventien,c,120000,566000\n';
    expect(() => parseAddressCsv('bag.csv', csv)).toThrow('bag.csv line 4, column huisnummer: "zeventien"');
  });

  it('skips and reports bad lines with --skip-invalid', () => {
    const csv = 'postcode,huisnummer,x,y\n1794BD,1,120000,566000\n17BD,2,120000,566000\n1794BD,3,120000\n1794BD,4,9e9,566000\n1794BD,5,120001,566001\n';
    const { records, skipped } = parseAddressCsv('bag.csv', csv, { skipInvalid: true });
    expect(records.map((r) => r.houseNumber)).toEqual([1, 5]);
    expect(skipped.map((s) => s.where)).toEqual(['line 3, column postcode', 'line 4', 'line 5, column x']);
  });

  it('refuses a header without a position or house number column', () => {
    expect(() => parseAddressCsv('a.csv', 'postcode,straat\n1794BD,x\n')).toThrow(/a\.csv line 1: the header has no column for huisnummer, x and y/);
  });

  it('refuses an unclosed quote, naming the line where it opened', () => {
    expect(() => parseAddressCsv('a.csv', 'postcode,huisnummer,x,y\n1794BD,1,"120000,566000\n')).toThrow('a.csv line 2: a quoted field is not closed');
  });
});

const FIXTURES = path.resolve(import.meta.dirname, '../../../shared/fixtures/ogcapi-features');
const haveFixtures = fs.existsSync(FIXTURES);
if (!haveFixtures) console.warn(`skipping the PDOK address fixture tests: ${FIXTURES} is absent`);
const readFixture = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));

/**
 * WGS84 → RD New by the approximation polynomials of Schreutelkamp & Strang van Hees ("Benaderingsformules voor de
 * transformatie tussen RD- en WGS84-kaartcoördinaten"), good to about a metre over the Netherlands: an oracle
 * independent of proj4 and its 7-parameter datum shift.
 */
function wgs84ToRdApprox(lonDeg: number, latDeg: number): [number, number] {
  const dPhi = 0.36 * (latDeg - 52.1551744);
  const dLam = 0.36 * (lonDeg - 5.38720621);
  const r: [number, number, number][] = [[0, 1, 190094.945], [1, 1, -11832.228], [2, 1, -114.221], [0, 3, -32.391], [1, 0, -0.705], [3, 1, -2.34], [1, 3, -0.608], [0, 2, -0.008], [2, 3, 0.148]];
  const s: [number, number, number][] = [[1, 0, 309056.544], [0, 2, 3638.893], [2, 0, 73.077], [1, 2, -157.984], [3, 0, 59.788], [0, 1, 0.433], [2, 2, -6.439], [1, 1, -0.032], [0, 4, 0.092], [1, 4, -0.054]];
  const sum = (terms: [number, number, number][]) => terms.reduce((acc, [p, q, c]) => acc + c * dPhi ** p * dLam ** q, 0);
  return [155000 + sum(r), 463000 + sum(s)];
}

describe.skipIf(!haveFixtures)('parseGeoJsonAddresses on PDOK OGC API answers (Texel, INSPIRE addresses)', () => {
  it('reads all 10 CRS84 points with postcode, number and street, projected to RD New within a metre of the independent formula', () => {
    const { records, skipped, warnings } = parseGeoJsonAddresses('wgs84.json', readFixture('pdok-gokoala-addresses-items-bbox-wgs84-paged.json'));
    expect(records).toHaveLength(10);
    expect(skipped).toEqual([]);
    expect(warnings).toEqual([]);
    const first = records[0];
    expect(first).toMatchObject({ id: '23f4e723-1eee-5668-a879-2ecda2398065', postcode: '1794BD', houseNumber: 17, houseLetter: null, street: 'Kotterstraat' });
    const [ex, ey] = wgs84ToRdApprox(4.87812, 53.08678);
    expect(Math.abs(first.position[0] - ex)).toBeLessThan(1);
    expect(Math.abs(first.position[1] - ey)).toBeLessThan(1);
    expect(new Set(records.map((r) => r.id)).size).toBe(10);
  });

  it('recognises RD New coordinates without any crs member (PDOK sends it in a header only) and keeps them exact', () => {
    const { records, warnings } = parseGeoJsonAddresses('rd.json', readFixture('pdok-gokoala-addresses-items-bbox-rd-crs28992.json'));
    expect(records).toHaveLength(6);
    expect(records[0].position).toEqual([120386.98919, 566726.06217]);
    expect(records[0]).toMatchObject({ postcode: '1794AB', houseNumber: 2, street: 'Mulderstraat' });
    expect(warnings).toEqual([expect.stringMatching(/rd\.json: no CRS given; .*RD New range.*EPSG:28992/)]);
  });

  it('refuses the JSON-FG answer whose positions are only in "place", instead of reading no addresses', () => {
    expect(() => parseGeoJsonAddresses('fg.json', readFixture('pdok-gokoala-addresses-items-bbox-rd.jsonfg.json'))).toThrow(/fg\.json: a JSON-FG file/);
  });
});

describe('parseGeoJsonAddresses', () => {
  it('names the file and feature of an address without a valid postcode, or skips it', () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 1, properties: { postcode: '1794BD', huisnummer: 1 }, geometry: { type: 'Point', coordinates: [120000, 566000] } },
        { type: 'Feature', id: 2, properties: { postcode: 'XX', huisnummer: 2 }, geometry: { type: 'Point', coordinates: [120000, 566000] } },
      ],
    };
    expect(() => parseGeoJsonAddresses('a.geojson', fc)).toThrow(/a\.geojson feature 1 \(id 2\): postcode: a postcode is 4 digits/);
    expect(parseGeoJsonAddresses('a.geojson', fc, { skipInvalid: true }).records.map((r) => r.id)).toEqual(['1']);
  });
});
