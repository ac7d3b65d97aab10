// Property-based tests of the parsers that read what strangers send us (issue #8 item 6): for arbitrary input each one
// returns a value or throws one of our own error types, never a TypeError or RangeError (those would be 500s or
// crashed imports), and parsing inverts printing where both exist. Runs are bounded (numRuns, sizes) to stay fast.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDateTime, parseDatetimeParam } from '../../server/api/ogc/datetime.ts';
import { parseItemParams, parseItemsParams } from '../../server/api/ogc/params.ts';
import { BuildingFileError, InvalidCityObject, parseCityJson, parseCityJsonSeq } from '../../server/buildings/parse-cityjson.ts';
import type { CollectionMeta } from '../../server/contracts/feature.ts';
import { TweelingError } from '../../server/errors.ts';
import { parseHealthCsv } from '../../server/health/import-csv.ts';
import { readCsvRecords } from '../../server/health/read-csv-records.ts';
import { importImowFiles } from '../../server/omgevingsplan/import-imow.ts';
import { parseAddressCsv } from '../../server/scenarios/fibre/import/parse-address-csv.ts';
import { ImportFormatError } from '../../server/sensors/import/import-model.ts';
import { parseObservationsCsv } from '../../server/sensors/import/parse-observations-csv.ts';
import { geoJsonProblem } from '../../server/sensors/sta/geojson-geometry.ts';
import type { Expr } from '../../server/sensors/sta/filter-ast.ts';
import { FilterSyntaxError } from '../../server/sensors/sta/filter-lexer.ts';
import { parseFilter, parseOrderBy } from '../../server/sensors/sta/filter-parser.ts';

// FC_RUNS=5000 for a deeper search by hand; 200 keeps the file to a few seconds in CI.
const RUNS = { numRuns: Number(process.env.FC_RUNS ?? 200) };
const OUR_ERRORS = [TweelingError, FilterSyntaxError, BuildingFileError, InvalidCityObject, ImportFormatError];

/** Runs fn; a thrown error must be one of ours (never TypeError, RangeError or a bare Error from deep inside). */
function returnsOrThrowsOurs(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    const ours = OUR_ERRORS.some((cls) => err instanceof cls);
    if (!ours) throw new Error(`threw ${err instanceof Error ? `${err.constructor.name}: ${err.message}` : String(err)}`);
  }
}

/** Text that looks a little like the language under test: its tokens mixed with arbitrary characters. */
const tokenSoup = (tokens: string[]) =>
  fc.array(fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 40 }).map((parts) => parts.join(''));

const FILTER_TOKENS = ['(', ')', ' ', "'", "''", ',', '/', 'eq', ' and ', ' or ', 'not ', ' gt ', ' in ', 'name', 'result', 'substringof(', 'geo.intersects(', "geography'POINT(5 52)'", '2024-01-01T00:00:00Z', '1.5e3', '-', 'null', 'true', ' add ', ' mod '];

describe('SensorThings $filter and $orderby', () => {
  it('parse or throw FilterSyntaxError for arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(tokenSoup(FILTER_TOKENS), fc.string({ maxLength: 80 })), (text) => {
        returnsOrThrowsOurs(() => parseFilter(text));
        returnsOrThrowsOurs(() => parseOrderBy(text));
      }),
      RUNS,
    );
  });

  it('refuse deep nesting with FilterSyntaxError, not a stack overflow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.constantFrom('(', 'not ', '-', 'substringof('), (depth, opener) => {
        returnsOrThrowsOurs(() => parseFilter(`${opener.repeat(depth)}1`));
      }),
      { numRuns: 50 },
    );
  });

  // Round trip: print a random syntax tree fully parenthesised, parse it back, get the same tree (positions aside).
  const literal = fc.oneof(
    fc.integer({ min: 0, max: 1e6 }).map((value): Expr => ({ kind: 'number', value, pos: 0 })),
    fc.string({ maxLength: 8 }).map((value): Expr => ({ kind: 'string', value, pos: 0 })),
    fc.constantFrom('name', 'result', 'description').map((p): Expr => ({ kind: 'path', segments: [p], pos: 0 })),
  );
  const { expr } = fc.letrec<{ expr: Expr }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      literal,
      fc.record({ kind: fc.constant('compare' as const), op: fc.constantFrom('eq', 'ne', 'gt', 'ge', 'lt', 'le'), left: literal, right: literal, pos: fc.constant(0) }) as fc.Arbitrary<Expr>,
      fc.record({ kind: fc.constant('logical' as const), op: fc.constantFrom('and', 'or'), left: tie('expr'), right: tie('expr'), pos: fc.constant(0) }) as fc.Arbitrary<Expr>,
      fc.record({ kind: fc.constant('not' as const), operand: tie('expr'), pos: fc.constant(0) }) as fc.Arbitrary<Expr>,
    ),
  }));
  const print = (e: Expr): string => {
    switch (e.kind) {
      case 'number':
        return String(e.value);
      case 'string':
        return `'${e.value.replaceAll("'", "''")}'`;
      case 'path':
        return e.segments.join('/');
      case 'compare':
        return `(${print(e.left)} ${e.op} ${print(e.right)})`;
      case 'logical':
        return `(${print(e.left)} ${e.op} ${print(e.right)})`;
      case 'not':
        return `(not ${print(e.operand)})`;
      default:
        throw new Error(`no printer for ${e.kind}`);
    }
  };
  const withoutPos = (e: unknown): unknown =>
    Array.isArray(e) ? e.map(withoutPos) : e && typeof e === 'object' ? Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'pos').map(([k, v]) => [k, withoutPos(v)])) : e;

  it('parse what they print back into the same tree', () => {
    fc.assert(
      fc.property(expr, (tree) => {
        const text = print(tree);
        expect(withoutPos(parseFilter(text)), text).toEqual(withoutPos(tree));
      }),
      RUNS,
    );
  });
});

const BUILDINGS: CollectionMeta = {
  id: 'buildings',
  title: { nl: 'Gebouwen', en: 'Buildings' },
  description: { nl: '', en: '' },
  source: 'test',
  licence: 'CC0',
  date: '2026-01-01',
  privacyClass: 'open',
  synthetic: true,
  queryables: [
    { name: 'function', type: 'string' },
    { name: 'year', type: 'integer' },
    { name: 'heightM', type: 'number' },
    { name: 'monument', type: 'boolean' },
  ],
};

describe('OGC API Features query parameters', () => {
  const key = fc.oneof(fc.constantFrom('limit', 'offset', 'bbox', 'bbox-crs', 'crs', 'datetime', 'f', 'function', 'year', 'heightM', 'monument', '__proto__', 'constructor'), fc.string({ maxLength: 12 }));
  const value = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.array(fc.double({ noNaN: false }), { maxLength: 6 }).map((n) => n.join(',')),
    fc.constantFrom('1e9', '-0', 'NaN', 'Infinity', '0x10', '2024-01-01T00:00:00Z/..', '../..', 'EPSG:28992', 'http://www.opengis.net/def/crs/EPSG/0/28992'),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
  );

  it('parse or throw InvalidParameter for arbitrary query objects', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 6 }), (query) => {
        returnsOrThrowsOurs(() => parseItemsParams(query, BUILDINGS));
        returnsOrThrowsOurs(() => parseItemParams(query));
      }),
      RUNS,
    );
  });

  it('return a valid limit and bbox exactly as given (round trip)', () => {
    const lon = fc.double({ min: -180, max: 180, noNaN: true, noDefaultInfinity: true });
    const lat = fc.double({ min: -90, max: 90, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), lon, lon, lat, lat, (limit, x1, x2, y1, y2) => {
        // + 0 turns -0 into 0: the query string carries no sign for zero.
        const bbox = [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)].map((n) => n + 0) as [number, number, number, number];
        const p = parseItemsParams({ limit: String(limit), bbox: bbox.join(',') }, BUILDINGS);
        expect(p.limit).toBe(limit);
        expect(p.bbox).toEqual(bbox);
      }),
      RUNS,
    );
  });

  it('read datetime instants back as the same millisecond (round trip), and never crash on other text', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        expect(parseDateTime(d.toISOString())).toBe(d.getTime());
        expect(parseDatetimeParam(`${d.toISOString()}/..`)).toBeDefined();
      }),
      RUNS,
    );
    fc.assert(
      fc.property(tokenSoup(['2024', '-', '01', 'T', 'Z', ':', '/', '..', '+01:00', '.5', 't', 'z']), (text) => {
        returnsOrThrowsOurs(() => parseDateTime(text));
        returnsOrThrowsOurs(() => parseDatetimeParam(text));
      }),
      RUNS,
    );
  });
});

describe('CityJSON', () => {
  const vertex = fc.tuple(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -1e4, max: 1e4 }));
  const boundaries = fc.oneof(fc.anything({ maxDepth: 3 }), fc.array(fc.array(fc.array(fc.integer({ min: -2, max: 12 }), { maxLength: 6 }), { maxLength: 3 }), { maxLength: 4 }));
  const document = fc.record(
    {
      type: fc.constantFrom('CityJSON', 'CityJSONFeature', 'x'),
      version: fc.constantFrom('2.0', '1.1', '9'),
      transform: fc.oneof(fc.constant(undefined), fc.record({ scale: fc.array(fc.double(), { maxLength: 4 }), translate: fc.array(fc.double(), { maxLength: 4 }) })),
      metadata: fc.oneof(fc.constant(undefined), fc.record({ referenceSystem: fc.constantFrom('https://www.opengis.net/def/crs/EPSG/0/7415', 'EPSG:28992', 'urn:x') })),
      vertices: fc.array(vertex, { maxLength: 12 }),
      CityObjects: fc.dictionary(
        fc.string({ minLength: 1, maxLength: 8 }),
        fc.record({
          type: fc.constantFrom('Building', 'BuildingPart', 'Road', 'x'),
          attributes: fc.oneof(fc.constant(undefined), fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })),
          geometry: fc.array(fc.record({ type: fc.constantFrom('Solid', 'MultiSurface', 'CompositeSolid', 'x'), lod: fc.constantFrom('1.2', '2.2', 2, 'x'), boundaries }), { maxLength: 2 }),
          parents: fc.oneof(fc.constant(undefined), fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 })),
        }),
        { maxKeys: 4 },
      ),
    },
    { requiredKeys: ['type', 'CityObjects'] },
  );

  it('parse or throw BuildingFileError / InvalidCityObject for arbitrary documents', () => {
    fc.assert(
      fc.property(fc.oneof(document, fc.anything({ maxDepth: 3 })), fc.boolean(), (doc, skipInvalid) => {
        returnsOrThrowsOurs(() => parseCityJson(doc, 'x.city.json', { skipInvalid, geoidHeightM: 43 }));
        returnsOrThrowsOurs(() => parseCityJsonSeq(`${JSON.stringify(doc)}\n${JSON.stringify(doc)}`, 'x.city.jsonl', { skipInvalid, geoidHeightM: 43 }));
      }),
      RUNS,
    );
  });

  it('never crashes on arbitrary CityJSONSeq text', () => {
    fc.assert(
      fc.property(tokenSoup(['{', '}', '[', ']', '"type":"CityJSON"', '"vertices":', '\n', ',', '"CityObjects":{}', '1']), (text) => {
        returnsOrThrowsOurs(() => parseCityJsonSeq(text, 'x.city.jsonl', { skipInvalid: true, geoidHeightM: 43 }));
      }),
      RUNS,
    );
  });
});

describe('IMOW XML', () => {
  const XML_TOKENS = ['<', '>', '</', '/>', '<?xml version="1.0"?>', '<ow:Regelingsgebied>', '</ow:Regelingsgebied>', '<ow-dc:owBestand xmlns:ow-dc="x" xmlns:ow="y">', '</ow-dc:owBestand>', '<!DOCTYPE x>', '<![CDATA[', ']]>', '&amp;', '&#0;', 'xmlns="a"', '"', '=', ' ', 'identificatie', 'nl.imow-gm0000.gebied.1'];
  it('import or throw InvalidParameter for arbitrary XML-ish files', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name: fc.constantFrom('owRegelingsgebied.xml', 'gio.gml', 'x.xml', 'regeltekst.xml'), text: tokenSoup(XML_TOKENS) }), { maxLength: 3 }), (files) => {
        returnsOrThrowsOurs(() => importImowFiles(files));
      }),
      RUNS,
    );
  });
});

describe('CSV importers', () => {
  const field = fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('"', '""', ';', ',', '\n', '\r\n', '\uFEFF', ' ', '1,5', '-0', 'NaN', '2024-01-01T00:00:00Z'));
  const csvish = fc.oneof(
    fc.array(fc.array(field, { maxLength: 6 }), { maxLength: 6 }).map((rows) => rows.map((r) => r.join(';')).join('\n')),
    fc.string({ maxLength: 120 }),
  );
  const HEALTH_HEADER = 'buurtcode;indicator;jaar;waarde;eenheid;respondenten';
  const ADDRESS_HEADER = 'postcode,huisnummer,x,y';

  it('read any text as records or throw InvalidParameter; quoted fields round-trip', () => {
    fc.assert(
      fc.property(csvish, (text) => returnsOrThrowsOurs(() => readCsvRecords(text, 'x.csv'))),
      RUNS,
    );
    const plainField = fc.string({ maxLength: 8 }).filter((s) => !/[\r\n]/.test(s));
    fc.assert(
      // A row of one empty field is a blank line to the reader (skipped), so rows carry at least one character.
      fc.property(fc.array(fc.array(plainField, { minLength: 1, maxLength: 4 }).filter((r) => r.join('') !== ''), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map((r) => r.map((f) => `"${f.replaceAll('"', '""')}"`).join(';')).join('\r\n');
        expect(readCsvRecords(text, 'x.csv', ';').map((r) => r.fields)).toEqual(rows);
      }),
      RUNS,
    );
  });

  it('health CSV: parse or throw InvalidParameter, with and without skipInvalid', () => {
    fc.assert(
      fc.property(csvish, fc.boolean(), (body, skipInvalid) => {
        returnsOrThrowsOurs(() => parseHealthCsv(`${HEALTH_HEADER}\n${body}`, 'g.csv', { skipInvalid }));
        returnsOrThrowsOurs(() => parseHealthCsv(body, 'g.csv', { skipInvalid }));
      }),
      RUNS,
    );
  });

  it('sensor observations CSV: parse or throw ImportFormatError', () => {
    fc.assert(
      fc.property(csvish, (body) => {
        returnsOrThrowsOurs(() => parseObservationsCsv(`datastream,time,value\n${body.replaceAll(';', ',')}`));
        returnsOrThrowsOurs(() => parseObservationsCsv(body));
      }),
      RUNS,
    );
  });

  it('address CSV: parse or throw InvalidParameter', () => {
    fc.assert(
      fc.property(csvish, fc.boolean(), (body, skipInvalid) => {
        returnsOrThrowsOurs(() => parseAddressCsv('a.csv', `${ADDRESS_HEADER}\n${body.replaceAll(';', ',')}`, { skipInvalid }));
        returnsOrThrowsOurs(() => parseAddressCsv('a.csv', body, { skipInvalid }));
      }),
      RUNS,
    );
  });
});

describe('GeoJSON geometry check (STA Location bodies)', () => {
  it('answers a reason or undefined for any value, never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything({ maxDepth: 4 }), fc.record({ type: fc.constantFrom('Point', 'Polygon', 'MultiPolygon', 'GeometryCollection', 'Feature'), coordinates: fc.anything({ maxDepth: 4 }), geometries: fc.anything({ maxDepth: 3 }), geometry: fc.anything({ maxDepth: 3 }) })), (value) => {
        const problem = geoJsonProblem(value);
        expect(problem === undefined || typeof problem === 'string').toBe(true);
      }),
      RUNS,
    );
  });

  it('accepts every closed WGS84 ring of at least four positions', () => {
    const position = fc.tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true }));
    fc.assert(
      fc.property(fc.array(position, { minLength: 3, maxLength: 20 }), (positions) => {
        expect(geoJsonProblem({ type: 'Polygon', coordinates: [[...positions, positions[0]]] })).toBeUndefined();
      }),
      RUNS,
    );
  });
});
