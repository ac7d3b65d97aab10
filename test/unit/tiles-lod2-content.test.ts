import { describe, expect, it } from 'vitest';
import { type Building, type BuildingMesh, SURFACE_GROUND, SURFACE_ROOF, SURFACE_WALL } from '../../server/contracts/model.ts';
import { decodeMesh, encodeMesh } from '../../server/store/sqlite/mesh-codec.ts';
import { NUMBER_NO_DATA, propertyId } from '../../server/tiles/attribute-columns.ts';
import { buildBuildingContent } from '../../server/tiles/building-content.ts';
import { SURFACE_COLORS } from '../../server/tiles/building-surfaces.ts';
import { readAccessor, readGlb, readPropertyTable } from '../../server/tiles/read-glb.ts';

const X0 = 155_000;
const Y0 = 463_000;

/** A 10 m tent: square ground, four walls 3 m high, a pyramid roof to 6 m; RD + NAP, shared vertices. */
function createTentMesh(): BuildingMesh {
  const p = [
    [X0, Y0, 0], [X0 + 10, Y0, 0], [X0 + 10, Y0 + 10, 0], [X0, Y0 + 10, 0],
    [X0, Y0, 3], [X0 + 10, Y0, 3], [X0 + 10, Y0 + 10, 3], [X0, Y0 + 10, 3],
    [X0 + 5, Y0 + 5, 6],
  ];
  const ground = [0, 2, 1, 0, 3, 2];
  const walls = [0, 1, 5, 0, 5, 4, 1, 2, 6, 1, 6, 5, 2, 3, 7, 2, 7, 6, 3, 0, 4, 3, 4, 7];
  const roof = [4, 5, 8, 5, 6, 8, 6, 7, 8, 7, 4, 8];
  return {
    lod: '2.2',
    positions: p.flat(),
    indices: [...ground, ...walls, ...roof],
    surface: [...ground.map(() => SURFACE_GROUND), ...walls.map(() => SURFACE_WALL), ...roof.map(() => SURFACE_ROOF)].filter((_, i) => i % 3 === 0),
  };
}

function createBuilding(overrides: Partial<Building> = {}): Building {
  return {
    id: 'NL.IMBAG.Pand.1',
    footprint: [[[X0, Y0], [X0 + 10, Y0], [X0 + 10, Y0 + 10], [X0, Y0 + 10]]],
    groundM: 0,
    heightM: 6,
    roofType: 'zadeldak',
    year: 1931,
    function: 'woning',
    dwellings: 1,
    buurtCode: null,
    ...overrides,
  };
}

describe('tile content with imported meshes', () => {
  it('draws the imported mesh (not an extrusion), with surface classes and roof/wall colours per vertex', () => {
    const mesh = createTentMesh();
    const content = buildBuildingContent([createBuilding({ lod2: mesh })], { geoidHeightM: 43 })!;
    expect(content.triangleCount).toBe(mesh.indices.length / 3);
    const glb = readGlb(content.glb);
    const attributes = glb.json.meshes![0].primitives[0].attributes;
    const surfaces = readAccessor(glb, attributes._SURFACE);
    const colors = readAccessor(glb, attributes.COLOR_0);
    // One surface value per vertex, three vertices per triangle, in triangle order.
    expect(surfaces).toEqual(mesh.surface.flatMap((s) => [s, s, s]));
    surfaces.forEach((s, v) => expect(colors.slice(4 * v, 4 * v + 4)).toEqual(SURFACE_COLORS[s]));
    expect(readPropertyTable(glb).lod).toEqual(['2.2']);
    // The roof apex is 6 m above the base: 43 m geoid + 6 m NAP is the top of the region.
    expect(content.region[5]).toBeCloseTo(49, 1);
  });

  it('marks extruded LoD1 blocks the same way: roof cap up, walls level', () => {
    const content = buildBuildingContent([createBuilding()], { geoidHeightM: 43 })!;
    const glb = readGlb(content.glb);
    const surfaces = readAccessor(glb, glb.json.meshes![0].primitives[0].attributes._SURFACE);
    expect(new Set(surfaces)).toEqual(new Set([SURFACE_ROOF, SURFACE_WALL]));
    expect(readPropertyTable(glb).lod).toEqual(['1.2']);
  });

  it('puts every source attribute in the property table, with noData where a building lacks it', () => {
    const content = buildBuildingContent(
      [
        createBuilding({ attributes: { b3_h_dak_50p: 7.25, b3_dak_type: 'slanted', kas_warenhuis: false, 'naam met spatie': 'x', identificatie: 'ignored' } }),
        createBuilding({ id: 'NL.IMBAG.Pand.2', footprint: [[[X0 + 20, Y0], [X0 + 30, Y0], [X0 + 30, Y0 + 10], [X0 + 20, Y0 + 10]]], attributes: { b3_dak_type: null } }),
      ],
      { geoidHeightM: 43 },
    )!;
    const glb = readGlb(content.glb);
    const table = readPropertyTable(glb);
    const schema = glb.json.extensions!.EXT_structural_metadata.schema.classes.building.properties;
    expect(table.b3_h_dak_50p).toEqual([7.25, NUMBER_NO_DATA]);
    expect(schema.b3_h_dak_50p.noData).toBe(NUMBER_NO_DATA);
    expect(table.b3_dak_type).toEqual(['slanted', '']);
    expect(table.kas_warenhuis).toEqual([0, 255]);
    expect(table[propertyId('naam met spatie')]).toEqual(['x', '']);
    // Our own identificatie column wins over a source attribute of the same name.
    expect(table.identificatie).toEqual(['NL.IMBAG.Pand.1', 'NL.IMBAG.Pand.2']);
  });
});

describe('mesh codec', () => {
  it('round-trips a mesh with RD coordinates to well under a millimetre', () => {
    const mesh = createTentMesh();
    mesh.positions = mesh.positions.map((v, i) => v + (i % 3 === 2 ? 0.0123 : 0.4567));
    const back = decodeMesh(encodeMesh(mesh));
    expect(back.lod).toBe('2.2');
    expect(back.indices).toEqual(mesh.indices);
    expect(back.surface).toEqual(mesh.surface);
    back.positions.forEach((v, i) => expect(Math.abs(v - mesh.positions[i])).toBeLessThan(1e-5));
  });
});
