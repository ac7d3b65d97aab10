// Triangulation of a planar polygon with holes (earcut), with a guaranteed counter-clockwise winding so
// that a roof cap faces up (+z) whatever order earcut returns.
import earcut from 'earcut';
import type { RingRd } from '../contracts/model.ts';

/**
 * Triangles as index triplets into the polygon's points taken ring after ring (outer ring first), each
 * counter-clockwise (positive area in x-east/y-north). Zero-area triangles are left out. Correct for
 * concave rings and holes; the rings should be clean (see normalizePolygon).
 */
export function triangulatePolygon(polygon: readonly RingRd[]): number[] {
  if (polygon.length === 0 || polygon[0].length < 3) return [];
  // Coordinates relative to the first point: earcut's predicates lose digits on raw RD values (~10^5 m).
  const [ox, oy] = polygon[0][0];
  const flat: number[] = [];
  const holeStarts: number[] = [];
  polygon.forEach((ring, r) => {
    if (r > 0) holeStarts.push(flat.length / 2);
    for (const [x, y] of ring) flat.push(x - ox, y - oy);
  });
  const raw = earcut(flat, holeStarts.length > 0 ? holeStarts : null, 2);
  const out: number[] = [];
  for (let t = 0; t < raw.length; t += 3) {
    const a = raw[t];
    const b = raw[t + 1];
    const c = raw[t + 2];
    const twiceArea =
      (flat[2 * b] - flat[2 * a]) * (flat[2 * c + 1] - flat[2 * a + 1]) -
      (flat[2 * c] - flat[2 * a]) * (flat[2 * b + 1] - flat[2 * a + 1]);
    if (twiceArea > 0) out.push(a, b, c);
    else if (twiceArea < 0) out.push(a, c, b);
  }
  return out;
}
