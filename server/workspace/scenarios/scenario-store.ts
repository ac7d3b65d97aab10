// Scenarios with full version history in the workspace database. Every save writes a complete new version row
// (who, when, change note, which fields changed); the scenario row points at the current version. Deletion is soft:
// a deleted scenario is invisible everywhere (404) but its versions stay for the audit trail. Every change is
// audit-logged in the same transaction.
import { randomUUID } from 'node:crypto';
import type { Scenario, ScenarioIndicators, ScenarioInputs, ScenarioVersion } from '../../contracts/workspace.ts';
import { Conflict, NotFound } from '../../errors.ts';
import type { Actor } from '../roles.ts';
import type { Workspace } from '../workspace.ts';
import { type ScenarioContent, changedFields, sameComputationInputs } from './changed-fields.ts';

export function ensureScenarioTables(workspace: Workspace): void {
  workspace.db.exec(`CREATE TABLE IF NOT EXISTS scenarios (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
    version INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
  );
  CREATE TABLE IF NOT EXISTS scenario_versions (
    scenario_id TEXT NOT NULL REFERENCES scenarios(id),
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    inputs TEXT NOT NULL,
    indicators TEXT,
    author TEXT NOT NULL,
    time TEXT NOT NULL,
    change_note TEXT NOT NULL,
    changed TEXT NOT NULL,
    PRIMARY KEY (scenario_id, version)
  );`);
}

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

export function listScenarios(workspace: Workspace, actor: Actor): Scenario[] {
  const rows = workspace.db
    .prepare(
      `SELECT s.*, v.name, v.description, v.inputs, v.indicators FROM scenarios s
       JOIN scenario_versions v ON v.scenario_id = s.id AND v.version = s.version
       WHERE s.deleted_at IS NULL AND (? OR s.status = 'published') ORDER BY s.updated_at DESC, s.id`,
    )
    .all(mayReadDrafts(actor) ? 1 : 0) as (ScenarioRow & VersionRow)[];
  return rows.map((r) => toScenario(r, r));
}

/** One scenario as the actor may see it: 404 for unknown, deleted, and (for citizens) unpublished ones. */
export function getScenario(workspace: Workspace, actor: Actor, id: string): Scenario {
  const row = visibleRow(workspace, actor, id);
  return toScenario(row, versionRow(workspace, id, row.version));
}

export function createScenario(workspace: Workspace, actor: Actor, content: ScenarioContent, changeNote = ''): Scenario {
  const id = randomUUID();
  const time = workspace.now().toISOString();
  return workspace.db.transaction(() => {
    workspace.db
      .prepare('INSERT INTO scenarios (id, status, version, created_by, created_at, updated_by, updated_at) VALUES (?, ?, 1, ?, ?, ?, ?)')
      .run(id, 'draft', authorOf(actor), time, authorOf(actor), time);
    insertVersion(workspace, id, 1, content, null, authorOf(actor), time, changeNote, ['name', 'description', ...Object.keys(content.inputs).sort().map((k) => `inputs.${k}`)]);
    workspace.audit.append({ actor, action: 'scenario.create', target: `scenario:${id}`, details: { version: 1 } });
    return getScenario(workspace, actor, id);
  })();
}

/** A new version from an edit; 409 when the edit was based on an older version than the current one. */
export function updateScenario(workspace: Workspace, actor: Actor, id: string, update: ScenarioUpdate): Scenario {
  return workspace.db.transaction(() => {
    const row = visibleRow(workspace, actor, id);
    if (row.version !== update.expectedVersion) {
      throw new Conflict(`The scenario was changed in the meantime: it is at version ${row.version}, the edit was based on version ${update.expectedVersion}`, {
        currentVersion: row.version,
      });
    }
    const previous = versionRow(workspace, id, row.version);
    return writeVersion(workspace, actor, row, previous, update, update.changeNote, 'scenario.update', {});
  })();
}

/** A new version equal to an old one (its inputs, name and description; its indicators when it had them). */
export function restoreVersion(workspace: Workspace, actor: Actor, id: string, version: number): Scenario {
  return workspace.db.transaction(() => {
    const row = visibleRow(workspace, actor, id);
    const old = workspace.db.prepare('SELECT * FROM scenario_versions WHERE scenario_id = ? AND version = ?').get(id, version) as VersionRow | undefined;
    if (!old) throw new NotFound(`Scenario ${id} has no version ${version}`);
    const previous = versionRow(workspace, id, row.version);
    const content = contentOf(old);
    return writeVersion(workspace, actor, row, previous, content, `Restored version ${version}`, 'scenario.restore', { restoredVersion: version }, old.indicators);
  })();
}

export function duplicateScenario(workspace: Workspace, actor: Actor, id: string): Scenario {
  return workspace.db.transaction(() => {
    const source = getScenario(workspace, actor, id);
    const copy = createScenario(workspace, actor, { name: `${source.name} (kopie)`.slice(0, 120), description: source.description, inputs: source.inputs }, `Copy of version ${source.version} of ${id}`);
    workspace.audit.append({ actor, action: 'scenario.duplicate', target: `scenario:${copy.id}`, details: { from: id, fromVersion: source.version } });
    return copy;
  })();
}

export function listVersions(workspace: Workspace, actor: Actor, id: string): ScenarioVersion[] {
  visibleRow(workspace, actor, id);
  const rows = workspace.db.prepare('SELECT * FROM scenario_versions WHERE scenario_id = ? ORDER BY version DESC').all(id) as VersionRow[];
  return rows.map((r) => ({ version: r.version, author: r.author, time: r.time, changeNote: r.change_note, changed: JSON.parse(r.changed) as string[] }));
}

export function setPublished(workspace: Workspace, actor: Actor, id: string, published: boolean): Scenario {
  return workspace.db.transaction(() => {
    visibleRow(workspace, actor, id);
    const time = workspace.now().toISOString();
    workspace.db.prepare('UPDATE scenarios SET status = ?, updated_by = ?, updated_at = ? WHERE id = ?').run(published ? 'published' : 'draft', authorOf(actor), time, id);
    workspace.audit.append({ actor, action: published ? 'scenario.publish' : 'scenario.unpublish', target: `scenario:${id}` });
    return getScenario(workspace, actor, id);
  })();
}

export function deleteScenario(workspace: Workspace, actor: Actor, id: string): void {
  workspace.db.transaction(() => {
    visibleRow(workspace, actor, id);
    const time = workspace.now().toISOString();
    workspace.db.prepare('UPDATE scenarios SET deleted_at = ?, updated_by = ?, updated_at = ? WHERE id = ?').run(time, authorOf(actor), time, id);
    workspace.audit.append({ actor, action: 'scenario.delete', target: `scenario:${id}` });
  })();
}

/** Stores computed indicators on the version they were computed from (which may no longer be the current one). */
export function storeIndicators(workspace: Workspace, actor: Actor, id: string, version: number, indicators: ScenarioIndicators): Scenario {
  return workspace.db.transaction(() => {
    visibleRow(workspace, actor, id);
    workspace.db.prepare('UPDATE scenario_versions SET indicators = ? WHERE scenario_id = ? AND version = ?').run(JSON.stringify(indicators), id, version);
    workspace.audit.append({ actor, action: 'scenario.run', target: `scenario:${id}`, details: { version } });
    return getScenario(workspace, actor, id);
  })();
}

function writeVersion(
  workspace: Workspace,
  actor: Actor,
  row: ScenarioRow,
  previous: VersionRow,
  content: ScenarioContent,
  changeNote: string,
  action: string,
  details: Record<string, unknown>,
  indicatorsJson?: string | null,
): Scenario {
  const version = row.version + 1;
  const time = workspace.now().toISOString();
  const changed = changedFields(contentOf(previous), content);
  // Indicators stay valid while the engines' inputs are the same (a renamed scenario keeps its results).
  const indicators = indicatorsJson !== undefined ? indicatorsJson : sameComputationInputs(contentOf(previous).inputs, content.inputs) ? previous.indicators : null;
  insertVersion(workspace, row.id, version, content, indicators, authorOf(actor), time, changeNote, changed);
  workspace.db.prepare('UPDATE scenarios SET version = ?, updated_by = ?, updated_at = ? WHERE id = ?').run(version, authorOf(actor), time, row.id);
  workspace.audit.append({ actor, action, target: `scenario:${row.id}`, details: { ...details, version, changed } });
  return getScenario(workspace, actor, row.id);
}

function insertVersion(workspace: Workspace, id: string, version: number, content: ScenarioContent, indicators: string | null, author: string, time: string, changeNote: string, changed: string[]): void {
  workspace.db
    .prepare('INSERT INTO scenario_versions (scenario_id, version, name, description, inputs, indicators, author, time, change_note, changed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(id, version, content.name, content.description, JSON.stringify(content.inputs), indicators, author, time, changeNote, JSON.stringify(changed));
}

function visibleRow(workspace: Workspace, actor: Actor, id: string): ScenarioRow {
  const row = workspace.db.prepare('SELECT * FROM scenarios WHERE id = ? AND deleted_at IS NULL').get(id) as ScenarioRow | undefined;
  // Citizens get the same 404 for a draft as for nothing at all: they may not learn that it exists.
  if (!row || (!mayReadDrafts(actor) && row.status !== 'published')) throw new NotFound(`No scenario ${id}`);
  return row;
}

function versionRow(workspace: Workspace, id: string, version: number): VersionRow {
  return workspace.db.prepare('SELECT * FROM scenario_versions WHERE scenario_id = ? AND version = ?').get(id, version) as VersionRow;
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
