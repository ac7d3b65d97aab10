import { describe, expect, it } from 'vitest';
import { InvalidParameter } from '../../server/errors.ts';
import { parseHealthCsv } from '../../server/health/import-csv.ts';

const NL_HEADER = 'buurtcode,indicator,waarde,eenheid,respondenten,jaar';

function createCsv(lines: string[], header = NL_HEADER): string {
  return [header, ...lines].join('\n') + '\n';
}

function errorOf(fn: () => unknown): InvalidParameter {
  try {
    fn();
  } catch (e) {
    if (e instanceof InvalidParameter) return e;
    throw e;
  }
  throw new Error('expected an InvalidParameter');
}

describe('parseHealthCsv', () => {
  it('reads the Dutch header with comma separators', () => {
    const { rows, indicators, skipped } = parseHealthCsv(createCsv(['BU99990101,roken,18.5,%,120,2024']), 'demo.csv');
    expect(rows).toEqual([{ buurtCode: 'BU99990101', indicator: 'roken', value: 18.5, unit: '%', respondents: 120, year: 2024 }]);
    expect(indicators.map((d) => d.id)).toEqual(['roken']);
    expect(indicators[0].source).toBe('Imported from demo.csv');
    expect(skipped).toEqual([]);
  });

  it('reads the English header with columns in another order', () => {
    const csv = createCsv(['2024,120,BU99990101,overgewicht,51.0,%'], 'year,respondents,buurt_code,indicator,value,unit');
    expect(parseHealthCsv(csv, 'en.csv').rows).toEqual([
      { buurtCode: 'BU99990101', indicator: 'overgewicht', value: 51, unit: '%', respondents: 120, year: 2024 },
    ]);
  });

  it('reads what Dutch Excel writes: BOM, semicolons, decimal commas, quotes and CRLF', () => {
    const csv = '\uFEFFBuurtcode;Indicator;Waarde;Eenheid;Respondenten;Jaar\r\n"BU99990101";"ervaren-gezondheid-goed";"76,4";%;80;2024\r\nBU99990102;roken;18,5;%;75;2024\r\n';
    const { rows } = parseHealthCsv(csv, 'excel.csv');
    expect(rows.map((r) => [r.buurtCode, r.indicator, r.value])).toEqual([
      ['BU99990101', 'ervaren_gezondheid_goed', 76.4],
      ['BU99990102', 'roken', 18.5],
    ]);
  });

  it('names file, line and column of a bad respondent count', () => {
    const lines = ['BU99990101,roken,18,%,120,2024', 'BU99990102,roken,18,%,120,2024', 'BU99990103,roken,18,%,120,2024'];
    const csv = createCsv([...lines, 'BU99990104,roken,18,%,120,2024', 'BU99990105,roken,18,%,120,2024', 'BU99990106,roken,18,%,abc,2024']);
    expect(errorOf(() => parseHealthCsv(csv, 'demo.csv')).message).toBe("demo.csv line 7: respondenten must be a whole number ≥ 0, got 'abc'");
  });

  it('counts lines of quoted fields that span lines', () => {
    const csv = createCsv(['BU99990101,roken,18,%,120,"20\n24"', 'BU99990102,roken,x,%,120,2024']);
    const e = errorOf(() => parseHealthCsv(csv, 'q.csv'));
    expect(e.message).toContain("q.csv line 2: jaar must be a four-digit year, got '20\n24'");
    expect(e.message).toContain('q.csv line 4: waarde must be a number');
  });

  it('rejects the whole file when one line is bad, listing every bad line', () => {
    const csv = createCsv(['BU99990101,roken,18,%,120,2024', 'BU999901,roken,18,%,120,2024', 'BU99990103,roken,118,%,120,2024']);
    const e = errorOf(() => parseHealthCsv(csv, 'demo.csv'));
    expect(e.message.split('\n')).toEqual([
      "demo.csv line 3: buurtcode must be BU followed by 8 digits, got 'BU999901'",
      'demo.csv line 4: waarde must be between 0 and 100 for a percentage, got 118',
    ]);
    expect(e.details?.errors).toHaveLength(2);
  });

  it('skips and reports bad lines when asked to', () => {
    const csv = createCsv(['BU99990101,roken,18,%,120,2024', 'BU99990102,roken,18,%,-3,2024', 'BU99990103,roken,19,%,120,2024']);
    const { rows, skipped } = parseHealthCsv(csv, 'demo.csv', { skipInvalid: true });
    expect(rows.map((r) => r.buurtCode)).toEqual(['BU99990101', 'BU99990103']);
    expect(skipped).toEqual([{ line: 3, message: "demo.csv line 3: respondenten must be a whole number ≥ 0, got '-3'" }]);
  });

  it('rejects a file whose lines are all bad even when skipping', () => {
    expect(errorOf(() => parseHealthCsv(createCsv(['BU99990102,roken,18,%,x,2024']), 'd.csv', { skipInvalid: true })).message).toBe('d.csv contains no valid rows');
  });

  it('rejects duplicates, naming the first line', () => {
    const csv = createCsv(['BU99990101,roken,18,%,120,2024', 'BU99990101,roken,19,%,120,2024']);
    expect(errorOf(() => parseHealthCsv(csv, 'd.csv')).message).toBe('d.csv line 3: duplicate of line 2 (same buurtcode, indicator and jaar)');
  });

  it('rejects unknown indicators, units that do not fit the indicator and buurten outside the municipality', () => {
    const csv = createCsv(['BU99990101,geluk,18,%,120,2024', 'BU99990101,roken,18,aantal,120,2024', 'BU12345678,roken,18,%,120,2024']);
    const lines = errorOf(() => parseHealthCsv(csv, 'd.csv', { buurtCodes: new Set(['BU99990101']) })).message.split('\n');
    expect(lines[0]).toMatch(/^d\.csv line 2: indicator 'geluk' is not a known indicator \(known: ervaren_gezondheid_goed, /);
    expect(lines[1]).toBe("d.csv line 3: eenheid must be '%' for roken, got 'aantal'");
    expect(lines[2]).toBe('d.csv line 4: buurtcode BU12345678 is not a buurt of the loaded municipality');
  });

  it('rejects a line with the wrong number of fields', () => {
    expect(errorOf(() => parseHealthCsv(createCsv(['BU99990101,roken,18,%,120']), 'd.csv')).message).toBe('d.csv line 2: has 5 fields, expected 6 like the header');
  });

  it('names missing columns and both accepted headers', () => {
    const e = errorOf(() => parseHealthCsv('buurtcode,indicator,waarde\nBU99990101,roken,18\n', 'd.csv'));
    expect(e.message).toBe(
      'd.csv line 1: missing columns eenheid, respondenten, jaar; expected the header buurtcode,indicator,waarde,eenheid,respondenten,jaar (or buurt_code,indicator,value,unit,respondents,year)',
    );
  });

  it('reports an unclosed quote at the line it opens', () => {
    expect(errorOf(() => parseHealthCsv(createCsv(['BU99990101,"roken,18,%,120,2024']), 'd.csv')).message).toBe('d.csv line 2: a quoted field is never closed');
  });
});
