// The street-level coverage grid as an RGBA image for deck.gl's BitmapLayer, and the grid's corners. The grid is
// row-major from the south-west corner (server/scenarios/fiveg/coverage.ts); images are stored top row first, so
// rows are flipped. Cells without a value (inside a building) stay transparent.
import { RSRP_CLASS_IDS, RSRP_COLOURS, rsrpClass, type RsrpClassId } from './rsrp-classes.ts';

export interface CoverageGrid {
  /** South-west corner of cell (0, 0), RD New metres. */
  originRd: [number, number];
  cellM: number;
  cols: number;
  rows: number;
  /** Row-major from the south-west; null inside buildings or out of range. */
  bestRsrpDbm: (number | null)[];
}

export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray<ArrayBuffer>;
}

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const CLASS_RGB = Object.fromEntries(RSRP_CLASS_IDS.map((id) => [id, hexToRgb(RSRP_COLOURS[id])])) as Record<RsrpClassId, [number, number, number]>;

export function coverageImage(grid: CoverageGrid, thresholdsDbm: readonly number[], alpha = 115): RgbaImage {
  const { cols, rows } = grid;
  const data = new Uint8ClampedArray(new ArrayBuffer(cols * rows * 4));
  for (let r = 0; r < rows; r++) {
    const imageRow = rows - 1 - r;
    for (let c = 0; c < cols; c++) {
      const value = grid.bestRsrpDbm[r * cols + c];
      if (value === null || value === undefined) continue;
      const [red, green, blue] = CLASS_RGB[rsrpClass(value, thresholdsDbm)];
      const o = (imageRow * cols + c) * 4;
      data[o] = red;
      data[o + 1] = green;
      data[o + 2] = blue;
      data[o + 3] = alpha;
    }
  }
  return { width: cols, height: rows, data };
}

/** RD corners in BitmapLayer order: left-bottom, left-top, right-top, right-bottom. */
export function gridCornersRd(grid: Pick<CoverageGrid, 'originRd' | 'cellM' | 'cols' | 'rows'>): [number, number][] {
  const [x0, y0] = grid.originRd;
  const x1 = x0 + grid.cols * grid.cellM;
  const y1 = y0 + grid.rows * grid.cellM;
  return [
    [x0, y0],
    [x0, y1],
    [x1, y1],
    [x1, y0],
  ];
}
