// Source attributes of the buildings in one tile (3D BAG b3_*, …) → extra property-table columns, so the
// tile's EXT_structural_metadata schema describes every attribute present. Pure.
import type { Building } from '../contracts/model.ts';
import type { PropertyColumn } from './glb.ts';

/** Stands for "this building has no such attribute" in numeric columns (declared as the column's noData). */
export const NUMBER_NO_DATA = -9999;

/** Metadata property ids must match this (3D Metadata spec); other attribute names are rewritten. */
const PROPERTY_ID = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function propertyId(name: string): string {
  const cleaned = name.replace(/[^a-zA-Z0-9_]/g, '_');
  return PROPERTY_ID.test(cleaned) ? cleaned : `_${cleaned}`;
}

/**
 * One column per attribute name found on any building in `rows` (ids already used by `reserved` are left out:
 * our own columns win). All-numeric attributes become FLOAT64 with noData; booleans become UINT8 0/1 (255 = none);
 * anything else STRING ('' = none).
 */
export function attributeColumns(rows: readonly Building[], reserved: ReadonlySet<string>): Record<string, PropertyColumn> {
  const kinds = new Map<string, { source: string; kind: 'number' | 'boolean' | 'string' }>();
  for (const b of rows) {
    for (const [name, value] of Object.entries(b.attributes ?? {})) {
      if (value === null) continue;
      const id = propertyId(name);
      if (reserved.has(id)) continue;
      const kind = typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string';
      const seen = kinds.get(id);
      if (!seen) kinds.set(id, { source: name, kind });
      else if (seen.kind !== kind) seen.kind = 'string';
    }
  }
  const columns: Record<string, PropertyColumn> = {};
  for (const [id, { source, kind }] of [...kinds].sort(([a], [b]) => a.localeCompare(b))) {
    const description = `Source attribute ${source}`;
    const valueOf = (b: Building) => b.attributes?.[source];
    if (kind === 'number') {
      columns[id] = {
        type: 'SCALAR',
        componentType: 'FLOAT64',
        values: rows.map((b) => (typeof valueOf(b) === 'number' ? (valueOf(b) as number) : NUMBER_NO_DATA)),
        noData: NUMBER_NO_DATA,
        description,
      };
    } else if (kind === 'boolean') {
      columns[id] = {
        type: 'SCALAR',
        componentType: 'UINT8',
        values: rows.map((b) => (typeof valueOf(b) === 'boolean' ? Number(valueOf(b)) : 255)),
        noData: 255,
        description: `${description} (1 = true, 0 = false)`,
      };
    } else {
      columns[id] = { type: 'STRING', values: rows.map((b) => (valueOf(b) === null || valueOf(b) === undefined ? '' : String(valueOf(b)))), description };
    }
  }
  return columns;
}
