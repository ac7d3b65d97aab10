import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALGORITHMS } from '../../server/algorithms/register.ts';

describe('algorithm register', () => {
  it('points only at code that exists', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    for (const a of ALGORITHMS) for (const file of a.code) expect(fs.existsSync(path.join(root, file)), file).toBe(true);
  });

  it('has unique ids', () => {
    expect(new Set(ALGORITHMS.map((a) => a.id)).size).toBe(ALGORITHMS.length);
  });
});
