// Weighted maximum coverage: choose k sets maximising the weight of elements covered, on top of elements that are
// already covered. Lazy greedy (marginal gains only shrink, so a stale upper bound that still tops the queue is
// exact: Minoux's accelerated greedy, (1 − 1/e)-approximate), then best-improvement single swaps until none
// helps. Pure and deterministic: ties go to the lower candidate index.

export interface MaxCoverageInput {
  /** Element indices each candidate covers (duplicates are harmless). */
  sets: readonly (readonly number[] | Int32Array)[];
  /** Weight per element (e.g. 1 per address); length = element count. */
  weights: ArrayLike<number>;
  k: number;
  /** Elements covered before any candidate is chosen (the existing network). */
  alreadyCovered?: ArrayLike<boolean | number>;
  /** Maximum swap passes (each pass applies the single best swap). */
  maxSwapPasses?: number;
}

export interface MaxCoverageResult {
  /** Chosen candidate indices after swaps, ordered greedily among themselves (largest marginal gain first). */
  selected: number[];
  /** The greedy phase's picks in order, before any swap, and the weight each added when chosen. */
  greedyPicks: number[];
  greedyGains: number[];
  greedyCoveredWeight: number;
  /** Weight covered by the final selection (greedy then swaps), not counting alreadyCovered elements. */
  coveredWeight: number;
  swaps: { out: number; in: number; gain: number }[];
  /** Weight each site of the final selection adds when the sites are added in `selected` order (non-increasing). */
  finalGains: number[];
}

export function maxCoverage(input: MaxCoverageInput): MaxCoverageResult {
  const { weights } = input;
  // Deduplicate once so the inner loops need no seen-sets.
  const sets = input.sets.map((s) => Int32Array.from(new Set(s)));
  const n = sets.length;
  const k = Math.min(input.k, n);
  const base = new Uint8Array(weights.length);
  if (input.alreadyCovered) for (let e = 0; e < base.length; e++) base[e] = input.alreadyCovered[e] ? 1 : 0;
  // count[e] = how many chosen sets cover e; an element adds weight once, when it first becomes covered.
  const count = new Int32Array(weights.length);
  const marginal = (c: number): number => {
    let g = 0;
    for (const e of sets[c]) if (!base[e] && count[e] === 0) g += weights[e];
    return g;
  };

  // Max-heap by (bound desc, index asc) as a sorted array: n is at most a few thousand.
  const bound = Array.from({ length: n }, (_, c) => marginal(c));
  const queue = Array.from({ length: n }, (_, c) => c).sort((a, b) => bound[b] - bound[a] || a - b);
  const fresh = new Uint8Array(n).fill(1);
  const selected: number[] = [];
  const greedyGains: number[] = [];
  while (selected.length < k && queue.length > 0) {
    const top = queue[0];
    if (!fresh[top]) {
      bound[top] = marginal(top);
      fresh[top] = 1;
      queue.shift();
      insertSorted(queue, top, bound);
      continue;
    }
    queue.shift();
    selected.push(top);
    greedyGains.push(bound[top]);
    for (const e of sets[top]) count[e]++;
    fresh.fill(0);
  }
  const greedyCoveredWeight = greedyGains.reduce((s, g) => s + g, 0);
  const greedyPicks = [...selected];

  const swaps: MaxCoverageResult['swaps'] = [];
  const inSel = new Uint8Array(n);
  for (const s of selected) inSel[s] = 1;
  for (let pass = 0; pass < (input.maxSwapPasses ?? 20); pass++) {
    let best: { pos: number; out: number; in: number; gain: number } | null = null;
    for (let pos = 0; pos < selected.length; pos++) {
      const out = selected[pos];
      // Weight lost by dropping `out`: elements only it covers.
      for (const e of sets[out]) count[e]--;
      let lost = 0;
      for (const e of sets[out]) if (!base[e] && count[e] === 0) lost += weights[e];
      for (let c = 0; c < n; c++) {
        if (inSel[c]) continue;
        const gain = marginal(c) - lost;
        if (gain > 1e-9 && (!best || gain > best.gain)) best = { pos, out, in: c, gain };
      }
      for (const e of sets[out]) count[e]++;
    }
    if (!best) break;
    for (const e of sets[best.out]) count[e]--;
    for (const e of sets[best.in]) count[e]++;
    inSel[best.out] = 0;
    inSel[best.in] = 1;
    selected[best.pos] = best.in;
    swaps.push({ out: best.out, in: best.in, gain: best.gain });
  }

  // Report the final sites in greedy order among themselves, so the gain per added site never increases.
  count.fill(0);
  const remaining = [...selected];
  const finalGains: number[] = [];
  selected.length = 0;
  while (remaining.length > 0) {
    let bestPos = 0;
    let bestGain = -1;
    remaining.forEach((c, pos) => {
      const g = marginal(c);
      if (g > bestGain || (g === bestGain && c < remaining[bestPos])) {
        bestGain = g;
        bestPos = pos;
      }
    });
    const [c] = remaining.splice(bestPos, 1);
    selected.push(c);
    finalGains.push(bestGain);
    for (const e of sets[c]) count[e]++;
  }
  const coveredWeight = finalGains.reduce((s, g) => s + g, 0);
  return { selected, greedyPicks, greedyGains, greedyCoveredWeight, coveredWeight, swaps, finalGains };
}

function insertSorted(queue: number[], c: number, bound: readonly number[]): void {
  let lo = 0;
  let hi = queue.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const q = queue[mid];
    if (bound[q] > bound[c] || (bound[q] === bound[c] && q < c)) lo = mid + 1;
    else hi = mid;
  }
  queue.splice(lo, 0, c);
}
