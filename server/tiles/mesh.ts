// A triangle mesh as plain arrays, the hand-off between geometry (extrude) and encoding (glb).
// Vertices are never shared between faces (flat shading), so a vertex's normal is its face's normal.

export interface Mesh {
  /** x, y, z per vertex. */
  positions: number[];
  /** Unit normal per vertex. */
  normals: number[];
  /** Vertex index triplets, counter-clockwise seen from the side the normal points to. */
  indices: number[];
}

export const vertexCount = (mesh: Mesh): number => mesh.positions.length / 3;

/**
 * Maps every vertex through `project` (e.g. RD + height → local ENU) and recomputes each normal from the
 * mapped triangles around it, so normals match the geometry actually drawn even where the map rotates
 * (RD grid north is not true north) or curves. A vertex whose triangles all collapse keeps its old normal.
 */
export function reprojectMesh(mesh: Mesh, project: (x: number, y: number, z: number) => readonly number[]): Mesh {
  const n = vertexCount(mesh);
  const positions = new Array<number>(3 * n);
  for (let v = 0; v < n; v++) {
    const p = project(mesh.positions[3 * v], mesh.positions[3 * v + 1], mesh.positions[3 * v + 2]);
    positions[3 * v] = p[0];
    positions[3 * v + 1] = p[1];
    positions[3 * v + 2] = p[2];
  }
  const sums = new Float64Array(3 * n);
  for (let t = 0; t < mesh.indices.length; t += 3) {
    const [a, b, c] = [mesh.indices[t], mesh.indices[t + 1], mesh.indices[t + 2]];
    const [cx, cy, cz] = triangleCross(positions, a, b, c);
    for (const v of [a, b, c]) {
      sums[3 * v] += cx;
      sums[3 * v + 1] += cy;
      sums[3 * v + 2] += cz;
    }
  }
  const normals = new Array<number>(3 * n);
  for (let v = 0; v < n; v++) {
    const len = Math.hypot(sums[3 * v], sums[3 * v + 1], sums[3 * v + 2]);
    for (let k = 0; k < 3; k++) normals[3 * v + k] = len > 0 ? sums[3 * v + k] / len : mesh.normals[3 * v + k];
  }
  return { positions, normals, indices: mesh.indices.slice() };
}

/** (b − a) × (c − a): twice the triangle's area along its counter-clockwise normal. */
export function triangleCross(positions: ArrayLike<number>, a: number, b: number, c: number): [number, number, number] {
  const ux = positions[3 * b] - positions[3 * a];
  const uy = positions[3 * b + 1] - positions[3 * a + 1];
  const uz = positions[3 * b + 2] - positions[3 * a + 2];
  const wx = positions[3 * c] - positions[3 * a];
  const wy = positions[3 * c + 1] - positions[3 * a + 1];
  const wz = positions[3 * c + 2] - positions[3 * a + 2];
  return [uy * wz - uz * wy, uz * wx - ux * wz, ux * wy - uy * wx];
}
