// Whether a scenario may get a participation session. The scenarios table belongs to the scenario module; this reads
// only its status.
import type { SqlRunner } from '../workspace/sql/sql-db.ts';

export type ScenarioPublication = 'published' | 'draft' | 'missing';

export async function scenarioPublication(db: SqlRunner, scenarioId: string): Promise<ScenarioPublication> {
  const row = await db.get<{ status: string }>('SELECT status FROM scenarios WHERE id = ? AND deleted_at IS NULL', [scenarioId]);
  if (!row) return 'missing';
  return row.status === 'published' ? 'published' : 'draft';
}
