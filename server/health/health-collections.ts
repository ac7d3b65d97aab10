// The served `gezondheid` collection: one feature per buurt with, for every indicator, the published value of
// its latest year and its status. Built from published values only, so the raw table cannot reach a client
// through the OGC API. Pure.
import type { CollectionMeta, FeatureRd } from '../contracts/feature.ts';
import type { Buurt } from '../contracts/model.ts';
import { polygonToGeoJson } from '../store/core-collections.ts';
import { latestValues, valueOf } from './latest-values.ts';
import type { IndicatorDefinition, PublishedValue } from './model.ts';

export const HEALTH_COLLECTION_ID = 'gezondheid';

export interface HealthCollectionAbout {
  source: string;
  licence: string;
  /** ISO date the data describe. */
  date: string;
  synthetic: boolean;
}

export function healthCollections(
  buurten: readonly Buurt[],
  published: readonly PublishedValue[],
  definitions: readonly IndicatorDefinition[],
  about: Partial<HealthCollectionAbout> = {},
): { meta: CollectionMeta; features: FeatureRd[] }[] {
  const latest = latestValues(published, definitions);
  const years = latest.flatMap((l) => (l.year === undefined ? [] : [l.year]));
  const source = about.source ?? ([...new Set(definitions.map((d) => d.source))].join('; ') || 'unknown');
  const synthetic = about.synthetic ?? (definitions.length > 0 && definitions.every((d) => /synthetic/i.test(d.source)));
  const meta: CollectionMeta = {
    id: HEALTH_COLLECTION_ID,
    title: { nl: 'Gezondheid per buurt', en: 'Health per neighbourhood' },
    description: {
      nl:
        `Gezondheidsindicatoren per buurt (${definitions.map((d) => d.title.nl).join(', ')}). ` +
        'Waarden gebaseerd op te weinig respondenten zijn niet gepubliceerd (status onvoldoende-gegevens); percentages afgerond op hele procenten. ' +
        'Buurtcijfers zijn schattingen, geen gemeten prevalentie.',
      en:
        `Health indicators per neighbourhood (${definitions.map((d) => d.title.en).join(', ')}). ` +
        'Values based on too few respondents are not published (status onvoldoende-gegevens); percentages rounded to whole percent. ' +
        'Neighbourhood figures are estimates, not measured prevalence.',
    },
    source,
    licence: about.licence ?? (synthetic ? 'CC0-1.0' : 'see source'),
    date: about.date ?? (years.length > 0 ? `${Math.max(...years)}-12-31` : ''),
    privacyClass: 'aggregated',
    synthetic,
    queryables: [{ name: 'code', type: 'string' }],
  };
  const features: FeatureRd[] = buurten.map((b) => {
    const properties: FeatureRd['properties'] = { code: b.code, naam: b.name };
    for (const l of latest) {
      const v = valueOf(l, b.code);
      properties[l.definition.id] = v.value;
      properties[`${l.definition.id}_status`] = v.status;
      properties[`${l.definition.id}_respondenten`] = v.respondents;
    }
    return { id: b.code, geometry: polygonToGeoJson(b.polygon), properties };
  });
  return [{ meta, features }];
}
