// The comparison table of two sets of indicators: b − a per row and which side is better. Pure.
import { type Comparison, INDICATOR_KEYS, type IndicatorKey, type ScenarioIndicators } from '../../contracts/workspace.ts';

/**
 * Which direction is better per indicator. Higher is better for coverage and homes passed; lower is better for
 * exposure, digging and money. The antenna count is neutral (more antennas is neither good nor bad in itself), so
 * its `better` is null.
 */
export const BETTER_WHEN: Record<IndicatorKey, 'higher' | 'lower' | 'neutral'> = {
  coveragePct: 'higher',
  addressesCovered: 'higher',
  addressesAboveExposureThreshold: 'lower',
  maxExposurePctIcnirp: 'lower',
  antennaCount: 'neutral',
  trenchM: 'lower',
  homesPassed: 'higher',
  costPerHomePassedEur: 'lower',
  capexTotalEur: 'lower',
};

export function compareIndicators(a: ScenarioIndicators | null, b: ScenarioIndicators | null): Comparison['rows'] {
  return INDICATOR_KEYS.map((key) => {
    const va = a?.[key] ?? null;
    const vb = b?.[key] ?? null;
    if (va === null || vb === null) return { key, a: va, b: vb, difference: null, better: null };
    const difference = vb - va;
    const direction = BETTER_WHEN[key];
    const better = direction === 'neutral' ? null : difference === 0 ? 'equal' : (difference > 0) === (direction === 'higher') ? 'b' : 'a';
    return { key, a: va, b: vb, difference, better };
  });
}
