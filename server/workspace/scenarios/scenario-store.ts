// Scenarios with full version history in the workspace database. Every save writes a complete new version row
// (who, when, change note, which fields changed); the scenario row points at the current version. Deletion is soft:
// a deleted scenario is invisible everywhere (404) but its versions stay for the audit trail. Every change is
// audit-logged in the same transaction.
//
// Several servers may save the same scenario at once (a shared PostgreSQL workspace): each change to an existing
// scenario takes the named lock `scenario:<id>` before reading it, so a save always sees the version the previous
// save wrote, and the version pointer only moves from the version that was read (checked), never skipping one.
import { randomUUID } from 'node:crypto';
import type { Scenario, ScenarioIndicators, ScenarioInputs, ScenarioVersion } from '../../contracts/workspace.ts';
import { Conflict, NotFound } from '../../errors.ts';
import type { Actor } from '../roles.ts';
import type { SqlRunner, SqlTransaction } from '../sql/sql-db.ts';
import type { Workspace } from '../workspace.ts';
import { type ScenarioContent, changedFields, sameComputationInputs } from './changed-fields.ts';

interface ScenarioRow {
  id: string;
  status: 'draft' | 'published';
  version: number;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  deleted_at: string | null;
}

interface VersionRow {
  scenario_id: string;
  version: number;
  name: string;
  description: string;
  inputs: string;
  indicators: string | null;
  author: string;
  time: string;
  change_note: string;
  changed: string;
}

export interface ScenarioUpdate extends ScenarioContent {
  expectedVersion: number;
  changeNote: string;
}

/** The name written as author: the account name, or the role for the command line. */
const authorOf = (actor: Actor) => actor.username ?? actor.role;
const mayReadDrafts = (actor: Actor) => actor.role !== 'citizen';

export async function listScenarios(workspace: Workspace, actor: Actor): Promise<Scenario[]> {
  const rows = await workspace.db.all<ScenarioRow & VersionRow>(
    `SELECT s.*, v.name, v.description, v.inputs, v.indicators FROM scenarios s
     JOIN scenario_versions v ON v.scenario_id = s.id AND v.version = s.version
     WHERE s.deleted_at IS NULL AND (? = 1 OR s.status = 'published') ORDER BY s.updated_at DESC, s.id`,
    [mayReadDrafts(actor) ? 1 : 0],
  );
  return rows.map((r) => toScenario(r, r));
}

/** One scenario as the actor may see it: 404 for unknown, deleted, and (for citizens) unpublished ones. */
export function getScenario(workspace: Workspace, actor: Actor, id: string): Promise<Scenario> {
  return readScenario(workspace.db, actor, id);
}

export async function createScenario(workspace: Workspace, actor: Actor, content: ScenarioContent): Promise<Scenario> {
  const time = workspace.now().toISOString();
  return workspace.db.transaction(async (tx) => {
    const id = await insertScenario(tx, actor, content, time, '');
    await workspace.audit.append(tx, { actor, action: 'scenario.create', target: `scenario:${id}`, details: { version: 1 } });
    return readScenario(tx, actor, id);
  });
}

/** A new version from an edit; 409 when the edit was based on an older version than the current one. */
export function updateScenario(workspace: Workspace, actor: Actor, id: string, update: ScenarioUpdate): Promise<Scenario> {
  return workspace.db.transaction(async (tx) => {
    const row = await lockedRow(tx, actor, id);
    if (row.version !== update.expectedVersion) throw staleEdit(row.version, update.expectedVersion);
    const previous = await versionRow(tx, id, row.version);
    return writeVersion(tx, workspace, actor, row, previous, update, update.changeNote, 'scenario.update', {});
  });
}

/** A new version equal to an old one (its inputs, name and description; its indicators when it had them). */
export function restoreVersion(workspace: Workspace, actor: Actor, id: string, version: number): Promise<Scenario> {
  return workspace.db.transaction(async (tx) => {
    const row = await lockedRow(tx, actor, id);
    const old = await tx.get<VersionRow>('SELECT * FROM scenario_versions WHERE scenario_id = ? AND version = ?', [id, version]);
    if (!old) throw new NotFound(`Scenario ${id} has no version ${version}`);
    const previous = await versionRow(tx, id, row.version);
    const content = contentOf(old);
    return writeVersion(tx, workspace, actor, row, previous, content, `Restored version ${version}`, 'scenario.restore', { restoredVersion: version }, old.indicators);
  });
}

export function duplicateScenario(workspace: Workspace, actor: Actor, id: string): Promise<Scenario> {
  const time = workspace.now().toISOString();
  return workspace.db.transaction(async (tx) => {
    const source = await readScenario(tx, actor, id);
    const content = { name: `${source.name} (kopie)`.slice(0, 120), description: source.description, inputs: source.inputs };
    const copyId = await insertScenario(tx, actor, content, time, `Copy of version ${source.version} of ${id}`);
    await workspace.audit.append(tx, { actor, action: 'scenario.create', target: `scenario:${copyId}`, details: { version: 1 } });
    await workspace.audit.append(tx, { actor, action: 'scenario.duplicate', target: `scenario:${copyId}`, details: { from: id, fromVersion: source.version } });
    return readScenario(tx, actor, copyId);
  });
}

export async function listVersions(workspace: Workspace, actor: Actor, id: string): Promise<ScenarioVersion[]> {
  await visibleRow(workspace.db, actor, id);
  const rows = await workspace.db.all<VersionRow>('SELECT * FROM scenario_versions WHERE scenario_id = ? ORDER BY version DESC', [id]);
  return rows.map((r) => ({ version: r.version, author: r.author, time: r.time, changeNote: r.change_note, changed: JSON.parse(r.changed) as string[] }));
}

export function setPublished(workspace: Workspace, actor: Actor, id: string, published: boolean): Promise<Scenario> {
  return workspace.db.transaction(async (tx) => {
    await lockedRow(tx, actor, id);
    const time = workspace.now().toISOString();
    await tx.run('UPDATE scenarios SET status = ?, updated_by = ?, updated_at = ? WHERE id = ?', [published ? 'published' : 'draft', authorOf(actor), time, id]);
    await workspace.audit.append(tx, { actor, action: published ? 'scenario.publish' : 'scenario.unpublish', target: `scenario:${id}` });
    return readScenario(tx, actor, id);
  });
}

export function deleteScenario(workspace: Workspace, actor: Actor, id: string): Promise<void> {
  return workspace.db.transaction(async (tx) => {
    await lockedRow(tx, actor, id);
    const time = workspace.now().toISOString();
    await tx.run('UPDATE scenarios SET deleted_at = ?, updated_by = ?, updated_at = ? WHERE id = ?', [time, authorOf(actor), time, id]);
    await workspace.audit.append(tx, { actor, action: 'scenario.delete', target: `scenario:${id}` });
  });
}

/** Stores computed indicators on the version they were computed from (which may no longer be the current one). */
export function storeIndicators(workspace: Workspace, actor: Actor, id: string, version: number, indicators: ScenarioIndicators): Promise<Scenario> {
  return workspace.db.transaction(async (tx) => {
    await lockedRow(tx, actor, id);
    await tx.run('UPDATE scenario_versions SET indicators = ? WHERE scenario_id = ? AND version = ?', [JSON.stringify(indicators), id, version]);
    await workspace.audit.append(tx, { actor, action: 'scenario.run', target: `scenario:${id}`, details: { version } });
    return readScenario(tx, actor, id);
  });
}

/** Inserts a new draft at version 1; returns its id. */
async function insertScenario(tx: SqlTransaction, actor: Actor, content: ScenarioContent, time: string, changeNote: string): Promise<string> {
  const id = randomUUID();
  await tx.run('INSERT INTO scenarios (id, status, version, created_by, created_at, updated_by, updated_at) VALUES (?, ?, 1, ?, ?, ?, ?)', [
    id,
    'draft',
    authorOf(actor),
    time,
    authorOf(actor),
    time,
  ]);
  const changed = ['name', 'description', ...Object.keys(content.inputs).sort().map((k) => `inputs.${k}`)];
  await insertVersion(tx, id, 1, content, null, authorOf(actor), time, changeNote, changed);
  return id;
}

async function writeVersion(
  tx: SqlTransaction,
  workspace: Workspace,
  actor: Actor,
  row: ScenarioRow,
  previous: VersionRow,
  content: ScenarioContent,
  changeNote: string,
  action: string,
  details: Record<string, unknown>,
  indicatorsJson?: string | null,
): Promise<Scenario> {
  const version = row.version + 1;
  const time = workspace.now().toISOString();
  const changed = changedFields(contentOf(previous), content);
  // Indicators stay valid while the engines' inputs are the same (a renamed scenario keeps its results).
  const indicators = indicatorsJson !== undefined ? indicatorsJson : sameComputationInputs(contentOf(previous).inputs, content.inputs) ? previous.indicators : null;
  // Moves the pointer only from the version read: with the lock this always holds, and without it (a code path that
  // forgot it) a concurrent save becomes a 409 rather than a duplicate version.
  const moved = await tx.run('UPDATE scenarios SET version = ?, updated_by = ?, updated_at = ? WHERE id = ? AND version = ?', [
    version,
    authorOf(actor),
    time,
    row.id,
    row.version,
  ]);
  if (moved.changes !== 1) {
    const current = await tx.get<{ version: number }>('SELECT version FROM scenarios WHERE id = ?', [row.id]);
    throw staleEdit(current?.version ?? row.version, row.version);
  }
  await insertVersion(tx, row.id, version, content, indicators, authorOf(actor), time, changeNote, changed);
  await workspace.audit.append(tx, { actor, action, target: `scenario:${row.id}`, details: { ...details, version, changed } });
  return readScenario(tx, actor, row.id);
}

async function insertVersion(
  tx: SqlTransaction,
  id: string,
  version: number,
  content: ScenarioContent,
  indicators: string | null,
  author: string,
  time: string,
  changeNote: string,
  changed: string[],
): Promise<void> {
  await tx.run(
    'INSERT INTO scenario_versions (scenario_id, version, name, description, inputs, indicators, author, time, change_note, changed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [id, version, content.name, content.description, JSON.stringify(content.inputs), indicators, author, time, changeNote, JSON.stringify(changed)],
  );
}

function staleEdit(currentVersion: number, basedOn: number): Conflict {
  return new Conflict(`The scenario was changed in the meantime: it is at version ${currentVersion}, the edit was based on version ${basedOn}`, {
    currentVersion,
  });
}

/** The scenario row after taking its lock: no other change to it, from any server, interleaves until commit. */
async function lockedRow(tx: SqlTransaction, actor: Actor, id: string): Promise<ScenarioRow> {
  await tx.lock(`scenario:${id}`);
  return visibleRow(tx, actor, id);
}

async function readScenario(db: SqlRunner, actor: Actor, id: string): Promise<Scenario> {
  const row = await visibleRow(db, actor, id);
  return toScenario(row, await versionRow(db, id, row.version));
}

async function visibleRow(db: SqlRunner, actor: Actor, id: string): Promise<ScenarioRow> {
  const row = await db.get<ScenarioRow>('SELECT * FROM scenarios WHERE id = ? AND deleted_at IS NULL', [id]);
  // Citizens get the same 404 for a draft as for nothing at all: they may not learn that it exists.
  if (!row || (!mayReadDrafts(actor) && row.status !== 'published')) throw new NotFound(`No scenario ${id}`);
  return row;
}

async function versionRow(db: SqlRunner, id: string, version: number): Promise<VersionRow> {
  return (await db.get<VersionRow>('SELECT * FROM scenario_versions WHERE scenario_id = ? AND version = ?', [id, version]))!;
}

function contentOf(v: Pick<VersionRow, 'name' | 'description' | 'inputs'>): ScenarioContent {
  return { name: v.name, description: v.description, inputs: JSON.parse(v.inputs) as ScenarioInputs };
}

function toScenario(row: ScenarioRow, v: Pick<VersionRow, 'name' | 'description' | 'inputs' | 'indicators'>): Scenario {
  return {
    id: row.id,
    name: v.name,
    description: v.description,
    status: row.status,
    version: row.version,
    inputs: JSON.parse(v.inputs) as ScenarioInputs,
    indicators: v.indicators === null ? null : (JSON.parse(v.indicators) as ScenarioIndicators),
    createdBy: row.created_by,
    updatedBy: row.updated_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
