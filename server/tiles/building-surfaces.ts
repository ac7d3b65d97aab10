// Geometry of one building for a tile, with a surface class per vertex: the imported mesh (LoD2.2 etc.)
// when the building has one, else the LoD1 extrusion of its footprint. Pure.
import { type Building, SURFACE_GROUND, SURFACE_ROOF, SURFACE_WALL } from '../contracts/model.ts';
import { extrudeFootprint } from './extrude.ts';
import { type Mesh, triangleCross } from './mesh.ts';

export interface SurfacedMesh extends Mesh {
  /** SURFACE_* per vertex (vertices are not shared between triangles, so per triangle too). */
  surfaces: number[];
  /** "1.2"-style LoD actually drawn: the mesh's, or "1.2" for an extruded block. */
  lod: string;
}

/** Linear RGBA bytes per surface class: light walls, terracotta roofs, dark ground. Stable: the client's legend. */
export const SURFACE_COLORS: Record<number, [number, number, number, number]> = {
  [SURFACE_GROUND]: [90, 90, 90, 255],
  [SURFACE_WALL]: [230, 226, 218, 255],
  [SURFACE_ROOF]: [176, 84, 56, 255],
};

/** Heights in the mesh are NAP; `offsetZ` (the geoid height) makes them ellipsoidal. */
export function buildingSurfaces(building: Building, offsetZ: number, options: { floor?: boolean } = {}): SurfacedMesh {
  if (building.lod2 && building.lod2.indices.length > 0) return importedMesh(building.lod2, offsetZ);
  const baseM = building.groundM + offsetZ;
  const block = extrudeFootprint(building.footprint, baseM, baseM + building.heightM, { floor: options.floor });
  // The extrusion's normals are exact: up for the roof, down for a floor, level for walls.
  const surfaces: number[] = [];
  for (let v = 0; v < block.normals.length; v += 3) {
    const up = block.normals[v + 2];
    surfaces.push(up > 0.5 ? SURFACE_ROOF : up < -0.5 ? SURFACE_GROUND : SURFACE_WALL);
  }
  return { ...block, surfaces, lod: '1.2' };
}

/** Unshares the vertices (flat shading: each triangle gets its own three, with the face normal). */
function importedMesh(mesh: NonNullable<Building['lod2']>, offsetZ: number): SurfacedMesh {
  const positions: number[] = [];
  const normals: number[] = [];
  const indices: number[] = [];
  const surfaces: number[] = [];
  const src = mesh.positions;
  for (let t = 0; t < mesh.indices.length / 3; t++) {
    const first = positions.length / 3;
    for (let k = 0; k < 3; k++) {
      const v = mesh.indices[3 * t + k];
      positions.push(src[3 * v], src[3 * v + 1], src[3 * v + 2] + offsetZ);
    }
    const [cx, cy, cz] = triangleCross(positions, first, first + 1, first + 2);
    const len = Math.hypot(cx, cy, cz);
    if (!(len > 0)) {
      // Zero-area triangle: nothing to draw, and no normal to give it.
      positions.length -= 9;
      continue;
    }
    for (let k = 0; k < 3; k++) {
      normals.push(cx / len, cy / len, cz / len);
      surfaces.push(mesh.surface[t] ?? SURFACE_WALL);
    }
    indices.push(first, first + 1, first + 2);
  }
  return { positions, normals, indices, surfaces, lod: mesh.lod };
}
