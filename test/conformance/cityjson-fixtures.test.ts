// Every CityJSON fixture (real public data: 3D BAG v21 's-Hertogenbosch, Rotterdam 3D) imports; counts and
// attribute values are checked against the files as read independently here, not against numbers typed in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importBuildingsCommand } from '../../server/buildings/import-command.ts';
import { parseBuildingFile } from '../../server/buildings/parse-building-file.ts';
import { type Building, SURFACE_ROOF } from '../../server/contracts/model.ts';
import { polygonArea } from '../../server/geo/polygon.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';

const FIXTURES = '/work/shared/fixtures/cityjson';
const files = fs.existsSync(FIXTURES) ? fs.readdirSync(FIXTURES).filter((f) => /\.city\.jsonl?$/.test(f)).sort() : [];
if (files.length === 0) console.log(`cityjson fixtures: skipped, ${FIXTURES} is absent`);

interface RawObject {
  type: string;
  attributes?: Record<string, unknown>;
  parents?: string[];
  geometry?: { type: string; lod: string | number; boundaries: unknown; semantics?: { surfaces: { type: string }[]; values: unknown } }[];
}

/** The file as plain JSON: top-level buildings, their best geometry's roof surfaces and vertex heights. */
function readIndependently(file: string) {
  const doc = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')) as {
    CityObjects: Record<string, RawObject>;
    vertices: number[][];
    transform: { scale: number[]; translate: number[] };
  };
  const topLevel = Object.entries(doc.CityObjects).filter(
    ([, o]) => o.type === 'Building' || (o.type === 'BuildingPart' && !(o.parents ?? []).some((p) => p in doc.CityObjects)),
  );
  const zOf = (i: number) => doc.vertices[i][2] * doc.transform.scale[2] + doc.transform.translate[2];
  return { doc, topLevel, zOf };
}

describe.skipIf(files.length === 0)('CityJSON fixtures import', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-cityjson-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(files)('%s: every Building imports with its best LoD, ids, years and heights from the file', async (file) => {
    const store = await openSqliteStore(path.join(dir, `${file}.sqlite`));
    try {
      const report = await importBuildingsCommand(store, [path.join(FIXTURES, file)]);
      const { doc, topLevel, zOf } = readIndependently(file);
      expect(report.skipped).toEqual([]);
      expect(report.imported).toBe(topLevel.length);
      expect((await store.counts()).buildings).toBe(topLevel.length);

      const stored = new Map<string, Building>();
      for await (const b of store.allBuildings()) stored.set(b.id, b);
      for (const [key, object] of topLevel) {
        const attributes = object.attributes ?? {};
        const id = typeof attributes.identificatie === 'string' ? attributes.identificatie : key;
        const b = stored.get(id);
        expect(b, id).toBeDefined();
        // Best LoD: the highest lod string among the object's geometries.
        const best = [...(object.geometry ?? [])].sort((a, c) => Number(c.lod) - Number(a.lod))[0];
        expect(b!.lod2?.lod).toBe(String(best.lod));
        const year = attributes.oorspronkelijkbouwjaar ?? attributes.oorspronkelijk_bouwjaar;
        if (typeof year === 'number') expect(b!.year).toBe(year);
        const ground = attributes.b3_h_maaiveld ?? attributes.h_maaiveld;
        const allZ = (JSON.stringify(best.boundaries).match(/\d+/g) ?? []).map((i) => zOf(Number(i)));
        if (typeof ground === 'number') expect(b!.groundM).toBe(ground);
        else expect(b!.groundM).toBeCloseTo(Math.min(...allZ), 6);
        // Without a roof attribute in these files, the height is the top of the model above the ground.
        expect(b!.groundM + b!.heightM).toBeCloseTo(Math.max(...allZ), 6);
        expect(polygonArea(b!.footprint)).toBeGreaterThan(1);

        // Roof area: the mesh's roof triangles cover the file's RoofSurface polygons (holes subtracted).
        const m = b!.lod2!;
        let meshRoofArea = 0;
        m.surface.forEach((cls, t) => {
          if (cls !== SURFACE_ROOF) return;
          const corner = (k: number) => m.positions.slice(3 * m.indices[3 * t + k], 3 * m.indices[3 * t + k] + 3);
          meshRoofArea += Math.hypot(...newell([corner(0), corner(1), corner(2)])) / 2;
        });
        const fileRoofArea = roofArea(best, (i) => realVertex(doc, i));
        expect(fileRoofArea).toBeGreaterThan(0);
        expect(meshRoofArea).toBeCloseTo(fileRoofArea, 1);
      }
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(files.length === 0)('CityJSON fixtures as CityJSONSeq', () => {
  it.each(files)('%s: the same buildings come out of a CityJSONSeq made from the file', (file) => {
    const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
    const doc = JSON.parse(text) as { CityObjects: Record<string, RawObject & { children?: string[] }>; vertices: number[][] } & Record<string, unknown>;
    // One feature per top-level object (with its parts), each with its own vertex list, as cjio export does.
    const lines = [JSON.stringify({ ...doc, CityObjects: {}, vertices: [] })];
    for (const [id, object] of Object.entries(doc.CityObjects)) {
      if (object.parents?.length) continue;
      const ids = [id, ...(object.children ?? [])];
      const used = new Map<number, number>();
      const vertices: number[][] = [];
      const remap = (b: unknown): unknown => (Array.isArray(b) ? b.map(remap) : typeof b === 'number' ? (used.get(b) ?? (used.set(b, vertices.push(doc.vertices[b]) - 1), used.get(b))) : b);
      const objects = Object.fromEntries(
        ids.map((k) => [k, { ...doc.CityObjects[k], geometry: (doc.CityObjects[k].geometry ?? []).map((g) => ({ ...g, boundaries: remap(g.boundaries) })) }]),
      );
      lines.push(JSON.stringify({ type: 'CityJSONFeature', id, CityObjects: objects, vertices }));
    }
    const whole = parseBuildingFile(text, file, { geoidHeightM: 43 });
    const seq = parseBuildingFile(lines.join('\n'), file.replace(/\.json$/, '.jsonl'), { geoidHeightM: 43 });
    expect(seq.buildings.map((b) => b.id).sort()).toEqual(whole.buildings.map((b) => b.id).sort());
    const byId = new Map(whole.buildings.map((b) => [b.id, b]));
    for (const b of seq.buildings) {
      const w = byId.get(b.id)!;
      expect(b.lod2!.surface).toEqual(w.lod2!.surface);
      expect(b.lod2!.positions.length).toBe(w.lod2!.positions.length);
      expect(b.groundM).toBe(w.groundM);
      expect(b.heightM).toBeCloseTo(w.heightM, 9);
    }
  });
});

type Doc = ReturnType<typeof readIndependently>['doc'];

function realVertex(doc: Doc, i: number): number[] {
  return doc.vertices[i].map((v, k) => v * doc.transform.scale[k] + doc.transform.translate[k]);
}

/** Newell normal of a ring; its length is twice the ring's area. */
function newell(ring: number[][]): number[] {
  const n = [0, 0, 0];
  const o = ring[0];
  ring.forEach((a, i) => {
    const b = ring[(i + 1) % ring.length];
    const [ax, ay, az] = [a[0] - o[0], a[1] - o[1], a[2] - o[2]];
    const [bx, by, bz] = [b[0] - o[0], b[1] - o[1], b[2] - o[2]];
    n[0] += (ay - by) * (az + bz);
    n[1] += (az - bz) * (ax + bx);
    n[2] += (ax - bx) * (ay + by);
  });
  return n;
}

function roofArea(g: NonNullable<RawObject['geometry']>[number], vertex: (i: number) => number[]): number {
  const types = g.semantics?.surfaces.map((s) => s.type) ?? [];
  // Surfaces sit 1 level below MultiSurface boundaries, 2 below Solid ones, 3 below MultiSolid ones.
  const surfaceDepth = g.type === 'Solid' ? 2 : g.type === 'MultiSurface' || g.type === 'CompositeSurface' ? 1 : 3;
  let area = 0;
  const visit = (boundaries: unknown, values: unknown, depth: number) => {
    if (depth === surfaceDepth) {
      if (types[values as number] !== 'RoofSurface') return;
      const rings = (boundaries as number[][]).map((r) => r.map(vertex));
      rings.forEach((r, k) => (area += ((k === 0 ? 1 : -1) * Math.hypot(...newell(r))) / 2));
      return;
    }
    (boundaries as unknown[]).forEach((b, i) => visit(b, Array.isArray(values) ? values[i] : null, depth + 1));
  };
  visit(g.boundaries, g.semantics?.values, 0);
  return area;
}
