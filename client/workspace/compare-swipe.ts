// The 3D half of a comparison: one globe, split by a vertical line (Cesium's scene.splitPosition). Scenario A's
// antennas and fibre POP are drawn left of the line, B's right of it, as point primitives with a splitDirection; the
// buildings and basemap are the same on both sides. One viewer means one camera (always in sync) and no second
// WebGL context or tileset under software rendering. Points are kept per key and updated, never cleared and re-added.
import { Cartesian3, Color, PointPrimitiveCollection, SplitDirection, type PointPrimitive, type Scene } from '@cesium/engine';
import type { ScenarioInputs } from '../../server/contracts/workspace.ts';
import { rdToLonLatDeg } from '../geo/rd.ts';

export const SIDE_COLOURS = { a: '#0b5cad', b: '#b3360b' } as const;

export interface SwipePoint {
  key: string;
  lonDeg: number;
  latDeg: number;
  heightAboveGroundM: number;
  kind: 'antenna' | 'pop';
}

/** The points of one scenario's inputs: one per antenna site (sectors at one spot drawn once) and the POP. */
export function swipePoints(inputs: ScenarioInputs | undefined, toLonLat: (x: number, y: number) => [number, number] = rdToLonLatDeg): SwipePoint[] {
  if (!inputs) return [];
  const points = new Map<string, SwipePoint>();
  for (const a of inputs.antennas ?? []) {
    const key = `antenna:${a.x.toFixed(2)},${a.y.toFixed(2)},${a.heightM}`;
    if (points.has(key)) continue;
    const [lonDeg, latDeg] = toLonLat(a.x, a.y);
    points.set(key, { key, lonDeg, latDeg, heightAboveGroundM: a.heightM, kind: 'antenna' });
  }
  if (inputs.fibre) {
    const [x, y] = inputs.fibre.popPositionRd;
    const [lonDeg, latDeg] = toLonLat(x, y);
    points.set('pop', { key: 'pop', lonDeg, latDeg, heightAboveGroundM: 3, kind: 'pop' });
  }
  return [...points.values()];
}

export interface CompareSwipe {
  /** Shows the two sides; undefined inputs = nothing drawn on that side (the current situation adds nothing). */
  show(a: ScenarioInputs | undefined, b: ScenarioInputs | undefined): void;
  /** Divider position as a fraction of the canvas width, 0–1. */
  setPosition(fraction: number): void;
  hide(): void;
  /** How many points each side draws (test hook). */
  counts(): { a: number; b: number };
}

export function createCompareSwipe(scene: Scene, groundHeightM: number): CompareSwipe {
  const collection = scene.primitives.add(new PointPrimitiveCollection()) as PointPrimitiveCollection;
  const sides = { a: new Map<string, PointPrimitive>(), b: new Map<string, PointPrimitive>() };

  const sync = (side: 'a' | 'b', points: SwipePoint[]) => {
    const drawn = sides[side];
    const wanted = new Set(points.map((p) => p.key));
    for (const [key, primitive] of drawn) {
      if (wanted.has(key)) continue;
      collection.remove(primitive);
      drawn.delete(key);
    }
    for (const p of points) {
      const position = Cartesian3.fromDegrees(p.lonDeg, p.latDeg, groundHeightM + p.heightAboveGroundM);
      const existing = drawn.get(p.key);
      if (existing) {
        existing.position = position;
        existing.show = true;
        continue;
      }
      drawn.set(
        p.key,
        collection.add({
          position,
          pixelSize: p.kind === 'pop' ? 20 : 14,
          color: Color.fromCssColorString(SIDE_COLOURS[side]),
          outlineColor: p.kind === 'pop' ? Color.BLACK : Color.WHITE,
          outlineWidth: p.kind === 'pop' ? 4 : 2,
          // Antennas stand on roofs and masts: keep them visible through the buildings in front.
          disableDepthTestDistance: Number.POSITIVE_INFINITY,
          splitDirection: side === 'a' ? SplitDirection.LEFT : SplitDirection.RIGHT,
        }),
      );
    }
  };

  return {
    show(a, b) {
      collection.show = true;
      sync('a', swipePoints(a));
      sync('b', swipePoints(b));
      scene.requestRender();
    },
    setPosition(fraction) {
      scene.splitPosition = Math.min(1, Math.max(0, fraction));
      scene.requestRender();
    },
    hide() {
      collection.show = false;
      scene.requestRender();
    },
    counts: () => ({ a: collection.show ? sides.a.size : 0, b: collection.show ? sides.b.size : 0 }),
  };
}
