// `tweeling import-health <file>`: reads a CSV indicator table, checks it against the loaded buurten and stores
// it (raw document + published collection) in one transaction. Wiring only; parsing and disclosure live elsewhere.
import fs from 'node:fs/promises';
import path from 'node:path';
import { Unavailable } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { type SkippedLine, parseHealthCsv } from './import-csv.ts';
import { storeHealth } from './store-health.ts';

export interface ImportHealthOptions {
  skipInvalid?: boolean;
  /** Licence of the imported table, shown with the layer. */
  licence?: string;
}

export async function importHealthCommand(
  store: Store,
  file: string,
  options: ImportHealthOptions = {},
): Promise<{ imported: number; skipped: SkippedLine[] }> {
  const buurten = await store.buurten();
  if (buurten.length === 0) throw new Unavailable('No buurten in the store; load a municipality before importing health data.');
  const text = await fs.readFile(file, 'utf8');
  // Messages name the file, not its full path: they end up in logs and on screens.
  const { rows, indicators, skipped } = parseHealthCsv(text, path.basename(file), {
    skipInvalid: options.skipInvalid,
    buurtCodes: new Set(buurten.map((b) => b.code)),
  });
  await storeHealth(store, rows, indicators, { licence: options.licence });
  return { imported: rows.length, skipped };
}
