// Writes an omgevingsplan: the whole plan as the document ('omgevingsplan', 'current') and its three map
// collections, in one transaction, so the map never shows zones the rule service does not know.
import type { Store } from '../store/store.ts';
import { type Omgevingsplan, omgevingsplan } from './model.ts';
import { omgevingsplanCollections } from './plan-collections.ts';
import { assertValidPlan } from './validate-plan.ts';

export const OMGEVINGSPLAN_DOCUMENT = { kind: 'omgevingsplan', id: 'current' } as const;

/** Validates the plan (schema, references, TPOD1650) and stores it; throws InvalidParameter on an inconsistent plan. */
export async function storeOmgevingsplan(store: Store, plan: Omgevingsplan): Promise<void> {
  const checked = omgevingsplan.parse(plan);
  assertValidPlan(checked, checked.meta.naam);
  await store.replaceDocument(OMGEVINGSPLAN_DOCUMENT.kind, OMGEVINGSPLAN_DOCUMENT.id, checked, omgevingsplanCollections(checked));
}

export async function loadOmgevingsplan(store: Store): Promise<Omgevingsplan | undefined> {
  return store.document<Omgevingsplan>(OMGEVINGSPLAN_DOCUMENT.kind, OMGEVINGSPLAN_DOCUMENT.id);
}

/** Object counts, for command output and the API summary. */
export function planCounts(plan: Omgevingsplan): Record<string, number> {
  return {
    regelteksten: plan.regelteksten.length,
    juridischeRegels: plan.juridischeRegels.length,
    activiteiten: plan.activiteiten.length,
    locaties: plan.locaties.length,
    gebiedsaanwijzingen: plan.gebiedsaanwijzingen.length,
    omgevingsnormen: plan.omgevingsnormen.length,
    normwaarden: plan.omgevingsnormen.reduce((n, o) => n + o.normwaarden.length, 0),
    regelingsgebieden: plan.regelingsgebieden.length,
  };
}
