// Deterministic line of sight between an antenna and a receiver by casting one ray against the building BVH
// (three-mesh-bvh raycastFirst: the nearest hit is all we need). Allocation-free per call: the ray is reused.
import { DoubleSide, Ray } from 'three';
import type { BuildingScene } from './building-scene.ts';

/** Receivers this close to a hit along the ray count as reaching it: façade points sit on the wall itself. */
const END_TOLERANCE_M = 0.05;

export interface LineOfSightTester {
  /**
   * True when nothing blocks the segment from (ax, ay, az) to (bx, by, bz), RD metres and NAP metres. A hit on
   * `ownBuilding` (the receiver's own building, index into the scene's building list) counts as clear: an indoor
   * receiver is reached through its own façade, whose loss the O2I model adds.
   */
  isClear(ax: number, ay: number, az: number, bx: number, by: number, bz: number, ownBuilding?: number): boolean;
  /** Index of the building whose roof is above (x, y), or −1: tells street points from points inside buildings. */
  buildingAbove(x: number, y: number, fromZ: number): number;
  rayCount(): number;
}

export function createLineOfSightTester(scene: BuildingScene): LineOfSightTester {
  const ray = new Ray();
  const [ox, oy] = scene.originRd;
  const { bvh, buildingOfVertex, triangleIndex } = scene;
  let rays = 0;
  const buildingOfFace = (face: number) => buildingOfVertex[triangleIndex[face * 3]];
  return {
    isClear(ax, ay, az, bx, by, bz, ownBuilding = -1) {
      const dx = bx - ax;
      const dy = by - ay;
      const dz = bz - az;
      const length = Math.sqrt(dx * dx + dy * dy + dz * dz);
      if (!(length > END_TOLERANCE_M)) return true;
      ray.origin.set(ax - ox, ay - oy, az);
      ray.direction.set(dx / length, dy / length, dz / length);
      rays++;
      const hit = bvh.raycastFirst(ray, DoubleSide, 0, length - END_TOLERANCE_M);
      if (hit === null) return true;
      // The nearest hit decides: nothing lies between the antenna and it.
      return ownBuilding >= 0 && hit.faceIndex != null && buildingOfFace(hit.faceIndex) === ownBuilding;
    },
    buildingAbove(x, y, fromZ) {
      ray.origin.set(x - ox, y - oy, fromZ);
      ray.direction.set(0, 0, -1);
      rays++;
      const hit = bvh.raycastFirst(ray, DoubleSide, 0, Infinity);
      return hit && hit.faceIndex !== undefined && hit.faceIndex !== null ? buildingOfFace(hit.faceIndex) : -1;
    },
    rayCount: () => rays,
  };
}
