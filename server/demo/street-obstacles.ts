// The space streets, water and the municipal boundary take up, as an obstacle index for later layers.
import type { PointRd } from '../contracts/model.ts';
import { circlePolygon, segmentRectangle } from './geometry.ts';
import { streetHalfWidthM } from './district-styles.ts';
import { ObstacleIndex } from './obstacle-index.ts';
import type { StreetLine } from './streets.ts';
import type { TownPlan } from './town-plan.ts';

/** Kerb-side strip beyond the paved half width that nothing may be built on. */
export const VERGE_M = 0.5;

/** An index holding every street (with verge), all water and a frame around the municipality. */
export function createBaseObstacles(plan: TownPlan, lines: readonly StreetLine[]): ObstacleIndex {
  const e = plan.extent;
  const index = new ObstacleIndex(e.minX - 200, e.minY - 200);
  const frame = 50;
  const box = (x0: number, y0: number, x1: number, y1: number): PointRd[] => [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
  index.addConvex(box(e.minX - frame, e.minY - frame, e.maxX + frame, e.minY));
  index.addConvex(box(e.minX - frame, e.maxY, e.maxX + frame, e.maxY + frame));
  index.addConvex(box(e.minX - frame, e.minY, e.minX, e.maxY));
  index.addConvex(box(e.maxX, e.minY, e.maxX + frame, e.maxY));
  for (const w of plan.water) index.addPolygon(w.polygon);
  for (const line of lines) {
    const half = streetHalfWidthM(line.class) + VERGE_M;
    for (let k = 1; k < line.points.length; k++) index.addConvex(segmentRectangle(line.points[k - 1], line.points[k], half));
    // Caps at the bends and ends so nothing slips into the wedge between two straight pieces.
    for (const p of line.points) index.addConvex(circlePolygon(p, half / Math.cos(Math.PI / 8), 8));
  }
  return index;
}
