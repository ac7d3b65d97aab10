import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { GeometryRd } from '../../server/contracts/feature.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import type { Store } from '../../server/store/store.ts';
import { createBuilding, createMunicipality } from '../support/factories.ts';

const dirs: string[] = [];
const stores: Store[] = [];
async function createStore(): Promise<{ store: Store; file: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-store-'));
  dirs.push(dir);
  const file = path.join(dir, 'twin.sqlite');
  const store = await openSqliteStore(file);
  stores.push(store);
  return { store, file };
}

afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('SQLite store', () => {
  it('uses WAL journaling', async () => {
    const { file, store } = await createStore();
    await store.importMunicipality(createMunicipality());
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('finds buildings by bbox through the R*Tree and by id', async () => {
    const { store } = await createStore();
    const m = createMunicipality();
    await store.importMunicipality(m);
    // Only the building whose square starts at (145100, 445100) touches this box.
    const hits = await store.buildings({ bbox: [145105, 445105, 145106, 445106], limit: 10 });
    expect(hits.map((b) => b.id)).toEqual([m.buildings[4].id]);
    expect(await store.building(m.buildings[8].id)).toEqual(m.buildings[8]);
    expect(await store.building('NL.IMBAG.Pand.nope')).toBeUndefined();
  });

  it('applies limit and offset', async () => {
    const { store } = await createStore();
    await store.importMunicipality(createMunicipality());
    const all = await store.buildings({ limit: 100 });
    const page = await store.buildings({ limit: 3, offset: 3 });
    expect(all).toHaveLength(9);
    expect(page.map((b) => b.id)).toEqual(all.slice(3, 6).map((b) => b.id));
  });

  it('reports counts, extent and addresses of a building', async () => {
    const { store } = await createStore();
    const m = createMunicipality();
    await store.importMunicipality(m);
    expect(await store.counts()).toEqual({ buildings: 9, addresses: 9, streets: 1, areas: 1, buurten: 1 });
    expect(await store.extent()).toEqual([145000, 445000, 145210, 445210]);
    const addresses = await store.addressesOfBuilding(m.buildings[2].id);
    expect(addresses.map((a) => a.id)).toEqual([m.addresses[2].id]);
  });

  it('streams all buildings in order across pages', async () => {
    const { store } = await createStore();
    const m = createMunicipality();
    m.buildings = Array.from({ length: 2500 }, (_, i) => createBuilding(i + 1, 140000 + (i % 50) * 20, 440000 + Math.floor(i / 50) * 20));
    m.addresses = [];
    await store.importMunicipality(m);
    const ids: string[] = [];
    for await (const b of store.allBuildings()) ids.push(b.id);
    expect(ids).toEqual(m.buildings.map((b) => b.id));
  });

  it('leaves the store as it was when an import fails halfway', async () => {
    const { store } = await createStore();
    const good = createMunicipality();
    await store.importMunicipality(good);
    const bad = createMunicipality();
    bad.meta = { ...bad.meta, name: 'Kapotstad' };
    bad.buildings.push({ ...bad.buildings[0] }); // duplicate id violates UNIQUE in the middle of the import
    await expect(store.importMunicipality(bad)).rejects.toThrow(/UNIQUE/);
    expect((await store.meta())?.name).toBe('Teststad');
    expect((await store.counts()).buildings).toBe(9);
  });

  it('refuses to open a file that is not a database, without overwriting it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-store-'));
    dirs.push(dir);
    const file = path.join(dir, 'garbage.sqlite');
    fs.writeFileSync(file, 'this is not a database '.repeat(200));
    await expect(openSqliteStore(file)).rejects.toThrow();
    expect(fs.readFileSync(file, 'utf8').startsWith('this is not a database')).toBe(true);
  });
});

describe('SQLite store feature collections', () => {
  it('writes the core layers as collections on import', async () => {
    const { store } = await createStore();
    const m = createMunicipality();
    await store.importMunicipality(m);
    expect((await store.collections()).map((c) => c.id)).toEqual(['buildings', 'addresses', 'streets', 'areas', 'buurten']);
    const page = await store.collectionItems('buildings', { limit: 2, offset: 1 });
    expect(page.numberMatched).toBe(9);
    expect(page.features.map((f) => f.id)).toEqual([m.buildings[1].id, m.buildings[2].id]);
    const feature = await store.collectionItem('buildings', m.buildings[0].id);
    // GeoJSON rings are closed; the core record's are not.
    expect(feature?.geometry).toEqual({ type: 'Polygon', coordinates: [[...m.buildings[0].footprint[0], m.buildings[0].footprint[0][0]]] });
    expect(feature?.properties.year).toBe(m.buildings[0].year);
  });

  it('filters by bbox and by queryable properties, counting all matches', async () => {
    const { store } = await createStore();
    const m = createMunicipality();
    m.buildings[4].function = 'winkel';
    await store.importMunicipality(m);
    const inBox = await store.collectionItems('buildings', { bbox: [145095, 445095, 145205, 445205], limit: 10 });
    expect(inBox.numberMatched).toBe(4);
    const shops = await store.collectionItems('buildings', { limit: 10, where: [['function', 'winkel']] });
    expect(shops.features.map((f) => f.id)).toEqual([m.buildings[4].id]);
    const byYear = await store.collectionItems('buildings', { limit: 10, where: [['year', m.buildings[2].year]] });
    expect(byYear.numberMatched).toBe(1);
  });

  it('refuses a property name outside the queryables', async () => {
    const { store } = await createStore();
    await store.importMunicipality(createMunicipality());
    await expect(store.collectionItems('buildings', { limit: 1, where: [["x') OR 1=1 --", 1]] })).rejects.toThrow(/queryable/);
  });

  it('replaces a thematic collection as a whole, keeping the bbox index in step', async () => {
    const { store } = await createStore();
    await store.importMunicipality(createMunicipality());
    const meta = {
      id: 'zones',
      title: { nl: 'Zones', en: 'Zones' },
      description: { nl: '', en: '' },
      source: 'test',
      licence: 'CC0-1.0',
      date: '2026-01-01',
      privacyClass: 'open' as const,
      synthetic: true,
      queryables: [],
    };
    const square = (x: number): GeometryRd => ({ type: 'Polygon', coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] });
    await store.replaceCollection(meta, [{ id: 'a', geometry: square(0), properties: {} }]);
    await store.replaceCollection(meta, [{ id: 'b', geometry: square(10), properties: {} }, { id: 'c', geometry: null, properties: {} }]);
    expect((await store.collectionItems('zones', { limit: 10 })).features.map((f) => f.id)).toEqual(['b', 'c']);
    expect((await store.collectionItems('zones', { limit: 10, bbox: [0, 0, 1, 1] })).numberMatched).toBe(0);
    expect((await store.collectionItems('zones', { limit: 10, bbox: [10, 0, 11, 1] })).features.map((f) => f.id)).toEqual(['b']);
  });
});

describe('SQLite store documents', () => {
  it('stores a document with its derived collections atomically', async () => {
    const { store } = await createStore();
    await store.importMunicipality(createMunicipality());
    const meta = {
      id: 'plan-zones',
      title: { nl: 'Zones', en: 'Zones' },
      description: { nl: '', en: '' },
      source: 'test',
      licence: 'CC0-1.0',
      date: '2026-01-01',
      privacyClass: 'open' as const,
      synthetic: true,
      queryables: [],
    };
    await store.replaceDocument('omgevingsplan', 'current', { rules: [1, 2] }, [{ meta, features: [{ id: 'z', geometry: null, properties: {} }] }]);
    expect(await store.document('omgevingsplan', 'current')).toEqual({ rules: [1, 2] });
    // A failing collection write (duplicate feature id) rolls the document back too.
    await expect(
      store.replaceDocument('omgevingsplan', 'current', { rules: [3] }, [
        { meta, features: [{ id: 'd', geometry: null, properties: {} }, { id: 'd', geometry: null, properties: {} }] },
      ]),
    ).rejects.toThrow(/UNIQUE/);
    expect(await store.document('omgevingsplan', 'current')).toEqual({ rules: [1, 2] });
    expect((await store.collectionItems('plan-zones', { limit: 5 })).features.map((f) => f.id)).toEqual(['z']);
    expect(await store.document('omgevingsplan', 'other')).toBeUndefined();
  });
});
