// Highest EMF exposure per buurt: from the per-address total exposure ratio (TER, sum over antennas of
// (E/E_ref)² against the ICNIRP reference levels, computed by the coverage run) pick the highest address in
// every buurt, so a council can see where exposure peaks and which address it is. Pure.
import type { Address, Buurt } from '../../contracts/model.ts';

export interface BuurtExposure {
  code: string;
  name: string;
  /** Highest TER of the buurt's addresses (1 = the ICNIRP reference level); 0 when none is exposed. */
  maxTer: number;
  /** The address with that TER; null when the buurt has no address with any exposure. */
  addressId: string | null;
}

export interface ExposureSummary {
  perBuurt: BuurtExposure[];
  /** Highest TER over all addresses, in a buurt or not. */
  maxTer: number;
}

/**
 * `ter[i]` belongs to `addresses[i]`. Buurten come out in the given order; addresses outside every listed buurt
 * count only towards the overall maximum. Non-finite ratios (nothing in range) count as no exposure. Ties go to the
 * first address.
 */
export function exposurePerBuurt(
  addresses: readonly Pick<Address, 'id' | 'buurtCode'>[],
  ter: ArrayLike<number>,
  buurten: readonly Pick<Buurt, 'code' | 'name'>[],
): ExposureSummary {
  const rows = buurten.map((b): BuurtExposure => ({ code: b.code, name: b.name, maxTer: 0, addressId: null }));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  let maxTer = 0;
  addresses.forEach((a, i) => {
    const t = ter[i];
    if (!Number.isFinite(t) || t <= 0) return;
    if (t > maxTer) maxTer = t;
    const row = a.buurtCode ? byCode.get(a.buurtCode) : undefined;
    if (row && t > row.maxTer) {
      row.maxTer = t;
      row.addressId = a.id;
    }
  });
  return { perBuurt: rows.map((r) => ({ ...r, maxTer: round6(r.maxTer) })), maxTer: round6(maxTer) };
}

/** Six decimals, as the coverage summary reports TER: small ratios (1e-4 is typical) must survive. */
function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
