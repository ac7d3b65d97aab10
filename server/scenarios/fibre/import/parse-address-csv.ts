// Address CSV (a BAG extract, a municipality's own list) → address records in RD New. Pure.
// The first row names the columns (address-fields.ts lists the names recognised, case-insensitive); the separator is
// `;` or `,`, whichever the header uses; fields may be quoted ("" is a quote inside); a UTF-8 BOM is ignored. A
// position is x/y in RD New metres or lon/lat in WGS84 degrees. With `;` as separator a decimal comma is accepted
// in the coordinates (Dutch spreadsheet exports). Errors name the file, line and column.
import { z } from 'zod';
import type { PointRd } from '../../../contracts/model.ts';
import { InvalidParameter } from '../../../errors.ts';
import { lonLatDegToRd } from '../../../geo/crs.ts';
import { ADDRESS_FIELD_NAMES, type AddressField, type ParsedAddress, addressAttributes, toParsedAddress } from './address-fields.ts';
import { type Parsed, type ParseOptions, emptyParsed, rejectRecord } from './parse-result.ts';

interface CsvRow {
  /** 1-based line where the row starts. */
  line: number;
  fields: string[];
}

export function parseAddressCsv(file: string, text: string, options: ParseOptions = {}): Parsed<ParsedAddress> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const separator = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
  const rows = readCsv(file, body, separator);
  if (rows.length === 0) throw new InvalidParameter(`${file}: empty file (a header row is needed)`);
  const header = rows[0].fields.map((h) => h.trim().toLowerCase());
  const column = {} as Partial<Record<AddressField, number>>;
  for (const [field, names] of Object.entries(ADDRESS_FIELD_NAMES) as [AddressField, readonly string[]][]) {
    const index = header.findIndex((h) => names.includes(h));
    if (index >= 0) column[field] = index;
  }
  const hasRd = column.x !== undefined && column.y !== undefined;
  const hasLonLat = column.lon !== undefined && column.lat !== undefined;
  const missing = (['postcode', 'houseNumber'] as const).filter((f) => column[f] === undefined);
  if (missing.length > 0 || (!hasRd && !hasLonLat)) {
    const need = [...missing.map((f) => ADDRESS_FIELD_NAMES[f][0]), ...(!hasRd && !hasLonLat ? ['x and y (RD New) or lon and lat'] : [])];
    throw new InvalidParameter(`${file} line ${rows[0].line}: the header has no column for ${need.join(', ')} (found: ${header.join(', ')})`);
  }
  const result = emptyParsed<ParsedAddress>();
  for (const row of rows.slice(1)) {
    if (row.fields.length === 1 && row.fields[0].trim() === '') continue;
    const value = (f: AddressField) => (column[f] === undefined ? undefined : (row.fields[column[f]!] ?? '').trim());
    const fail = (columnName: string, reason: string) => rejectRecord(result, options, { file, where: `line ${row.line}, column ${columnName}`, reason });
    if (row.fields.length !== header.length) {
      rejectRecord(result, options, { file, where: `line ${row.line}`, reason: `${row.fields.length} fields where the header has ${header.length}` });
      continue;
    }
    const attrs = addressAttributes.safeParse(Object.fromEntries((Object.keys(addressAttributes.shape) as AddressField[]).map((f) => [f, value(f)])));
    if (!attrs.success) {
      const issue = attrs.error.issues[0];
      const field = issue.path[0] as AddressField;
      fail(header[column[field]!] ?? String(field), `${JSON.stringify(value(field) ?? '')}: ${issue.message}`);
      continue;
    }
    const position = positionOf(value, hasRd, separator);
    if (typeof position === 'string') {
      fail(header[column[hasRd ? 'x' : 'lon']!], position);
      continue;
    }
    result.records.push(toParsedAddress(attrs.data, position));
  }
  return result;
}

const coordinate = z.string().regex(/^-?\d+(\.\d+)?$/, 'not a number').transform(Number);

function positionOf(value: (f: AddressField) => string | undefined, rd: boolean, separator: string): PointRd | string {
  const read = (f: AddressField) => coordinate.safeParse(separator === ';' ? (value(f) ?? '').replace(',', '.') : value(f));
  const [a, b] = rd ? [read('x'), read('y')] : [read('lon'), read('lat')];
  if (!a.success || !b.success) return `coordinates ${JSON.stringify(value(rd ? 'x' : 'lon'))}, ${JSON.stringify(value(rd ? 'y' : 'lat'))} are not numbers`;
  if (rd) {
    if (a.data < -7000 || a.data > 300000 || b.data < 289000 || b.data > 629000) return `${a.data}, ${b.data} is outside the RD New range`;
    return [a.data, b.data];
  }
  if (Math.abs(a.data) > 180 || Math.abs(b.data) > 90) return `${a.data}, ${b.data} is not a lon/lat position`;
  return lonLatDegToRd(a.data, b.data);
}

/** RFC 4180 records: quoted fields may hold separators, quotes ("") and line breaks. */
function readCsv(file: string, text: string, separator: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const row: CsvRow = { line, fields: [] };
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        const startLine = line;
        i++;
        for (;;) {
          if (i >= text.length) throw new InvalidParameter(`${file} line ${startLine}: a quoted field is not closed`, { file, line: startLine });
          const ch = text[i];
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\n') line++;
          field += ch;
          i++;
        }
        if (i < text.length && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r') {
          throw new InvalidParameter(`${file} line ${line}: text after a closing quote (field ${row.fields.length + 1})`, { file, line });
        }
      } else {
        while (i < text.length && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
      }
      row.fields.push(field);
      if (text[i] === separator) {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') {
      i++;
      line++;
    }
    rows.push(row);
  }
  return rows;
}

const count = (s: string, ch: string) => s.split(ch).length - 1;
