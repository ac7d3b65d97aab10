// Council briefings: a title, a summary and a story of saved views. Deleting a briefing removes it (the audit log
// keeps that it existed and who removed it); every change is audit-logged in the same transaction.
import { randomUUID } from 'node:crypto';
import type { Briefing } from '../../contracts/workspace.ts';
import { NotFound } from '../../errors.ts';
import type { Actor } from '../roles.ts';
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

export function ensureBriefingTables(workspace: Workspace): void {
  workspace.db.exec(`CREATE TABLE IF NOT EXISTS briefings (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    steps TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`);
}

const authorOf = (actor: Actor) => actor.username ?? actor.role;

export function listBriefings(workspace: Workspace): Briefing[] {
  const rows = workspace.db.prepare('SELECT * FROM briefings ORDER BY updated_at DESC, id').all() as BriefingRow[];
  return rows.map(toBriefing);
}

export function getBriefing(workspace: Workspace, id: string): Briefing {
  const row = workspace.db.prepare('SELECT * FROM briefings WHERE id = ?').get(id) as BriefingRow | undefined;
  if (!row) throw new NotFound(`No briefing ${id}`);
  return toBriefing(row);
}

export function createBriefing(workspace: Workspace, actor: Actor, content: BriefingContent): Briefing {
  const id = randomUUID();
  const time = workspace.now().toISOString();
  return workspace.db.transaction(() => {
    workspace.db
      .prepare('INSERT INTO briefings (id, title, summary, steps, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, content.title, content.summary, JSON.stringify(content.steps), authorOf(actor), time, time);
    workspace.audit.append({ actor, action: 'briefing.create', target: `briefing:${id}`, details: { steps: content.steps.length } });
    return getBriefing(workspace, id);
  })();
}

export function updateBriefing(workspace: Workspace, actor: Actor, id: string, content: BriefingContent): Briefing {
  return workspace.db.transaction(() => {
    getBriefing(workspace, id);
    workspace.db
      .prepare('UPDATE briefings SET title = ?, summary = ?, steps = ?, updated_at = ? WHERE id = ?')
      .run(content.title, content.summary, JSON.stringify(content.steps), workspace.now().toISOString(), id);
    workspace.audit.append({ actor, action: 'briefing.update', target: `briefing:${id}`, details: { steps: content.steps.length } });
    return getBriefing(workspace, id);
  })();
}

export function deleteBriefing(workspace: Workspace, actor: Actor, id: string): void {
  workspace.db.transaction(() => {
    const old = getBriefing(workspace, id);
    workspace.db.prepare('DELETE FROM briefings WHERE id = ?').run(id);
    workspace.audit.append({ actor, action: 'briefing.delete', target: `briefing:${id}`, details: { title: old.title } });
  })();
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
