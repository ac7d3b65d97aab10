// Reads entities for GET requests: builds one parameter-bound query per collection (filter, order, paging),
// formats rows as SensorThings JSON (@iot.id, @iot.selfLink, <Nav>@iot.navigationLink) and runs $expand
// per entity with its own nested options.
import type Database from 'better-sqlite3';
import { formatInstant, formatTimeOrInterval } from '../time.ts';
import { type EntityDef, ENTITIES, navigationOf, type PropertyDef, selectColumns } from './entities.ts';
import { type CompileContext, compileFilter, compileValue, type Sql, type SqlParam } from './filter-sql.ts';
import type { QueryOptions } from './query-options.ts';

export interface ReadContext {
  db: Database.Database;
  /** Service root URL without a trailing slash, e.g. https://host/sta/v1.1 */
  baseUrl: string;
  nowMs: number;
  nextAlias: () => string;
  statements: Map<string, Database.Statement>;
}

export function createReadContext(db: Database.Database, baseUrl: string): ReadContext {
  let n = 0;
  return { db, baseUrl, nowMs: Date.now(), nextAlias: () => `a${++n}`, statements: new Map() };
}

type Row = Record<string, unknown>;
export type EntityJson = Record<string, unknown>;

export interface CollectionResult {
  value: EntityJson[];
  count?: number;
  /** Set when more entities follow the page. */
  nextSkip?: number;
  rows: Row[];
}

function statement(ctx: ReadContext, text: string): Database.Statement {
  let s = ctx.statements.get(text);
  if (!s) {
    s = ctx.db.prepare(text);
    ctx.statements.set(text, s);
  }
  return s;
}

export const selfLink = (ctx: ReadContext, entity: EntityDef, id: number): string => `${ctx.baseUrl}/${entity.set}(${id})`;

/**
 * Reads one page of a collection; `where` restricts it (e.g. to the Datastreams of one Thing); `defaultOrder`
 * orders it when the client gave no $orderby (a MultiDatastream's ObservedProperties in result-array order).
 */
export function readCollection(ctx: ReadContext, entity: EntityDef, where: Sql | undefined, options: QueryOptions, defaultOrder?: Sql): CollectionResult {
  const alias = 'e';
  const compileCtx: CompileContext = { entity, alias, nowMs: ctx.nowMs, nextAlias: ctx.nextAlias };
  const conditions: Sql[] = [];
  if (where) conditions.push(where);
  if (options.filter) conditions.push(compileFilter(options.filter, compileCtx));
  const whereText = conditions.length ? ` WHERE ${conditions.map((c) => c.text).join(' AND ')}` : '';
  const whereParams: SqlParam[] = conditions.flatMap((c) => c.params);

  const order = options.orderBy.map((o) => ({ ...compileValue(o.expr, compileCtx), desc: o.descending }));
  if (order.length === 0 && defaultOrder) order.push({ ...defaultOrder, desc: false });
  // The id tiebreak runs in the direction of the last key, so an index on (…, key) can serve the order backwards.
  const lastDesc = order.length > 0 && order[order.length - 1].desc;
  const orderText = [...order.map((o) => `${o.text} ${o.desc ? 'DESC' : 'ASC'}`), `${alias}.id ${lastDesc ? 'DESC' : 'ASC'}`].join(', ');
  const orderParams = order.flatMap((o) => o.params);

  const text = `SELECT ${selectColumns(entity, alias)} FROM ${entity.table} ${alias}${whereText} ORDER BY ${orderText} LIMIT ? OFFSET ?`;
  const rows = statement(ctx, text).all(...whereParams, ...orderParams, options.top + 1, options.skip) as Row[];
  const hasMore = rows.length > options.top;
  if (hasMore) rows.pop();

  const result: CollectionResult = { value: rows.map((r) => formatEntity(ctx, entity, r, options)), rows };
  if (hasMore) result.nextSkip = options.skip + options.top;
  if (options.count) {
    const countText = `SELECT count(*) AS n FROM ${entity.table} ${alias}${whereText}`;
    result.count = (statement(ctx, countText).get(...whereParams) as { n: number }).n;
  }
  return result;
}

export function readEntity(ctx: ReadContext, entity: EntityDef, id: number, options: QueryOptions): EntityJson | undefined {
  const row = statement(ctx, `SELECT ${selectColumns(entity, 'e')} FROM ${entity.table} e WHERE e.id = ?`).get(id) as Row | undefined;
  return row ? formatEntity(ctx, entity, row, options) : undefined;
}

export function entityExists(ctx: ReadContext, entity: EntityDef, id: number): boolean {
  return statement(ctx, `SELECT 1 FROM ${entity.table} WHERE id = ?`).get(id) !== undefined;
}

export function propertyValue(prop: PropertyDef, row: Row): unknown {
  const v = row[prop.column];
  switch (prop.kind) {
    case 'text':
      return v;
    case 'json':
    case 'geojson':
      return v === null || v === undefined ? null : JSON.parse(v as string);
    case 'instant':
      return v === null || v === undefined ? null : formatInstant(v as number);
    case 'interval':
      return formatTimeOrInterval((v as number | null) ?? null, (row[prop.column2!] as number | null) ?? (v as number | null) ?? null);
    case 'timeOrInterval':
      return formatTimeOrInterval(v as number, (row[prop.column2!] as number | null) ?? null);
    case 'result':
      return row[prop.column2!] ? JSON.parse(v as string) : v;
  }
}

function formatEntity(ctx: ReadContext, entity: EntityDef, row: Row, options: QueryOptions): EntityJson {
  const id = row.id as number;
  const self = selfLink(ctx, entity, id);
  const selected = (name: string) => options.select === undefined || options.select.includes(name);
  const out: EntityJson = {};
  if (selected('id')) {
    out['@iot.id'] = id;
    out['@iot.selfLink'] = self;
  }
  for (const prop of entity.properties) if (selected(prop.name)) out[prop.name] = propertyValue(prop, row);
  for (const [navName, nav] of Object.entries(entity.navigations)) {
    if (nav.present && !nav.present(row)) continue;
    const expanded = options.expand.find((x) => x.navigation === navName);
    if (expanded) Object.assign(out, expandNavigation(ctx, entity, id, self, expanded.navigation, expanded.options));
    else if (selected(navName)) out[`${navName}@iot.navigationLink`] = `${self}/${navName}`;
  }
  return out;
}

function expandNavigation(ctx: ReadContext, entity: EntityDef, id: number, self: string, navName: string, options: QueryOptions): EntityJson {
  const nav = navigationOf(entity, navName)!;
  const target = ENTITIES[nav.target];
  const where: Sql = { text: nav.where('e', '?'), params: [id] };
  const order: Sql | undefined = nav.order ? { text: nav.order('e', '?'), params: [id] } : undefined;
  const page = readCollection(ctx, target, where, nav.many ? options : { ...options, top: 1, skip: 0 }, order);
  if (!nav.many) return { [navName]: page.value[0] ?? null };
  const out: EntityJson = {};
  if (page.count !== undefined) out[`${navName}@iot.count`] = page.count;
  out[navName] = page.value;
  if (page.nextSkip !== undefined) out[`${navName}@iot.nextLink`] = nextLink(`${self}/${navName}`, options, page.nextSkip);
  return out;
}

/** The same request with $skip moved on; other options kept as given. */
export function nextLink(url: string, options: QueryOptions, nextSkip: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(options.raw)) if (k !== '$top' && k !== '$skip') params.set(k, v);
  params.set('$top', String(options.top));
  params.set('$skip', String(nextSkip));
  return `${url}?${params.toString().replace(/%24/g, '$')}`;
}

/** DataArray extension: Observations grouped per Datastream (or MultiDatastream) as rows of the requested components. */
export function toDataArray(ctx: ReadContext, rows: Row[], options: QueryOptions): EntityJson[] {
  const entity = ENTITIES.Observations;
  const components = (options.select ?? ['id', 'phenomenonTime', 'resultTime', 'result']).filter((c) => c === 'id' || entity.properties.some((q) => q.name === c));
  const groups = new Map<string, { link: EntityJson; dataArray: unknown[][] }>();
  for (const row of rows) {
    const multi = row.multi_datastream_id as number | null;
    const key = multi === null ? `d${row.datastream_id as number}` : `m${multi}`;
    const values = components.map((c) => (c === 'id' ? row.id : propertyValue(entity.properties.find((q) => q.name === c)!, row)));
    const group = groups.get(key);
    if (group) group.dataArray.push(values);
    else {
      const link =
        multi === null
          ? { 'Datastream@iot.navigationLink': selfLink(ctx, ENTITIES.Datastreams, row.datastream_id as number) }
          : { 'MultiDatastream@iot.navigationLink': selfLink(ctx, ENTITIES.MultiDatastreams, multi) };
      groups.set(key, { link, dataArray: [values] });
    }
  }
  return [...groups.values()].map(({ link, dataArray }) => ({ ...link, components, 'dataArray@iot.count': dataArray.length, dataArray }));
}
