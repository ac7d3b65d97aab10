// Triangulation of one planar 3D surface with holes (a CityJSON polygon): project onto the plane its normal is
// most aligned with, earcut there, and orient every triangle like the ring (the ring's winding says which side
// is outside, and glTF back-face culling depends on it). Pure.
import earcut from 'earcut';

export type Point3 = readonly [number, number, number];

/** Newell's method: the ring's (unnormalised) normal, robust for non-convex and slightly non-planar rings. */
export function newellNormal(ring: readonly Point3[]): [number, number, number] {
  let nx = 0;
  let ny = 0;
  let nz = 0;
  const [ox, oy, oz] = ring[0];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    // Relative to the first point: RD coordinates are ~10^5 m and products would lose the millimetres.
    const ay = a[1] - oy, az = a[2] - oz, ax = a[0] - ox;
    const by = b[1] - oy, bz = b[2] - oz, bx = b[0] - ox;
    nx += (ay - by) * (az + bz);
    ny += (az - bz) * (ax + bx);
    nz += (ax - bx) * (ay + by);
  }
  return [nx, ny, nz];
}

/**
 * Triangles as index triplets into the rings' points taken ring after ring. Each triangle's normal points
 * the same way as the outer ring's Newell normal. Degenerate (zero-area) surfaces give no triangles.
 */
export function triangulateSurface(rings: readonly (readonly Point3[])[]): number[] {
  if (rings.length === 0 || rings[0].length < 3) return [];
  const normal = newellNormal(rings[0]);
  const ax = Math.abs(normal[0]);
  const ay = Math.abs(normal[1]);
  const az = Math.abs(normal[2]);
  if (ax + ay + az === 0) return [];
  // Drop the axis the normal is most aligned with; the other two span the projection plane.
  const [u, v] = az >= ax && az >= ay ? [0, 1] : ax >= ay ? [1, 2] : [2, 0];
  const [ou, ov] = [rings[0][0][u], rings[0][0][v]];
  const flat: number[] = [];
  const holes: number[] = [];
  const points: Point3[] = [];
  rings.forEach((ring, r) => {
    if (r > 0) holes.push(points.length);
    for (const p of ring) {
      flat.push(p[u] - ou, p[v] - ov);
      points.push(p);
    }
  });
  // A plain triangle needs no earcut (most 3D BAG surfaces are already triangles).
  const raw = rings.length === 1 && rings[0].length === 3 ? [0, 1, 2] : earcut(flat, holes.length > 0 ? holes : null, 2);
  const out: number[] = [];
  for (let t = 0; t < raw.length; t += 3) {
    const [a, b, c] = [raw[t], raw[t + 1], raw[t + 2]];
    const cross = triangleNormal(points[a], points[b], points[c]);
    const dot = cross[0] * normal[0] + cross[1] * normal[1] + cross[2] * normal[2];
    if (dot > 0) out.push(a, b, c);
    else if (dot < 0) out.push(a, c, b);
  }
  return out;
}

function triangleNormal(a: Point3, b: Point3, c: Point3): [number, number, number] {
  const u = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  const w = [c[0] - a[0], c[1] - a[1], c[2] - a[2]];
  return [u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]];
}
