// Street importers (OSM XML, GeoJSON) and the repair report they feed: hand-made networks with known gaps,
// crossings, duplicates and zero-length segments, so every repair count is known exactly.
import { describe, expect, it } from 'vitest';
import { rdToLonLatDeg } from '../../server/geo/crs.ts';
import { buildStreetNetwork } from '../../server/scenarios/fibre/build-street-network.ts';
import { parseGeoJsonStreets } from '../../server/scenarios/fibre/import/parse-geojson-streets.ts';
import { parseOsmStreets } from '../../server/scenarios/fibre/import/parse-osm-streets.ts';
import { surfaceOf } from '../../server/scenarios/fibre/import/street-tags.ts';

const X0 = 155000;
const Y0 = 463000;

interface WaySpec {
  id: number;
  /** Local metres east/north of (X0, Y0). */
  points: [number, number][];
  tags: Record<string, string>;
}

/** An OSM XML document whose nodes are the given RD points written as WGS84 degrees (12 decimals: well below a micrometre). */
function createOsmXml(ways: WaySpec[], extraNodes = ''): string {
  const nodes: string[] = [];
  const refsOf = new Map<string, number>();
  let nextNode = 1;
  const wayXml = ways.map((w) => {
    const refs = w.points.map(([x, y]) => {
      const key = `${x},${y}`;
      if (!refsOf.has(key)) {
        const id = nextNode++;
        refsOf.set(key, id);
        const [lon, lat] = rdToLonLatDeg(X0 + x, Y0 + y);
        nodes.push(`  <node id="${id}" version="1" lat="${lat.toFixed(12)}" lon="${lon.toFixed(12)}"/>`);
      }
      return refsOf.get(key)!;
    });
    const nds = refs.map((r) => `    <nd ref="${r}"/>`).join('\n');
    const tags = Object.entries(w.tags).map(([k, v]) => `    <tag k="${k}" v="${v}"/>`).join('\n');
    return `  <way id="${w.id}" version="1">\n${nds}\n${tags}\n  </way>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="test">\n${nodes.join('\n')}\n${extraNodes}${wayXml.join('\n')}\n</osm>\n`;
}

/**
 * Main road with: a residential street crossing it without a shared node (1 crossing), a street ending 0.3 m short
 * of it (1 T-junction + 1 snapped gap), a footway ending exactly on it (1 T-junction), a street with a repeated
 * node (1 zero-length segment), an isolated track drawn twice (1 duplicate, 2 components), and a construction way.
 */
function createTestVillage(): WaySpec[] {
  return [
    { id: 1, points: [[0, 0], [200, 0]], tags: { highway: 'secondary', surface: 'asphalt', name: 'Hoofdstraat' } },
    { id: 2, points: [[100, -100], [100, 100]], tags: { highway: 'residential', surface: 'paving_stones', name: 'Kerkstraat' } },
    { id: 3, points: [[50, 0.3], [50, 80]], tags: { highway: 'residential', name: 'Dorpsweg' } },
    { id: 4, points: [[150, 0], [150, -60]], tags: { highway: 'footway', surface: 'paving_stones' } },
    { id: 5, points: [[300, 300], [320, 300]], tags: { highway: 'track', surface: 'moon_dust' } },
    { id: 6, points: [[320, 300], [300, 300]], tags: { highway: 'service', surface: 'gravel' } },
    { id: 7, points: [[50, 80], [50, 80], [50, 120]], tags: { highway: 'living_street', name: 'Steeg' } },
    { id: 8, points: [[0, 200], [100, 200]], tags: { highway: 'construction' } },
    { id: 9, points: [[0, 300], [10, 300], [10, 310], [0, 300]], tags: { building: 'yes' } },
  ];
}

describe('parseOsmStreets', () => {
  it('keeps the ways people travel on, with class, surface and name mapped', () => {
    const { records, surfaces } = parseOsmStreets('village.osm', createOsmXml(createTestVillage()));
    expect(records.map((s) => s.id)).toEqual(['osm-way-1', 'osm-way-2', 'osm-way-3', 'osm-way-4', 'osm-way-5', 'osm-way-6', 'osm-way-7']);
    expect(records.map((s) => [s.class, s.surface])).toEqual([
      ['hoofdweg', 'asfalt'],
      ['woonstraat', 'klinkers'],
      ['woonstraat', 'klinkers'],
      ['erf', 'tegels'],
      ['erf', 'klinkers'],
      ['woonstraat', 'onverhard'],
      ['erf', 'klinkers'],
    ]);
    expect(records[0].name).toBe('Hoofdstraat');
    expect(surfaces.counts).toEqual({ asfalt: 1, klinkers: 4, tegels: 1, onverhard: 1 });
    expect(surfaces.unknown).toEqual({ asfalt: 0, klinkers: 1, tegels: 0, onverhard: 0 });
    expect(surfaces.missing.klinkers).toBe(2);
    expect(surfaces.unknownValues).toEqual({ moon_dust: 1 });
    expect(surfaces.skippedHighways).toEqual({ construction: 1 });
  });

  it('projects node positions to RD New to within a millimetre of where they were placed', () => {
    const { records } = parseOsmStreets('village.osm', createOsmXml(createTestVillage()));
    const [x, y] = records[2].line[0];
    expect(x - X0).toBeCloseTo(50, 2);
    expect(y - Y0).toBeCloseTo(0.3, 2);
  });

  it('repairs the test village with exactly the known repairs', () => {
    const { records } = parseOsmStreets('village.osm', createOsmXml(createTestVillage()));
    const { report } = buildStreetNetwork(records, { snapToleranceM: 1 });
    expect(report).toMatchObject({
      streets: 7,
      crossingSplits: 1,
      endpointOnLineSplits: 2,
      gapsClosed: 1,
      sharedVertexSplits: 0,
      zeroLengthSegmentsDropped: 1,
      duplicateEdgesDropped: 1,
      components: 2,
      nodes: 12,
      edges: 10,
    });
    expect(report.largestComponentShare).toBeCloseTo(10 / 12, 9);
    expect(report.isolatedComponents).toEqual([{ nodes: 2, streetIds: ['osm-way-5'] }]);
  });

  it('refuses a document type declaration before parsing (no entity expansion)', () => {
    const xml = '<?xml version="1.0"?>\n<!DOCTYPE osm [<!ENTITY lol "lol">]>\n<osm></osm>';
    expect(() => parseOsmStreets('evil.osm', xml)).toThrow(/evil\.osm line 2: .*DOCTYPE/);
  });

  it('names the file and node of an invalid node, or skips it with --skip-invalid', () => {
    const xml = createOsmXml(createTestVillage(), '  <node id="99" lat="95.1" lon="5.1"/>\n');
    expect(() => parseOsmStreets('bad.osm', xml)).toThrow(/bad\.osm node 99: invalid node \(lat/);
    const parsed = parseOsmStreets('bad.osm', xml, { skipInvalid: true });
    expect(parsed.skipped).toEqual([expect.objectContaining({ file: 'bad.osm', where: 'node 99' })]);
    expect(parsed.records).toHaveLength(7);
  });

  it('reports XML syntax errors with line and column', () => {
    expect(() => parseOsmStreets('broken.osm', '<osm>\n<way id="1">\n</osm>')).toThrow(/broken\.osm line \d+, column \d+: XML syntax error/);
  });
});

describe('parseGeoJsonStreets', () => {
  const rd = (x: number, y: number) => [X0 + x, Y0 + y];

  it('reads RD New lines from a crs member and splits a MultiLineString into one street per part', () => {
    const fc = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } },
      features: [
        { type: 'Feature', id: 'a', properties: { highway: 'tertiary', name: 'Ring' }, geometry: { type: 'LineString', coordinates: [rd(0, 0), rd(100, 0)] } },
        { type: 'Feature', id: 'b', properties: { class: 'fietspad', surface: 'asfalt' }, geometry: { type: 'MultiLineString', coordinates: [[rd(0, 10), rd(50, 10)], [rd(50, 10), rd(50, 60)]] } },
      ],
    };
    const { records, warnings } = parseGeoJsonStreets('s.geojson', fc);
    expect(warnings).toEqual([]);
    expect(records.map((s) => [s.id, s.class, s.surface])).toEqual([
      ['a', 'wijkweg', 'asfalt'],
      ['b-1', 'fietspad', 'asfalt'],
      ['b-2', 'fietspad', 'asfalt'],
    ]);
    expect(records[0].line).toEqual([[X0, Y0], [X0 + 100, Y0]]);
  });

  it('reads CRS84 lon/lat when there is no crs member and the coordinates are not RD', () => {
    const [lon, lat] = rdToLonLatDeg(X0, Y0);
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { highway: 'residential' }, geometry: { type: 'LineString', coordinates: [[lon, lat], [lon + 0.001, lat]] } }] };
    const { records } = parseGeoJsonStreets('s.geojson', fc);
    expect(records[0].line[0][0]).toBeCloseTo(X0, 3);
    expect(records[0].line[0][1]).toBeCloseTo(Y0, 3);
    // 0.001° of longitude at 52.16° N is about 68 m.
    expect(records[0].line[1][0] - records[0].line[0][0]).toBeGreaterThan(67);
    expect(records[0].line[1][0] - records[0].line[0][0]).toBeLessThan(70);
  });

  it('names the file and feature index and id of a malformed feature, or skips it', () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 'ok', properties: {}, geometry: { type: 'LineString', coordinates: [rd(0, 0), rd(10, 0)] } },
        { type: 'Feature', id: 'pt', properties: {}, geometry: { type: 'Point', coordinates: rd(0, 0) } },
      ],
    };
    expect(() => parseGeoJsonStreets('s.geojson', fc)).toThrow(/s\.geojson feature 1 \(id pt\): not a LineString/);
    const parsed = parseGeoJsonStreets('s.geojson', fc, { skipInvalid: true });
    expect(parsed.records.map((s) => s.id)).toEqual(['ok']);
    expect(parsed.skipped).toEqual([expect.objectContaining({ where: 'feature 1 (id pt)' })]);
  });
});

describe('surface mapping', () => {
  it('maps paving stones to tegels on footways and to klinkers on roads, and unknown values to the class default', () => {
    expect(surfaceOf('paving_stones', 'footway', 'erf')).toEqual({ surface: 'tegels', source: 'tag' });
    expect(surfaceOf('paving_stones', 'residential', 'woonstraat')).toEqual({ surface: 'klinkers', source: 'tag' });
    expect(surfaceOf('concrete', 'primary', 'hoofdweg')).toEqual({ surface: 'asfalt', source: 'tag' });
    expect(surfaceOf('plastic', 'primary', 'hoofdweg')).toEqual({ surface: 'asfalt', source: 'unknown' });
    expect(surfaceOf(undefined, 'residential', 'woonstraat')).toEqual({ surface: 'klinkers', source: 'missing' });
  });
});

describe('repair report', () => {
  it('does not count rounding noise between two computed crossing points as a closed gap', () => {
    // Oblique lines at non-round coordinates: the crossing computed on each line differs in the last bits.
    const street = (id: string, line: [number, number][]) => ({ id, line, name: id, class: 'woonstraat' as const, surface: 'klinkers' as const });
    const { report } = buildStreetNetwork([
      street('a', [[X0 + 0.123, Y0 + 0.456], [X0 + 97.31, Y0 + 41.77]]),
      street('b', [[X0 + 13.7, Y0 + 60.1], [X0 + 71.9, Y0 - 22.3]]),
    ]);
    expect(report.crossingSplits).toBe(1);
    expect(report.gapsClosed).toBe(0);
  });
});
