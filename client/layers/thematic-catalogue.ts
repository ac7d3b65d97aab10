// Which catalogue entries are the omgevingsplan and health overlays. Matched on the OGC collection in the URL
// (or, failing that, the layer id), so the catalogue may name its layers as it likes.
import { collectionIdOf } from '../api/feature-api.ts';
import type { LayerInfo } from '../api/twin-api.ts';

export const THEMATIC_COLLECTIONS = {
  zones: 'omgevingsplan-functies',
  heights: 'omgevingsplan-bouwhoogte',
  heritage: 'omgevingsplan-erfgoed',
  health: 'gezondheid',
} as const;
export type ThematicRole = keyof typeof THEMATIC_COLLECTIONS;

export type ThematicLayers = Partial<Record<ThematicRole, LayerInfo>>;

export function findThematicLayers(layers: LayerInfo[]): ThematicLayers {
  const found: ThematicLayers = {};
  for (const [role, collection] of Object.entries(THEMATIC_COLLECTIONS) as [ThematicRole, string][]) {
    const layer =
      layers.find((l) => l.kind === 'features' && collectionIdOf(l.url ?? '') === collection) ??
      layers.find((l) => l.kind === 'features' && l.id === collection);
    if (layer) found[role] = layer;
  }
  return found;
}
