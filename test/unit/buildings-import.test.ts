import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Building, SURFACE_GROUND, SURFACE_ROOF, SURFACE_WALL } from '../../server/contracts/model.ts';
import { importBuildingsCommand } from '../../server/buildings/import-command.ts';
import { parseBuildingFile } from '../../server/buildings/parse-building-file.ts';
import { parseEpsg } from '../../server/buildings/source-crs.ts';
import { footprintFromGround } from '../../server/buildings/surfaces-to-mesh.ts';
import { triangulateSurface, type Point3 } from '../../server/buildings/triangulate-surface.ts';
import { lonLatDegToRd } from '../../server/geo/crs.ts';
import { polygonArea, ringSignedArea } from '../../server/geo/polygon.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import type { Store } from '../../server/store/store.ts';
import { createMunicipality } from '../support/factories.ts';

const OPTIONS = { geoidHeightM: 43 };

/** A 10 × 8 m box, 6 m high, at RD (x0, y0) on NAP 1 m, as an integer-vertex CityJSON Solid with semantics. */
function createBoxObject(x0: number, y0: number, offset = 0) {
  // Vertices in millimetres relative to the transform's translate.
  const v = (x: number, y: number, z: number) => [x0 + x * 1000, y0 + y * 1000, 1000 + z * 1000];
  const vertices = [v(0, 0, 0), v(10, 0, 0), v(10, 8, 0), v(0, 8, 0), v(0, 0, 6), v(10, 0, 6), v(10, 8, 6), v(0, 8, 6)];
  const o = (i: number) => i + offset;
  const boundaries = [
    [
      [[o(0), o(3), o(2), o(1)]], // ground, facing down
      [[o(4), o(5), o(6), o(7)]], // roof, facing up
      [[o(0), o(1), o(5), o(4)]],
      [[o(1), o(2), o(6), o(5)]],
      [[o(2), o(3), o(7), o(6)]],
      [[o(3), o(0), o(4), o(7)]],
    ],
  ];
  const geometry = {
    type: 'Solid',
    lod: '2.2',
    boundaries,
    semantics: { surfaces: [{ type: 'GroundSurface' }, { type: 'RoofSurface' }, { type: 'WallSurface' }], values: [[0, 1, 2, 2, 2, 2]] },
  };
  return { vertices, geometry };
}

function createCityJson(ids: string[], referenceSystem = 'https://www.opengis.net/def/crs/EPSG/0/7415') {
  const CityObjects: Record<string, unknown> = {};
  const vertices: number[][] = [];
  ids.forEach((id, i) => {
    const box = createBoxObject(i * 20_000, 0, vertices.length);
    vertices.push(...box.vertices);
    CityObjects[id] = { type: 'Building', attributes: { oorspronkelijkbouwjaar: 1931 + i, b3_h_maaiveld: 1, b3_h_dak_70p: 7 }, geometry: [box.geometry] };
  });
  return {
    type: 'CityJSON',
    version: '2.0',
    transform: { scale: [0.001, 0.001, 0.001], translate: [155_000, 463_000, 0] },
    metadata: { referenceSystem },
    CityObjects,
    vertices,
  };
}

describe('triangulateSurface', () => {
  it('keeps the ring orientation: a ring counter-clockwise from above gives upward triangles', () => {
    const ring: Point3[] = [[0, 0, 5], [4, 0, 5], [4, 4, 5], [0, 4, 5]];
    const tris = triangulateSurface([ring]);
    expect(tris).toHaveLength(6);
    for (let t = 0; t < tris.length; t += 3) {
      const [a, b, c] = [ring[tris[t]], ring[tris[t + 1]], ring[tris[t + 2]]];
      const z = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
      expect(z).toBeGreaterThan(0);
    }
    const down = triangulateSurface([[...ring].reverse()]);
    const [a, b, c] = [0, 1, 2].map((k) => [...ring].reverse()[down[k]]);
    expect((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])).toBeLessThan(0);
  });

  it('triangulates a vertical wall with a hole (window) to the wall area minus the hole', () => {
    const outer: Point3[] = [[0, 0, 0], [10, 0, 0], [10, 0, 6], [0, 0, 6]];
    const hole: Point3[] = [[2, 0, 2], [2, 0, 4], [4, 0, 4], [4, 0, 2]];
    const points = [...outer, ...hole];
    const tris = triangulateSurface([outer, hole]);
    let area = 0;
    for (let t = 0; t < tris.length; t += 3) {
      const [a, b, c] = [points[tris[t]], points[tris[t + 1]], points[tris[t + 2]]];
      // Wall in the x-z plane: area from the x/z cross product; the sign says the side (−y for this ring).
      area += ((b[0] - a[0]) * (c[2] - a[2]) - (b[2] - a[2]) * (c[0] - a[0])) / 2;
    }
    expect(area).toBeCloseTo(60 - 4, 9);
  });
});

describe('footprintFromGround', () => {
  it('joins ground triangles into one counter-clockwise outline and finds a courtyard', () => {
    // 3 × 3 grid of unit squares without the middle one, each split into two triangles (as 3D BAG does).
    const rings: Point3[][] = [];
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        if (i === 1 && j === 1) continue;
        rings.push([[i, j, 0], [i, j + 1, 0], [i + 1, j + 1, 0]], [[i, j, 0], [i + 1, j + 1, 0], [i + 1, j, 0]]);
      }
    }
    const footprint = footprintFromGround(rings)!;
    expect(footprint).toHaveLength(2);
    expect(ringSignedArea(footprint[0])).toBeGreaterThan(0);
    expect(ringSignedArea(footprint[1])).toBeLessThan(0);
    expect(polygonArea(footprint)).toBeCloseTo(8, 9);
  });
});

describe('parseBuildingFile (CityJSON)', () => {
  it('applies the transform and keeps semantics per triangle', () => {
    const parsed = parseBuildingFile(JSON.stringify(createCityJson(['A'])), 'box.city.json', OPTIONS);
    expect(parsed.buildings).toHaveLength(1);
    const b = parsed.buildings[0];
    expect(b.lod2?.lod).toBe('2.2');
    const xs = b.lod2!.positions.filter((_, i) => i % 3 === 0);
    expect(Math.min(...xs)).toBeCloseTo(155_000, 6);
    expect(Math.max(...xs)).toBeCloseTo(155_010, 6);
    const count = (s: number) => b.lod2!.surface.filter((v) => v === s).length;
    expect([count(SURFACE_GROUND), count(SURFACE_ROOF), count(SURFACE_WALL)]).toEqual([2, 2, 8]);
    expect(polygonArea(b.footprint)).toBeCloseTo(80, 6);
    expect(b.groundM).toBe(1);
    expect(b.heightM).toBe(6);
    expect(b.year).toBe(1931);
  });

  it('reads CityJSONSeq: header transform applied to every feature line', () => {
    const doc = createCityJson(['A', 'B']);
    const header = { ...doc, CityObjects: {}, vertices: [] };
    const lines = [JSON.stringify(header)];
    for (const [i, id] of ['A', 'B'].entries()) {
      const box = createBoxObject(i * 20_000, 0);
      lines.push(JSON.stringify({ type: 'CityJSONFeature', id, CityObjects: { [id]: { ...(doc.CityObjects[id] as object), geometry: [box.geometry] } }, vertices: box.vertices }));
    }
    const parsed = parseBuildingFile(lines.join('\n') + '\n', 'boxes.city.jsonl', OPTIONS);
    expect(parsed.buildings.map((b) => b.id)).toEqual(['A', 'B']);
    expect(Math.min(...parsed.buildings[1].lod2!.positions.filter((_, i) => i % 3 === 0))).toBeCloseTo(155_020, 6);
  });

  it('names the file and the CityObject of a malformed object, and skips it with skipInvalid', () => {
    const doc = createCityJson(['good', 'bad']);
    (doc.CityObjects.bad as { geometry: { boundaries: number[][][][] }[] }).geometry[0].boundaries[0][0][0] = [0, 1, 99999];
    expect(() => parseBuildingFile(JSON.stringify(doc), 'city.json', OPTIONS)).toThrow(/city\.json: CityObject bad: .*vertex 99999/);
    const parsed = parseBuildingFile(JSON.stringify(doc), 'city.json', { ...OPTIONS, skipInvalid: true });
    expect(parsed.buildings.map((b) => b.id)).toEqual(['good']);
    expect(parsed.skipped).toEqual([{ file: 'city.json', id: 'bad', reason: expect.stringContaining('vertex 99999') }]);
  });

  it('reads a file without CRS in the RD range as EPSG:7415 with a warning, and refuses an unknown CRS', () => {
    const doc: Record<string, unknown> = createCityJson(['A']);
    delete doc.metadata;
    const parsed = parseBuildingFile(JSON.stringify(doc), 'nocrs.city.json', OPTIONS);
    expect(parsed.buildings).toHaveLength(1);
    expect(parsed.warnings.join()).toMatch(/EPSG:7415/);
    expect(() => parseBuildingFile(JSON.stringify(createCityJson(['A'], 'EPSG:32631')), 'utm.city.json', OPTIONS)).toThrow(/utm\.city\.json: .*32631/);
  });

  it('reprojects lon/lat (EPSG:4979) to RD and ellipsoidal heights to NAP', () => {
    const doc = createCityJson(['A'], 'https://www.opengis.net/def/crs/EPSG/0/4979');
    doc.transform = { scale: [1e-7, 1e-7, 0.001], translate: [5.3, 52.1, 43] };
    const parsed = parseBuildingFile(JSON.stringify(doc), 'wgs.city.json', OPTIONS);
    const b = parsed.buildings[0];
    // The box corner at integer (0, 0, 1000) is lon 5.3, lat 52.1, 44 m ellipsoidal.
    const [x, y] = lonLatDegToRd(5.3, 52.1);
    const p = b.lod2!.positions;
    let nearest = 0;
    for (let v = 0; v < p.length; v += 3) if (Math.hypot(p[v] - x, p[v + 1] - y) < Math.hypot(p[nearest] - x, p[nearest + 1] - y)) nearest = v;
    expect(Math.hypot(p[nearest] - x, p[nearest + 1] - y)).toBeLessThan(1e-3);
    // z: 44 m ellipsoidal − 43 m geoid = 1 m NAP.
    expect(Math.min(...p.filter((_, i) => i % 3 === 2))).toBeCloseTo(1, 6);
  });
});

describe('parseEpsg', () => {
  it('reads the spellings found in CityJSON 1.0–2.0 and GeoJSON files', () => {
    expect(parseEpsg('https://www.opengis.net/def/crs/EPSG/0/7415')).toBe(7415);
    expect(parseEpsg('urn:ogc:def:crs:EPSG::28992')).toBe(28992);
    expect(parseEpsg('EPSG:4979')).toBe(4979);
    expect(parseEpsg('urn:ogc:def:crs:OGC:1.3:CRS84')).toBe(4326);
    expect(parseEpsg('urn:ogc:def:crs,crs:EPSG::28992,crs:EPSG::5709')).toBe(7415);
    expect(parseEpsg('local grid')).toBeUndefined();
  });
});

describe('parseBuildingFile (GeoJSON footprints)', () => {
  it('reads RD footprints (legacy crs member) with a height attribute as LoD1 buildings', () => {
    const fc = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } },
      features: [
        { type: 'Feature', id: 'p1', properties: { hoogte: 12.5, bouwjaar: 1960 }, geometry: { type: 'Polygon', coordinates: [[[155000, 463000], [155010, 463000], [155010, 463010], [155000, 463010], [155000, 463000]]] } },
        { type: 'Feature', id: 'p2', properties: {}, geometry: { type: 'Polygon', coordinates: [[[155020, 463000], [155030, 463000], [155030, 463010], [155020, 463000]]] } },
      ],
    };
    expect(() => parseBuildingFile(JSON.stringify(fc), 'fp.geojson', OPTIONS)).toThrow(/fp\.geojson: CityObject p2: no height/);
    const parsed = parseBuildingFile(JSON.stringify(fc), 'fp.geojson', { ...OPTIONS, skipInvalid: true });
    expect(parsed.buildings).toHaveLength(1);
    expect(parsed.buildings[0]).toMatchObject({ id: 'p1', heightM: 12.5, groundM: 0, year: 1960 });
    expect(parsed.buildings[0].lod2).toBeUndefined();
    expect(polygonArea(parsed.buildings[0].footprint)).toBeCloseTo(100, 6);
  });
});

describe('importBuildingsCommand', () => {
  const dirs: string[] = [];
  const stores: Store[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  async function createStoreWith(files: Record<string, unknown>) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-buildings-'));
    dirs.push(dir);
    const store = await openSqliteStore(path.join(dir, 'twin.sqlite'));
    stores.push(store);
    const paths = Object.entries(files).map(([name, content]) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
      return file;
    });
    return { store, paths };
  }

  it('replaces the buildings, keeps addresses and streets, and stores the meshes', async () => {
    const { store, paths } = await createStoreWith({ 'a.city.json': createCityJson(['A', 'B']) });
    const m = createMunicipality();
    await store.importMunicipality(m);
    const report = await importBuildingsCommand(store, paths, { licence: 'CC BY 4.0' });
    expect(report).toMatchObject({ imported: 2, skipped: [], lods: { '2.2': 2 }, orphanAddresses: m.addresses.length });
    const counts = await store.counts();
    expect(counts).toMatchObject({ buildings: 2, addresses: m.addresses.length, streets: m.streets.length });
    const all: Building[] = [];
    for await (const b of store.allBuildings()) all.push(b);
    expect(all.map((b) => b.lod2?.indices.length)).toEqual([36, 36]);
    const one = await store.building('A');
    // Float32 offsets from a whole-metre origin: well under a millimetre.
    expect(Math.max(...one!.lod2!.positions.map((p, i) => Math.abs(p - all[0].lod2!.positions[i])))).toBe(0);
    expect(one!.lod2!.positions[0]).toBeCloseTo(155_000, 3);
    const listed = await store.buildings({ limit: 10 });
    expect(listed[0].lod2).toBeUndefined();
    expect((await store.meta())?.licence).toBe('CC BY 4.0');
    const items = await store.collectionItems('buildings', { limit: 10 } as never);
    expect(items.features.map((f) => f.id).sort()).toEqual(['A', 'B']);
  });

  it('is one transaction: a malformed object without --skip-invalid leaves the store as it was', async () => {
    const bad = createCityJson(['X']);
    (bad.CityObjects.X as { attributes: Record<string, unknown> }).attributes = {};
    (bad.CityObjects.X as { geometry: unknown[] }).geometry = [{ type: 'Solid', lod: '2.2', boundaries: 'nonsense' }];
    const { store, paths } = await createStoreWith({ 'good.city.json': createCityJson(['A']), 'bad.city.json': bad });
    await store.importMunicipality(createMunicipality());
    const before = await store.counts();
    await expect(importBuildingsCommand(store, paths)).rejects.toThrow(/bad\.city\.json: CityObject X/);
    expect(await store.counts()).toEqual(before);
    const report = await importBuildingsCommand(store, paths, { skipInvalid: true });
    expect(report.imported).toBe(1);
    expect(report.skipped.map((s) => `${s.file}:${s.id}`)).toEqual(['bad.city.json:X']);
  });
});
