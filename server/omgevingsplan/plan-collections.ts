// The served map layers of an omgevingsplan, as OGC API Features collections. The collection ids and property
// names are a contract with the viewer: omgevingsplan-functies, omgevingsplan-bouwhoogte, omgevingsplan-erfgoed.
// Locaties without geometry (an Ambtsgebied) are left out; Gebiedengroepen are flattened to their members.
import type { CollectionMeta, FeatureRd, GeometryRd } from '../contracts/feature.ts';
import { GA_ERFGOED, GA_FUNCTIE, type Gebiedsaanwijzing, NORM_MAX_BOUWHOOGTE, NORM_MAX_BOUWLAGEN, type Omgevingsplan } from './model.ts';
import { erfgoedTypeOf, functieOf, isNorm, metresOf } from './rules-at.ts';

export const PLAN_COLLECTION_IDS = ['omgevingsplan-functies', 'omgevingsplan-bouwhoogte', 'omgevingsplan-erfgoed'] as const;

export function omgevingsplanCollections(plan: Omgevingsplan): { meta: CollectionMeta; features: FeatureRd[] }[] {
  const geometriesOf = geometryResolver(plan);
  const common = {
    source: plan.meta.source,
    licence: plan.meta.licence,
    date: plan.meta.date,
    privacyClass: 'open' as const,
    synthetic: plan.meta.synthetic,
  };
  const name = plan.meta.naam;

  const functies: FeatureRd[] = [];
  const erfgoed: FeatureRd[] = [];
  for (const g of plan.gebiedsaanwijzingen) {
    if (g.type === GA_FUNCTIE) {
      for (const [locatie, geometry] of geometriesOf(g.locatieRefs)) {
        functies.push(feature(g, locatie, geometry, { functie: functieOf(g) }));
      }
    } else if (g.type === GA_ERFGOED) {
      const type = erfgoedTypeOf(g);
      if (!type) continue;
      for (const [locatie, geometry] of geometriesOf(g.locatieRefs)) erfgoed.push(feature(g, locatie, geometry, { type }));
    }
  }

  const bouwhoogte: FeatureRd[] = [];
  for (const n of plan.omgevingsnormen) {
    const isHeight = isNorm(n, NORM_MAX_BOUWHOOGTE);
    const isLayers = isNorm(n, NORM_MAX_BOUWLAGEN);
    if (!isHeight && !isLayers) continue;
    for (const w of n.normwaarden) {
      if (w.kwantitatieveWaarde === undefined) continue;
      for (const [locatie, geometry] of geometriesOf(w.locatieRefs)) {
        bouwhoogte.push({
          id: `${w.identificatie}@${locatie}`,
          geometry,
          properties: {
            identificatie: w.identificatie,
            norm: isHeight ? NORM_MAX_BOUWHOOGTE : NORM_MAX_BOUWLAGEN,
            waarde: isHeight ? metresOf(w.kwantitatieveWaarde, n.eenheid) : w.kwantitatieveWaarde,
            eenheid: isHeight ? 'm' : 'bouwlagen',
            locatie,
          },
        });
      }
    }
  }

  return [
    {
      meta: {
        ...common,
        id: 'omgevingsplan-functies',
        title: { nl: `Functies (${name})`, en: `Land-use functions (${name})` },
        description: {
          nl: 'Gebiedsaanwijzingen van het type Functie uit het omgevingsplan: wat op een plek mag (wonen, centrum, bedrijventerrein, groen, water …). Indicatief; het omgevingsplan in het Omgevingsloket is leidend.',
          en: 'Gebiedsaanwijzingen of type Functie from the omgevingsplan: what a place is meant for (housing, centre, business park, green, water …). Indicative; the omgevingsplan in the Omgevingsloket is authoritative.',
        },
        queryables: [
          { name: 'functie', type: 'string' },
          { name: 'identificatie', type: 'string' },
        ],
      },
      features: functies,
    },
    {
      meta: {
        ...common,
        id: 'omgevingsplan-bouwhoogte',
        title: { nl: `Maximum bouwhoogte en bouwlagen (${name})`, en: `Maximum building height and storeys (${name})` },
        description: {
          nl: "Normwaarden van de omgevingsnormen 'maximum bouwhoogte' (m) en 'maximum aantal bouwlagen', één object per normwaarde en locatie.",
          en: "Values of the norms 'maximum bouwhoogte' (m) and 'maximum aantal bouwlagen' (storeys), one feature per value and location.",
        },
        queryables: [
          { name: 'norm', type: 'string' },
          { name: 'eenheid', type: 'string' },
          { name: 'waarde', type: 'number' },
        ],
      },
      features: bouwhoogte,
    },
    {
      meta: {
        ...common,
        id: 'omgevingsplan-erfgoed',
        title: { nl: `Erfgoed (${name})`, en: `Heritage (${name})` },
        description: {
          nl: 'Gebiedsaanwijzingen van het type Erfgoed: beschermd stadsgezicht, gemeentelijke monumenten en rijksmonumenten.',
          en: 'Gebiedsaanwijzingen of type Erfgoed: protected townscape, municipal monuments and national monuments.',
        },
        queryables: [
          { name: 'type', type: 'string' },
          { name: 'identificatie', type: 'string' },
        ],
      },
      features: erfgoed,
    },
  ];
}

function feature(g: Gebiedsaanwijzing, locatie: string, geometry: GeometryRd, extra: Record<string, string>): FeatureRd {
  return { id: `${g.identificatie}@${locatie}`, geometry, properties: { identificatie: g.identificatie, naam: g.naam, ...extra, locatie } };
}

/** Locatie refs → [member locatie id, geometry] pairs, with groups flattened and geometry-less locaties dropped. */
function geometryResolver(plan: Omgevingsplan): (refs: readonly string[]) => [string, GeometryRd][] {
  const byId = new Map(plan.locaties.map((l) => [l.identificatie, l]));
  const expand = (id: string, depth: number, out: [string, GeometryRd][]): void => {
    const l = byId.get(id);
    if (!l || depth > 8) return;
    if (l.groepselementen && l.groepselementen.length > 0) l.groepselementen.forEach((m) => expand(m, depth + 1, out));
    else if (l.geometrie) out.push([l.identificatie, l.geometrie]);
  };
  return (refs) => {
    const out: [string, GeometryRd][] = [];
    refs.forEach((r) => expand(r, 0, out));
    return out;
  };
}
