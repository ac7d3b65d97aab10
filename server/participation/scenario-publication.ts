// Whether a scenario may get a participation session. The scenarios table belongs to the scenario module; this reads
// only its status, and copes with the table not existing (workspace without scenarios yet).
import type { WorkspaceDb } from '../workspace/workspace-db.ts';

export type ScenarioPublication = 'published' | 'draft' | 'missing' | 'unchecked';

export function scenarioPublication(db: WorkspaceDb, scenarioId: string): ScenarioPublication {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'scenarios'").get();
  if (!table) return 'unchecked';
  const columns = new Set((db.prepare("SELECT name FROM pragma_table_info('scenarios')").all() as { name: string }[]).map((c) => c.name));
  if (!columns.has('id') || !columns.has('status')) return 'unchecked';
  const notDeleted = columns.has('deleted_at') ? ' AND deleted_at IS NULL' : columns.has('deleted') ? ' AND NOT deleted' : '';
  const row = db.prepare(`SELECT status FROM scenarios WHERE id = ?${notDeleted}`).get(scenarioId) as { status: string } | undefined;
  if (!row) return 'missing';
  return row.status === 'published' ? 'published' : 'draft';
}
