// Uniform grid over RD New metres for "what is near this point" questions (snapping, intersections, address drops).
// Street networks are evenly spread, so a fixed cell size beats a tree index and needs no balancing.

/** Items (by integer id) registered in every grid cell their bounding box touches. */
export class SpatialGrid {
  private readonly cells = new Map<number, number[]>();
  /** Stamp per item id so a query reports an item once even when its box spans several cells. */
  private seenStamp = new Int32Array(0);
  private stamp = 0;

  constructor(readonly cellSizeM: number) {
    if (!(cellSizeM > 0)) throw new Error(`SpatialGrid cell size must be positive, got ${cellSizeM}`);
  }

  insert(id: number, minX: number, minY: number, maxX: number, maxY: number): void {
    if (id >= this.seenStamp.length) {
      const grown = new Int32Array(Math.max(id + 1, this.seenStamp.length * 2, 64));
      grown.set(this.seenStamp);
      this.seenStamp = grown;
    }
    const [i0, j0, i1, j1] = this.cellRange(minX, minY, maxX, maxY);
    for (let i = i0; i <= i1; i++) {
      for (let j = j0; j <= j1; j++) {
        const key = cellKey(i, j);
        const list = this.cells.get(key);
        if (list) list.push(id);
        else this.cells.set(key, [id]);
      }
    }
  }

  /** Calls visit once for every item whose cells overlap the box (a superset of the items whose box overlaps it). */
  query(minX: number, minY: number, maxX: number, maxY: number, visit: (id: number) => void): void {
    const stamp = ++this.stamp;
    const [i0, j0, i1, j1] = this.cellRange(minX, minY, maxX, maxY);
    for (let i = i0; i <= i1; i++) {
      for (let j = j0; j <= j1; j++) {
        const list = this.cells.get(cellKey(i, j));
        if (!list) continue;
        for (const id of list) {
          if (this.seenStamp[id] === stamp) continue;
          this.seenStamp[id] = stamp;
          visit(id);
        }
      }
    }
  }

  /**
   * Nearest item to (x, y) by `distanceTo`, searching rings of cells outwards until no closer item can exist, or
   * until `maxDistanceM`. Returns −1 when nothing lies within maxDistanceM.
   */
  nearest(x: number, y: number, maxDistanceM: number, distanceTo: (id: number) => number): { id: number; distanceM: number } {
    let best = -1;
    let bestDistance = maxDistanceM;
    const size = this.cellSizeM;
    const maxRing = Math.ceil(maxDistanceM / size) + 1;
    for (let ring = 0; ring <= maxRing; ring++) {
      // Everything within ring·size of the point has been seen once rings 0…ring are searched.
      const reach = ring * size;
      this.query(x - reach, y - reach, x + reach, y + reach, (id) => {
        const d = distanceTo(id);
        if (d < bestDistance || (d === bestDistance && best >= 0 && id < best)) {
          bestDistance = d;
          best = id;
        }
      });
      if (best >= 0 && bestDistance <= reach) break;
    }
    return { id: best, distanceM: best >= 0 ? bestDistance : Infinity };
  }

  private cellRange(minX: number, minY: number, maxX: number, maxY: number): [number, number, number, number] {
    const s = this.cellSizeM;
    return [Math.floor(minX / s), Math.floor(minY / s), Math.floor(maxX / s), Math.floor(maxY / s)];
  }
}

// RD New cell indices stay far below 2²⁶ for any sensible cell size, so the pair packs exactly into a double.
function cellKey(i: number, j: number): number {
  return (i + 2 ** 25) * 2 ** 26 + (j + 2 ** 25);
}
