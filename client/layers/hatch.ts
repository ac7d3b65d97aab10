// Diagonal hatching for a polygon (with holes) as line segments: the "insufficient data" symbol of the
// health choropleth. Pure 2D geometry in a metric frame; even-odd filling, so holes stay unhatched.

export type Point2 = readonly [number, number];
export type Segment = [Point2, Point2];

/**
 * Lines at `angleRad` from the x axis, `spacingM` apart, clipped to the polygon `rings` (first outer, then holes).
 * Scanline clipping: rotate so the lines are horizontal, intersect each with every edge, pair the sorted crossings.
 */
export function hatchSegments(rings: readonly (readonly Point2[])[], spacingM: number, angleRad = Math.PI / 4): Segment[] {
  if (!(spacingM > 0) || rings.length === 0) return [];
  const cos = Math.cos(angleRad);
  const sin = Math.sin(angleRad);
  // Rotate by -angle: the hatch direction becomes the x axis.
  const rotated = rings.map((ring) => ring.map(([x, y]) => [x * cos + y * sin, -x * sin + y * cos] as const));
  const ys = rotated.flat().map(([, y]) => y);
  if (ys.length === 0) return [];
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const segments: Segment[] = [];
  for (let k = Math.ceil(minY / spacingM); k * spacingM <= maxY; k++) {
    const y = k * spacingM;
    const xs: number[] = [];
    for (const ring of rotated) {
      for (let i = 0; i < ring.length; i++) {
        const [x0, y0] = ring[i];
        const [x1, y1] = ring[(i + 1) % ring.length];
        // Half-open test: a vertex exactly on the line counts once.
        if (y0 <= y !== y1 <= y) xs.push(x0 + ((y - y0) / (y1 - y0)) * (x1 - x0));
      }
    }
    xs.sort((a, b) => a - b);
    for (let i = 0; i + 1 < xs.length; i += 2) {
      if (xs[i + 1] - xs[i] < 1e-9) continue;
      segments.push([unrotate(xs[i], y, cos, sin), unrotate(xs[i + 1], y, cos, sin)]);
    }
  }
  return segments;
}

function unrotate(x: number, y: number, cos: number, sin: number): Point2 {
  return [x * cos - y * sin, x * sin + y * cos];
}
