// Copies a workspace (accounts, sessions, scenarios with their versions, briefings, participation and the audit log)
// from one database to another in one transaction, then counts both sides: the workspace half of `tweeling migrate`.
// Rate-limit hits and keys and login failures are not copied: they are short-lived and keyed per deployment.
import type { SqlDb, SqlValue } from './sql-db.ts';

/** In foreign-key order; the columns of each are read from the source rows. */
export const WORKSPACE_TABLES = [
  'users',
  'sessions',
  'audit_log',
  'scenarios',
  'scenario_versions',
  'briefings',
  'participation_secret',
  'participation_sessions',
  'participation_comments',
] as const;

const PAGE = 2000;

export interface WorkspaceCopyRow {
  table: string;
  source: number;
  target: number;
}

export async function copyWorkspace(source: SqlDb, target: SqlDb): Promise<WorkspaceCopyRow[]> {
  for (const table of WORKSPACE_TABLES) {
    const n = await count(target, table);
    if (n > 0) throw new Error(`the target workspace is not empty (${table} has ${n} rows); migrate into an empty database`);
  }
  await target.transaction(async (tx) => {
    for (const table of WORKSPACE_TABLES) {
      // Pages by rowid-independent keyset: every table's first column is (part of) its primary key, unique with the rest.
      for (let offset = 0; ; offset += PAGE) {
        const rows = await source.all<Record<string, SqlValue>>(`SELECT * FROM ${table} ORDER BY 1, 2 LIMIT ? OFFSET ?`, [PAGE, offset]);
        for (const row of rows) {
          const columns = Object.keys(row);
          await tx.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, columns.map((c) => row[c]));
        }
        if (rows.length < PAGE) break;
      }
    }
  });
  const report: WorkspaceCopyRow[] = [];
  for (const table of WORKSPACE_TABLES) report.push({ table, source: await count(source, table), target: await count(target, table) });
  return report;
}

async function count(db: SqlDb, table: string): Promise<number> {
  return (await db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;
}
