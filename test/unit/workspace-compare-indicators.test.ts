// The comparison table and the "what changed" list of scenario versions (pure).
import { describe, expect, it } from 'vitest';
import { INDICATOR_KEYS, type ScenarioIndicators, scenarioInputsSchema } from '../../server/contracts/workspace.ts';
import { changedFields, sameComputationInputs } from '../../server/workspace/scenarios/changed-fields.ts';
import { BETTER_WHEN, compareIndicators } from '../../server/workspace/scenarios/compare-indicators.ts';

function createIndicators(overrides: Partial<ScenarioIndicators> = {}): ScenarioIndicators {
  return {
    computedAt: '2026-01-01T00:00:00.000Z',
    coveragePct: 80,
    addressesCovered: 800,
    addressesAboveExposureThreshold: 0,
    maxExposurePctIcnirp: 1.5,
    antennaCount: 10,
    trenchM: 1000,
    homesPassed: 500,
    costPerHomePassedEur: 600,
    capexTotalEur: 300_000,
    ...overrides,
  };
}

describe('compareIndicators', () => {
  it('gives b − a per row in the contract order', () => {
    const rows = compareIndicators(createIndicators(), createIndicators({ coveragePct: 92.5, capexTotalEur: 250_000 }));
    expect(rows.map((r) => r.key)).toEqual([...INDICATOR_KEYS]);
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(byKey.coveragePct).toEqual({ key: 'coveragePct', a: 80, b: 92.5, difference: 12.5, better: 'b' });
    expect(byKey.capexTotalEur).toEqual({ key: 'capexTotalEur', a: 300_000, b: 250_000, difference: -50_000, better: 'b' });
  });

  it('calls higher coverage and lower cost and exposure better, and equal values equal', () => {
    const rows = Object.fromEntries(
      compareIndicators(createIndicators(), createIndicators({ addressesCovered: 700, maxExposurePctIcnirp: 3, costPerHomePassedEur: 500 })).map((r) => [r.key, r]),
    );
    expect(rows.addressesCovered.better).toBe('a');
    expect(rows.maxExposurePctIcnirp.better).toBe('a');
    expect(rows.costPerHomePassedEur.better).toBe('b');
    expect(rows.homesPassed.better).toBe('equal');
  });

  it('leaves the neutral antenna count without a verdict', () => {
    expect(BETTER_WHEN.antennaCount).toBe('neutral');
    const row = compareIndicators(createIndicators(), createIndicators({ antennaCount: 13 })).find((r) => r.key === 'antennaCount');
    expect(row).toEqual({ key: 'antennaCount', a: 10, b: 13, difference: 3, better: null });
  });

  it('gives null differences when a side has no value or was never run', () => {
    const rows = compareIndicators(createIndicators({ costPerHomePassedEur: null }), null);
    expect(rows.every((r) => r.b === null && r.difference === null && r.better === null)).toBe(true);
    expect(rows.find((r) => r.key === 'costPerHomePassedEur')?.a).toBeNull();
  });
});

describe('changedFields', () => {
  const inputs = (raw: unknown) => scenarioInputsSchema.parse(raw);
  const antenna = { id: 'a', x: 150000, y: 450000, heightM: 30, azimuthDeg: 0, tiltDeg: 4, eirpDbm: 60, frequencyGHz: 3.5 };

  it('lists the changed top-level fields and inputs', () => {
    const a = { name: 'A', description: '', inputs: inputs({ layers: ['x'] }) };
    const b = { name: 'B', description: '', inputs: inputs({ layers: ['x'], antennas: [antenna] }) };
    expect(changedFields(a, b)).toEqual(['name', 'inputs.antennas']);
    expect(changedFields(a, a)).toEqual([]);
  });

  it('does not count a different key order as a change', () => {
    const fibre1 = { popPositionRd: [1, 2], buurtCodes: [], unitCostOverrides: { a: 1, b: 2 }, takeRate: 0.5 };
    const fibre2 = { takeRate: 0.5, unitCostOverrides: { b: 2, a: 1 }, buurtCodes: [], popPositionRd: [1, 2] };
    expect(changedFields({ name: 'A', description: '', inputs: inputs({ fibre: fibre1 }) }, { name: 'A', description: '', inputs: inputs({ fibre: fibre2 }) })).toEqual([]);
  });

  it('treats layers and views as presentation: the indicators stay valid', () => {
    expect(sameComputationInputs(inputs({ layers: ['a'] }), inputs({ layers: ['b'] }))).toBe(true);
    expect(sameComputationInputs(inputs({}), inputs({ antennas: [antenna] }))).toBe(false);
  });
});
