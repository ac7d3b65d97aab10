// Compiles a parsed expression to an SQLite expression with bound parameters. Identifiers (tables, columns) come
// only from the entity model; every literal, JSON path and polygon is a bound parameter.
import { bboxOfPolygon } from '../store/polygon-wgs84.ts';
import { parseInstantMs } from '../time.ts';
import { type EntityDef, ENTITIES, navigationOf, type PropertyDef, propertyOf } from './entities.ts';
import type { ComparisonOp, Expr } from './filter-ast.ts';
import { FilterSyntaxError } from './filter-lexer.ts';
import { parseWkt, type WktShape } from './wkt.ts';

export type SqlParam = string | number | null;
export interface Sql {
  text: string;
  params: SqlParam[];
}

type ValueType = 'number' | 'string' | 'boolean' | 'time' | 'json' | 'any' | 'null';
interface Typed extends Sql {
  type: ValueType;
  /** Set for a string literal, so it can be read as a time when compared with one. */
  literal?: string;
}

/** A path that ends on a GeoJSON property: the joins to reach it and the point columns at the end. */
interface GeoPath {
  joins: { table: string; alias: string; cond: string }[];
  lon: string;
  lat: string;
}

export interface CompileContext {
  entity: EntityDef;
  alias: string;
  nowMs: number;
  /** Makes unique aliases for subqueries; shared by all compilations of one request. */
  nextAlias: () => string;
}

const SQL_COMPARISON: Record<ComparisonOp, string> = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' };

export function compileFilter(expr: Expr, ctx: CompileContext): Sql {
  const r = compile(expr, ctx);
  return { text: r.text, params: r.params };
}

export function compileValue(expr: Expr, ctx: CompileContext): Sql {
  const r = compile(expr, ctx);
  return { text: r.text, params: r.params };
}

const sql = (text: string, params: SqlParam[], type: ValueType): Typed => ({ text, params, type });
const fail = (message: string, pos: number): never => {
  throw new FilterSyntaxError(message, pos);
};

function compile(e: Expr, ctx: CompileContext): Typed {
  switch (e.kind) {
    case 'string':
      return { ...sql('?', [e.value], 'string'), literal: e.value };
    case 'number':
      return sql('?', [e.value], 'number');
    case 'boolean':
      return sql(e.value ? '1' : '0', [], 'boolean');
    case 'null':
      return sql('NULL', [], 'null');
    case 'datetime':
      return sql('?', [e.ms], 'time');
    case 'geo':
      return fail('a geography literal is only allowed inside a geo function', e.pos);
    case 'path':
      return compilePath(e.segments, e.pos, ctx);
    case 'logical': {
      const l = compile(e.left, ctx);
      const r = compile(e.right, ctx);
      return sql(`(${l.text} ${e.op === 'and' ? 'AND' : 'OR'} ${r.text})`, [...l.params, ...r.params], 'boolean');
    }
    case 'not': {
      const o = compile(e.operand, ctx);
      return sql(`(NOT ${o.text})`, o.params, 'boolean');
    }
    case 'negate': {
      const o = compile(e.operand, ctx);
      return sql(`(-${o.text})`, o.params, 'number');
    }
    case 'arith': {
      const l = compile(e.left, ctx);
      const r = compile(e.right, ctx);
      const op = { add: '+', sub: '-', mul: '*', div: '/', mod: '%' }[e.op];
      // Division is real division (OData), not SQLite's integer division of two integers.
      const left = e.op === 'div' ? `CAST(${l.text} AS REAL)` : l.text;
      return sql(`(${left} ${op} ${r.text})`, [...l.params, ...r.params], 'number');
    }
    case 'compare':
      return compileComparison(e.op, compile(e.left, ctx), compile(e.right, ctx), e.pos);
    case 'in': {
      const l = compile(e.left, ctx);
      const items = e.list.map((x) => asTimeIfNeeded(compile(x, ctx), l.type, x.pos));
      return sql(`(${l.text} IN (${items.map((x) => x.text).join(', ')}))`, [...l.params, ...items.flatMap((x) => x.params)], 'boolean');
    }
    case 'call':
      return compileCall(e.name, e.args, e.pos, ctx);
  }
}

function compileComparison(op: ComparisonOp, l: Typed, r: Typed, pos: number): Typed {
  if (r.type === 'null' || l.type === 'null') {
    const other = r.type === 'null' ? l : r;
    if (op !== 'eq' && op !== 'ne') fail('null can only be compared with eq or ne', pos);
    return sql(`(${other.text} IS ${op === 'eq' ? '' : 'NOT '}NULL)`, other.params, 'boolean');
  }
  const left = asTimeIfNeeded(l, r.type, pos);
  const right = asTimeIfNeeded(r, l.type, pos);
  return sql(`(${left.text} ${SQL_COMPARISON[op]} ${right.text})`, [...left.params, ...right.params], 'boolean');
}

/** A string literal compared with a time is read as an ISO instant; anything else is left alone. */
function asTimeIfNeeded(v: Typed, otherType: ValueType, pos: number): Typed {
  if (otherType !== 'time' || v.literal === undefined) return v;
  const ms = parseInstantMs(v.literal);
  if (ms === undefined) return fail(`'${v.literal.slice(0, 40)}' is not an ISO 8601 date-time with a zone`, pos);
  return sql('?', [ms], 'time');
}

interface ResolvedPath {
  joins: { table: string; alias: string; cond: string }[];
  entity: EntityDef;
  alias: string;
  property: PropertyDef | 'id';
  jsonPath: string[];
}

function resolvePath(segments: string[], pos: number, ctx: CompileContext): ResolvedPath {
  let entity = ctx.entity;
  let alias = ctx.alias;
  const joins: ResolvedPath['joins'] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const nav = navigationOf(entity, seg);
    if (nav) {
      if (joins.length >= 4) fail('path crosses more than 4 navigation properties', pos);
      const target = ENTITIES[nav.target];
      const child = ctx.nextAlias();
      joins.push({ table: target.table, alias: child, cond: nav.where(child, `${alias}.id`) });
      entity = target;
      alias = child;
      continue;
    }
    if (seg === 'id' || seg === '@iot.id') {
      if (i !== segments.length - 1) fail(`'${seg}' has no sub-properties`, pos);
      return { joins, entity, alias, property: 'id', jsonPath: [] };
    }
    const prop = propertyOf(entity, seg);
    if (!prop) {
      const known = [...entity.properties.map((q) => q.name), 'id', ...Object.keys(entity.navigations)].join(', ');
      return fail(`unknown property '${seg.slice(0, 60)}' of ${entity.singular} (known: ${known})`, pos);
    }
    const rest = segments.slice(i + 1);
    if (rest.length > 0 && prop.kind !== 'json' && prop.kind !== 'geojson') fail(`'${seg}' has no sub-properties`, pos);
    for (const key of rest) if (!/^[A-Za-z0-9_@.-]{1,64}$/.test(key)) fail(`invalid JSON member name '${key.slice(0, 40)}'`, pos);
    return { joins, entity, alias, property: prop, jsonPath: rest };
  }
  return fail(`path ends on a navigation property; name a property of ${entity.singular}`, pos);
}

/** The SQL value of a resolved path at its final alias, before wrapping it in a subquery. */
function valueAt(r: ResolvedPath, pos: number): Typed {
  if (r.property === 'id') return sql(`${r.alias}.id`, [], 'number');
  const prop = r.property;
  const col = `${r.alias}.${prop.column}`;
  if (r.jsonPath.length > 0) {
    const path = `$${r.jsonPath.map((k) => `."${k}"`).join('')}`;
    return sql(`json_extract(${col}, ?)`, [path], 'any');
  }
  switch (prop.kind) {
    case 'text':
      return sql(col, [], 'string');
    case 'json':
      return sql(col, [], 'json');
    case 'instant':
    case 'interval':
    case 'timeOrInterval':
      // Intervals compare by their start (documented limit: no interval operators such as overlaps yet).
      return sql(col, [], 'time');
    case 'result':
      return sql(col, [], 'any');
    case 'geojson':
      return fail(`'${prop.name}' is a geometry; use it in geo.intersects, st_within, st_contains or geo.distance`, pos);
  }
}

function compilePath(segments: string[], pos: number, ctx: CompileContext): Typed {
  const r = resolvePath(segments, pos, ctx);
  const v = valueAt(r, pos);
  if (r.joins.length === 0) return v;
  // Across a navigation the value of the first related entity is used (one Location per Thing is the norm).
  const from = r.joins.map((j) => `${j.table} ${j.alias}`).join(', ');
  const where = r.joins.map((j) => j.cond).join(' AND ');
  return sql(`(SELECT ${v.text} FROM ${from} WHERE ${where} LIMIT 1)`, v.params, v.type);
}

function geoPathOf(arg: Expr, ctx: CompileContext): GeoPath | undefined {
  if (arg.kind !== 'path') return undefined;
  const r = resolvePath(arg.segments, arg.pos, ctx);
  if (r.property === 'id' || r.property.kind !== 'geojson' || r.jsonPath.length > 0) return undefined;
  return { joins: r.joins, lon: `${r.alias}.lon`, lat: `${r.alias}.lat` };
}

function geoLiteralOf(arg: Expr): WktShape | undefined {
  if (arg.kind !== 'geo') return undefined;
  try {
    return parseWkt(arg.wkt);
  } catch (err) {
    return fail(`bad geography literal: ${(err as Error).message}`, arg.pos);
  }
}

/** A predicate on the point columns, evaluated on the entity itself or, across navigations, on any related one. */
function geoPredicate(path: GeoPath, predicate: (lon: string, lat: string) => Sql): Typed {
  const p = predicate(path.lon, path.lat);
  if (path.joins.length === 0) return sql(p.text, p.params, 'boolean');
  const from = path.joins.map((j) => `${j.table} ${j.alias}`).join(', ');
  const where = path.joins.map((j) => j.cond).join(' AND ');
  return sql(`EXISTS (SELECT 1 FROM ${from} WHERE ${where} AND ${p.text})`, p.params, 'boolean');
}

function withinPolygon(path: GeoPath, shape: WktShape, pos: number): Typed {
  if (shape.type !== 'Polygon') return fail('expected a POLYGON', pos);
  const [minX, minY, maxX, maxY] = bboxOfPolygon(shape.polygon);
  // The bbox test lets the (lon, lat) index and cheap comparisons reject most rows before the exact test.
  return geoPredicate(path, (lon, lat) => ({
    text: `(${lon} BETWEEN ? AND ? AND ${lat} BETWEEN ? AND ? AND sta_in_polygon(${lon}, ${lat}, ?) = 1)`,
    params: [minX, maxX, minY, maxY, JSON.stringify(shape.polygon)],
  }));
}

function compileCall(rawName: string, args: Expr[], pos: number, ctx: CompileContext): Typed {
  const name = rawName.toLowerCase();
  const arity = (n: number, m = n) => {
    if (args.length < n || args.length > m) fail(`${rawName} takes ${n === m ? n : `${n}–${m}`} argument${m === 1 ? '' : 's'}`, pos);
  };
  const a = () => args.map((x) => compile(x, ctx));
  const params = (xs: Typed[]) => xs.flatMap((x) => x.params);
  switch (name) {
    case 'substringof': {
      arity(2);
      const [needle, hay] = a();
      return sql(`(instr(${hay.text}, ${needle.text}) > 0)`, [...hay.params, ...needle.params], 'boolean');
    }
    case 'contains': {
      arity(2);
      const [hay, needle] = a();
      return sql(`(instr(${hay.text}, ${needle.text}) > 0)`, params([hay, needle]), 'boolean');
    }
    case 'startswith': {
      arity(2);
      const [s, pre] = a();
      // substr comparison, not LIKE: '%' and '_' in the argument stay literal characters.
      return sql(`(substr(${s.text}, 1, length(${pre.text})) = ${pre.text})`, [...s.params, ...pre.params, ...pre.params], 'boolean');
    }
    case 'endswith': {
      arity(2);
      const [s, suf] = a();
      return sql(
        `(length(${suf.text}) = 0 OR (length(${s.text}) >= length(${suf.text}) AND substr(${s.text}, -length(${suf.text})) = ${suf.text}))`,
        [...suf.params, ...s.params, ...suf.params, ...s.params, ...suf.params, ...suf.params],
        'boolean',
      );
    }
    case 'length': {
      arity(1);
      const [s] = a();
      return sql(`length(${s.text})`, s.params, 'number');
    }
    case 'indexof': {
      arity(2);
      const [s, t] = a();
      return sql(`(instr(${s.text}, ${t.text}) - 1)`, params([s, t]), 'number');
    }
    case 'substring': {
      arity(2, 3);
      const xs = a();
      const [s, start, len] = xs;
      return len
        ? sql(`substr(${s.text}, ${start.text} + 1, ${len.text})`, params(xs), 'string')
        : sql(`substr(${s.text}, ${start.text} + 1)`, params(xs), 'string');
    }
    case 'tolower':
    case 'toupper':
    case 'trim': {
      arity(1);
      const [s] = a();
      const fn = { tolower: 'lower', toupper: 'upper', trim: 'trim' }[name];
      return sql(`${fn}(${s.text})`, s.params, 'string');
    }
    case 'concat': {
      arity(2);
      const [s, t] = a();
      return sql(`(${s.text} || ${t.text})`, params([s, t]), 'string');
    }
    case 'year':
    case 'month':
    case 'day':
    case 'hour':
    case 'minute':
    case 'second': {
      arity(1);
      const [t] = a();
      if (t.type !== 'time') fail(`${rawName} needs a date-time argument`, pos);
      const fmt = { year: '%Y', month: '%m', day: '%d', hour: '%H', minute: '%M', second: '%S' }[name];
      return sql(`CAST(strftime('${fmt}', ${t.text} / 1000.0, 'unixepoch') AS INTEGER)`, t.params, 'number');
    }
    case 'now':
      arity(0);
      return sql('?', [ctx.nowMs], 'time');
    case 'round':
    case 'floor':
    case 'ceiling': {
      arity(1);
      const [x] = a();
      const fn = { round: 'round', floor: 'floor', ceiling: 'ceil' }[name];
      return sql(`${fn}(${x.text})`, x.params, 'number');
    }
    case 'geo.intersects':
    case 'st_intersects':
    case 'st_within': {
      arity(2);
      const path = geoPathOf(args[0], ctx);
      const shape = geoLiteralOf(args[1]);
      if (!path || !shape) return fail(`${rawName}(geometry property, geography'POLYGON((…))') expected`, pos);
      return withinPolygon(path, shape, args[1].pos);
    }
    case 'st_contains': {
      arity(2);
      const shape = geoLiteralOf(args[0]);
      const path = geoPathOf(args[1], ctx);
      if (!path || !shape) return fail(`${rawName}(geography'POLYGON((…))', geometry property) expected`, pos);
      return withinPolygon(path, shape, args[0].pos);
    }
    case 'geo.distance':
    case 'st_distance': {
      arity(2);
      const path = geoPathOf(args[0], ctx);
      const shape = geoLiteralOf(args[1]);
      if (!path || !shape || shape.type !== 'Point') return fail(`${rawName}(geometry property, geography'POINT(lon lat)') expected`, pos);
      const [x, y] = shape.point;
      const d = `sqrt((${path.lon} - ?) * (${path.lon} - ?) + (${path.lat} - ?) * (${path.lat} - ?))`;
      if (path.joins.length === 0) return sql(d, [x, x, y, y], 'number');
      const from = path.joins.map((j) => `${j.table} ${j.alias}`).join(', ');
      const where = path.joins.map((j) => j.cond).join(' AND ');
      return sql(`(SELECT ${d} FROM ${from} WHERE ${where} LIMIT 1)`, [x, x, y, y], 'number');
    }
    default:
      return fail(`unknown or unsupported function '${rawName.slice(0, 40)}'`, pos);
  }
}
