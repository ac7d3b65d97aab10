// "Klik op de kaart": everything the plan says about one point — the Locaties containing it and the
// juridische regels, activiteiten (with their kwalificatie), gebiedsaanwijzingen and normwaarden that apply
// there, with the rule texts. Pure; indicative only (the published omgevingsplan in DSO is the legal source).
import type { PointRd } from '../contracts/model.ts';
import { ERFGOED_TYPES, type ErfgoedType, type Gebiedsaanwijzing, NORM_MAX_BOUWHOOGTE, type Omgevingsnorm, type Omgevingsplan } from './model.ts';
import { PlanIndex } from './plan-index.ts';

export interface RulesHere {
  point: PointRd;
  locaties: { identificatie: string; type: string; noemer: string | null }[];
  regels: {
    identificatie: string;
    type: string;
    idealisatie: string;
    regeltekst: { identificatie: string; wId: string; titel: string; tekst: string } | null;
  }[];
  activiteiten: { identificatie: string; naam: string; groep: string; activiteitregelkwalificatie: string; regelId: string }[];
  gebiedsaanwijzingen: { identificatie: string; type: string; naam: string; groep: string; regelIds: string[] }[];
  normwaarden: {
    identificatie: string;
    normId: string;
    norm: string;
    eenheid: string;
    kwantitatieveWaarde: number | null;
    kwalitatieveWaarde: string | null;
    waardeInRegeltekst: string | null;
    regelIds: string[];
  }[];
}

export function rulesAt(plan: Omgevingsplan, point: PointRd, index: PlanIndex = new PlanIndex(plan)): RulesHere {
  const here = index.containing(point);
  const hit = (refs: readonly string[]): boolean => refs.some((r) => here.has(r));

  const gebiedsaanwijzingen = plan.gebiedsaanwijzingen.filter((g) => hit(g.locatieRefs));
  const gaHere = new Set(gebiedsaanwijzingen.map((g) => g.identificatie));
  const normwaarden = plan.omgevingsnormen.flatMap((n) => n.normwaarden.filter((w) => hit(w.locatieRefs)).map((w) => ({ n, w })));
  const normsHere = new Set(normwaarden.map(({ n }) => n.identificatie));

  const regeltekst = new Map(plan.regelteksten.map((r) => [r.identificatie, r]));
  const activiteit = new Map(plan.activiteiten.map((a) => [a.identificatie, a]));
  const regels: RulesHere['regels'] = [];
  const activiteiten: RulesHere['activiteiten'] = [];
  for (const r of plan.juridischeRegels) {
    const aanduidingenHere = r.activiteitaanduidingen.filter((a) => hit(a.locatieRefs.length > 0 ? a.locatieRefs : r.locatieRefs));
    const applies =
      hit(r.locatieRefs) || aanduidingenHere.length > 0 || r.gebiedsaanwijzingRefs.some((g) => gaHere.has(g)) || r.omgevingsnormRefs.some((n) => normsHere.has(n));
    if (!applies) continue;
    const t = r.regeltekstRef ? regeltekst.get(r.regeltekstRef) : undefined;
    regels.push({
      identificatie: r.identificatie,
      type: r.type,
      idealisatie: r.idealisatie,
      regeltekst: t ? { identificatie: t.identificatie, wId: t.wId, titel: t.titel, tekst: t.tekst } : null,
    });
    for (const a of aanduidingenHere) {
      const act = activiteit.get(a.activiteitRef);
      activiteiten.push({
        identificatie: a.activiteitRef,
        naam: act?.naam ?? a.activiteitRef,
        groep: act?.groep ?? '',
        activiteitregelkwalificatie: a.activiteitregelkwalificatie,
        regelId: r.identificatie,
      });
    }
  }
  const regelsOf = (pred: (r: Omgevingsplan['juridischeRegels'][number]) => boolean): string[] =>
    plan.juridischeRegels.filter(pred).map((r) => r.identificatie);

  return {
    point,
    locaties: plan.locaties.filter((l) => here.has(l.identificatie)).map((l) => ({ identificatie: l.identificatie, type: l.type, noemer: l.noemer ?? null })),
    regels,
    activiteiten,
    gebiedsaanwijzingen: gebiedsaanwijzingen.map((g) => ({
      identificatie: g.identificatie,
      type: g.type,
      naam: g.naam,
      groep: g.groep,
      regelIds: regelsOf((r) => r.gebiedsaanwijzingRefs.includes(g.identificatie)),
    })),
    normwaarden: normwaarden.map(({ n, w }) => ({
      identificatie: w.identificatie,
      normId: n.identificatie,
      norm: n.naam,
      eenheid: n.eenheid,
      kwantitatieveWaarde: w.kwantitatieveWaarde ?? null,
      kwalitatieveWaarde: w.kwalitatieveWaarde ?? null,
      waardeInRegeltekst: w.waardeInRegeltekst ?? null,
      regelIds: regelsOf((r) => r.omgevingsnormRefs.includes(n.identificatie)),
    })),
  };
}

/** Norm-name comparison tolerant of case and spacing ("Maximum bouwhoogte"). */
export function isNorm(n: Pick<Omgevingsnorm, 'naam'>, naam: string): boolean {
  return n.naam.trim().toLowerCase().replace(/\s+/g, ' ') === naam;
}

/** Height norms are metres unless the eenheid says centimetre. */
export function metresOf(value: number, eenheid: string): number {
  return /^(cm|centimeter)$/i.test(eenheid.trim()) ? value / 100 : value;
}

export function isMaxBouwhoogte(n: Pick<Omgevingsnorm, 'naam'>): boolean {
  return isNorm(n, NORM_MAX_BOUWHOOGTE);
}

/** The functie of a Functie gebiedsaanwijzing, lower case: from its groep (label or URI) or else its naam. */
export function functieOf(g: Pick<Gebiedsaanwijzing, 'groep' | 'naam'>): string {
  const fromGroep = g.groep.replace(/([a-z])([A-Z])/g, '$1 $2').trim().toLowerCase();
  return fromGroep || g.naam.trim().toLowerCase();
}

/** The Erfgoed type of an Erfgoed gebiedsaanwijzing, or undefined when it is none of the three we know. */
export function erfgoedTypeOf(g: Pick<Gebiedsaanwijzing, 'groep' | 'naam'>): ErfgoedType | undefined {
  const norm = (s: string): string => s.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ').toLowerCase();
  const text = `${norm(g.groep)} ${norm(g.naam)}`;
  if (/stads|dorpsgezicht/.test(text)) return 'beschermd stadsgezicht';
  return ERFGOED_TYPES.find((t) => text.includes(t));
}
