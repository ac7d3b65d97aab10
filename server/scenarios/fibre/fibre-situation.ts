// The fibre situation of a municipality today: coverage per address, candidate POP sites and free existing ducts.
// Stored as one document next to its map collections; validated with zod when read back.
import { z } from 'zod';
import { pointRd } from '../../contracts/model.ts';
import type { CollectionMeta, FeatureRd } from '../../contracts/feature.ts';
import type { Store } from '../../store/store.ts';

export const COVERAGE_KINDS = ['fibre', 'coax', 'copper-only'] as const;
export type Coverage = (typeof COVERAGE_KINDS)[number];

export const popSite = z.object({ id: z.string().min(1), name: z.string(), positionRd: pointRd });
export type PopSite = z.infer<typeof popSite>;

export const fibreSituation = z.object({
  meta: z.object({ source: z.string(), licence: z.string(), date: z.string(), synthetic: z.boolean() }),
  /** Coverage per address id; addresses not listed are unknown. */
  coverage: z.record(z.string(), z.enum(COVERAGE_KINDS)),
  popSites: z.array(popSite),
  existingDuctStreetIds: z.array(z.string()),
  fibreBuurten: z.array(z.string()),
  whiteSpotBuurten: z.array(z.string()),
});
export type FibreSituation = z.infer<typeof fibreSituation>;

export const FIBRE_DOCUMENT = { kind: 'fibre', id: 'current' } as const;

export async function storeFibreSituation(store: Store, situation: FibreSituation, collections: { meta: CollectionMeta; features: FeatureRd[] }[]): Promise<void> {
  await store.replaceDocument(FIBRE_DOCUMENT.kind, FIBRE_DOCUMENT.id, fibreSituation.parse(situation), collections);
}

export async function loadFibreSituation(store: Store): Promise<FibreSituation | undefined> {
  const value = await store.document<unknown>(FIBRE_DOCUMENT.kind, FIBRE_DOCUMENT.id);
  return value === undefined ? undefined : fibreSituation.parse(value);
}
