// Council briefings: a title, a summary and a story of saved views. Deleting a briefing removes it (the audit log
// keeps that it existed and who removed it); every change is audit-logged in the same transaction.
import { randomUUID } from 'node:crypto';
import type { Briefing } from '../../contracts/workspace.ts';
import { NotFound } from '../../errors.ts';
import type { Actor } from '../roles.ts';
import type { SqlRunner } from '../sql/sql-db.ts';
import type { Workspace } from '../workspace.ts';

export type BriefingContent = Pick<Briefing, 'title' | 'summary' | 'steps'>;

interface BriefingRow {
  id: string;
  title: string;
  summary: string;
  steps: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

const authorOf = (actor: Actor) => actor.username ?? actor.role;

export async function listBriefings(workspace: Workspace): Promise<Briefing[]> {
  const rows = await workspace.db.all<BriefingRow>('SELECT * FROM briefings ORDER BY updated_at DESC, id');
  return rows.map(toBriefing);
}

export function getBriefing(workspace: Workspace, id: string): Promise<Briefing> {
  return readBriefing(workspace.db, id);
}

export function createBriefing(workspace: Workspace, actor: Actor, content: BriefingContent): Promise<Briefing> {
  const id = randomUUID();
  const time = workspace.now().toISOString();
  return workspace.db.transaction(async (tx) => {
    await tx.run('INSERT INTO briefings (id, title, summary, steps, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      id,
      content.title,
      content.summary,
      JSON.stringify(content.steps),
      authorOf(actor),
      time,
      time,
    ]);
    await workspace.audit.append(tx, { actor, action: 'briefing.create', target: `briefing:${id}`, details: { steps: content.steps.length } });
    return readBriefing(tx, id);
  });
}

export function updateBriefing(workspace: Workspace, actor: Actor, id: string, content: BriefingContent): Promise<Briefing> {
  return workspace.db.transaction(async (tx) => {
    await readBriefing(tx, id);
    await tx.run('UPDATE briefings SET title = ?, summary = ?, steps = ?, updated_at = ? WHERE id = ?', [
      content.title,
      content.summary,
      JSON.stringify(content.steps),
      workspace.now().toISOString(),
      id,
    ]);
    await workspace.audit.append(tx, { actor, action: 'briefing.update', target: `briefing:${id}`, details: { steps: content.steps.length } });
    return readBriefing(tx, id);
  });
}

export function deleteBriefing(workspace: Workspace, actor: Actor, id: string): Promise<void> {
  return workspace.db.transaction(async (tx) => {
    const old = await readBriefing(tx, id);
    // A delete that lost a race with another server's delete finds nothing left: the same 404 as an unknown id.
    const removed = await tx.run('DELETE FROM briefings WHERE id = ?', [id]);
    if (removed.changes === 0) throw new NotFound(`No briefing ${id}`);
    await workspace.audit.append(tx, { actor, action: 'briefing.delete', target: `briefing:${id}`, details: { title: old.title } });
  });
}

async function readBriefing(db: SqlRunner, id: string): Promise<Briefing> {
  const row = await db.get<BriefingRow>('SELECT * FROM briefings WHERE id = ?', [id]);
  if (!row) throw new NotFound(`No briefing ${id}`);
  return toBriefing(row);
}

function toBriefing(row: BriefingRow): Briefing {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    steps: JSON.parse(row.steps) as Briefing['steps'],
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}
