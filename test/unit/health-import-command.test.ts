import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importHealthCommand } from '../../server/health/import-command.ts';
import type { HealthDocument } from '../../server/health/model.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import type { Store } from '../../server/store/store.ts';
import { createMunicipality, createSquare } from '../support/factories.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function createStoreWithTown(): Promise<{ store: Store; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-health-'));
  const store = await openSqliteStore(path.join(dir, 'twin.sqlite'));
  const m = createMunicipality();
  m.buurten.push({ code: 'BU99990102', name: 'Oost', polygon: createSquare(145400, 444900, 500), population: 3000, households: 1400 });
  await store.importMunicipality(m);
  cleanups.push(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { store, dir };
}

function writeCsv(dir: string, name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, ['buurtcode;indicator;waarde;eenheid;respondenten;jaar', ...lines].join('\r\n'));
  return file;
}

describe('importHealthCommand', () => {
  it('stores the raw rows as a document and the published collection', async () => {
    const { store, dir } = await createStoreWithTown();
    const file = writeCsv(dir, 'ggd.csv', ['BU99990101;roken;18,4;%;120;2024', 'BU99990102;roken;22,6;%;300;2024']);
    expect(await importHealthCommand(store, file, {})).toEqual({ imported: 2, skipped: [] });
    const doc = await store.document<HealthDocument>('health', 'current');
    expect(doc?.rows.map((r) => r.value)).toEqual([18.4, 22.6]);
    expect(doc?.disclosure.minRespondents).toBe(50);
    const page = await store.collectionItems('gezondheid', { limit: 10 });
    expect(page.features.map((f) => [f.id, f.properties.roken])).toEqual([
      ['BU99990101', 18],
      ['BU99990102', 23],
    ]);
    expect((await store.collection('gezondheid'))?.source).toBe('Imported from ggd.csv');
  });

  it('applies a stricter disclosure threshold when given, and refuses one below 50', async () => {
    const { store, dir } = await createStoreWithTown();
    const file = writeCsv(dir, 'ggd.csv', ['BU99990101;roken;18,4;%;120;2024', 'BU99990102;roken;22,6;%;300;2024']);
    await expect(importHealthCommand(store, file, { minRespondents: 20 })).rejects.toThrow('--min-respondents must be a whole number from 50');
    expect(await store.document('health', 'current')).toBeUndefined();
    await importHealthCommand(store, file, { minRespondents: 150 });
    const doc = await store.document<HealthDocument>('health', 'current');
    expect(doc?.disclosure.minRespondents).toBe(150);
    const page = await store.collectionItems('gezondheid', { limit: 10 });
    // 120 respondents is now too few: that value (and, to protect it, the other one) does not leave the server.
    expect(page.features.find((f) => f.id === 'BU99990101')?.properties.roken).toBeNull();
  });

  it('rejects a buurt code the municipality does not have, naming the line, and stores nothing', async () => {
    const { store, dir } = await createStoreWithTown();
    const file = writeCsv(dir, 'ggd.csv', ['BU99990101;roken;18,4;%;120;2024', 'BU99990199;roken;22,6;%;300;2024']);
    await expect(importHealthCommand(store, file, {})).rejects.toThrow('ggd.csv line 3: buurtcode BU99990199 is not a buurt of the loaded municipality');
    expect(await store.document('health', 'current')).toBeUndefined();
    expect(await store.collection('gezondheid')).toBeUndefined();
  });

  it('imports the good lines and reports the bad ones with skipInvalid', async () => {
    const { store, dir } = await createStoreWithTown();
    const file = writeCsv(dir, 'ggd.csv', ['BU99990101;roken;18,4;%;120;2024', 'BU99990199;roken;22,6;%;300;2024']);
    const result = await importHealthCommand(store, file, { skipInvalid: true });
    expect(result.imported).toBe(1);
    expect(result.skipped).toEqual([{ line: 3, message: 'ggd.csv line 3: buurtcode BU99990199 is not a buurt of the loaded municipality' }]);
  });

  it('refuses to import before a municipality is loaded', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-health-'));
    const store = await openSqliteStore(path.join(dir, 'twin.sqlite'));
    cleanups.push(async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    await expect(importHealthCommand(store, writeCsv(dir, 'a.csv', ['BU99990101;roken;18;%;120;2024']), {})).rejects.toThrow(/load a municipality/);
  });
});
