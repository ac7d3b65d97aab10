import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importOmgevingsplanCommand } from '../../server/omgevingsplan/import-command.ts';
import { loadOmgevingsplan } from '../../server/omgevingsplan/store-omgevingsplan.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import type { Store } from '../../server/store/store.ts';
import { createMunicipality } from '../support/factories.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function createWorkspace(): Promise<{ store: Store; dir: string; write: (name: string, text: string) => string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-op-import-'));
  const store = await openSqliteStore(path.join(dir, 'twin.sqlite'));
  cleanups.push(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  await store.importMunicipality(createMunicipality());
  const write = (name: string, text: string): string => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  return { store, dir, write };
}

const zone = (naam: string) =>
  JSON.stringify({
    type: 'FeatureCollection',
    name: naam,
    features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[145000, 445000], [145100, 445000], [145100, 445100], [145000, 445000]]] }, properties: { functie: 'wonen', maxBouwhoogteM: 10 } }],
  });

describe('importOmgevingsplanCommand', () => {
  it('imports a GeoJSON plan and reports counts', async () => {
    const { store, write } = await createWorkspace();
    const result = await importOmgevingsplanCommand(store, [write('plan.geojson', zone('Eerste'))]);
    expect(result.counts).toMatchObject({ locaties: 1, gebiedsaanwijzingen: 1, normwaarden: 1 });
    expect((await loadOmgevingsplan(store))?.meta.naam).toBe('Eerste');
  });

  it('leaves the store as it was when a file is bad', async () => {
    const { store, write } = await createWorkspace();
    await importOmgevingsplanCommand(store, [write('plan.geojson', zone('Eerste'))]);
    const before = await store.collectionItems('omgevingsplan-functies', { limit: 10 });
    await expect(importOmgevingsplanCommand(store, [write('kapot.xml', '<owBestand><a></owBestand>')])).rejects.toThrow(/kapot\.xml line 1/);
    expect((await loadOmgevingsplan(store))?.meta.naam).toBe('Eerste');
    expect(await store.collectionItems('omgevingsplan-functies', { limit: 10 })).toEqual(before);
  });

  it('refuses a zip with a hint to unpack it', async () => {
    const { store, write } = await createWorkspace();
    await expect(importOmgevingsplanCommand(store, [write('levering.zip', 'PK')])).rejects.toThrow(/zip deliveries are not read yet; unpack/);
  });

  it('refuses GeoJSON mixed with XML', async () => {
    const { store, write } = await createWorkspace();
    await expect(importOmgevingsplanCommand(store, [write('a.geojson', zone('A')), write('b.xml', '<a/>')])).rejects.toThrow(/imported on its own/);
  });
});
