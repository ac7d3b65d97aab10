// Spatial extents of collections, computed from the data on first request and cached per router. An entry is
// reused while the collection's metadata and feature count are unchanged, so a replaced collection gets a new one.
import type { CollectionMeta } from '../../contracts/feature.ts';
import type { BboxRd } from '../../contracts/model.ts';
import { geometryBbox, unionBbox } from '../../geo/bbox.ts';
import type { Store } from '../../store/store.ts';
import { bboxRdToCrs84 } from './crs.ts';

/** Features read per store call while scanning; bounds memory, not correctness. */
const SCAN_PAGE = 5000;

interface Entry {
  signature: string;
  extent: Promise<number[] | undefined>;
}

export class ExtentCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly store: Store) {}

  /** CRS84 [west, south, east, north] of every feature with a geometry, or undefined if there are none. */
  async extent(meta: CollectionMeta): Promise<number[] | undefined> {
    const { numberMatched } = await this.store.collectionItems(meta.id, { limit: 0 });
    const signature = `${numberMatched}:${JSON.stringify(meta)}`;
    const cached = this.entries.get(meta.id);
    if (cached?.signature === signature) return cached.extent;
    const extent = this.scan(meta.id, numberMatched).then((rd) => (rd ? bboxRdToCrs84(rd) : undefined));
    this.entries.set(meta.id, { signature, extent });
    // A failed scan must not stay cached.
    extent.catch(() => this.entries.delete(meta.id));
    return extent;
  }

  private async scan(id: string, total: number): Promise<BboxRd | undefined> {
    let bbox: BboxRd | undefined;
    for (let offset = 0; offset < total; offset += SCAN_PAGE) {
      const { features } = await this.store.collectionItems(id, { limit: SCAN_PAGE, offset });
      for (const f of features) if (f.geometry) bbox = unionBbox(bbox, geometryBbox(f.geometry));
    }
    return bbox;
  }
}
