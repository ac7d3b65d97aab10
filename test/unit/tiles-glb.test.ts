import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import type { Building, PointRd } from '../../server/contracts/model.ts';
import { buildBuildingContent } from '../../server/tiles/building-content.ts';
import { writeGlb } from '../../server/tiles/glb.ts';
import { readAccessor, readGlb, readPropertyTable } from '../../server/tiles/read-glb.ts';

const GEOID_M = 43;

function createBuilding(overrides: Partial<Building> & { x: number; y: number; w?: number }): Building {
  const { x, y, w = 10, ...rest } = overrides;
  const square: PointRd[] = [[x, y], [x + w, y], [x + w, y + w], [x, y + w]];
  return {
    id: `NL.IMBAG.Pand.${x}${y}`,
    footprint: [square],
    groundM: 1.5,
    heightM: 9,
    roofType: 'plat',
    year: 1931,
    function: 'woning',
    dwellings: 2,
    buurtCode: 'BU99990101',
    ...rest,
  };
}

function createBuildings(): Building[] {
  return [
    createBuilding({ x: 155_000, y: 463_000 }),
    createBuilding({ x: 155_020, y: 463_000, id: 'NL.IMBAG.Pand.éé-ß', function: 'winkel', year: 2024, heightM: 23.75, groundM: -4.2, buurtCode: null, roofType: 'zadeldak', dwellings: 0 }),
    {
      ...createBuilding({ x: 155_040, y: 463_000, w: 30, function: 'maatschappelijk', dwellings: 70000 }),
      footprint: [
        [[155_040, 463_000], [155_070, 463_000], [155_070, 463_030], [155_040, 463_030]],
        [[155_050, 463_010], [155_050, 463_020], [155_060, 463_020], [155_060, 463_010]],
      ],
    },
  ];
}

function contentGlb() {
  const content = buildBuildingContent(createBuildings(), { geoidHeightM: GEOID_M });
  if (!content) throw new Error('expected content');
  return { content, glb: readGlb(content.glb) };
}

describe('GLB round trip', () => {
  it('has a valid header and chunk lengths, with BIN 8-byte aligned', () => {
    const { content, glb } = contentGlb();
    const dv = new DataView(content.glb.buffer, content.glb.byteOffset);
    expect(dv.getUint32(0, true)).toBe(0x46546c67);
    expect(glb.version).toBe(2);
    expect(glb.byteLength).toBe(content.glb.byteLength);
    expect(glb.jsonChunkLength % 4).toBe(0);
    expect(20 + glb.jsonChunkLength + 8 + glb.bin.byteLength).toBe(content.glb.byteLength);
    expect((20 + glb.jsonChunkLength + 8) % 8).toBe(0);
    for (const view of glb.json.bufferViews!) expect((view.byteOffset ?? 0) % 8).toBe(0);
  });

  it('declares the metadata extensions as used, not required', () => {
    const { glb } = contentGlb();
    expect(glb.json.extensionsUsed).toEqual(expect.arrayContaining(['EXT_mesh_features', 'EXT_structural_metadata']));
    expect(glb.json.extensionsRequired).toBeUndefined();
    const material = (glb.json.materials as any[])[0];
    expect(material.pbrMetallicRoughness.metallicFactor).toBe(0);
    expect(material.doubleSided).toBe(false);
  });

  it('stores POSITION min/max equal to the data', () => {
    const { glb } = contentGlb();
    const primitive = glb.json.meshes![0].primitives[0];
    const accessor = glb.json.accessors![primitive.attributes.POSITION];
    const positions = readAccessor(glb, primitive.attributes.POSITION);
    for (let k = 0; k < 3; k++) {
      const axis = positions.filter((_, i) => i % 3 === k);
      expect(accessor.min![k]).toBe(Math.min(...axis));
      expect(accessor.max![k]).toBe(Math.max(...axis));
    }
  });

  it('has unit normals and indices within the vertex range', () => {
    const { glb } = contentGlb();
    const primitive = glb.json.meshes![0].primitives[0];
    const normals = readAccessor(glb, primitive.attributes.NORMAL);
    for (let i = 0; i < normals.length; i += 3) expect(Math.hypot(normals[i], normals[i + 1], normals[i + 2])).toBeCloseTo(1, 5);
    const count = glb.json.accessors![primitive.attributes.POSITION].count;
    expect(Math.max(...readAccessor(glb, primitive.indices!))).toBeLessThan(count);
  });

  it('winds triangles counter-clockwise around their normals in the y-up tile frame, roofs facing +y', () => {
    const { glb } = contentGlb();
    const primitive = glb.json.meshes![0].primitives[0];
    const p = readAccessor(glb, primitive.attributes.POSITION);
    const n = readAccessor(glb, primitive.attributes.NORMAL);
    const indices = readAccessor(glb, primitive.indices!);
    let roofs = 0;
    for (let t = 0; t < indices.length; t += 3) {
      const [a, b, c] = indices.slice(t, t + 3);
      const u = [0, 1, 2].map((k) => p[3 * b + k] - p[3 * a + k]);
      const w = [0, 1, 2].map((k) => p[3 * c + k] - p[3 * a + k]);
      const cross = [u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]];
      const len = Math.hypot(...cross);
      if (len < 1e-6) continue;
      expect((cross[0] * n[3 * a] + cross[1] * n[3 * a + 1] + cross[2] * n[3 * a + 2]) / len).toBeGreaterThan(0.999);
      if (n[3 * a + 1] > 0.99) roofs++;
    }
    expect(roofs).toBeGreaterThan(0);
  });

  it('has feature ids covering 0..n-1, matching featureCount and the property table', () => {
    const { glb } = contentGlb();
    const primitive = glb.json.meshes![0].primitives[0];
    const ids = new Set(readAccessor(glb, primitive.attributes._FEATURE_ID_0));
    expect([...ids].sort()).toEqual([0, 1, 2]);
    expect(primitive.extensions!.EXT_mesh_features).toEqual({ featureIds: [{ featureCount: 3, attribute: 0, propertyTable: 0 }] });
    expect(glb.json.extensions!.EXT_structural_metadata.propertyTables[0].count).toBe(3);
  });

  it('decodes property table values back to the building attributes', () => {
    const buildings = createBuildings();
    const { glb } = contentGlb();
    const table = readPropertyTable(glb);
    expect(table.identificatie).toEqual(buildings.map((b) => b.id));
    expect(table.functie).toEqual(buildings.map((b) => b.function));
    expect(table.bouwjaar).toEqual(buildings.map((b) => b.year));
    expect(table.hoogte).toEqual(buildings.map((b) => Math.fround(b.heightM)));
    expect(table.maaiveld).toEqual(buildings.map((b) => Math.fround(b.groundM)));
    expect(table.daktype).toEqual(buildings.map((b) => b.roofType));
    // UINT16 saturates rather than wrapping.
    expect(table.woningen).toEqual([2, 0, 65535]);
    expect(table.buurt).toEqual(['BU99990101', '', 'BU99990101']);
    const schema = glb.json.extensions!.EXT_structural_metadata.schema.classes.building.properties;
    expect(schema.bouwjaar).toMatchObject({ type: 'SCALAR', componentType: 'UINT16' });
    expect(schema.hoogte).toMatchObject({ type: 'SCALAR', componentType: 'FLOAT32' });
  });

  it('switches to Uint32 indices past 65,535 vertices', () => {
    const vertexCount = 70_000;
    const positions = new Float32Array(3 * vertexCount).map((_, i) => i);
    const bytes = writeGlb({
      positions,
      normals: new Float32Array(3 * vertexCount).fill(0),
      featureIds: new Float32Array(vertexCount),
      indices: Uint32Array.from([0, 1, vertexCount - 1]),
      featureCount: 1,
    });
    const glb = readGlb(bytes);
    const indices = glb.json.meshes![0].primitives[0].indices!;
    expect(glb.json.accessors![indices].componentType).toBe(5125);
    expect(readAccessor(glb, indices)).toEqual([0, 1, vertexCount - 1]);
  });
});

describe('readGlb on a published sample', () => {
  // CesiumGS/3d-tiles-samples 1.1/BoundingBoxTests (CC0), see shared/fixtures/SOURCES.md.
  const fixture = new URL('../../../shared/fixtures/3dtiles/1.1-BoundingBoxTests-0_0_2-1_1_4/0_0_2-1_1_4.glb', import.meta.url);

  it('parses the header, JSON and POSITION data consistent with its min/max', () => {
    const glb = readGlb(new Uint8Array(fs.readFileSync(fixture)));
    expect(glb.version).toBe(2);
    const position = glb.json.meshes![0].primitives[0].attributes.POSITION;
    const values = readAccessor(glb, position);
    const accessor = glb.json.accessors![position];
    for (let k = 0; k < 3; k++) {
      const axis = values.filter((_, i) => i % 3 === k);
      expect(Math.min(...axis)).toBeCloseTo(accessor.min![k], 5);
      expect(Math.max(...axis)).toBeCloseTo(accessor.max![k], 5);
    }
  });
});
