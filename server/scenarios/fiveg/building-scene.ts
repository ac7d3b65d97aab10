// One bounding-volume hierarchy over every building's LoD1 triangles, for line-of-sight tests. Built in a local
// RD frame (RD metres minus an origin, z = NAP metres) so Float32 vertices keep millimetre precision over a town.
import { BufferAttribute, BufferGeometry } from 'three';
import { MeshBVH } from 'three-mesh-bvh';
import type { Building } from '../../contracts/model.ts';
import { extrudeFootprint } from '../../tiles/extrude.ts';

export interface BuildingScene {
  bvh: MeshBVH;
  /** RD New coordinates of the local frame's (0, 0); z is not shifted (NAP metres). */
  originRd: readonly [number, number];
  /** Building index (into the array the scene was built from) of every vertex; the BVH reorders faces, not vertices. */
  buildingOfVertex: Int32Array;
  /** The BVH's (reordered) triangle index buffer, to go from a hit's faceIndex to its building. */
  triangleIndex: ArrayLike<number>;
  triangleCount: number;
}

type SceneBuilding = Pick<Building, 'footprint' | 'groundM' | 'heightM'>;

/** Extrudes every building (roof and walls; floors are never hit from outside) and builds the BVH. */
export function buildBuildingScene(buildings: readonly SceneBuilding[], originRd?: readonly [number, number]): BuildingScene {
  const origin = originRd ?? centreOf(buildings);
  const meshes = buildings.map((b) => extrudeFootprint(b.footprint, b.groundM, b.groundM + b.heightM));
  let vertexCount = 0;
  let indexCount = 0;
  for (const m of meshes) {
    vertexCount += m.positions.length / 3;
    indexCount += m.indices.length;
  }
  const positions = new Float32Array(Math.max(vertexCount, 3) * 3);
  const index = new Uint32Array(Math.max(indexCount, 3));
  const buildingOfVertex = new Int32Array(Math.max(vertexCount, 3)).fill(-1);
  let v = 0;
  let i = 0;
  meshes.forEach((m, b) => {
    const first = v;
    for (let k = 0; k < m.positions.length; k += 3) {
      positions[v * 3] = m.positions[k] - origin[0];
      positions[v * 3 + 1] = m.positions[k + 1] - origin[1];
      positions[v * 3 + 2] = m.positions[k + 2];
      buildingOfVertex[v++] = b;
    }
    for (const idx of m.indices) index[i++] = first + idx;
  });
  if (indexCount === 0) {
    // An empty town still needs a valid BVH: one degenerate triangle far below ground that no ray can hit.
    positions.set([0, 0, -1e6, 0, 0, -1e6, 0, 0, -1e6]);
  }
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(positions, 3));
  geometry.setIndex(new BufferAttribute(index, 1));
  const bvh = new MeshBVH(geometry);
  return { bvh, originRd: origin, buildingOfVertex, triangleIndex: geometry.index!.array, triangleCount: indexCount / 3 };
}

function centreOf(buildings: readonly SceneBuilding[]): [number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const b of buildings) {
    for (const [x, y] of b.footprint[0]) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return Number.isFinite(minX) ? [Math.round((minX + maxX) / 2), Math.round((minY + maxY) / 2)] : [0, 0];
}
