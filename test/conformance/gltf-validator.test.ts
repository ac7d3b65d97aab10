// Every GLB we produce passes the Khronos glTF-Validator with 0 errors, and every tileset.json passes our
// 3D Tiles 1.1 schema (which also has to accept Cesium's own sample tilesets). Demo tiles at small scale and
// tiles of the real CityJSON fixtures (LoD2.2 meshes with semantics and 3D BAG attributes).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importBuildingsCommand } from '../../server/buildings/import-command.ts';
import type { Building } from '../../server/contracts/model.ts';
import { generateDemostad } from '../../server/demo/generate-demostad.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { buildBuildingTileset } from '../../server/tiles/build-tileset.ts';
import { readAccessor, readGlb, readPropertyTable } from '../../server/tiles/read-glb.ts';
import { tileset, tilesetProblems } from '../../server/tiles/tileset-schema.ts';

interface ValidatorReport {
  issues: { numErrors: number; numWarnings: number; messages: { code: string; message: string; severity: number; pointer?: string }[] };
}
const validator = createRequire(import.meta.url)('gltf-validator') as {
  validateBytes(data: Uint8Array, options?: { maxIssues?: number; ignoredIssues?: string[] }): Promise<ValidatorReport>;
};

const CITYJSON = '/work/shared/fixtures/cityjson';
const TILESETS = '/work/shared/fixtures/3dtiles';
const GEOID_M = 43;

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-gltf-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function filesUnder(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith(ext)).map((f) => path.join(dir, f));
}

async function expectValidTileset(dir: string): Promise<{ glbs: string[]; errors: string[] }> {
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'tileset.json'), 'utf8'));
  const parsed = tileset.safeParse(json);
  expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
  expect(tilesetProblems(parsed.data!)).toEqual([]);
  const glbs = filesUnder(dir, '.glb');
  const errors: string[] = [];
  for (const file of glbs) {
    const report = await validator.validateBytes(new Uint8Array(fs.readFileSync(file)), { maxIssues: 100 });
    for (const m of report.issues.messages) if (m.severity === 0) errors.push(`${path.relative(dir, file)} ${m.code} ${m.pointer ?? ''}: ${m.message}`);
  }
  return { glbs, errors };
}

describe('3D Tiles 1.1 tileset schema', () => {
  const samples = fs.existsSync(TILESETS) ? filesUnder(TILESETS, 'tileset.json') : [];
  if (samples.length === 0) console.log(`3dtiles fixtures: skipped, ${TILESETS} is absent`);
  it.skipIf(samples.length === 0)('accepts the Cesium sample tilesets (explicit, implicit, 1.0 and 1.1)', () => {
    for (const file of samples) {
      const parsed = tileset.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
      expect(parsed.success, `${file}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues[0])}`).toBe(true);
    }
  });

  it('rejects a root without refine, a 5-number region and a child with more error than its parent', () => {
    const good = { asset: { version: '1.1' }, geometricError: 100, root: { boundingVolume: { region: [0, 0, 0.1, 0.1, 0, 10] }, geometricError: 50, refine: 'ADD' } };
    expect(tileset.safeParse(good).success).toBe(true);
    expect(tileset.safeParse({ ...good, root: { ...good.root, refine: undefined } }).success).toBe(false);
    expect(tileset.safeParse({ ...good, root: { ...good.root, boundingVolume: { region: [0, 0, 0.1, 0.1, 0] } } }).success).toBe(false);
    const child = { boundingVolume: good.root.boundingVolume, geometricError: 80 };
    const parsed = tileset.parse({ ...good, root: { ...good.root, children: [child] } });
    expect(tilesetProblems(parsed)).toHaveLength(1);
  });
});

describe('glTF-Validator over our tiles', () => {
  it.each([false, true])('demo tiles (Demostad, small scale, coarse parents %s): 0 validator errors, tileset.json valid', async (coarseContent) => {
    const demo = generateDemostad({ seed: 7, scale: 0.1 });
    const dir = path.join(root, `demo-${coarseContent}`);
    const report = await buildBuildingTileset(demo.buildings, { outDir: dir, geoidHeightM: GEOID_M, synthetic: true, maxBuildingsPerTile: 100, coarseContent });
    expect(report.coarseContentCount > 0).toBe(coarseContent);
    const { glbs, errors } = await expectValidTileset(dir);
    console.log(`gltf-validator: demo (coarse ${coarseContent}) ${demo.buildings.length} buildings, ${glbs.length} GLBs, ${errors.length} errors`);
    expect(glbs.length).toBeGreaterThan(1);
    expect(errors).toEqual([]);
  }, 120_000);

  const fixtures = fs.existsSync(CITYJSON) ? fs.readdirSync(CITYJSON).filter((f) => /\.city\.json$/.test(f)).sort() : [];
  if (fixtures.length === 0) console.log(`cityjson fixtures: skipped, ${CITYJSON} is absent`);
  it.skipIf(fixtures.length === 0)('CityJSON fixture tiles (LoD2 meshes): 0 validator errors, roofs marked, every attribute in the schema', async () => {
    // The real path: import into a store (meshes stored binary), then tile what the store streams back.
    const store = await openSqliteStore(path.join(root, 'cityjson.sqlite'));
    const buildings: Building[] = [];
    try {
      // rotterdam_one's building is also in rotterdam_subset: the duplicate is skipped, nothing else.
      const imported = await importBuildingsCommand(store, fixtures.map((f) => path.join(CITYJSON, f)), { skipInvalid: true });
      for (const s of imported.skipped) expect(s.reason).toMatch(/^duplicate building id/);
      for await (const b of store.allBuildings()) buildings.push(b);
    } finally {
      await store.close();
    }
    expect(buildings.every((b) => b.lod2 !== undefined)).toBe(true);
    const dir = path.join(root, 'cityjson');
    const report = await buildBuildingTileset(buildings, { outDir: dir, geoidHeightM: GEOID_M, maxBuildingsPerTile: 8 });
    expect(report.buildingCount).toBe(buildings.length);
    const { glbs, errors } = await expectValidTileset(dir);
    console.log(`gltf-validator: cityjson ${buildings.length} buildings, ${glbs.length} GLBs, ${errors.length} errors`);
    expect(errors).toEqual([]);

    const attributeNames = new Set(buildings.flatMap((b) => Object.entries(b.attributes ?? {}).filter(([, v]) => v !== null).map(([k]) => k)));
    const lods = new Set(buildings.map((b) => b.lod2?.lod));
    const seen = new Set<string>();
    let roofVertices = 0;
    for (const file of glbs) {
      const glb = readGlb(new Uint8Array(fs.readFileSync(file)));
      const primitive = glb.json.meshes![0].primitives[0];
      const surfaces = readAccessor(glb, primitive.attributes._SURFACE);
      roofVertices += surfaces.filter((s) => s === 2).length;
      expect(primitive.attributes.COLOR_0).toBeDefined();
      const classes = glb.json.extensions!.EXT_structural_metadata.schema.classes.building.properties as Record<string, unknown>;
      for (const name of Object.keys(classes)) seen.add(name);
      const table = readPropertyTable(glb);
      // Every building is drawn with its own imported mesh, not an extruded block.
      for (const lod of table.lod) expect(lods.has(String(lod)), String(lod)).toBe(true);
    }
    expect(roofVertices).toBeGreaterThan(0);
    // identificatie is our own column; every other source attribute has a column of its own.
    for (const name of attributeNames) expect(seen.has(name), name).toBe(true);
  }, 120_000);
});
