// A second client reads our tilesets: loaders.gl's Tiles3DLoader (the loader deck.gl uses) in node, over HTTP on
// loopback as a browser would fetch them. It must see the same tree, errors and content as our own reader
// (read-glb.ts), including the EXT_mesh_features / EXT_structural_metadata it decodes. No polyfills needed:
// node 20's fetch serves loaders.gl, and glTF content is parsed without images or workers.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Tiles3DLoader } from '@loaders.gl/3d-tiles';
import { load } from '@loaders.gl/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBuildingsCommand } from '../../server/buildings/import-command.ts';
import type { Building } from '../../server/contracts/model.ts';
import { generateDemostad } from '../../server/demo/generate-demostad.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { buildBuildingTileset } from '../../server/tiles/build-tileset.ts';
import { readAccessor, readGlb, readPropertyTable } from '../../server/tiles/read-glb.ts';

const CITYJSON = '/work/shared/fixtures/cityjson';
const GEOID_M = 43;

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-loadersgl-'));
let server: http.Server;
let base = '';

beforeAll(async () => {
  // A bare static server over the temporary directory: names come from our own tileset, checked to stay inside.
  server = http.createServer((req, res) => {
    const file = path.resolve(root, `.${decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)}`);
    if (!file.startsWith(`${root}${path.sep}`) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': file.endsWith('.json') ? 'application/json' : 'model/gltf-binary' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(root, { recursive: true, force: true });
});

/** What loaders.gl's normalised tile header carries that we check. */
interface LoadedTile {
  contentUrl?: string;
  lodMetricValue: number;
  refine?: number | string;
  children: LoadedTile[];
}

interface OurTile {
  geometricError: number;
  content?: { uri: string };
  children?: OurTile[];
}

/** Walks both trees side by side: same shape, same errors, same content URIs. Returns the content URIs. */
function compareTrees(theirs: LoadedTile, ours: OurTile, tilesetUrl: string, out: string[] = []): string[] {
  expect(theirs.lodMetricValue).toBe(ours.geometricError);
  expect(theirs.children.length).toBe(ours.children?.length ?? 0);
  if (ours.content) {
    expect(theirs.contentUrl).toBe(new URL(ours.content.uri, tilesetUrl).href);
    out.push(ours.content.uri);
  } else {
    expect(theirs.contentUrl).toBeFalsy();
  }
  theirs.children.forEach((child, i) => {
    // Geometric error never grows going down, and a leaf's is 0.
    expect(child.lodMetricValue).toBeLessThanOrEqual(theirs.lodMetricValue);
    compareTrees(child, ours.children![i], tilesetUrl, out);
  });
  if (theirs.children.length === 0) expect(theirs.lodMetricValue).toBe(0);
  return out;
}

interface LoadedPrimitive {
  attributes: Record<string, { value: ArrayLike<number>; count?: number }>;
  indices: { value: ArrayLike<number> };
  extensions?: { EXT_mesh_features?: { featureIds: { featureCount: number; attribute?: number; propertyTable?: number }[] } };
}

interface LoadedContent {
  type: string;
  gltf: {
    extensionsUsed?: string[];
    meshes: { primitives: LoadedPrimitive[] }[];
    extensions?: {
      EXT_structural_metadata?: {
        schema: { id: string; classes: Record<string, { properties: Record<string, unknown> }> };
        propertyTables: { class: string; count: number; properties: Record<string, { data?: unknown }> }[];
      };
    };
  };
}

/** Loads the tileset and every content with loaders.gl and checks them against our reader. Returns totals. */
async function loadAndCompare(name: string): Promise<{ contents: number; features: number; triangles: number; identificatie: Set<string> }> {
  const url = `${base}/${name}/tileset.json`;
  const loaded = (await load(url, Tiles3DLoader)) as unknown as { root: LoadedTile; lodMetricValue: number; asset: { version: string } };
  const ours = JSON.parse(fs.readFileSync(path.join(root, name, 'tileset.json'), 'utf8')) as { root: OurTile };
  expect(loaded.asset.version).toBe('1.1');
  expect(loaded.root.children.length).toBeGreaterThan(0);
  const uris = compareTrees(loaded.root, ours.root, url);
  expect(uris.length).toBeGreaterThan(1);
  const totals = { contents: 0, features: 0, triangles: 0, identificatie: new Set<string>() };
  for (const uri of uris) {
    const content = (await load(new URL(uri, url).href, Tiles3DLoader)) as unknown as LoadedContent;
    const glb = readGlb(new Uint8Array(fs.readFileSync(path.join(root, name, uri))));
    const ourPrimitive = glb.json.meshes![0].primitives[0];
    const ourTable = readPropertyTable(glb);
    expect(content.type).toBe('glTF');
    expect(content.gltf.extensionsUsed).toEqual(expect.arrayContaining(['EXT_mesh_features', 'EXT_structural_metadata']));
    expect(content.gltf.meshes).toHaveLength(1);
    const primitive = content.gltf.meshes[0].primitives[0];
    // Same triangles and vertices as our reader sees.
    expect(primitive.indices.value.length).toBe(readAccessor(glb, ourPrimitive.indices!).length);
    expect(primitive.attributes.POSITION.value.length).toBe(readAccessor(glb, ourPrimitive.attributes.POSITION).length);
    // Feature ids per vertex (EXT_mesh_features) and the property table (EXT_structural_metadata).
    const featureIds = primitive.extensions?.EXT_mesh_features?.featureIds[0];
    expect(featureIds?.featureCount).toBe(ourTable.identificatie.length);
    expect(Array.from(primitive.attributes._FEATURE_ID_0.value)).toEqual(readAccessor(glb, ourPrimitive.attributes._FEATURE_ID_0));
    const metadata = content.gltf.extensions?.EXT_structural_metadata;
    expect(metadata?.schema.id).toBe('tweeling');
    expect(Object.keys(metadata!.schema.classes.building.properties).sort()).toEqual(Object.keys(ourTable).sort());
    const table = metadata!.propertyTables[0];
    expect(table.count).toBe(ourTable.identificatie.length);
    // loaders.gl decodes the columns itself: its identificatie strings must be ours.
    expect(table.properties.identificatie.data).toEqual(ourTable.identificatie);
    totals.contents++;
    totals.features += table.count;
    totals.triangles += primitive.indices.value.length / 3;
    for (const id of ourTable.identificatie) totals.identificatie.add(String(id));
  }
  return totals;
}

describe('loaders.gl reads our 3D Tiles 1.1', () => {
  it('Demostad tiles with coarse parents: tree, errors, triangles, features and metadata match our reader', async () => {
    const demo = generateDemostad({ seed: 3, scale: 0.05 });
    const report = await buildBuildingTileset(demo.buildings, { outDir: path.join(root, 'demo'), geoidHeightM: GEOID_M, synthetic: true, maxBuildingsPerTile: 60, coarseContent: true, coarseMinBuildings: 0 });
    const totals = await loadAndCompare('demo');
    console.log(`loaders.gl: demo ${demo.buildings.length} buildings, ${totals.contents} contents, ${totals.triangles} triangles`);
    expect(totals.contents).toBe(report.contentCount);
    // Every building is in some content (leaves hold each exactly once; coarse parents repeat the biggest).
    expect(totals.identificatie).toEqual(new Set(demo.buildings.map((b) => b.id)));
    expect(totals.features).toBeGreaterThan(report.buildingCount);
  }, 120_000);

  const fixtures = fs.existsSync(CITYJSON) ? fs.readdirSync(CITYJSON).filter((f) => /\.city\.json$/.test(f)).sort() : [];
  if (fixtures.length === 0) console.log(`cityjson fixtures: skipped, ${CITYJSON} is absent`);
  it.skipIf(fixtures.length === 0)('CityJSON fixture tiles (LoD2 meshes, 3D BAG attributes) load in loaders.gl', async () => {
    const store = await openSqliteStore(path.join(root, 'cityjson.sqlite'));
    const buildings: Building[] = [];
    try {
      await importBuildingsCommand(store, fixtures.map((f) => path.join(CITYJSON, f)), { skipInvalid: true });
      for await (const b of store.allBuildings()) buildings.push(b);
    } finally {
      await store.close();
    }
    const report = await buildBuildingTileset(buildings, { outDir: path.join(root, 'cityjson'), geoidHeightM: GEOID_M, maxBuildingsPerTile: 8 });
    const totals = await loadAndCompare('cityjson');
    console.log(`loaders.gl: cityjson ${buildings.length} buildings, ${totals.contents} contents, ${totals.triangles} triangles`);
    expect(totals.features).toBe(report.buildingCount);
    expect(totals.identificatie).toEqual(new Set(buildings.map((b) => b.id)));
  }, 120_000);
});
