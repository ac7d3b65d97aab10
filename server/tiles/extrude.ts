// LoD1 block model: a footprint extruded from its ground level to its roof height. Pure geometry in the
// footprint's own plane (x east, y north, z up); reprojectMesh moves the result into a tile's frame.
import type { RingRd } from '../contracts/model.ts';
import { normalizePolygon } from '../geo/polygon.ts';
import { triangulatePolygon } from '../geo/triangulate-polygon.ts';
import type { Mesh } from './mesh.ts';

export interface ExtrudeOptions {
  /**
   * Add a downward-facing floor cap. Off by default: buildings stand on the terrain, so the floor is never
   * seen from above and back-face culling hides it from below; leaving it out saves a third of the triangles.
   */
  floor?: boolean;
}

/**
 * Extrudes a footprint (outer ring then holes, any orientation, degenerate points allowed) between
 * baseZ and topZ. Roof cap (+z, triangulated with holes), one flat-shaded quad per edge of every ring with
 * an outward normal (into the courtyard for hole edges), optional floor. Triangles are counter-clockwise seen
 * from outside, as glTF front faces are. A degenerate footprint or non-positive height gives an empty mesh.
 */
export function extrudeFootprint(polygon: readonly RingRd[], baseZ: number, topZ: number, options: ExtrudeOptions = {}): Mesh {
  const mesh: Mesh = { positions: [], normals: [], indices: [] };
  const rings = normalizePolygon(polygon);
  if (rings.length === 0 || !(topZ > baseZ)) return mesh;
  const triangles = triangulatePolygon(rings);
  addCap(mesh, rings, triangles, topZ, 1);
  if (options.floor) addCap(mesh, rings, triangles, baseZ, -1);
  for (const ring of rings) addWalls(mesh, ring, baseZ, topZ);
  return mesh;
}

function addCap(mesh: Mesh, rings: readonly RingRd[], triangles: readonly number[], z: number, up: 1 | -1): void {
  const first = mesh.positions.length / 3;
  for (const ring of rings) {
    for (const [x, y] of ring) {
      mesh.positions.push(x, y, z);
      mesh.normals.push(0, 0, up);
    }
  }
  for (let t = 0; t < triangles.length; t += 3) {
    // Triangles are counter-clockwise from above; a floor seen from below needs them reversed.
    if (up === 1) mesh.indices.push(first + triangles[t], first + triangles[t + 1], first + triangles[t + 2]);
    else mesh.indices.push(first + triangles[t], first + triangles[t + 2], first + triangles[t + 1]);
  }
}

/**
 * Rings are normalised (outer counter-clockwise, holes clockwise), so the solid is always on the left of
 * an edge a→b and outside is on its right: outward normal (dy, −dx) for outer and hole rings alike.
 */
function addWalls(mesh: Mesh, ring: RingRd, baseZ: number, topZ: number): void {
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const [ax, ay] = ring[i];
    const [bx, by] = ring[(i + 1) % n];
    const len = Math.hypot(bx - ax, by - ay);
    if (!(len > 0)) continue;
    const nx = (by - ay) / len;
    const ny = -(bx - ax) / len;
    const first = mesh.positions.length / 3;
    // Seen from outside, a is on the left and b on the right: a0 b0 b1 a1 runs counter-clockwise.
    mesh.positions.push(ax, ay, baseZ, bx, by, baseZ, bx, by, topZ, ax, ay, topZ);
    for (let k = 0; k < 4; k++) mesh.normals.push(nx, ny, 0);
    mesh.indices.push(first, first + 1, first + 2, first, first + 2, first + 3);
  }
}
