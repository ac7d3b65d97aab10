// The store contract as one suite, run against every Store implementation (SQLite in test/unit/sqlite-store.test.ts,
// PostGIS in test/unit/postgis-store.test.ts), so both answer the same questions the same way.
import { afterEach, describe, expect, it } from 'vitest';
import type { CollectionMeta, GeometryRd } from '../../server/contracts/feature.ts';
import type { Building, BuildingMesh, Street } from '../../server/contracts/model.ts';
import type { Store } from '../../server/store/store.ts';
import { createAddress, createBuilding, createMunicipality } from './factories.ts';

/** Unique-constraint failures as both databases word them. */
const UNIQUE_VIOLATION = /UNIQUE|unique constraint/;

function createCollectionMeta(id: string, queryables: CollectionMeta['queryables'] = []): CollectionMeta {
  return {
    id,
    title: { nl: 'Zones', en: 'Zones' },
    description: { nl: '', en: '' },
    source: 'test',
    licence: 'CC0-1.0',
    date: '2026-01-01',
    privacyClass: 'open',
    synthetic: true,
    queryables,
  };
}

/** A mesh whose vertices are exact in the Float32 offsets of the mesh codec, so it round-trips bit for bit. */
function createMesh(x: number, y: number, topM: number): BuildingMesh {
  return { lod: '2.2', positions: [x, y, 2, x + 10, y, 2, x, y + 10, topM], indices: [0, 1, 2], surface: [2] };
}

const square = (x: number, y = 0): GeometryRd => ({ type: 'Polygon', coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] });

export function describeStore(name: string, open: () => Promise<Store>): void {
  const stores: Store[] = [];
  async function createStore(): Promise<Store> {
    const store = await open();
    stores.push(store);
    return store;
  }

  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });

  describe(`${name}: records`, () => {
    it('finds buildings by bbox and by id', async () => {
      const store = await createStore();
      const m = createMunicipality();
      await store.importMunicipality(m);
      // Only the building whose square starts at (145100, 445100) touches this box.
      const hits = await store.buildings({ bbox: [145105, 445105, 145106, 445106], limit: 10 });
      expect(hits.map((b) => b.id)).toEqual([m.buildings[4].id]);
      expect(await store.building(m.buildings[8].id)).toEqual(m.buildings[8]);
      expect(await store.building('NL.IMBAG.Pand.nope')).toBeUndefined();
    });

    it('counts a box that only touches a building (closed intervals) and one a centimetre off as a miss', async () => {
      const store = await createStore();
      const m = createMunicipality();
      await store.importMunicipality(m);
      // Building 5 covers x 145100–145110; a box ending exactly at 145100 touches it.
      expect((await store.buildings({ bbox: [145090, 445102, 145100, 445103], limit: 10 })).map((b) => b.id)).toEqual([m.buildings[4].id]);
      expect(await store.buildings({ bbox: [145090, 445102, 145099.9, 445103], limit: 10 })).toEqual([]);
    });

    it('finds addresses, streets and areas by bbox', async () => {
      const store = await createStore();
      const m = createMunicipality();
      await store.importMunicipality(m);
      expect((await store.addresses({ bbox: [145000, 445000, 145002, 445002], limit: 10 })).map((a) => a.id)).toEqual([m.addresses[0].id]);
      expect((await store.streets({ bbox: [145200, 444980, 145210, 445000], limit: 10 })).map((s) => s.id)).toEqual(['s1']);
      expect(await store.streets({ bbox: [145200, 445000.5, 145210, 445001], limit: 10 })).toEqual([]);
      expect((await store.areas({ bbox: [145440, 445040, 145460, 445060], limit: 10 })).map((a) => a.id)).toEqual(['w1']);
      expect(await store.address(m.addresses[3].id)).toEqual(m.addresses[3]);
      expect(await store.buurten()).toEqual(m.buurten);
    });

    it('applies limit and offset', async () => {
      const store = await createStore();
      await store.importMunicipality(createMunicipality());
      const all = await store.buildings({ limit: 100 });
      const page = await store.buildings({ limit: 3, offset: 3 });
      expect(all).toHaveLength(9);
      expect(page.map((b) => b.id)).toEqual(all.slice(3, 6).map((b) => b.id));
    });

    it('reports counts, extent and addresses of a building', async () => {
      const store = await createStore();
      const m = createMunicipality();
      await store.importMunicipality(m);
      expect(await store.counts()).toEqual({ buildings: 9, addresses: 9, streets: 1, areas: 1, buurten: 1 });
      expect(await store.extent()).toEqual([145000, 445000, 145210, 445210]);
      const addresses = await store.addressesOfBuilding(m.buildings[2].id);
      expect(addresses.map((a) => a.id)).toEqual([m.addresses[2].id]);
    });

    it('is empty before an import', async () => {
      const store = await createStore();
      expect(await store.meta()).toBeUndefined();
      expect(await store.extent()).toBeUndefined();
      expect(await store.counts()).toEqual({ buildings: 0, addresses: 0, streets: 0, areas: 0, buurten: 0 });
      expect(await store.collections()).toEqual([]);
    });

    it('rounds the extent outward to 32-bit floats, as an R*Tree does', async () => {
      const store = await createStore();
      const m = createMunicipality();
      m.buildings = [createBuilding(1, 145000.123, 445000.456)];
      m.addresses = [];
      await store.importMunicipality(m);
      const [minX, minY, maxX, maxY] = (await store.extent())!;
      expect(minX).toBe(Math.fround(minX));
      expect(minX).toBeLessThanOrEqual(145000.123);
      expect(145000.123 - minX).toBeLessThan(0.02);
      expect(minY).toBeLessThanOrEqual(445000.456);
      expect(maxX).toBeGreaterThanOrEqual(145010.123);
      expect(maxY).toBeGreaterThanOrEqual(445010.456);
    });

    it('streams all buildings in order across pages, with their meshes', async () => {
      const store = await createStore();
      const m = createMunicipality();
      m.buildings = Array.from({ length: 2500 }, (_, i) => createBuilding(i + 1, 140000 + (i % 50) * 20, 440000 + Math.floor(i / 50) * 20));
      m.buildings[1500] = { ...m.buildings[1500], lod2: createMesh(140000, 440600, 12) };
      m.addresses = [];
      await store.importMunicipality(m);
      const ids: string[] = [];
      let withMesh: Building | undefined;
      for await (const b of store.allBuildings()) {
        ids.push(b.id);
        if (b.lod2) withMesh = b;
      }
      expect(ids).toEqual(m.buildings.map((b) => b.id));
      expect(withMesh).toEqual(m.buildings[1500]);
      expect(await store.building(m.buildings[1500].id)).toEqual(m.buildings[1500]);
      // Lists stay without meshes.
      expect((await store.buildings({ bbox: [140000, 440600, 140001, 440601], limit: 5 }))[0].lod2).toBeUndefined();
    });

    it('leaves the store as it was when an import fails halfway', async () => {
      const store = await createStore();
      const good = createMunicipality();
      await store.importMunicipality(good);
      const bad = createMunicipality();
      bad.meta = { ...bad.meta, name: 'Kapotstad' };
      bad.buildings.push({ ...bad.buildings[0] }); // duplicate id violates UNIQUE in the middle of the import
      await expect(store.importMunicipality(bad)).rejects.toThrow(UNIQUE_VIOLATION);
      expect((await store.meta())?.name).toBe('Teststad');
      expect((await store.counts()).buildings).toBe(9);
    });

    it('replaces the buildings only, keeping the other records', async () => {
      const store = await createStore();
      const m = createMunicipality();
      await store.importMunicipality(m);
      const replacement = [createBuilding(40, 146000, 446000, { lod2: createMesh(146000, 446000, 20) })];
      await store.replaceBuildings({ ...m.meta, source: 'cityjson' }, replacement);
      expect(await store.counts()).toEqual({ buildings: 1, addresses: 9, streets: 1, areas: 1, buurten: 1 });
      expect(await store.building(replacement[0].id)).toEqual(replacement[0]);
      expect((await store.collectionItems('buildings', { limit: 10 })).features.map((f) => f.id)).toEqual([replacement[0].id]);
      expect((await store.collection('buildings'))?.source).toBe('cityjson');
      expect((await store.meta())?.source).toBe('cityjson');
    });
  });

  describe(`${name}: upsertBuildings`, () => {
    const ID = (n: number) => createBuilding(n, 0, 0).id;
    // createMunicipality: 10 m squares at x = 145000 + 100 i, y = 445000 + 100 j; building n = 3 i + j + 1.
    const AREA: [number, number, number, number] = [144990, 444990, 145120, 445120]; // holds buildings 1, 2, 4, 5

    it('replaces same ids, adds new ones and removes the missing ones that lie wholly inside the area', async () => {
      const store = await createStore();
      const m = createMunicipality();
      await store.importMunicipality(m);
      const taller = createBuilding(1, 145000, 445000, { heightM: 30, lod2: createMesh(145000, 445000, 32) });
      const added = createBuilding(20, 145050, 445050);
      const crossing = createBuilding(21, 145115, 445050); // reaches x = 145125, beyond the area: stays
      await store.upsertBuildings({ ...m.meta, source: 'update' }, [crossing]);
      const report = await store.upsertBuildings({ ...m.meta, source: 'update 2' }, [taller, added, m.buildings[1], m.buildings[4]], AREA);
      expect(report).toEqual({ inserted: 1, updated: 3, removed: [ID(4)] });
      const ids: string[] = [];
      for await (const b of store.allBuildings()) ids.push(b.id);
      // Updated buildings keep their place; new ones come after.
      expect(ids).toEqual([1, 2, 3, 5, 6, 7, 8, 9, 21, 20].map(ID));
      expect(await store.building(ID(1))).toEqual(taller);
      expect((await store.buildings({ bbox: [145040, 445040, 145070, 445070], limit: 10 })).map((b) => b.id)).toEqual([ID(20)]);
      expect(await store.buildings({ bbox: [145095, 444995, 145112, 445012], limit: 10 })).toEqual([]);
      const items = await store.collectionItems('buildings', { limit: 100 });
      expect(items.features.map((f) => f.id)).toEqual([3, 6, 7, 8, 9, 21, 1, 20, 2, 5].map(ID));
      expect((await store.collectionItem('buildings', ID(1)))?.properties.heightM).toBe(30);
      expect((await store.collectionItems('buildings', { limit: 10, bbox: [145095, 444995, 145112, 445012] })).numberMatched).toBe(0);
      expect((await store.meta())?.source).toBe('update 2');
      expect((await store.collection('buildings'))?.source).toBe('update 2');
      expect((await store.counts()).addresses).toBe(9);
    });

    it('drops a mesh when the replacing record has none', async () => {
      const store = await createStore();
      const m = createMunicipality();
      await store.importMunicipality({ ...m, buildings: m.buildings.map((b, i) => (i === 0 ? { ...b, lod2: createMesh(145000, 445000, 12) } : b)) });
      await store.upsertBuildings(m.meta, [m.buildings[0]]);
      expect((await store.building(ID(1)))?.lod2).toBeUndefined();
    });
  });

  describe(`${name}: replaceStreets and replaceAddresses`, () => {
    const street = (id: string, x = 145000): Street => ({ id, line: [[x, 445500], [x + 50, 445500]], name: 'Dorpsstraat', class: 'erf', surface: 'tegels' });

    it('replaces the streets with their collection and provenance, leaving the dataset meta alone', async () => {
      const store = await createStore();
      const m = createMunicipality();
      await store.importMunicipality(m);
      await store.replaceStreets([street('a'), street('b', 145100)], { source: 'OSM', licence: 'ODbL-1.0', date: '2026-02-02' });
      expect((await store.streets({ limit: 10 })).map((s) => s.id)).toEqual(['a', 'b']);
      expect((await store.streets({ bbox: [145120, 445490, 145130, 445510], limit: 10 })).map((s) => s.id)).toEqual(['b']);
      const meta = await store.collection('streets');
      expect(meta).toMatchObject({ source: 'OSM', licence: 'ODbL-1.0', date: '2026-02-02', synthetic: false });
      expect((await store.collectionItems('streets', { limit: 10 })).features.map((f) => f.id)).toEqual(['a', 'b']);
      expect((await store.meta())?.source).toBe(m.meta.source);
      // The collection moved to the end, as a rewritten collection does.
      expect((await store.collections()).map((c) => c.id)).toEqual(['buildings', 'addresses', 'areas', 'buurten', 'streets']);
    });

    it('rolls back completely when a write fails half-way (duplicate id)', async () => {
      const store = await createStore();
      await store.importMunicipality(createMunicipality());
      await expect(store.replaceStreets([street('x'), street('y'), street('x')])).rejects.toThrow(UNIQUE_VIOLATION);
      expect((await store.streets({ limit: 10 })).map((s) => s.id)).toEqual(['s1']);
      expect((await store.collectionItems('streets', { limit: 10 })).features.map((f) => f.id)).toEqual(['s1']);
    });

    it('replaces the addresses, linked to their buildings', async () => {
      const store = await createStore();
      const m = createMunicipality();
      await store.importMunicipality(m);
      const moved = [createAddress(50, m.buildings[8]), createAddress(51, m.buildings[8])];
      await store.replaceAddresses(moved);
      expect((await store.counts()).addresses).toBe(2);
      expect((await store.addressesOfBuilding(m.buildings[8].id)).map((a) => a.id)).toEqual(moved.map((a) => a.id));
      expect(await store.addressesOfBuilding(m.buildings[0].id)).toEqual([]);
      expect((await store.collectionItems('addresses', { limit: 10 })).numberMatched).toBe(2);
    });
  });

  describe(`${name}: feature collections`, () => {
    it('writes the core layers as collections on import', async () => {
      const store = await createStore();
      const m = createMunicipality();
      await store.importMunicipality(m);
      expect((await store.collections()).map((c) => c.id)).toEqual(['buildings', 'addresses', 'streets', 'areas', 'buurten']);
      const page = await store.collectionItems('buildings', { limit: 2, offset: 1 });
      expect(page.numberMatched).toBe(9);
      expect(page.features.map((f) => f.id)).toEqual([m.buildings[1].id, m.buildings[2].id]);
      expect((await store.collectionItems('buildings', { limit: 0 })).features).toEqual([]);
      const feature = await store.collectionItem('buildings', m.buildings[0].id);
      // GeoJSON rings are closed; the core record's are not.
      expect(feature?.geometry).toEqual({ type: 'Polygon', coordinates: [[...m.buildings[0].footprint[0], m.buildings[0].footprint[0][0]]] });
      expect(feature?.properties.year).toBe(m.buildings[0].year);
      expect(await store.collectionItem('buildings', 'nope')).toBeUndefined();
      expect(await store.collection('nope')).toBeUndefined();
    });

    it('filters by bbox and by queryable properties, counting all matches', async () => {
      const store = await createStore();
      const m = createMunicipality();
      m.buildings[4].function = 'winkel';
      await store.importMunicipality(m);
      const inBox = await store.collectionItems('buildings', { bbox: [145095, 445095, 145205, 445205], limit: 10 });
      expect(inBox.numberMatched).toBe(4);
      const shops = await store.collectionItems('buildings', { limit: 10, where: [['function', 'winkel']] });
      expect(shops.features.map((f) => f.id)).toEqual([m.buildings[4].id]);
      const byYear = await store.collectionItems('buildings', { limit: 10, where: [['year', m.buildings[2].year]] });
      expect(byYear.numberMatched).toBe(1);
      // Types matter: the year as a string is not the year.
      expect((await store.collectionItems('buildings', { limit: 10, where: [['year', String(m.buildings[2].year)]] })).numberMatched).toBe(0);
      const both = await store.collectionItems('buildings', { limit: 10, bbox: [145095, 445095, 145205, 445205], where: [['function', 'woning'], ['roofType', 'zadeldak']] });
      expect(both.numberMatched).toBe(3);
    });

    it('filters on boolean and number properties of a thematic collection', async () => {
      const store = await createStore();
      const meta = createCollectionMeta('masts', [{ name: 'shared', type: 'boolean' }, { name: 'heightM', type: 'number' }]);
      await store.replaceCollection(meta, [
        { id: 'a', geometry: { type: 'Point', coordinates: [1, 1] }, properties: { shared: true, heightM: 25.5 } },
        { id: 'b', geometry: { type: 'Point', coordinates: [2, 2, 7] }, properties: { shared: false, heightM: 30 } },
      ]);
      expect((await store.collectionItems('masts', { limit: 10, where: [['shared', true]] })).features.map((f) => f.id)).toEqual(['a']);
      expect((await store.collectionItems('masts', { limit: 10, where: [['heightM', 30]] })).features.map((f) => f.id)).toEqual(['b']);
      // A 3D point keeps its height in the stored feature.
      expect((await store.collectionItem('masts', 'b'))?.geometry).toEqual({ type: 'Point', coordinates: [2, 2, 7] });
    });

    it('refuses a property name outside the queryables, and treats injected values as literals', async () => {
      const store = await createStore();
      await store.importMunicipality(createMunicipality());
      await expect(store.collectionItems('buildings', { limit: 1, where: [["x') OR 1=1 --", 1]] })).rejects.toThrow(/queryable/);
      await expect(store.collectionItems('buildings', { limit: 1, where: [['heightM', 9]] })).rejects.toThrow(/queryable/);
      const injected = await store.collectionItems('buildings', { limit: 10, where: [['function', "woning' OR '1'='1"]] });
      expect(injected.numberMatched).toBe(0);
      expect((await store.counts()).buildings).toBe(9);
    });

    it('replaces a thematic collection as a whole, keeping the bbox index in step', async () => {
      const store = await createStore();
      await store.importMunicipality(createMunicipality());
      const meta = createCollectionMeta('zones');
      await store.replaceCollection(meta, [{ id: 'a', geometry: square(0), properties: {} }]);
      await store.replaceCollection(meta, [{ id: 'b', geometry: square(10), properties: {} }, { id: 'c', geometry: null, properties: {} }]);
      expect((await store.collectionItems('zones', { limit: 10 })).features.map((f) => f.id)).toEqual(['b', 'c']);
      expect((await store.collectionItems('zones', { limit: 10, bbox: [0, 0, 1, 1] })).numberMatched).toBe(0);
      expect((await store.collectionItems('zones', { limit: 10, bbox: [10, 0, 11, 1] })).features.map((f) => f.id)).toEqual(['b']);
      expect(await store.collection('zones')).toEqual(meta);
    });

    it('keeps a feature exactly as written: property order, nulls and numbers', async () => {
      const store = await createStore();
      const feature = { id: 'p', geometry: square(3), properties: { z: 1, a: null, m: 0.1 + 0.2, s: 'ĳs “quoted” \\ /' } };
      await store.replaceCollection(createCollectionMeta('exact'), [feature]);
      const stored = await store.collectionItem('exact', 'p');
      expect(JSON.stringify(stored)).toBe(JSON.stringify(feature));
    });
  });

  describe(`${name}: documents`, () => {
    it('stores a document with its derived collections atomically', async () => {
      const store = await createStore();
      await store.importMunicipality(createMunicipality());
      const meta = createCollectionMeta('plan-zones');
      await store.replaceDocument('omgevingsplan', 'current', { rules: [1, 2] }, [{ meta, features: [{ id: 'z', geometry: null, properties: {} }] }]);
      expect(await store.document('omgevingsplan', 'current')).toEqual({ rules: [1, 2] });
      // A failing collection write (duplicate feature id) rolls the document back too.
      await expect(
        store.replaceDocument('omgevingsplan', 'current', { rules: [3] }, [
          { meta, features: [{ id: 'd', geometry: null, properties: {} }, { id: 'd', geometry: null, properties: {} }] },
        ]),
      ).rejects.toThrow(UNIQUE_VIOLATION);
      expect(await store.document('omgevingsplan', 'current')).toEqual({ rules: [1, 2] });
      expect((await store.collectionItems('plan-zones', { limit: 5 })).features.map((f) => f.id)).toEqual(['z']);
      expect(await store.document('omgevingsplan', 'other')).toBeUndefined();
    });

    it('overwrites a document and keeps arrays and nested values as they are', async () => {
      const store = await createStore();
      await store.replaceDocument('health', 'indicators', [{ a: 1 }]);
      await store.replaceDocument('health', 'indicators', [[1, 2], { b: [null, 'x'] }]);
      expect(await store.document('health', 'indicators')).toEqual([[1, 2], { b: [null, 'x'] }]);
    });
  });

  describe(`${name}: health`, () => {
    it('names the store kind', async () => {
      const store = await createStore();
      expect(typeof (await store.health()).store).toBe('string');
    });
  });
}
