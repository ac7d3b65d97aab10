// The layer catalogue: every layer says where it comes from, under which licence, how old it is and how
// privacy-sensitive it is (transparency rule). Pure: built from the dataset metadata.
import type { CollectionMeta } from '../contracts/feature.ts';
import type { DatasetMeta } from '../contracts/model.ts';

export interface LayerEntry {
  id: string;
  title: { nl: string; en: string };
  description: { nl: string; en: string };
  kind: '3dtiles' | 'basemap' | 'features' | 'sensorthings';
  url: string;
  source: string;
  licence: string;
  date: string;
  privacyClass: 'open' | 'aggregated' | 'personal';
  synthetic: boolean;
}

/** Collections already shown through the buildings tileset and the basemap. */
const CORE_COLLECTIONS = new Set(['buildings', 'addresses', 'streets', 'areas', 'buurten']);

export function layerCatalogue(
  meta: DatasetMeta,
  collections: CollectionMeta[] = [],
  options: { sensors?: boolean; tilesBaseUrl?: string } = {},
): LayerEntry[] {
  const common = { source: meta.source, licence: meta.licence, date: meta.date, synthetic: meta.synthetic };
  // After an import of real buildings the streets, water and green may still come from another source: each core
  // layer is credited to its own collection's provenance where the store has one.
  const provenanceOf = (id: string) => {
    const c = collections.find((x) => x.id === id);
    return c ? { source: c.source, licence: c.licence, date: c.date, synthetic: c.synthetic } : common;
  };
  const syntheticNote = meta.synthetic
    ? { nl: ' Synthetische gegevens: Demostad bestaat niet.', en: ' Synthetic data: Demostad does not exist.' }
    : { nl: '', en: '' };
  return [
    {
      id: 'buildings',
      title: { nl: 'Gebouwen (3D)', en: 'Buildings (3D)' },
      description: {
        nl: `Gebouwen als LoD1-blokken met bouwjaar, functie, hoogte en aantal woningen.${syntheticNote.nl}`,
        en: `Buildings as LoD1 blocks with construction year, function, height and number of dwellings.${syntheticNote.en}`,
      },
      kind: '3dtiles',
      url: `${options.tilesBaseUrl ?? '/tiles'}/buildings/tileset.json`,
      privacyClass: 'open',
      ...provenanceOf('buildings'),
    },
    {
      id: 'basemap',
      title: { nl: 'Ondergrond: straten, water en groen', en: 'Basemap: streets, water and green' },
      description: {
        nl: `Straatassen met wegklasse en verharding, water- en groenvlakken.${syntheticNote.nl}`,
        en: `Street centre lines with class and surface, water and green areas.${syntheticNote.en}`,
      },
      kind: 'basemap',
      url: '/api/basemap',
      privacyClass: 'open',
      ...provenanceOf('streets'),
    },
    ...collections
      .filter((c) => !CORE_COLLECTIONS.has(c.id))
      .map((c) => ({
        id: c.id,
        title: c.title,
        description: c.description,
        kind: 'features' as const,
        url: `/ogc/collections/${c.id}/items`,
        source: c.source,
        licence: c.licence,
        date: c.date,
        privacyClass: c.privacyClass,
        synthetic: c.synthetic,
      })),
    ...(options.sensors
      ? [
          {
            id: 'sensoren',
            title: { nl: 'Sensoren: lucht, geluid en drukte', en: 'Sensors: air, noise and footfall' },
            description: {
              nl: `Meetstations en burgersensoren via de OGC SensorThings API; bron en kalibratie staan per datastroom.${syntheticNote.nl}`,
              en: `Measuring stations and citizen sensors through the OGC SensorThings API; source and calibration are given per datastream.${syntheticNote.en}`,
            },
            kind: 'sensorthings' as const,
            url: '/sta/v1.1',
            source: meta.synthetic ? 'Tweeling synthetic demo sensor network' : 'Imported sensor data (source per Thing and Datastream)',
            licence: meta.synthetic ? meta.licence : 'see each Datastream',
            date: meta.date,
            // Footfall counters only count; no sensor identifies a person.
            privacyClass: 'aggregated' as const,
            synthetic: meta.synthetic,
          },
        ]
      : []),
  ];
}
