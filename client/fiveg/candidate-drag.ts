// Moving a candidate antenna: which candidate a press on the map grabs, where a keyboard step puts it, and the
// edited candidate list. Pure: screen positions come projected by the caller, RD New via client/geo/rd.ts.
import { lonLatDegToRd, rdToLonLatDeg } from '../geo/rd.ts';
import type { LonLat } from '../state/app-state.ts';
import { createCandidate, type FivegCandidate } from './fiveg-candidate.ts';

export interface ScreenPoint {
  x: number;
  y: number;
}

/** About a fingertip: a marker is a few pixels wide, and a press this close to it means it. */
export const GRAB_RADIUS_PX = 12;

/** Metres one press of a move button shifts a candidate. */
export const MOVE_STEP_M = 5;

export const MOVE_DIRECTIONS = {
  north: [0, 1],
  east: [1, 0],
  south: [0, -1],
  west: [-1, 0],
} as const satisfies Record<string, readonly [number, number]>;
export type MoveDirection = keyof typeof MOVE_DIRECTIONS;

/**
 * Index of the candidate nearest to `at` within `radiusPx`. Each candidate may have several drawn points (its foot
 * on the ground and its antenna above it); undefined points are off screen or behind the camera.
 */
export function nearestCandidate(
  drawn: readonly (readonly (ScreenPoint | undefined)[])[],
  at: ScreenPoint,
  radiusPx = GRAB_RADIUS_PX,
): number | undefined {
  let best: number | undefined;
  let bestPx = radiusPx;
  drawn.forEach((points, index) => {
    for (const p of points) {
      if (!p) continue;
      const d = Math.hypot(p.x - at.x, p.y - at.y);
      if (d <= bestPx) {
        best = index;
        bestPx = d;
      }
    }
  });
  return best;
}

/** `lonLat` moved `eastM` and `northM` along the RD New grid (within ~2° of true north in the Netherlands). */
export function moveByMetres(lonLat: LonLat, eastM: number, northM: number): LonLat {
  const [x, y] = lonLatDegToRd(lonLat);
  const [lon, lat] = rdToLonLatDeg(x + eastM, y + northM);
  return [lon, lat];
}

export function stepCandidate(c: FivegCandidate, direction: MoveDirection, stepM = MOVE_STEP_M): FivegCandidate {
  const [east, north] = MOVE_DIRECTIONS[direction];
  return { ...c, lonLat: moveByMetres(c.lonLat, east * stepM, north * stepM) };
}

/**
 * The candidate dropped at `lonLat`: on the roof of `buildingId`, or a street mast without one. Changing between
 * roof and street takes the new kind's default support height (a 25 m mast on a roof is not what anyone meant);
 * azimuths, tilt, EIRP and band stay.
 */
export function dropCandidate(c: FivegCandidate, lonLat: LonLat, buildingId?: string): FivegCandidate {
  const fresh = createCandidate(lonLat, buildingId);
  const heightM = fresh.kind === c.kind ? c.heightM : fresh.heightM;
  const { buildingId: _old, ...rest } = c;
  return { ...rest, kind: fresh.kind, lonLat, heightM, ...(buildingId ? { buildingId } : {}) };
}

export function replaceCandidate(list: readonly FivegCandidate[], index: number, next: FivegCandidate): FivegCandidate[] {
  return list.map((c, i) => (i === index ? next : c));
}
