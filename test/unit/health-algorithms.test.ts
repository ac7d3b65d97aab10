import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALGORITHMS } from '../../server/algorithms/register.ts';
import { HEALTH_ALGORITHMS } from '../../server/health/algorithm-entries.ts';

describe('health algorithm entries', () => {
  it('point only at code that exists', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    for (const a of HEALTH_ALGORITHMS) for (const file of a.code) expect(fs.existsSync(path.join(root, file)), file).toBe(true);
  });

  it('have ids unique among themselves and the rest of the register', () => {
    const ids = ALGORITHMS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of HEALTH_ALGORITHMS) expect(ids).toContain(a.id);
  });

  it('are bilingual throughout', () => {
    for (const a of HEALTH_ALGORITHMS) {
      for (const text of [a.title, a.purpose, ...a.assumptions, ...a.limits]) {
        expect(text.nl.length).toBeGreaterThan(0);
        expect(text.en.length).toBeGreaterThan(0);
        expect(text.nl).not.toBe(text.en);
      }
    }
  });
});
