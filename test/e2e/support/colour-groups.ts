// Splits sampled pixel colours into two groups by chromaticity (r, g, b divided by their sum), so that a face in
// shadow and the same face in light fall into one group, and two differently coloured surfaces (a terracotta roof
// and a light wall under the same style colour) fall into two. Pure: used by the LoD2 browser test.

export type Rgb = [r: number, g: number, b: number];

export interface ColourGroup {
  /** Mean chromaticity (sums to 1). */
  chroma: Rgb;
  /** Mean colour of the members, 0–255. */
  meanRgb: Rgb;
  count: number;
}

export interface ColourSplit {
  /** The redder group (higher red chromaticity) first. */
  groups: [ColourGroup, ColourGroup];
  /** Euclidean distance between the two groups' mean chromaticities. */
  separation: number;
  /** Samples dropped as strays (see `minGroup`). */
  strays: number;
}

/** Below this r + g + b a pixel is too dark for its chromaticity to mean anything. */
const MIN_SUM = 30;
const ITERATIONS = 10;

function chromaOf([r, g, b]: Rgb): Rgb {
  const sum = r + g + b;
  return [r / sum, g / sum, b / sum];
}

function distance(a: Rgb, b: Rgb): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

function mean(list: Rgb[]): Rgb {
  const total: Rgb = [0, 0, 0];
  for (const c of list) for (let k = 0; k < 3; k++) total[k] += c[k];
  return total.map((v) => v / list.length) as Rgb;
}

/** Two-means on chromaticity, seeded with the two most different samples; at least two samples. */
function twoMeans(usable: readonly Rgb[]): { split: ColourSplit; membership: number[] } {
  const chromas = usable.map(chromaOf);
  let seeds: [Rgb, Rgb] = [chromas[0], chromas[1]];
  let widest = -1;
  for (let i = 0; i < chromas.length; i++) {
    for (let j = i + 1; j < chromas.length; j++) {
      const d = distance(chromas[i], chromas[j]);
      if (d > widest) [widest, seeds] = [d, [chromas[i], chromas[j]]];
    }
  }
  let membership: number[] = [];
  for (let round = 0; round < ITERATIONS; round++) {
    membership = chromas.map((c) => (distance(c, seeds[0]) <= distance(c, seeds[1]) ? 0 : 1));
    seeds = [0, 1].map((g) => {
      const members = chromas.filter((_, i) => membership[i] === g);
      return members.length > 0 ? mean(members) : seeds[g];
    }) as [Rgb, Rgb];
  }
  const groups = [0, 1].map((g) => {
    const members = usable.filter((_, i) => membership[i] === g);
    return { chroma: seeds[g], meanRgb: members.length > 0 ? mean(members) : ([0, 0, 0] as Rgb), count: members.length };
  }) as [ColourGroup, ColourGroup];
  const order = groups[0].chroma[0] >= groups[1].chroma[0] ? [0, 1] : [1, 0];
  return {
    split: { groups: [groups[order[0]], groups[order[1]]], separation: distance(groups[0].chroma, groups[1].chroma), strays: 0 },
    membership: membership.map((m) => order.indexOf(m)),
  };
}

/**
 * Two-means on chromaticity, seeded with the two most different samples. A group smaller than `minGroup` is taken
 * for strays (Cesium picks a 3 × 3 pixel rectangle, so a pixel at a building's edge can show the background) and
 * dropped, and the rest is split again. Undefined when fewer than two usable (not too dark) samples remain.
 */
export function splitColourGroups(samples: readonly Rgb[], { minGroup = 1 }: { minGroup?: number } = {}): ColourSplit | undefined {
  let usable = samples.filter(([r, g, b]) => r + g + b >= MIN_SUM);
  let strays = 0;
  while (usable.length >= 2) {
    const { split, membership } = twoMeans(usable);
    const small = split.groups[0].count < split.groups[1].count ? 0 : 1;
    if (split.groups[small].count >= minGroup) return { ...split, strays };
    strays += split.groups[small].count;
    usable = usable.filter((_, i) => membership[i] !== small);
  }
  return undefined;
}
