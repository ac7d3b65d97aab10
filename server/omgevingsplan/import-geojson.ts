// The simple GeoJSON form of an omgevingsplan (see README.md in this folder): one zone per feature, in RD New,
// converted to the IMOW model with generated identificaties (nl.imow-<bevoegdGezag>.gebied.<n>, …).
// For municipalities that have their zoning as a shapefile/GeoPackage export rather than an IMOW delivery.
import { z } from 'zod';
import type { GeometryRd } from '../contracts/feature.ts';
import { InvalidParameter } from '../errors.ts';
import {
  ERFGOED_TYPES,
  FUNCTIES,
  GA_ERFGOED,
  GA_FUNCTIE,
  type ImportedPlan,
  NORM_MAX_BOUWHOOGTE,
  NORM_MAX_BOUWLAGEN,
  type Omgevingsnorm,
  type Omgevingsplan,
  omgevingsplan,
} from './model.ts';
import { assertValidPlan } from './validate-plan.ts';

export const MAX_GEOJSON_BYTES = 50 * 1024 * 1024;
/** Where RD New coordinates can lie (the projection's area of use, with a margin): x, y in metres. */
export const RD_RANGE = { minX: -7000, maxX: 300000, minY: 289000, maxY: 629000 } as const;

const position = z.tuple([z.number().finite(), z.number().finite()]).or(z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]));
const ring = z.array(position).min(4);
const zoneGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
]);
const zoneProperties = z.object({
  functie: z.enum(FUNCTIES).nullish(),
  naam: z.string().max(200).nullish(),
  maxBouwhoogteM: z.number().positive().max(400).nullish(),
  maxBouwlagen: z.number().int().positive().max(150).nullish(),
  erfgoed: z.enum(ERFGOED_TYPES).nullish(),
  regeltekst: z.string().max(20000).nullish(),
});
const feature = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  geometry: zoneGeometry,
  properties: zoneProperties,
});
const collection = z.object({
  type: z.literal('FeatureCollection'),
  name: z.string().optional(),
  bevoegdGezag: z.string().regex(/^[a-z]{2,4}[0-9]{2,4}$/).optional(),
  source: z.string().optional(),
  licence: z.string().optional(),
  date: z.string().optional(),
  synthetic: z.boolean().optional(),
  crs: z.object({ type: z.string(), properties: z.object({ name: z.string() }) }).optional(),
  features: z.array(z.unknown()),
});

export function importOmgevingsplanGeoJson(text: string, fileName: string): ImportedPlan {
  if (Buffer.byteLength(text, 'utf8') > MAX_GEOJSON_BYTES) throw new InvalidParameter(`${fileName}: larger than the ${MAX_GEOJSON_BYTES / 1024 / 1024} MB limit`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InvalidParameter(`${fileName}: not valid JSON: ${(e as Error).message}`);
  }
  const top = collection.safeParse(json);
  if (!top.success) throw new InvalidParameter(`${fileName}: not a GeoJSON FeatureCollection: ${issues(top.error)}`);
  const fc = top.data;
  const crsName = fc.crs?.properties.name;
  if (crsName !== undefined && !/(^|[:/])28992$/.test(crsName)) {
    throw new InvalidParameter(`${fileName}: crs ${crsName} is not RD New (EPSG:28992); convert the file to RD New first`);
  }
  const bg = fc.bevoegdGezag ?? 'gm9999';
  const idOf = (type: string, n: string | number): string => `nl.imow-${bg}.${type}.${n}`;
  const plan: Omgevingsplan = {
    meta: {
      naam: fc.name ?? fileName,
      bevoegdGezag: bg,
      source: fc.source ?? `GeoJSON ${fileName}`,
      licence: fc.licence ?? 'not stated',
      date: fc.date ?? 'unknown',
      synthetic: fc.synthetic ?? false,
    },
    regelteksten: [],
    juridischeRegels: [],
    activiteiten: [],
    locaties: [],
    gebiedsaanwijzingen: [],
    omgevingsnormen: [],
    regelingsgebieden: [],
  };
  const hoogte: Omgevingsnorm = { identificatie: idOf('omgevingsnorm', 'maximumbouwhoogte'), kind: 'Omgevingsnorm', naam: NORM_MAX_BOUWHOOGTE, type: 'Omgevingsnorm', groep: 'bouwhoogte', eenheid: 'm', normwaarden: [] };
  const lagen: Omgevingsnorm = { identificatie: idOf('omgevingsnorm', 'maximumaantalbouwlagen'), kind: 'Omgevingsnorm', naam: NORM_MAX_BOUWLAGEN, type: 'Omgevingsnorm', groep: 'bouwlagen', eenheid: 'bouwlagen', normwaarden: [] };

  fc.features.forEach((raw, index) => {
    const n = index + 1;
    const rawId = (raw as { id?: unknown } | null)?.id;
    const label = `${fileName}, feature ${index}${rawId !== undefined ? ` (id ${String(rawId)})` : ''}`;
    const parsed = feature.safeParse(raw);
    if (!parsed.success) throw new InvalidParameter(`${label}: ${issues(parsed.error)}`);
    const f = parsed.data;
    checkRdRange(f.geometry, label);
    const p = f.properties;
    const gebied = idOf('gebied', n);
    plan.locaties.push({ identificatie: gebied, type: 'Gebied', noemer: p.naam ?? p.functie ?? `zone ${n}`, geometrie: stripZ(f.geometry) });
    const gaRefs: string[] = [];
    const normRefs = new Set<string>();
    if (p.functie) {
      const ga = idOf('gebiedsaanwijzing', `functie-${n}`);
      plan.gebiedsaanwijzingen.push({ identificatie: ga, type: GA_FUNCTIE, naam: p.naam ?? capitalise(p.functie), groep: p.functie, locatieRefs: [gebied] });
      gaRefs.push(ga);
    }
    if (p.erfgoed) {
      const ga = idOf('gebiedsaanwijzing', `erfgoed-${n}`);
      plan.gebiedsaanwijzingen.push({ identificatie: ga, type: GA_ERFGOED, naam: p.naam ? `${capitalise(p.erfgoed)} ${p.naam}` : capitalise(p.erfgoed), groep: p.erfgoed, locatieRefs: [gebied] });
      gaRefs.push(ga);
    }
    if (p.maxBouwhoogteM != null) {
      hoogte.normwaarden.push({ identificatie: idOf('normwaarde', `bouwhoogte-${n}`), kwantitatieveWaarde: p.maxBouwhoogteM, locatieRefs: [gebied] });
      normRefs.add(hoogte.identificatie);
    }
    if (p.maxBouwlagen != null) {
      lagen.normwaarden.push({ identificatie: idOf('normwaarde', `bouwlagen-${n}`), kwantitatieveWaarde: p.maxBouwlagen, locatieRefs: [gebied] });
      normRefs.add(lagen.identificatie);
    }
    let regeltekstRef: string | null = null;
    if (p.regeltekst) {
      regeltekstRef = idOf('regeltekst', n);
      plan.regelteksten.push({ identificatie: regeltekstRef, wId: `${bg}_zone_${n}`, titel: p.naam ?? `Zone ${n}`, tekst: p.regeltekst });
    }
    if (regeltekstRef || gaRefs.length > 0 || normRefs.size > 0) {
      plan.juridischeRegels.push({
        identificatie: idOf('juridischeregel', n),
        type: 'RegelVoorIedereen',
        regeltekstRef,
        idealisatie: 'exact',
        locatieRefs: [gebied],
        activiteitaanduidingen: [],
        gebiedsaanwijzingRefs: gaRefs,
        omgevingsnormRefs: [...normRefs],
      });
    }
  });
  if (hoogte.normwaarden.length > 0) plan.omgevingsnormen.push(hoogte);
  if (lagen.normwaarden.length > 0) plan.omgevingsnormen.push(lagen);
  const checked = omgevingsplan.parse(plan);
  const warnings = assertValidPlan(checked, fileName);
  if (fc.features.length === 0) warnings.push(`${fileName}: the FeatureCollection has no features`);
  return { plan: checked, warnings };
}

function checkRdRange(g: z.infer<typeof zoneGeometry>, label: string): void {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const poly of polys) {
    for (const r of poly) {
      const [f, l] = [r[0], r[r.length - 1]];
      if (f[0] !== l[0] || f[1] !== l[1]) throw new InvalidParameter(`${label}: a ring is not closed (GeoJSON repeats the first position at the end)`);
      for (const [x, y] of r) {
        if (x < RD_RANGE.minX || x > RD_RANGE.maxX || y < RD_RANGE.minY || y > RD_RANGE.maxY) {
          throw new InvalidParameter(`${label}: coordinate (${x}, ${y}) is outside the RD New range; the file must be in EPSG:28992 metres (WGS84 degrees are not accepted)`);
        }
      }
    }
  }
}

function stripZ(g: z.infer<typeof zoneGeometry>): GeometryRd {
  const p2 = (p: number[]): [number, number] => [p[0], p[1]];
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(p2)) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map((r) => r.map(p2))) };
}

function issues(error: z.ZodError): string {
  return error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
