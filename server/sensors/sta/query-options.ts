// Parses the system query options of one request (and of each nested $expand) into a checked structure.
// Property and navigation names are checked against the entity model here, so later stages only see known names.
import { type EntityDef, ENTITIES, navigationOf, propertyOf } from './entities.ts';
import type { Expr, OrderByItem } from './filter-ast.ts';
import { FilterSyntaxError } from './filter-lexer.ts';
import { parseFilter, parseOrderBy } from './filter-parser.ts';

export const DEFAULT_TOP = 100;
export const MAX_TOP = 1000;
/** Deepest $expand nesting accepted (RELIABILITY.md #19: deeper → 400). */
export const MAX_EXPAND_DEPTH = 5;

export interface QueryOptions {
  filter?: Expr;
  orderBy: OrderByItem[];
  /** After capping at MAX_TOP. */
  top: number;
  skip: number;
  count: boolean;
  /** Property and navigation names; undefined = everything. */
  select?: string[];
  expand: ExpandItem[];
  resultFormat?: 'dataArray';
  /** The options as given (for building @iot.nextLink). */
  raw: Record<string, string>;
}

export interface ExpandItem {
  navigation: string;
  options: QueryOptions;
}

/** A query option the client got wrong; `option` names it, the message says what and where. */
export class QueryOptionError extends Error {
  constructor(
    readonly option: string,
    readonly detail: string,
  ) {
    super(`${option}: ${detail}`);
  }
}

const KNOWN = new Set(['$filter', '$orderby', '$top', '$skip', '$count', '$select', '$expand', '$resultFormat']);

/** From the top-level query string (values already URL-decoded). */
export function parseQueryOptions(entity: EntityDef, raw: Record<string, unknown>): QueryOptions {
  const options: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!KNOWN.has(key)) throw new QueryOptionError(key.slice(0, 40), `unknown query option (supported: ${[...KNOWN].join(', ')})`);
    if (typeof value !== 'string') throw new QueryOptionError(key, 'given more than once or not a plain value');
    options[key] = value;
  }
  return buildOptions(entity, options, 0);
}

function buildOptions(entity: EntityDef, o: Record<string, string>, depth: number): QueryOptions {
  const result: QueryOptions = {
    orderBy: [],
    top: o.$top === undefined ? DEFAULT_TOP : Math.min(parseCount('$top', o.$top), MAX_TOP),
    skip: o.$skip === undefined ? 0 : parseCount('$skip', o.$skip),
    count: parseBoolean('$count', o.$count),
    expand: [],
    raw: o,
  };
  if (o.$filter !== undefined) result.filter = withPosition('$filter', () => parseFilter(o.$filter));
  if (o.$orderby !== undefined) result.orderBy = withPosition('$orderby', () => parseOrderBy(o.$orderby));
  if (o.$select !== undefined) result.select = parseSelect(entity, o.$select);
  if (o.$expand !== undefined) result.expand = parseExpand(entity, o.$expand, depth);
  if (o.$resultFormat !== undefined) {
    if (o.$resultFormat !== 'dataArray') throw new QueryOptionError('$resultFormat', `only dataArray is supported, not '${o.$resultFormat.slice(0, 40)}'`);
    if (entity.set !== 'Observations') throw new QueryOptionError('$resultFormat', 'dataArray applies to Observations only');
    result.resultFormat = 'dataArray';
  }
  return result;
}

function withPosition<T>(option: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof FilterSyntaxError) throw new QueryOptionError(option, err.message);
    throw err;
  }
}

function parseCount(option: string, text: string): number {
  if (!/^\d{1,9}$/.test(text)) throw new QueryOptionError(option, `expected a whole number ≥ 0, got '${text.slice(0, 40)}'`);
  return Number(text);
}

function parseBoolean(option: string, text: string | undefined): boolean {
  if (text === undefined || text === 'false') return false;
  if (text === 'true') return true;
  throw new QueryOptionError(option, `expected true or false, got '${text.slice(0, 40)}'`);
}

function parseSelect(entity: EntityDef, text: string): string[] {
  const names = text.split(',').map((s) => s.trim());
  for (const name of names) {
    const known = name === 'id' || name === '@iot.id' || propertyOf(entity, name) || navigationOf(entity, name);
    if (!known) {
      const all = ['id', ...entity.properties.map((q) => q.name), ...Object.keys(entity.navigations)].join(', ');
      throw new QueryOptionError('$select', `unknown property '${name.slice(0, 60)}' of ${entity.singular} (known: ${all})`);
    }
  }
  return names.map((n) => (n === '@iot.id' ? 'id' : n));
}

/** Splits at `sep` outside parentheses and quotes. */
function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === sep && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
    if (depth < 0) throw new QueryOptionError('$expand', `unbalanced ')' at character ${i + 1}`);
  }
  if (depth !== 0 || quoted) throw new QueryOptionError('$expand', 'unbalanced parentheses or quotes');
  parts.push(text.slice(start));
  return parts;
}

function parseExpand(entity: EntityDef, text: string, depth: number): ExpandItem[] {
  if (depth >= MAX_EXPAND_DEPTH) throw new QueryOptionError('$expand', `nested deeper than ${MAX_EXPAND_DEPTH} levels`);
  const items: ExpandItem[] = [];
  for (const rawItem of splitTopLevel(text, ',')) {
    const item = rawItem.trim();
    const open = item.indexOf('(');
    const pathText = open < 0 ? item : item.slice(0, open);
    let nested: Record<string, string> = {};
    if (open >= 0) {
      if (!item.endsWith(')')) throw new QueryOptionError('$expand', `expected ')' at the end of '${item.slice(0, 60)}'`);
      nested = parseNestedOptions(item.slice(open + 1, -1));
    }
    // `Datastreams/Observations` = expand Datastreams, and within each, Observations (options apply to the last).
    const segments = pathText.split('/').map((s) => s.trim());
    if (segments.length + depth > MAX_EXPAND_DEPTH) throw new QueryOptionError('$expand', `nested deeper than ${MAX_EXPAND_DEPTH} levels`);
    addExpandPath(entity, items, segments, nested, depth);
  }
  return items;
}

function addExpandPath(entity: EntityDef, items: ExpandItem[], segments: string[], nested: Record<string, string>, depth: number): void {
  const [first, ...rest] = segments;
  const nav = navigationOf(entity, first);
  if (!nav) {
    throw new QueryOptionError('$expand', `'${first.slice(0, 60)}' is not a navigation property of ${entity.singular} (known: ${Object.keys(entity.navigations).join(', ')})`);
  }
  const target = ENTITIES[nav.target];
  let item = items.find((x) => x.navigation === first);
  if (!item) {
    item = { navigation: first, options: buildOptions(target, rest.length === 0 ? nested : {}, depth + 1) };
    items.push(item);
  } else if (rest.length === 0) {
    item.options = buildOptions(target, nested, depth + 1);
  }
  if (rest.length > 0) addExpandPath(target, item.options.expand, rest, nested, depth + 1);
}

function parseNestedOptions(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of splitTopLevel(text, ';')) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim();
    if (!KNOWN.has(key) || key === '$resultFormat') throw new QueryOptionError('$expand', `unknown nested option '${key.slice(0, 40)}'`);
    if (eq < 0) throw new QueryOptionError('$expand', `nested option ${key} needs a value`);
    out[key] = part.slice(eq + 1).trim();
  }
  return out;
}
