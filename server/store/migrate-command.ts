// `tweeling migrate --from sqlite:PATH --to postgres://…`: copies a whole twin (municipality records, building
// meshes, every feature collection with its metadata, documents) from one store to another, then verifies by
// counting both sides. Store-agnostic apart from listing documents, which the Store contract does not enumerate.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { FeatureRd } from '../contracts/feature.ts';
import type { Municipality } from '../contracts/model.ts';
import { type Progress, silentProgress } from '../log.ts';
import { openPostgisStore } from './postgis/postgis-store.ts';
import { openSqliteStore } from './sqlite/sqlite-store.ts';
import type { BboxQuery, Store } from './store.ts';
import { copyWorkspace } from '../workspace/sql/copy-workspace.ts';
import { openWorkspaceDb } from '../workspace/workspace-db.ts';

/** Records read per query while copying. */
const PAGE = 5000;

export type StoreLocation = { kind: 'sqlite'; file: string } | { kind: 'postgis'; url: string };

/** `sqlite:PATH` (or a bare path) or `postgres://…` / `postgresql://…`. */
export function parseStoreUrl(url: string): StoreLocation {
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgis', url };
  const file = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
  if (file === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(file)) throw new Error(`not a store location: ${url} (expected sqlite:PATH or postgres://…)`);
  return { kind: 'sqlite', file };
}

export async function openStoreAt(url: string, options: { readonly?: boolean } = {}): Promise<Store> {
  const at = parseStoreUrl(url);
  return at.kind === 'postgis' ? openPostgisStore(at.url) : openSqliteStore(at.file, { readonly: options.readonly });
}

export interface MigrateRow {
  what: string;
  source: number | string;
  target: number | string;
  ok: boolean;
}

export interface MigrateReport {
  rows: MigrateRow[];
  ok: boolean;
}

export interface MigrateOptions {
  progress?: Progress;
  /** A workspace database (workspace.sqlite) to copy along into a postgres:// target, which then hosts the workspace. */
  workspaceFrom?: string;
}

export async function migrateCommand(fromUrl: string, toUrl: string, options: MigrateOptions = {}): Promise<MigrateReport> {
  const progress = options.progress ?? silentProgress;
  const from = parseStoreUrl(fromUrl);
  const to = parseStoreUrl(toUrl);
  if (from.kind === to.kind && (from.kind === 'sqlite' ? from.file === (to as { file: string }).file : from.url === (to as { url: string }).url)) {
    throw new Error('--from and --to are the same store');
  }
  const source = await openStoreAt(fromUrl, { readonly: true });
  try {
    const target = await openStoreAt(toUrl);
    try {
      await copyTwin(source, target, from, progress);
      const report = await verify(source, target, from, to);
      if (options.workspaceFrom !== undefined) {
        if (to.kind !== 'postgis') throw new Error('--workspace needs a postgres:// target (the SQLite twin keeps its workspace.sqlite next to it)');
        report.rows.push(...(await migrateWorkspace(options.workspaceFrom, to.url, progress)));
        report.ok = report.rows.every((r) => r.ok);
      }
      return report;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

async function migrateWorkspace(file: string, url: string, progress: Progress): Promise<MigrateRow[]> {
  if (!fs.existsSync(file)) throw new Error(`${file}: no such workspace database`);
  progress.step('Copying the workspace (accounts, scenarios, briefings, participation, audit log)');
  const source = await openWorkspaceDb(file);
  try {
    const target = await openWorkspaceDb(url);
    try {
      const copied = await copyWorkspace(source, target);
      progress.done(`${copied.reduce((n, r) => n + r.target, 0)} rows`);
      return copied.map((r) => ({ what: `workspace ${r.table}`, source: r.source, target: r.target, ok: r.source === r.target }));
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

async function copyTwin(source: Store, target: Store, from: StoreLocation, progress: Progress): Promise<void> {
  const meta = await source.meta();
  if (!meta) throw new Error('the source store holds no twin (no dataset metadata)');
  if ((await target.meta()) !== undefined || (await target.collections()).length > 0) {
    throw new Error('the target store is not empty; migrate into an empty database');
  }
  progress.step('Reading the source twin');
  const buildings = [];
  for await (const b of source.allBuildings()) buildings.push(b);
  const m: Municipality = {
    meta,
    buildings,
    addresses: await readAll((q) => source.addresses(q)),
    streets: await readAll((q) => source.streets(q)),
    areas: await readAll((q) => source.areas(q)),
    buurten: await source.buurten(),
  };
  progress.done(`${m.buildings.length} buildings, ${m.addresses.length} addresses, ${m.streets.length} streets`);
  progress.step('Writing records');
  await target.importMunicipality(m, (done, total) => progress.update(done, total));
  progress.done();
  // Every collection again, the core ones included: their metadata may carry provenance the records do not.
  const collections = await source.collections();
  progress.step('Copying feature collections');
  for (const [i, c] of collections.entries()) {
    const features = await readAll<FeatureRd>(async ({ limit, offset }) => (await source.collectionItems(c.id, { limit, offset })).features);
    await target.replaceCollection(c, features);
    progress.update(i + 1, collections.length);
  }
  progress.done(`${collections.length} collections`);
  const keys = await documentKeys(from);
  progress.step('Copying documents');
  for (const { kind, id } of keys) await target.replaceDocument(kind, id, await source.document(kind, id));
  progress.done(`${keys.length} documents`);
}

async function verify(source: Store, target: Store, from: StoreLocation, to: StoreLocation): Promise<MigrateReport> {
  const rows: MigrateRow[] = [];
  const add = (what: string, s: number | string, t: number | string) => rows.push({ what, source: s, target: t, ok: s === t });
  const [sc, tc] = [await source.counts(), await target.counts()];
  for (const k of Object.keys(sc) as (keyof typeof sc)[]) add(k, sc[k], tc[k]);
  add('building meshes', await meshCount(source), await meshCount(target));
  const [sCols, tCols] = [await source.collections(), await target.collections()];
  add('collections', sCols.length, tCols.length);
  for (const c of sCols) {
    const s = (await source.collectionItems(c.id, { limit: 0 })).numberMatched;
    const t = (await target.collection(c.id)) ? (await target.collectionItems(c.id, { limit: 0 })).numberMatched : 'missing';
    add(`  ${c.id}`, s, t);
  }
  add('documents', (await documentKeys(from)).length, (await documentKeys(to)).length);
  add('extent', JSON.stringify((await source.extent()) ?? null), JSON.stringify((await target.extent()) ?? null));
  return { rows, ok: rows.every((r) => r.ok) };
}

export function formatMigrateReport(report: MigrateReport): string {
  const width = Math.max(...report.rows.map((r) => r.what.length), 4);
  const cell = (v: number | string) => String(v).padStart(10);
  const lines = [`${'what'.padEnd(width)} ${cell('source')} ${cell('target')}`];
  for (const r of report.rows) {
    if (r.what === 'extent') lines.push(`${'extent'.padEnd(width)} ${r.ok ? 'equal' : `DIFFERS: ${r.source} vs ${r.target}`}`);
    else lines.push(`${r.what.padEnd(width)} ${cell(r.source)} ${cell(r.target)}${r.ok ? '' : '  MISMATCH'}`);
  }
  lines.push(report.ok ? 'migration verified: every count matches' : 'migration FAILED verification: counts differ');
  return lines.join('\n');
}

async function readAll<T>(page: (q: Required<Pick<BboxQuery, 'limit' | 'offset'>>) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const rows = await page({ limit: PAGE, offset });
    out.push(...rows);
    if (rows.length < PAGE) return out;
  }
}

async function meshCount(store: Store): Promise<number> {
  let n = 0;
  for await (const b of store.allBuildings()) if (b.lod2) n++;
  return n;
}

/** The Store contract reads documents by key only; listing them needs the database itself. */
async function documentKeys(at: StoreLocation): Promise<{ kind: string; id: string }[]> {
  if (at.kind === 'sqlite') {
    const db = new Database(at.file, { readonly: true, fileMustExist: true });
    try {
      const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents'").get() !== undefined;
      return hasTable ? (db.prepare('SELECT kind, id FROM documents ORDER BY rowid').all() as { kind: string; id: string }[]) : [];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: at.url });
  await client.connect();
  try {
    return (await client.query<{ kind: string; id: string }>('SELECT kind, id FROM documents ORDER BY kind, id')).rows;
  } finally {
    await client.end();
  }
}
