// Resolves a SensorThings resource path (`Things(1)/Datastreams`, `Datastreams(5)/Observations/$ref`,
// `Things(1)/name/$value`) against the entity model and the database, step by step; each entity on the way must exist.
import type Database from 'better-sqlite3';
import { InvalidParameter, NotFound } from '../errors.ts';
import { type EntityDef, ENTITIES, isEntitySet, navigationOf, type PropertyDef, propertyOf } from '../sensors/sta/entities.ts';
import type { Sql } from '../sensors/sta/filter-sql.ts';

export type StaTarget =
  | { kind: 'root' }
  | { kind: 'collection'; entity: EntityDef; where?: Sql; order?: Sql; parent?: { entity: EntityDef; id: number; navigation: string }; ref: boolean }
  | { kind: 'entity'; entity: EntityDef; id: number; ref: boolean }
  | { kind: 'property'; entity: EntityDef; id: number; property: PropertyDef | 'id'; raw: boolean };

const SEGMENT = /^([A-Za-z]+)(?:\((?:(\d{1,16})|'([^']*)')\))?$/;

export function resolveStaPath(db: Database.Database, path: string): StaTarget {
  const segments = path.split('/').filter((s) => s.length > 0).map(decodeSegment);
  if (segments.length === 0) return { kind: 'root' };
  const first = SEGMENT.exec(segments[0]);
  if (!first || !isEntitySet(first[1])) throw new NotFound(`No such entity set: ${segments[0].slice(0, 60)}`);
  let target: StaTarget = { kind: 'collection', entity: ENTITIES[first[1]], ref: false };
  if (first[2] !== undefined || first[3] !== undefined) target = entityStep(db, target.entity, idOf(first), undefined);
  for (let i = 1; i < segments.length; i++) {
    const seg = segments[i];
    const last = i === segments.length - 1;
    if (seg === '$ref') {
      if (!last || (target.kind !== 'collection' && target.kind !== 'entity')) throw new InvalidParameter('$ref must end a path to a collection or an entity');
      target = { ...target, ref: true };
      continue;
    }
    if (seg === '$value') {
      if (!last || target.kind !== 'property') throw new InvalidParameter('$value must follow a property');
      target = { ...target, raw: true };
      continue;
    }
    if (target.kind !== 'entity') throw new NotFound(`No such resource: ${seg.slice(0, 60)} after a ${target.kind}`);
    const m = SEGMENT.exec(seg);
    const nav = m ? navigationOf(target.entity, m[1]) : undefined;
    if (m && nav) {
      const child = ENTITIES[nav.target];
      const where: Sql = { text: nav.where('e', '?'), params: [target.id] };
      if (m[2] !== undefined || m[3] !== undefined) {
        target = entityStep(db, child, idOf(m), where);
      } else if (nav.many) {
        const order: Sql | undefined = nav.order ? { text: nav.order('e', '?'), params: [target.id] } : undefined;
        target = { kind: 'collection', entity: child, where, order, parent: { entity: target.entity, id: target.id, navigation: m[1] }, ref: false };
      } else {
        const row = db.prepare(`SELECT e.id FROM ${child.table} e WHERE ${where.text} LIMIT 1`).get(...where.params) as { id: number } | undefined;
        if (!row) throw new NotFound(`${target.entity.singular}(${target.id}) has no ${m[1]}`);
        target = { kind: 'entity', entity: child, id: row.id, ref: false };
      }
      continue;
    }
    const prop = seg === 'id' || seg === '@iot.id' ? 'id' : propertyOf(target.entity, seg);
    if (!prop) throw new NotFound(`${target.entity.singular} has no property or navigation '${seg.slice(0, 60)}'`);
    target = { kind: 'property', entity: target.entity, id: target.id, property: prop, raw: false };
  }
  return target;
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new InvalidParameter('Malformed percent-encoding in the path');
  }
}

function idOf(m: RegExpExecArray): number {
  // Ids here are integers; a quoted string id can never match one.
  if (m[2] === undefined) throw new NotFound(`No entity with id '${(m[3] ?? '').slice(0, 40)}' (ids are integers)`);
  return Number(m[2]);
}

function entityStep(db: Database.Database, entity: EntityDef, id: number, within: Sql | undefined): StaTarget {
  const cond = within ? ` AND ${within.text}` : '';
  const row = db.prepare(`SELECT 1 FROM ${entity.table} e WHERE e.id = ?${cond}`).get(id, ...(within?.params ?? []));
  if (!row) throw new NotFound(`No ${entity.singular} with @iot.id ${id}${within ? ' here' : ''}`);
  return { kind: 'entity', entity, id, ref: false };
}
