// The bbox SQLite's R*Tree stores: coordinates as 32-bit floats rounded outward, exactly as sqlite3's rtree.c
// (rtreeValueDown/rtreeValueUp) does. The PostGIS store keeps this box in plain columns so that bbox queries and
// extent() give the same answers on both stores, to the last bit, at the edges of a box too.
import type { BboxRd } from '../../contracts/model.ts';

const RND_TOWARDS = 1 - 1 / 8388608;
const RND_AWAY = 1 + 1 / 8388608;

function down(d: number): number {
  const f = Math.fround(d);
  return f > d ? Math.fround(d * (d < 0 ? RND_AWAY : RND_TOWARDS)) : f;
}

function up(d: number): number {
  const f = Math.fround(d);
  return f < d ? Math.fround(d * (d < 0 ? RND_TOWARDS : RND_AWAY)) : f;
}

export function rtreeBox([minX, minY, maxX, maxY]: BboxRd): BboxRd {
  return [down(minX), down(minY), up(maxX), up(maxY)];
}
