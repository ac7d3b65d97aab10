// `tweeling import-health <file>`: reads a CSV indicator table, checks it against the loaded buurten and stores
// it (raw document + published collection) in one transaction. Wiring only; parsing and disclosure live elsewhere.
import fs from 'node:fs/promises';
import path from 'node:path';
import { InvalidParameter, Unavailable } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { type SkippedLine, parseHealthCsv } from './import-csv.ts';
import { DEFAULT_DISCLOSURE } from './model.ts';
import { storeHealth } from './store-health.ts';

export interface ImportHealthOptions {
  skipInvalid?: boolean;
  /** Licence of the imported table, shown with the layer. */
  licence?: string;
  /** Disclosure threshold; never below the GGD practice of 50 respondents (privacy by design: stricter only). */
  minRespondents?: number;
}

export async function importHealthCommand(
  store: Store,
  file: string,
  options: ImportHealthOptions = {},
): Promise<{ imported: number; skipped: SkippedLine[] }> {
  const min = options.minRespondents;
  if (min !== undefined && (!Number.isInteger(min) || min < DEFAULT_DISCLOSURE.minRespondents || min > 100_000)) {
    throw new InvalidParameter(`--min-respondents must be a whole number from ${DEFAULT_DISCLOSURE.minRespondents} (GGD practice) to 100000, not ${min}`);
  }
  const buurten = await store.buurten();
  if (buurten.length === 0) throw new Unavailable('No buurten in the store; load a municipality before importing health data.');
  const text = await fs.readFile(file, 'utf8');
  // Messages name the file, not its full path: they end up in logs and on screens.
  const { rows, indicators, skipped } = parseHealthCsv(text, path.basename(file), {
    skipInvalid: options.skipInvalid,
    buurtCodes: new Set(buurten.map((b) => b.code)),
  });
  await storeHealth(store, rows, indicators, { licence: options.licence, ...(min !== undefined ? { disclosure: { minRespondents: min } } : {}) });
  return { imported: rows.length, skipped };
}
