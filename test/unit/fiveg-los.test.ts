// Line of sight by ray casting against hand-built scenes, checked against what the geometry obviously gives.
import { describe, expect, it } from 'vitest';
import type { Building } from '../../server/contracts/model.ts';
import { buildBuildingScene } from '../../server/scenarios/fiveg/building-scene.ts';
import { createLineOfSightTester } from '../../server/scenarios/fiveg/line-of-sight.ts';

const box = (x0: number, y0: number, x1: number, y1: number, heightM: number): Pick<Building, 'footprint' | 'groundM' | 'heightM'> => ({
  footprint: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]],
  groundM: 2,
  heightM,
});

// Antenna at (145000, 445000) 30 m NAP; receivers 200 m east at 1.5 m above ground (3.5 m NAP).
const TX = [145000, 445000, 32] as const;

describe('ray-cast line of sight', () => {
  it('a wall between antenna and receiver blocks the link (NLOS)', () => {
    const scene = buildBuildingScene([box(145100, 444950, 145105, 445050, 40)]);
    const los = createLineOfSightTester(scene);
    expect(los.isClear(TX[0], TX[1], TX[2], 145200, 445000, 3.5)).toBe(false);
  });

  it('a clear street gives LOS, and a wall beside the street does not block it', () => {
    const scene = buildBuildingScene([box(145100, 445020, 145105, 445100, 40), box(145100, 444900, 145105, 444980, 40)]);
    const los = createLineOfSightTester(scene);
    expect(los.isClear(TX[0], TX[1], TX[2], 145200, 445000, 3.5)).toBe(true);
  });

  it('a low wall the ray passes over does not block it', () => {
    // At x = 145100 the ray from 32 m down to 3.5 m is at 32 − 28.5/2 = 17.75 m NAP; the wall top is 12 m NAP.
    const scene = buildBuildingScene([box(145100, 444950, 145105, 445050, 10)]);
    expect(createLineOfSightTester(scene).isClear(TX[0], TX[1], TX[2], 145200, 445000, 3.5)).toBe(true);
    const taller = buildBuildingScene([box(145100, 444950, 145105, 445050, 17)]);
    expect(createLineOfSightTester(taller).isClear(TX[0], TX[1], TX[2], 145200, 445000, 3.5)).toBe(false);
  });

  it('an indoor receiver is reached through its own façade, but not through a building in front of it', () => {
    const own = box(145190, 444990, 145210, 445010, 8);
    const front = box(145120, 444950, 145130, 445050, 30);
    const clearScene = buildBuildingScene([own]);
    expect(createLineOfSightTester(clearScene).isClear(TX[0], TX[1], TX[2], 145200, 445000, 3.5, 0)).toBe(true);
    expect(createLineOfSightTester(clearScene).isClear(TX[0], TX[1], TX[2], 145200, 445000, 3.5)).toBe(false);
    const blockedScene = buildBuildingScene([own, front]);
    expect(createLineOfSightTester(blockedScene).isClear(TX[0], TX[1], TX[2], 145200, 445000, 3.5, 0)).toBe(false);
  });

  it('finds the building above a point and nothing above the street', () => {
    const scene = buildBuildingScene([box(145000, 445000, 145010, 445010, 9), box(145020, 445000, 145030, 445010, 9)]);
    const los = createLineOfSightTester(scene);
    expect(los.buildingAbove(145025, 445005, 100)).toBe(1);
    expect(los.buildingAbove(145005, 445005, 100)).toBe(0);
    expect(los.buildingAbove(145015, 445005, 100)).toBe(-1);
  });

  it('agrees with a brute-force segment–box test on random rays', () => {
    const boxes = [box(145050, 444980, 145070, 445020, 15), box(145120, 445040, 145160, 445060, 25), box(145090, 444900, 145110, 444960, 6)];
    const los = createLineOfSightTester(buildBuildingScene(boxes));
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let blocked = 0;
    for (let i = 0; i < 300; i++) {
      const b = [145000 + rand() * 200, 444900 + rand() * 200, 2 + rand() * 30] as const;
      const expected = !boxes.some((bx) => segmentHitsBox(TX, b, bx));
      if (!expected) blocked++;
      expect(los.isClear(TX[0], TX[1], TX[2], b[0], b[1], b[2])).toBe(expected);
    }
    // The scene must actually block some rays, or the comparison proves nothing.
    expect(blocked).toBeGreaterThan(10);
  });
});

/** Slab test of a segment against an axis-aligned box (the LoD1 blocks above are boxes). */
function segmentHitsBox(a: readonly number[], b: readonly number[], bx: ReturnType<typeof box>): boolean {
  const ring = bx.footprint[0];
  const min = [ring[0][0], ring[0][1], bx.groundM];
  const max = [ring[2][0], ring[2][1], bx.groundM + bx.heightM];
  let t0 = 0;
  let t1 = 1;
  for (let k = 0; k < 3; k++) {
    const d = b[k] - a[k];
    if (Math.abs(d) < 1e-12) {
      if (a[k] < min[k] || a[k] > max[k]) return false;
      continue;
    }
    let ta = (min[k] - a[k]) / d;
    let tb = (max[k] - a[k]) / d;
    if (ta > tb) [ta, tb] = [tb, ta];
    t0 = Math.max(t0, ta);
    t1 = Math.min(t1, tb);
    if (t0 > t1) return false;
  }
  return true;
}
