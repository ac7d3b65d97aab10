// Writes a health table: the raw rows as the server-only document ('health', 'current') and the published
// `gezondheid` collection, in one transaction, so the map never shows values the document does not hold.
import { InvalidParameter, Unavailable } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { publishIndicators } from './disclosure.ts';
import { healthCollections } from './health-collections.ts';
import { DEFAULT_DISCLOSURE, type DisclosureOptions, type HealthDocument, type HealthRow, type IndicatorDefinition, healthRow, indicatorDefinition } from './model.ts';

export const HEALTH_DOCUMENT = { kind: 'health', id: 'current' } as const;

export interface StoreHealthOptions {
  disclosure?: Partial<DisclosureOptions>;
  licence?: string;
  /** Defaults to synthetic when the municipality is, or when the indicators say they come from a synthetic generator. */
  synthetic?: boolean;
}

export async function storeHealth(
  store: Store,
  rows: readonly HealthRow[],
  indicators: readonly IndicatorDefinition[],
  options: StoreHealthOptions = {},
): Promise<void> {
  const checkedRows = healthRow.array().parse(rows);
  const checkedIndicators = indicatorDefinition.array().parse(indicators);
  const buurten = await store.buurten();
  if (buurten.length === 0) throw new Unavailable('No buurten in the store; load a municipality before its health data.');
  const codes = new Set(buurten.map((b) => b.code));
  const unknown = [...new Set(checkedRows.filter((r) => !codes.has(r.buurtCode)).map((r) => r.buurtCode))];
  if (unknown.length > 0) throw new InvalidParameter(`Health rows for buurten that are not in the store: ${unknown.slice(0, 10).join(', ')}`);

  const disclosure: DisclosureOptions = { ...DEFAULT_DISCLOSURE, ...options.disclosure };
  const published = publishIndicators(checkedRows, checkedIndicators, disclosure);
  const meta = await store.meta();
  const synthetic = options.synthetic ?? (meta?.synthetic === true || checkedIndicators.some((d) => /synthetic/i.test(d.source)));
  const collections = healthCollections(buurten, published, checkedIndicators, {
    synthetic,
    ...(options.licence ? { licence: options.licence } : {}),
  });
  const document: HealthDocument = { rows: checkedRows, indicators: checkedIndicators, disclosure };
  await store.replaceDocument(HEALTH_DOCUMENT.kind, HEALTH_DOCUMENT.id, document, collections);
}

export async function loadHealthDocument(store: Store): Promise<HealthDocument | undefined> {
  return store.document<HealthDocument>(HEALTH_DOCUMENT.kind, HEALTH_DOCUMENT.id);
}
