import { describe, expect, it } from 'vitest';
import { layerCatalogue } from '../../server/api/layer-catalogue.ts';
import type { CollectionMeta } from '../../server/contracts/feature.ts';
import { createMunicipality } from '../support/factories.ts';

function createCollectionMeta(id: string, overrides: Partial<CollectionMeta> = {}): CollectionMeta {
  return {
    id,
    title: { nl: `Laag ${id}`, en: `Layer ${id}` },
    description: { nl: '', en: '' },
    source: 'GGD test',
    licence: 'CC-BY-4.0',
    date: '2024-12-31',
    privacyClass: 'aggregated',
    synthetic: false,
    queryables: [],
    ...overrides,
  };
}

describe('layer catalogue', () => {
  it('points the buildings layer at the tiles CDN when one is configured, else at this server', () => {
    const meta = createMunicipality().meta;
    expect(layerCatalogue(meta)[0].url).toBe('/tiles/buildings/tileset.json');
    expect(layerCatalogue(meta, [], { tilesBaseUrl: 'https://cdn.example.nl/twin/tiles' })[0].url).toBe('https://cdn.example.nl/twin/tiles/buildings/tileset.json');
  });

  it('adds thematic collections as feature layers with their own provenance', () => {
    const layers = layerCatalogue(createMunicipality().meta, [createCollectionMeta('buildings'), createCollectionMeta('gezondheid')]);
    expect(layers.map((l) => l.id)).toEqual(['buildings', 'basemap', 'gezondheid']);
    expect(layers[2]).toMatchObject({
      kind: 'features',
      url: '/ogc/collections/gezondheid/items',
      source: 'GGD test',
      licence: 'CC-BY-4.0',
      date: '2024-12-31',
      privacyClass: 'aggregated',
      synthetic: false,
    });
  });

  it('says in both languages when the data are synthetic', () => {
    const [buildings] = layerCatalogue(createMunicipality().meta);
    expect(buildings.description.nl).toContain('Synthetische gegevens');
    expect(buildings.description.en).toContain('Synthetic data');
  });
});
