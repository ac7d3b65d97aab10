import { describe, it, expect } from 'vitest';
import type { PointRd, RingRd } from '../../server/contracts/model.ts';
import { polygonCentroid } from '../../server/geo/polygon.ts';
import { extrudeFootprint } from '../../server/tiles/extrude.ts';
import { reprojectMesh, triangleCross, type Mesh } from '../../server/tiles/mesh.ts';

const X0 = 155_000;
const Y0 = 463_000;
const at = (ring: [number, number][]): RingRd => ring.map(([x, y]): PointRd => [X0 + x, Y0 + y]);
const BASE = 45;
const TOP = 57;

function createSquare(): RingRd[] {
  return [at([[0, 0], [10, 0], [10, 10], [0, 10]])];
}

function createHexagon(): RingRd[] {
  const ring: [number, number][] = [];
  for (let i = 0; i < 6; i++) ring.push([8 * Math.cos((i * Math.PI) / 3), 8 * Math.sin((i * Math.PI) / 3)]);
  return [at(ring)];
}

function createCourtyard(): RingRd[] {
  return [at([[0, 0], [30, 0], [30, 30], [0, 30]]), at([[10, 10], [10, 20], [20, 20], [20, 10]])];
}

/** Wall quads: the vertices with a horizontal normal, four consecutive ones per wall. */
function wallFaces(mesh: Mesh): { centre: number[]; normal: number[] }[] {
  const wallVertices: number[] = [];
  for (let v = 0; v < mesh.positions.length / 3; v++) if (mesh.normals[3 * v + 2] === 0) wallVertices.push(v);
  const faces: { centre: number[]; normal: number[] }[] = [];
  for (let i = 0; i < wallVertices.length; i += 4) {
    const quad = wallVertices.slice(i, i + 4);
    const centre = [0, 1, 2].map((k) => quad.reduce((s, v) => s + mesh.positions[3 * v + k], 0) / 4);
    faces.push({ centre, normal: [0, 1, 2].map((k) => mesh.normals[3 * quad[0] + k]) });
  }
  return faces;
}

describe('extrudeFootprint', () => {
  it('gives every wall of a convex footprint an outward normal', () => {
    for (const polygon of [createSquare(), createHexagon()]) {
      const mesh = extrudeFootprint(polygon, BASE, TOP);
      const [cx, cy] = polygonCentroid(polygon);
      const walls = wallFaces(mesh);
      expect(walls).toHaveLength(polygon[0].length);
      for (const { centre, normal } of walls) {
        expect(normal[0] * (centre[0] - cx) + normal[1] * (centre[1] - cy)).toBeGreaterThan(0);
      }
    }
  });

  it('points the roof normals up and leaves out the floor by default', () => {
    const mesh = extrudeFootprint(createSquare(), BASE, TOP);
    for (let v = 0; v < mesh.positions.length / 3; v++) {
      if (mesh.normals[3 * v + 2] !== 0) {
        expect(mesh.normals.slice(3 * v, 3 * v + 3)).toEqual([0, 0, 1]);
        expect(mesh.positions[3 * v + 2]).toBe(TOP);
      }
    }
  });

  it('points the courtyard walls into the courtyard', () => {
    const polygon = createCourtyard();
    const mesh = extrudeFootprint(polygon, BASE, TOP);
    const [hx, hy] = [X0 + 15, Y0 + 15];
    const inner = wallFaces(mesh).filter(({ centre }) => Math.abs(centre[0] - hx) <= 5 && Math.abs(centre[1] - hy) <= 5);
    expect(inner).toHaveLength(4);
    for (const { centre, normal } of inner) {
      expect(normal[0] * (hx - centre[0]) + normal[1] * (hy - centre[1])).toBeGreaterThan(0);
    }
  });

  it('winds every triangle counter-clockwise around its normal (glTF front faces)', () => {
    const mesh = extrudeFootprint(createCourtyard(), BASE, TOP, { floor: true });
    for (let t = 0; t < mesh.indices.length; t += 3) {
      const [a, b, c] = mesh.indices.slice(t, t + 3);
      const cross = triangleCross(mesh.positions, a, b, c);
      const dot = cross[0] * mesh.normals[3 * a] + cross[1] * mesh.normals[3 * a + 1] + cross[2] * mesh.normals[3 * a + 2];
      expect(dot).toBeGreaterThan(0);
    }
  });

  it('keeps every vertex between base and top', () => {
    const mesh = extrudeFootprint(createCourtyard(), BASE, TOP, { floor: true });
    const zs = mesh.positions.filter((_, i) => i % 3 === 2);
    expect(Math.min(...zs)).toBe(BASE);
    expect(Math.max(...zs)).toBe(TOP);
  });

  it('skips repeated points and zero-length edges without throwing', () => {
    const ring = at([[0, 0], [0, 0], [10, 0], [10, 0], [10, 10], [0, 10], [0, 0]]);
    const mesh = extrudeFootprint([ring], BASE, TOP);
    expect(wallFaces(mesh)).toHaveLength(4);
    expect(mesh.indices.length / 3).toBe(2 + 4 * 2);
  });

  it('returns an empty mesh for a footprint without area or a non-positive height', () => {
    expect(extrudeFootprint([at([[0, 0], [5, 5], [10, 10]])], BASE, TOP).indices).toEqual([]);
    expect(extrudeFootprint(createSquare(), BASE, BASE).indices).toEqual([]);
  });
});

describe('reprojectMesh', () => {
  it('recomputes normals from the mapped geometry', () => {
    const mesh = extrudeFootprint(createSquare(), BASE, TOP);
    // A 90° turn about z: (x, y, z) → (−y, x, z); normals must turn with it.
    const turned = reprojectMesh(mesh, (x, y, z) => [-(y - Y0), x - X0, z]);
    for (let v = 0; v < mesh.positions.length / 3; v++) {
      expect(turned.normals[3 * v]).toBeCloseTo(-mesh.normals[3 * v + 1], 12);
      expect(turned.normals[3 * v + 1]).toBeCloseTo(mesh.normals[3 * v], 12);
      expect(turned.normals[3 * v + 2]).toBeCloseTo(mesh.normals[3 * v + 2], 12);
    }
  });
});
