// A fibre situation (fibre-situation.ts) as map layers (OGC API Features collections): coverage per address and the candidate POP
// sites, plus the existing ducts. Collection ids and property names are a contract with the viewer.
import type { CollectionMeta, FeatureRd } from '../../contracts/feature.ts';
import type { Municipality } from '../../contracts/model.ts';
import { type FibreSituation, storeFibreSituation } from '../../scenarios/fibre/fibre-situation.ts';
import type { Store } from '../../store/store.ts';
import { generateDemoFibre } from './generate-fibre.ts';

export const FIBRE_COLLECTION_IDS = ['glasvezel-dekking', 'glasvezel-pop', 'glasvezel-mantelbuizen'] as const;

export function fibreCollections(m: Municipality, fibre: FibreSituation): { meta: CollectionMeta; features: FeatureRd[] }[] {
  const common = { source: fibre.meta.source, licence: fibre.meta.licence, date: fibre.meta.date, privacyClass: 'open' as const, synthetic: fibre.meta.synthetic };
  const streetsById = new Map(m.streets.map((s) => [s.id, s]));
  return [
    {
      meta: {
        ...common,
        id: 'glasvezel-dekking',
        title: { nl: 'Breedbanddekking per adres (synthetisch)', en: 'Broadband coverage per address (synthetic)' },
        description: {
          nl: 'Welk vast netwerk elk adres nu bereikt: glasvezel, coax (kabel) of alleen koper (witte vlek). Synthetische demodata.',
          en: 'Which fixed network reaches each address today: fibre, coax (cable) or copper only (white spot). Synthetic demo data.',
        },
        queryables: [
          { name: 'dekking', type: 'string' },
          { name: 'buurtCode', type: 'string' },
        ],
      },
      features: m.addresses.map((a) => ({
        id: a.id,
        geometry: { type: 'Point', coordinates: [a.position[0], a.position[1]] },
        properties: { dekking: fibre.coverage[a.id] ?? null, buurtCode: a.buurtCode },
      })),
    },
    {
      meta: {
        ...common,
        id: 'glasvezel-pop',
        title: { nl: 'Mogelijke locaties wijkcentrale (POP)', en: 'Candidate central-office (POP) sites' },
        description: {
          nl: 'Plekken waar een wijkcentrale (POP) voor een nieuw glasvezelnet kan staan. Synthetische demodata.',
          en: 'Places where a central office (POP) for a new fibre network could stand. Synthetic demo data.',
        },
        queryables: [{ name: 'naam', type: 'string' }],
      },
      features: fibre.popSites.map((p) => ({ id: p.id, geometry: { type: 'Point', coordinates: [p.positionRd[0], p.positionRd[1]] }, properties: { naam: p.name } })),
    },
    {
      meta: {
        ...common,
        id: 'glasvezel-mantelbuizen',
        title: { nl: 'Bestaande mantelbuizen', en: 'Existing ducts' },
        description: {
          nl: 'Straten met een vrije bestaande mantelbuis waarin kabel kan worden geblazen zonder te graven. Synthetische demodata.',
          en: 'Streets with a free existing duct that cable can be blown into without digging. Synthetic demo data.',
        },
        queryables: [{ name: 'straat', type: 'string' }],
      },
      features: fibre.existingDuctStreetIds.flatMap((id) => {
        const s = streetsById.get(id);
        return s ? [{ id, geometry: { type: 'LineString' as const, coordinates: s.line.map(([x, y]) => [x, y] as [number, number]) }, properties: { straat: s.name } }] : [];
      }),
    },
  ];
}

/** Generates the demo fibre situation and stores it with its map collections in one transaction (for prepare.ts). */
export async function storeDemoFibre(store: Store, m: Municipality, seed: number): Promise<void> {
  const situation = generateDemoFibre(m, seed);
  await storeFibreSituation(store, situation, fibreCollections(m, situation));
}
