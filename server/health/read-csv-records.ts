// A small RFC 4180 reader for the CSV files people actually have: comma or semicolon separated (Dutch Excel writes
// `;` because the comma is its decimal mark), quoted fields with "" escapes and line breaks, CRLF, a UTF-8 BOM.
// Each record keeps the line it starts on, so every later error can name it.
import { InvalidParameter } from '../errors.ts';

export interface CsvRecord {
  /** 1-based line of the file the record starts on (the header is line 1 in a file without blank lines above it). */
  line: number;
  fields: string[];
}

export type CsvSeparator = ',' | ';' | '\t';

/** The separator that occurs most often outside quotes on the first non-empty line. */
export function detectSeparator(text: string): CsvSeparator {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const outside = first.replace(/"[^"]*"/g, '');
  const count = (c: string) => outside.split(c).length - 1;
  const candidates: CsvSeparator[] = [',', ';', '\t'];
  return candidates.reduce((best, c) => (count(c) > count(best) ? c : best), ',');
}

export function readCsvRecords(text: string, fileName: string, separator: CsvSeparator = detectSeparator(text)): CsvRecord[] {
  const src = text.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quotedFieldLine = 0;
  let inQuotes = false;
  let wasQuoted = false;

  const endField = () => {
    fields.push(wasQuoted ? field : field.trim());
    field = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    // A blank line (one empty, unquoted field) is not a record.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };

  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (inQuotes) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field.trim() === '') {
      inQuotes = true;
      wasQuoted = true;
      quotedFieldLine = line;
      field = '';
    } else if (c === separator) {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (wasQuoted) {
      // Text after a closing quote (`"ab"c`) is malformed; only whitespace there is harmless.
      if (c.trim() !== '') throw new InvalidParameter(`${fileName} line ${line}: unexpected text after a closing quote`);
    } else {
      field += c;
    }
  }
  if (inQuotes) throw new InvalidParameter(`${fileName} line ${quotedFieldLine}: a quoted field is never closed`);
  endRecord();
  return records;
}
