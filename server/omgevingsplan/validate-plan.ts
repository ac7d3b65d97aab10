// Integrity checks run on every import: every reference resolves, identificaties are unique, and TPOD1650
// ("Blokkerend": a Normwaarde has exactly one of kwantitatieveWaarde / kwalitatieveWaarde / waardeInRegeltekst).
// References to another bevoegd gezag's objects (e.g. a gemeente activity under the Rijk's
// nl.imow-mnre1034.activiteit.ActInOmgevingsplan) live in that authority's delivery, so they are warnings.
import { InvalidParameter } from '../errors.ts';
import type { Omgevingsplan } from './model.ts';

export interface PlanCheck {
  errors: string[];
  warnings: string[];
}

/** Describes where an object came from ("Locaties.xml line 40"); the default names only the identificatie. */
export type WhereFn = (identificatie: string) => string | undefined;

const MAX_LISTED = 20;

export function checkPlan(plan: Omgevingsplan, where: WhereFn = () => undefined): PlanCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  const at = (objectId: string): string => {
    const w = where(objectId);
    return w ? `${objectId} (${w})` : objectId;
  };

  const ids = new Map<string, string>();
  const register = (kind: string, identificatie: string): void => {
    const seen = ids.get(identificatie);
    if (seen) errors.push(`${kind} ${at(identificatie)}: identificatie is also used by a ${seen}`);
    else ids.set(identificatie, kind);
  };
  const byKind = (kind: string) => new Set([...ids].filter(([, k]) => k === kind).map(([i]) => i));

  plan.regelteksten.forEach((o) => register('Regeltekst', o.identificatie));
  plan.juridischeRegels.forEach((o) => register('JuridischeRegel', o.identificatie));
  plan.activiteiten.forEach((o) => register('Activiteit', o.identificatie));
  plan.locaties.forEach((o) => register('Locatie', o.identificatie));
  plan.gebiedsaanwijzingen.forEach((o) => register('Gebiedsaanwijzing', o.identificatie));
  plan.omgevingsnormen.forEach((o) => {
    register(o.kind, o.identificatie);
    o.normwaarden.forEach((n) => register('Normwaarde', n.identificatie));
  });
  plan.regelingsgebieden.forEach((o) => register('Regelingsgebied', o.identificatie));

  const regelteksten = byKind('Regeltekst');
  const activiteiten = byKind('Activiteit');
  const locaties = byKind('Locatie');
  const gebiedsaanwijzingen = byKind('Gebiedsaanwijzing');
  const normen = new Set(plan.omgevingsnormen.map((n) => n.identificatie));
  const ownPrefix = `nl.imow-${plan.meta.bevoegdGezag}.`;

  const ref = (owner: string, field: string, target: string, known: Set<string>): void => {
    if (known.has(target)) return;
    if (/^nl\.imow-[a-z]{2,4}[0-9]+\./.test(target) && !target.startsWith(ownPrefix)) {
      warnings.push(`${owner}: ${field} ${target} belongs to another bevoegd gezag and is not part of this delivery; not resolved`);
      return;
    }
    errors.push(`${at(owner)}: ${field} ${target} does not resolve to any object in the plan`);
  };

  for (const r of plan.juridischeRegels) {
    if (r.regeltekstRef !== null) ref(r.identificatie, 'regeltekstRef', r.regeltekstRef, regelteksten);
    r.locatieRefs.forEach((l) => ref(r.identificatie, 'locatieRef', l, locaties));
    r.gebiedsaanwijzingRefs.forEach((g) => ref(r.identificatie, 'gebiedsaanwijzingRef', g, gebiedsaanwijzingen));
    r.omgevingsnormRefs.forEach((n) => ref(r.identificatie, 'omgevingsnormRef', n, normen));
    for (const a of r.activiteitaanduidingen) {
      ref(r.identificatie, 'activiteitRef', a.activiteitRef, activiteiten);
      a.locatieRefs.forEach((l) => ref(r.identificatie, 'activiteitaanduiding locatieRef', l, locaties));
    }
  }
  for (const a of plan.activiteiten) {
    if (a.bovenliggendeActiviteit) ref(a.identificatie, 'bovenliggendeActiviteit', a.bovenliggendeActiviteit, activiteiten);
  }
  for (const l of plan.locaties) {
    (l.groepselementen ?? []).forEach((g) => ref(l.identificatie, 'groepselement', g, locaties));
    if (l.type === 'Gebied' && l.geometrie === null) errors.push(`Gebied ${at(l.identificatie)} has no geometry`);
    if (l.type === 'Ambtsgebied' && l.geometrie === null) {
      warnings.push(`Ambtsgebied ${l.identificatie} has no geometry (it stands for ${l.bestuurlijkeGrenzenId ?? 'an administrative boundary'}); treated as the whole plan area`);
    }
  }
  for (const g of plan.gebiedsaanwijzingen) g.locatieRefs.forEach((l) => ref(g.identificatie, 'locatieRef', l, locaties));
  for (const n of plan.omgevingsnormen) {
    for (const w of n.normwaarden) {
      const kinds = [w.kwantitatieveWaarde, w.kwalitatieveWaarde, w.waardeInRegeltekst].filter((v) => v !== undefined).length;
      if (kinds !== 1) {
        errors.push(`TPOD1650: Normwaarde ${at(w.identificatie)} of ${n.identificatie} has ${kinds} of kwantitatieveWaarde / kwalitatieveWaarde / waardeInRegeltekst; exactly one is required`);
      }
      w.locatieRefs.forEach((l) => ref(w.identificatie, 'locatieRef', l, locaties));
    }
  }
  for (const g of plan.regelingsgebieden) g.locatieRefs.forEach((l) => ref(g.identificatie, 'locatieRef', l, locaties));
  return { errors, warnings };
}

/** Throws InvalidParameter listing the problems; returns the warnings otherwise. */
export function assertValidPlan(plan: Omgevingsplan, source: string, where?: WhereFn): string[] {
  const { errors, warnings } = checkPlan(plan, where);
  if (errors.length > 0) {
    const shown = errors.slice(0, MAX_LISTED);
    const more = errors.length > MAX_LISTED ? `; and ${errors.length - MAX_LISTED} more` : '';
    throw new InvalidParameter(`${source}: the omgevingsplan is not consistent: ${shown.join('; ')}${more}`, { errors: shown });
  }
  return warnings;
}
