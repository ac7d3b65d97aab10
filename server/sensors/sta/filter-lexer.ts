// Tokens of the SensorThings (OData-derived) expression language used by $filter and $orderby. Every token keeps
// its character position so a parse error can say where it happened.
import { parseInstantMs } from '../time.ts';

export type Token =
  | { kind: 'ident'; text: string; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'datetime'; ms: number; pos: number }
  | { kind: 'geo'; wkt: string; pos: number }
  | { kind: 'punct'; text: '(' | ')' | ',' | '-'; pos: number }
  | { kind: 'end'; pos: number };

export class FilterSyntaxError extends Error {
  constructor(
    message: string,
    /** 0-based offset into the expression. */
    readonly pos: number,
  ) {
    super(`${message} at character ${pos + 1}`);
  }
}

/** Longest expression accepted; longer ones are refused before any parsing work (RELIABILITY.md #18). */
export const MAX_EXPRESSION_LENGTH = 4096;

const DATETIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})/y;
const NUMBER = /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// Path segments joined by '/', dots for namespaced functions (geo.intersects), '@' for @iot.id.
const IDENT = /[A-Za-z_@][A-Za-z0-9_.@]*(?:\/[A-Za-z_@][A-Za-z0-9_.@]*)*/y;

export function tokenize(text: string): Token[] {
  if (text.length > MAX_EXPRESSION_LENGTH) throw new FilterSyntaxError(`expression longer than ${MAX_EXPRESSION_LENGTH} characters`, MAX_EXPRESSION_LENGTH);
  const tokens: Token[] = [];
  let i = 0;
  const match = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    const m = re.exec(text);
    return m ? m[0] : undefined;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',' || c === '-') {
      // A '-' directly followed by a digit after an operator position is still a unary minus; the parser decides.
      tokens.push({ kind: 'punct', text: c, pos: i });
      i++;
      continue;
    }
    if (c === "'") {
      const { value, end } = readQuoted(text, i);
      tokens.push({ kind: 'string', value, pos: i });
      i = end;
      continue;
    }
    const dt = match(DATETIME);
    if (dt) {
      const ms = parseInstantMs(dt);
      if (ms === undefined) throw new FilterSyntaxError(`invalid date-time ${dt}`, i);
      tokens.push({ kind: 'datetime', ms, pos: i });
      i += dt.length;
      continue;
    }
    const num = match(NUMBER);
    if (num) {
      const value = Number(num);
      if (!Number.isFinite(value)) throw new FilterSyntaxError(`number out of range ${num.slice(0, 20)}`, i);
      tokens.push({ kind: 'number', value, pos: i });
      i += num.length;
      continue;
    }
    const id = match(IDENT);
    if (id) {
      const lower = id.toLowerCase();
      if ((lower === 'geography' || lower === 'geometry') && text[i + id.length] === "'") {
        const { value, end } = readQuoted(text, i + id.length);
        tokens.push({ kind: 'geo', wkt: value, pos: i });
        i = end;
        continue;
      }
      tokens.push({ kind: 'ident', text: id, pos: i });
      i += id.length;
      continue;
    }
    throw new FilterSyntaxError(`unexpected character '${c}'`, i);
  }
  tokens.push({ kind: 'end', pos: text.length });
  return tokens;
}

/** A '…' literal where '' stands for one quote. */
function readQuoted(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  for (;;) {
    const q = text.indexOf("'", i);
    if (q < 0) throw new FilterSyntaxError('unterminated string', start);
    value += text.slice(i, q);
    if (text[q + 1] === "'") {
      value += "'";
      i = q + 2;
    } else return { value, end: q + 1 };
  }
}
