// Class breaks for a choropleth legend of one indicator, from the PUBLISHED (rounded, unsuppressed) values only,
// so the legend can reveal nothing the map does not. Quantiles: every class holds about as many buurten, which
// keeps a map of few buurten readable whatever the spread; equal values always fall in one class.
export interface ChoroplethClass {
  /** Inclusive lower bound. */
  min: number;
  /** Exclusive upper bound, except for the last class where it is inclusive. */
  max: number;
  /** Buurten in the class. */
  count: number;
}

export function quantileClasses(values: readonly number[], classCount = 5): ChoroplethClass[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  // Class i starts at the value of rank floor(i·n/k): with distinct values every class holds n/k of them.
  const starts: number[] = [sorted[0]];
  for (let i = 1; i < classCount; i++) {
    const v = sorted[Math.floor((i * sorted.length) / classCount)];
    if (v > starts[starts.length - 1]) starts.push(v);
  }
  const top = sorted[sorted.length - 1];
  const classes = starts.map((min, i) => ({ min, max: starts[i + 1] ?? top, count: 0 }));
  const last = classes.length - 1;
  for (const v of sorted) {
    const i = classes.findIndex((c, k) => v >= c.min && (v < c.max || k === last));
    classes[i].count++;
  }
  return classes;
}
