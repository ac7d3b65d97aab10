// The omgevingsplan as Tweeling holds it: a normalised subset of IMOW (InformatieModel OmgevingsWet, TPOD),
// one record per OW object, references by IMOW identificatie. Both importers (IMOW XML, simple GeoJSON) and
// the demo generator produce this; the rule check and the served collections read it. Pure and browser-safe.
// Geometry is GeoJSON in RD New (EPSG:28992) with closed rings, as in contracts/feature.ts.
import { z } from 'zod';
import { geometryRd } from '../contracts/feature.ts';

const id = z.string().min(1).max(300);

export const JURIDISCHE_REGEL_TYPES = ['RegelVoorIedereen', 'Instructieregel', 'Omgevingswaarderegel'] as const;
/** Waardelijst Activiteitregelkwalificatie (TPOD), lower-case as in the URIs' labels. */
export const ACTIVITEITREGELKWALIFICATIES = [
  'toegestaan',
  'vergunningplicht',
  'meldingsplicht',
  'informatieplicht',
  'verbod',
  'gebod',
  'anders geduid',
] as const;
export const LOCATIE_TYPES = ['Gebied', 'Gebiedengroep', 'Ambtsgebied', 'Lijn', 'Lijnengroep', 'Punt', 'Puntengroep'] as const;
export const NORM_KINDS = ['Omgevingsnorm', 'Omgevingswaarde'] as const;

export const planMeta = z.object({
  naam: z.string(),
  /** Bevoegd-gezag code as used in identificaties, e.g. gm9999 (gemeente), pv26, mnre1034. */
  bevoegdGezag: z.string().regex(/^[a-z]{2,4}[0-9]{2,4}$/),
  source: z.string(),
  licence: z.string(),
  date: z.string(),
  synthetic: z.boolean(),
});
export type PlanMeta = z.infer<typeof planMeta>;

export const regeltekst = z.object({
  identificatie: id,
  /** STOP wId of the artikel or lid, e.g. gm9999_1__art_4.2. */
  wId: z.string(),
  titel: z.string(),
  tekst: z.string(),
});
export type Regeltekst = z.infer<typeof regeltekst>;

export const activiteitaanduiding = z.object({
  activiteitRef: id,
  activiteitregelkwalificatie: z.enum(ACTIVITEITREGELKWALIFICATIES),
  /** Where the kwalificatie holds; empty = the locaties of the juridische regel. */
  locatieRefs: z.array(id),
});
export type Activiteitaanduiding = z.infer<typeof activiteitaanduiding>;

export const juridischeRegel = z.object({
  identificatie: id,
  type: z.enum(JURIDISCHE_REGEL_TYPES),
  regeltekstRef: id.nullable(),
  idealisatie: z.enum(['exact', 'indicatief']),
  locatieRefs: z.array(id),
  activiteitaanduidingen: z.array(activiteitaanduiding),
  gebiedsaanwijzingRefs: z.array(id),
  omgevingsnormRefs: z.array(id),
});
export type JuridischeRegel = z.infer<typeof juridischeRegel>;

export const activiteit = z.object({
  identificatie: id,
  naam: z.string(),
  /** Waardelijst Activiteitengroep URI or label. */
  groep: z.string(),
  bovenliggendeActiviteit: id.optional(),
});
export type Activiteit = z.infer<typeof activiteit>;

export const locatie = z.object({
  identificatie: id,
  type: z.enum(LOCATIE_TYPES),
  noemer: z.string().optional(),
  geometrie: geometryRd.nullable(),
  /** Members of a Gebiedengroep / Lijnengroep / Puntengroep. */
  groepselementen: z.array(id).optional(),
  /** Ambtsgebied: code of the administrative boundary it stands for, e.g. GM0307. */
  bestuurlijkeGrenzenId: z.string().optional(),
});
export type Locatie = z.infer<typeof locatie>;

export const gebiedsaanwijzing = z.object({
  identificatie: id,
  /** TypeGebiedsaanwijzing label, e.g. Functie, Beperkingengebied, Erfgoed. */
  type: z.string(),
  naam: z.string(),
  /** Groep URI or label, e.g. beschermd stadsgezicht, wonen. */
  groep: z.string(),
  locatieRefs: z.array(id),
});
export type Gebiedsaanwijzing = z.infer<typeof gebiedsaanwijzing>;

export const normwaarde = z.object({
  identificatie: id,
  kwantitatieveWaarde: z.number().finite().optional(),
  kwalitatieveWaarde: z.string().optional(),
  waardeInRegeltekst: z.string().optional(),
  locatieRefs: z.array(id),
});
export type Normwaarde = z.infer<typeof normwaarde>;

export const omgevingsnorm = z.object({
  identificatie: id,
  /** Omgevingsnorm or Omgevingswaarde (same shape in IMOW). */
  kind: z.enum(NORM_KINDS).default('Omgevingsnorm'),
  naam: z.string(),
  type: z.string(),
  groep: z.string(),
  /** Eenheid label or URI, e.g. m, bouwlagen. */
  eenheid: z.string(),
  normwaarden: z.array(normwaarde),
});
export type Omgevingsnorm = z.infer<typeof omgevingsnorm>;

export const regelingsgebied = z.object({ identificatie: id, locatieRefs: z.array(id) });
export type Regelingsgebied = z.infer<typeof regelingsgebied>;

export const omgevingsplan = z.object({
  meta: planMeta,
  regelteksten: z.array(regeltekst),
  juridischeRegels: z.array(juridischeRegel),
  activiteiten: z.array(activiteit),
  locaties: z.array(locatie),
  gebiedsaanwijzingen: z.array(gebiedsaanwijzing),
  omgevingsnormen: z.array(omgevingsnorm),
  regelingsgebieden: z.array(regelingsgebied).default([]),
});
export type Omgevingsplan = z.infer<typeof omgevingsplan>;

/** An importer's result: the plan plus what was odd but not fatal. */
export interface ImportedPlan {
  plan: Omgevingsplan;
  warnings: string[];
}

/** Norm names the rule check and the bouwhoogte collection read (lower case, as IMOW examples write them). */
export const NORM_MAX_BOUWHOOGTE = 'maximum bouwhoogte';
export const NORM_MAX_BOUWLAGEN = 'maximum aantal bouwlagen';

/** Gebiedsaanwijzing types and Erfgoed groups the collections and the rule check use. */
export const GA_FUNCTIE = 'Functie';
export const GA_ERFGOED = 'Erfgoed';
export const ERFGOED_TYPES = ['beschermd stadsgezicht', 'gemeentelijk monument', 'rijksmonument'] as const;
export type ErfgoedType = (typeof ERFGOED_TYPES)[number];
export const FUNCTIES = ['wonen', 'centrum', 'gemengd', 'bedrijventerrein', 'maatschappelijk', 'groen', 'water', 'verkeer'] as const;
export type Functie = (typeof FUNCTIES)[number];

/** The last path segment of a waardelijst URI, or the value itself: `.../concept/Functie` → `Functie`. */
export function labelOf(value: string): string {
  const cut = value.replace(/\/+$/, '');
  const i = cut.lastIndexOf('/');
  return i >= 0 ? cut.slice(i + 1) : cut;
}
