// What every street/address parser returns: the records, what it skipped (with --skip-invalid) and warnings. A
// malformed record without skipInvalid throws InvalidParameter naming the file and the record, so an import fails
// before anything is written.
import { InvalidParameter } from '../../../errors.ts';

export interface ParseOptions {
  /** Skip malformed records and report them instead of refusing the file. */
  skipInvalid?: boolean;
}

export interface SkippedRecord {
  file: string;
  /** "line 12", "feature 3 (id 0363…)" or "way 4567". */
  where: string;
  reason: string;
}

export interface Parsed<T> {
  records: T[];
  skipped: SkippedRecord[];
  warnings: string[];
}

export function emptyParsed<T>(): Parsed<T> {
  return { records: [], skipped: [], warnings: [] };
}

/** Throws (default) or records the skip, depending on skipInvalid. */
export function rejectRecord(result: Parsed<unknown>, options: ParseOptions, skipped: SkippedRecord): void {
  if (!options.skipInvalid) throw new InvalidParameter(`${skipped.file} ${skipped.where}: ${skipped.reason}`, { file: skipped.file, where: skipped.where });
  result.skipped.push(skipped);
}
