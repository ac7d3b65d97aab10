// RSRP coverage classes (DOMAIN.md §2.3: ≥ −80 excellent, −90 good, −100 fair, −110 poor, below: none) with their
// colours, shared by the street heatmap, the building colours and the legend. Blue–teal for good signal, pale
// yellow in the middle, orange to red for weak or none: the gaps stand out, and the classes differ in lightness as
// well as hue (ColorBrewer RdYlBu-like), so they stay apart for colour-blind readers.
export const RSRP_CLASS_IDS = ['excellent', 'good', 'fair', 'poor', 'none'] as const;
export type RsrpClassId = (typeof RSRP_CLASS_IDS)[number];

export const RSRP_COLOURS: Record<RsrpClassId, string> = {
  excellent: '#2c7bb6',
  good: '#abd9e9',
  fair: '#ffffbf',
  poor: '#fdae61',
  none: '#d7191c',
};

export const DEFAULT_RSRP_THRESHOLDS_DBM = [-80, -90, -100, -110] as const;

/**
 * Class of a received power: the first threshold it reaches (thresholds from best to worst). `null` or −∞ (nothing
 * in range) is 'none'.
 */
export function rsrpClass(rsrpDbm: number | null, thresholdsDbm: readonly number[] = DEFAULT_RSRP_THRESHOLDS_DBM): RsrpClassId {
  if (rsrpDbm === null || !Number.isFinite(rsrpDbm)) return 'none';
  for (let i = 0; i < thresholdsDbm.length && i < RSRP_CLASS_IDS.length - 1; i++) {
    if (rsrpDbm >= thresholdsDbm[i]) return RSRP_CLASS_IDS[i];
  }
  return 'none';
}

export function rsrpColour(rsrpDbm: number | null, thresholdsDbm?: readonly number[]): string {
  return RSRP_COLOURS[rsrpClass(rsrpDbm, thresholdsDbm)];
}

export interface RsrpLegendEntry {
  id: RsrpClassId;
  colour: string;
  /** Lower bound in dBm (inclusive), undefined for 'none'. */
  minDbm?: number;
  /** Upper bound in dBm (exclusive), undefined for the best class. */
  maxDbm?: number;
}

export function rsrpLegend(thresholdsDbm: readonly number[] = DEFAULT_RSRP_THRESHOLDS_DBM): RsrpLegendEntry[] {
  return RSRP_CLASS_IDS.map((id, i) => ({
    id,
    colour: RSRP_COLOURS[id],
    ...(i < thresholdsDbm.length ? { minDbm: thresholdsDbm[i] } : {}),
    ...(i > 0 ? { maxDbm: thresholdsDbm[i - 1] } : {}),
  }));
}
