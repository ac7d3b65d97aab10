// The grid index's nearest-item search against a brute-force scan (the index must never change the answer).
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../server/scenarios/fibre/seeded-random.ts';
import { SpatialGrid } from '../../server/scenarios/fibre/spatial-grid.ts';
import { projectOnSegment } from '../../server/scenarios/fibre/street-network.ts';

describe('SpatialGrid.nearest', () => {
  it('finds the same nearest segment as a brute-force scan, and nothing beyond the search radius', () => {
    const random = createSeededRandom(42);
    const segments = Array.from({ length: 400 }, () => {
      const x = random() * 2000;
      const y = random() * 2000;
      const angle = random() * Math.PI;
      const length = 5 + random() * 120;
      return [x, y, x + length * Math.cos(angle), y + length * Math.sin(angle)] as const;
    });
    const grid = new SpatialGrid(50);
    segments.forEach(([ax, ay, bx, by], i) => grid.insert(i, Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)));
    for (let k = 0; k < 300; k++) {
      const px = random() * 2400 - 200;
      const py = random() * 2400 - 200;
      const distanceTo = (i: number) => projectOnSegment(px, py, ...segments[i]).distanceM;
      let best = -1;
      segments.forEach((_, i) => {
        if (best < 0 || distanceTo(i) < distanceTo(best)) best = i;
      });
      const found = grid.nearest(px, py, 250, distanceTo);
      if (distanceTo(best) <= 250) {
        expect(found.distanceM).toBeCloseTo(distanceTo(best), 9);
      } else {
        expect(found.id).toBe(-1);
      }
    }
  });
});
