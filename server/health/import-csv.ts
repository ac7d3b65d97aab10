// Health indicator tables from CSV: `buurtcode,indicator,waarde,eenheid,respondenten,jaar` (or the English
// `buurt_code,indicator,value,unit,respondents,year`), comma or semicolon separated, decimal point or comma.
// Every line is checked; errors name the file, the line and the column. All-or-nothing unless skipInvalid.
import { InvalidParameter } from '../errors.ts';
import { readCsvRecords } from './read-csv-records.ts';
import { INDICATOR_CATALOGUE, knownIndicator } from './indicator-catalogue.ts';
import { type HealthRow, type IndicatorDefinition, healthRow } from './model.ts';

export interface HealthCsvOptions {
  /** Report bad lines in `skipped` and import the rest, instead of rejecting the whole file. */
  skipInvalid?: boolean;
  /** When given, a buurt code outside this set is an error (the buurten of the loaded municipality). */
  buurtCodes?: ReadonlySet<string>;
  /** Source stated on the indicator definitions; defaults to the file name. */
  source?: string;
}

export interface SkippedLine {
  line: number;
  message: string;
}

export interface HealthCsv {
  rows: HealthRow[];
  indicators: IndicatorDefinition[];
  skipped: SkippedLine[];
}

type Field = 'buurtCode' | 'indicator' | 'value' | 'unit' | 'respondents' | 'year';

const HEADERS: Record<'nl' | 'en', Record<Field, string>> = {
  nl: { buurtCode: 'buurtcode', indicator: 'indicator', value: 'waarde', unit: 'eenheid', respondents: 'respondenten', year: 'jaar' },
  en: { buurtCode: 'buurt_code', indicator: 'indicator', value: 'value', unit: 'unit', respondents: 'respondents', year: 'year' },
};
const FIELDS = Object.keys(HEADERS.nl) as Field[];
const UNIT_ALIASES: Record<string, HealthRow['unit']> = { '%': '%', percentage: '%', procent: '%', aantal: 'aantal', count: 'aantal', gemiddelde: 'gemiddelde', mean: 'gemiddelde' };
/** At most this many errors go into the message; all of them are in the details. */
const MESSAGE_ERRORS = 20;

class LineError extends Error {}

export function parseHealthCsv(text: string, fileName: string, options: HealthCsvOptions = {}): HealthCsv {
  const records = readCsvRecords(text, fileName);
  if (records.length === 0) throw new InvalidParameter(`${fileName} is empty`);
  const [header, ...body] = records;
  const columns = headerColumns(header.fields, fileName, header.line);

  const rows: HealthRow[] = [];
  const errors: SkippedLine[] = [];
  const firstLineOf = new Map<string, number>();
  for (const record of body) {
    try {
      const row = parseLine(record.fields, columns);
      if (options.buurtCodes && !options.buurtCodes.has(row.buurtCode)) {
        throw new LineError(`${columns.names.buurtCode} ${row.buurtCode} is not a buurt of the loaded municipality`);
      }
      const key = `${row.buurtCode}|${row.indicator}|${row.year}`;
      const earlier = firstLineOf.get(key);
      if (earlier !== undefined) throw new LineError(`duplicate of line ${earlier} (same ${columns.names.buurtCode}, indicator and ${columns.names.year})`);
      firstLineOf.set(key, record.line);
      rows.push(row);
    } catch (e) {
      if (!(e instanceof LineError)) throw e;
      errors.push({ line: record.line, message: `${fileName} line ${record.line}: ${e.message}` });
    }
  }

  if (errors.length > 0 && !options.skipInvalid) {
    const shown = errors.slice(0, MESSAGE_ERRORS).map((e) => e.message);
    if (errors.length > MESSAGE_ERRORS) shown.push(`… and ${errors.length - MESSAGE_ERRORS} more invalid lines`);
    throw new InvalidParameter(shown.join('\n'), { file: fileName, errors });
  }
  if (rows.length === 0) throw new InvalidParameter(`${fileName} contains no valid rows`, { file: fileName, errors });

  const source = options.source ?? `Imported from ${fileName}`;
  const ids = [...new Set(rows.map((r) => r.indicator))];
  const indicators = INDICATOR_CATALOGUE.filter((d) => ids.includes(d.id)).map((d) => ({ ...d, source }));
  return { rows, indicators, skipped: errors };
}

interface Columns {
  index: Record<Field, number>;
  /** Column names as the file spells them, for messages. */
  names: Record<Field, string>;
  count: number;
}

function headerColumns(fields: string[], fileName: string, line: number): Columns {
  const names = fields.map((f) => f.trim().toLowerCase());
  const language = names.includes('buurt_code') || names.includes('value') ? 'en' : 'nl';
  const expected = HEADERS[language];
  const missing = FIELDS.filter((f) => !names.includes(expected[f]));
  if (missing.length > 0) {
    throw new InvalidParameter(
      `${fileName} line ${line}: missing column${missing.length > 1 ? 's' : ''} ${missing.map((f) => expected[f]).join(', ')}; ` +
        `expected the header ${Object.values(HEADERS.nl).join(',')} (or ${Object.values(HEADERS.en).join(',')})`,
      { file: fileName, line },
    );
  }
  const index = Object.fromEntries(FIELDS.map((f) => [f, names.indexOf(expected[f])])) as Record<Field, number>;
  return { index, names: expected, count: fields.length };
}

function parseLine(fields: string[], columns: Columns): HealthRow {
  if (fields.length !== columns.count) throw new LineError(`has ${fields.length} fields, expected ${columns.count} like the header`);
  const raw = (f: Field) => fields[columns.index[f]].trim();
  const name = columns.names;

  const indicatorText = raw('indicator').toLowerCase().replace(/[-\s]+/g, '_');
  const definition = knownIndicator(indicatorText);
  if (!definition) {
    throw new LineError(`indicator '${clip(raw('indicator'))}' is not a known indicator (known: ${INDICATOR_CATALOGUE.map((d) => d.id).join(', ')})`);
  }
  const unit = UNIT_ALIASES[raw('unit').toLowerCase()];
  if (!unit) throw new LineError(`${name.unit} must be one of ${Object.keys(UNIT_ALIASES).join(', ')}, got '${clip(raw('unit'))}'`);
  if (unit !== definition.unit) throw new LineError(`${name.unit} must be '${definition.unit}' for ${definition.id}, got '${clip(raw('unit'))}'`);

  const valueText = raw('value');
  if (!/^-?\d+([.,]\d+)?$/.test(valueText)) {
    throw new LineError(`${name.value} must be a number (decimal point or comma, no thousands separator), got '${clip(valueText)}'`);
  }
  const respondentsText = raw('respondents');
  if (!/^\d+$/.test(respondentsText)) throw new LineError(`${name.respondents} must be a whole number ≥ 0, got '${clip(respondentsText)}'`);
  const yearText = raw('year');
  if (!/^\d{4}$/.test(yearText)) throw new LineError(`${name.year} must be a four-digit year, got '${clip(yearText)}'`);

  const parsed = healthRow.safeParse({
    buurtCode: raw('buurtCode').toUpperCase(),
    indicator: definition.id,
    value: Number(valueText.replace(',', '.')),
    unit,
    respondents: Number(respondentsText),
    year: Number(yearText),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path[0] as Field | undefined;
    const got = field ? ` got '${clip(raw(field))}'` : '';
    throw new LineError(`${field ? name[field] : 'row'} ${issue.message}${got && !issue.message.includes('got') ? `,${got}` : ''}`);
  }
  return parsed.data;
}

/** Echo at most 40 characters of user input in a message. */
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
