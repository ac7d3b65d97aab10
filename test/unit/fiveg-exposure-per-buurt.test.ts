// Highest exposure per buurt from per-address TER values.
import { describe, expect, it } from 'vitest';
import { exposurePerBuurt } from '../../server/scenarios/fiveg/exposure-per-buurt.ts';

const buurten = [
  { code: 'BU01', name: 'Centrum' },
  { code: 'BU02', name: 'Noord' },
  { code: 'BU03', name: 'Leeg' },
];
const createAddress = (id: string, buurtCode: string | null) => ({ id, buurtCode });

describe('exposurePerBuurt', () => {
  it('picks the highest-TER address of each buurt and the overall maximum', () => {
    const addresses = [createAddress('a1', 'BU01'), createAddress('a2', 'BU01'), createAddress('a3', 'BU02'), createAddress('a4', null)];
    const r = exposurePerBuurt(addresses, Float32Array.from([0.002, 0.05, 0.01, 0.3]), buurten);
    expect(r.perBuurt).toEqual([
      { code: 'BU01', name: 'Centrum', maxTer: 0.05, addressId: 'a2' },
      { code: 'BU02', name: 'Noord', maxTer: 0.01, addressId: 'a3' },
      { code: 'BU03', name: 'Leeg', maxTer: 0, addressId: null },
    ]);
    // The address outside every buurt still counts towards the town's maximum.
    expect(r.maxTer).toBe(0.3);
  });

  it('treats no signal (non-finite or zero TER) as no exposure instead of failing', () => {
    const addresses = [createAddress('a1', 'BU01'), createAddress('a2', 'BU02')];
    const r = exposurePerBuurt(addresses, [Number.NaN, 0], buurten);
    expect(r.perBuurt.map((b) => b.addressId)).toEqual([null, null, null]);
    expect(r.maxTer).toBe(0);
  });

  it('keeps the first address on a tie', () => {
    const r = exposurePerBuurt([createAddress('a1', 'BU01'), createAddress('a2', 'BU01')], [0.1, 0.1], buurten.slice(0, 1));
    expect(r.perBuurt[0].addressId).toBe('a1');
  });
});
