import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import type { Store } from '../../server/store/store.ts';
import { createMunicipality } from '../support/factories.ts';
import { describeStore } from '../support/store-suite.ts';

const dirs: string[] = [];
function createTmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-store-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describeStore('SQLite store', () => openSqliteStore(path.join(createTmpDir(), 'twin.sqlite')));

describe('SQLite store specifics', () => {
  const stores: Store[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });

  it('uses WAL journaling', async () => {
    const file = path.join(createTmpDir(), 'twin.sqlite');
    const store = await openSqliteStore(file);
    stores.push(store);
    await store.importMunicipality(createMunicipality());
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect((await store.health()).store).toBe('sqlite');
  });

  it('refuses to open a file that is not a database, without overwriting it', async () => {
    const file = path.join(createTmpDir(), 'garbage.sqlite');
    fs.writeFileSync(file, 'this is not a database '.repeat(200));
    await expect(openSqliteStore(file)).rejects.toThrow();
    expect(fs.readFileSync(file, 'utf8').startsWith('this is not a database')).toBe(true);
  });
});
