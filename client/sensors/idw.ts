// Inverse-distance weighting of point measurements onto a regular grid: the simple, explainable surface the
// sensor layer draws for one hour. Cells further than maxDistanceM from every sensor stay empty (NaN) rather
// than showing a value nobody measured near.

export interface IdwPoint {
  x: number;
  y: number;
  value: number;
}

export interface IdwGrid {
  x0: number;
  y0: number;
  cellM: number;
  cols: number;
  rows: number;
  /** Row-major from (x0, y0) upwards: values[row * cols + col] is the cell centred at x0 + (col + ½)·cell, y0 + (row + ½)·cell. */
  values: Float32Array;
}

export interface IdwOptions {
  cellM: number;
  power?: number;
  maxDistanceM?: number;
}

export function idwGrid(points: IdwPoint[], bounds: [x0: number, y0: number, x1: number, y1: number], { cellM, power = 2, maxDistanceM = 1000 }: IdwOptions): IdwGrid {
  const [x0, y0, x1, y1] = bounds;
  const cols = Math.max(1, Math.ceil((x1 - x0) / cellM));
  const rows = Math.max(1, Math.ceil((y1 - y0) / cellM));
  const values = new Float32Array(cols * rows).fill(Number.NaN);
  const usable = points.filter((p) => Number.isFinite(p.value));
  const maxD2 = maxDistanceM * maxDistanceM;
  for (let r = 0; r < rows; r++) {
    const cy = y0 + (r + 0.5) * cellM;
    for (let c = 0; c < cols; c++) {
      const cx = x0 + (c + 0.5) * cellM;
      let sumW = 0;
      let sumWv = 0;
      let exact: number | undefined;
      for (const p of usable) {
        const d2 = (p.x - cx) ** 2 + (p.y - cy) ** 2;
        if (d2 > maxD2) continue;
        if (d2 < 1e-6) {
          exact = p.value;
          break;
        }
        const w = 1 / d2 ** (power / 2);
        sumW += w;
        sumWv += w * p.value;
      }
      if (exact !== undefined) values[r * cols + c] = exact;
      else if (sumW > 0) values[r * cols + c] = sumWv / sumW;
    }
  }
  return { x0, y0, cellM, cols, rows, values };
}
