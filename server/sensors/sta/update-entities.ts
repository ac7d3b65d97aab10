// PATCH and DELETE. PATCH sets the named properties only (columns from the entity model); DELETE relies on the
// schema's ON DELETE CASCADE, so deleting a Thing removes its Datastreams and their Observations as the
// standard's integrity rules require.
import type Database from 'better-sqlite3';
import { pointOfGeoJson } from '../store/geo-point.ts';
import { parseInstantMs, parseTimeOrInterval } from '../time.ts';
import { type EntitySet, ENTITIES, propertyOf } from './entities.ts';

/** Applies a validated PATCH body; returns false when the entity does not exist. */
export function patchEntity(db: Database.Database, set: EntitySet, id: number, body: Record<string, unknown>): boolean {
  const entity = ENTITIES[set];
  const assignments: string[] = [];
  const params: (string | number | null)[] = [];
  const assign = (column: string, value: string | number | null) => {
    assignments.push(`${column} = ?`);
    params.push(value);
  };
  for (const [name, value] of Object.entries(body)) {
    const prop = propertyOf(entity, name);
    if (!prop) continue; // the strict zod schema has already refused unknown names
    switch (prop.kind) {
      case 'text':
        assign(prop.column, value as string);
        break;
      case 'json':
        assign(prop.column, value === null ? null : JSON.stringify(value));
        break;
      case 'geojson': {
        const point = pointOfGeoJson(value);
        assign(prop.column, JSON.stringify(value));
        assign('lon', point?.[0] ?? null);
        assign('lat', point?.[1] ?? null);
        break;
      }
      case 'instant':
        assign(prop.column, value === null ? null : parseInstantMs(value as string)!);
        break;
      case 'interval':
      case 'timeOrInterval': {
        const t = value === null ? undefined : parseTimeOrInterval(value as string);
        assign(prop.column, t?.startMs ?? null);
        assign(prop.column2!, t ? (prop.kind === 'timeOrInterval' && !t.isInterval ? null : t.endMs) : null);
        break;
      }
      case 'result': {
        const plain = typeof value === 'number' || typeof value === 'string';
        assign(prop.column, plain ? (value as number | string) : JSON.stringify(value ?? null));
        assign(prop.column2!, plain ? 0 : 1);
        break;
      }
    }
  }
  if (assignments.length === 0) return db.prepare(`SELECT 1 FROM ${entity.table} WHERE id = ?`).get(id) !== undefined;
  return db.prepare(`UPDATE ${entity.table} SET ${assignments.join(', ')} WHERE id = ?`).run(...params, id).changes > 0;
}

export function deleteEntity(db: Database.Database, set: EntitySet, id: number): boolean {
  return db.prepare(`DELETE FROM ${ENTITIES[set].table} WHERE id = ?`).run(id).changes > 0;
}
