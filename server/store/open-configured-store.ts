// The store a configured twin uses: PostGIS when TWEELING_STORE_URL (or --store) names one, else the SQLite file in
// the data directory. Every command that reads or writes the twin opens it through here, so imports and tile
// builds work on a PostGIS-only deployment too.
import { type Config, dataPaths } from '../config.ts';
import { openStoreAt } from './migrate-command.ts';
import { openSqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';

export function openConfiguredStore(config: Pick<Config, 'dataDir'> & Partial<Pick<Config, 'storeUrl'>>, options: { readonly?: boolean } = {}): Promise<Store> {
  return config.storeUrl !== undefined ? openStoreAt(config.storeUrl, options) : openSqliteStore(dataPaths(config).store, options);
}
