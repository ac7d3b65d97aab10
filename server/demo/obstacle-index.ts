// A uniform grid of convex obstacles (street strips, water and green triangles, placed plots) that the
// placement asks "is this spot free?". A grid beats a tree here: the pieces are all about one block in size.
import earcut from 'earcut';
import type { PointRd, PolygonRd } from '../contracts/model.ts';
import { bboxOf, convexOverlap } from './geometry.ts';

interface Obstacle {
  points: readonly PointRd[];
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  stamp: number;
}

/** Interpenetration below this (float noise) is treated as touching: neighbouring plots share their side lines. */
const TOUCH_TOLERANCE_M = 0.001;

export class ObstacleIndex {
  private readonly cells = new Map<number, Obstacle[]>();
  private queryStamp = 0;

  constructor(
    private readonly originX: number,
    private readonly originY: number,
    private readonly cellM = 40,
  ) {}

  /** Adds a convex polygon. */
  addConvex(points: readonly PointRd[]): void {
    const box = bboxOf(points);
    const obstacle: Obstacle = { points, ...box, stamp: 0 };
    this.forCells(box.minX, box.minY, box.maxX, box.maxY, (key) => {
      const list = this.cells.get(key);
      if (list) list.push(obstacle);
      else this.cells.set(key, [obstacle]);
    });
  }

  /** Adds any simple polygon (holes allowed) as triangles. */
  addPolygon(polygon: PolygonRd): void {
    for (const triangle of triangulate(polygon)) this.addConvex(triangle);
  }

  /** True when the convex polygon overlaps any obstacle by more than a touch. */
  collides(points: readonly PointRd[]): boolean {
    const box = bboxOf(points);
    const stamp = ++this.queryStamp;
    let hit = false;
    this.forCells(box.minX, box.minY, box.maxX, box.maxY, (key) => {
      if (hit) return;
      const list = this.cells.get(key);
      if (!list) return;
      for (const o of list) {
        if (o.stamp === stamp) continue;
        o.stamp = stamp;
        if (o.maxX <= box.minX || o.minX >= box.maxX || o.maxY <= box.minY || o.minY >= box.maxY) continue;
        if (convexOverlap(o.points, points, TOUCH_TOLERANCE_M)) {
          hit = true;
          return;
        }
      }
    });
    return hit;
  }

  private forCells(minX: number, minY: number, maxX: number, maxY: number, visit: (key: number) => void): void {
    const x0 = Math.floor((minX - this.originX) / this.cellM);
    const x1 = Math.floor((maxX - this.originX) / this.cellM);
    const y0 = Math.floor((minY - this.originY) / this.cellM);
    const y1 = Math.floor((maxY - this.originY) / this.cellM);
    for (let ix = x0; ix <= x1; ix++) {
      for (let iy = y0; iy <= y1; iy++) visit((ix + 1000) * 4096 + (iy + 1000));
    }
  }
}

/** Ear-clipped triangles of a polygon with holes. */
export function triangulate(polygon: PolygonRd): PointRd[][] {
  const flat: number[] = [];
  const holes: number[] = [];
  const vertices: PointRd[] = [];
  polygon.forEach((ring, i) => {
    if (i > 0) holes.push(vertices.length);
    for (const p of ring) {
      flat.push(p[0], p[1]);
      vertices.push(p);
    }
  });
  const indices = earcut(flat, holes, 2);
  const triangles: PointRd[][] = [];
  for (let i = 0; i < indices.length; i += 3) {
    triangles.push([vertices[indices[i]], vertices[indices[i + 1]], vertices[indices[i + 2]]]);
  }
  return triangles;
}
