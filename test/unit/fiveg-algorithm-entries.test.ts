import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIVEG_ALGORITHMS } from '../../server/scenarios/fiveg/algorithm-entries.ts';

const root = path.resolve(import.meta.dirname, '../..');

describe('FIVEG_ALGORITHMS', () => {
  it('covers propagation, line of sight, EMF and the optimiser with unique ids', () => {
    expect(FIVEG_ALGORITHMS.map((a) => a.id)).toEqual(['fiveg-propagation', 'fiveg-line-of-sight', 'fiveg-emf-exposure', 'fiveg-site-optimiser']);
  });

  it('is bilingual throughout and points at code that exists', () => {
    for (const a of FIVEG_ALGORITHMS) {
      for (const t of [a.title, a.purpose, ...a.assumptions, ...a.limits]) {
        expect(t.nl.length, a.id).toBeGreaterThan(10);
        expect(t.en.length, a.id).toBeGreaterThan(10);
        expect(t.nl).not.toBe(t.en);
      }
      expect(a.inputs.length).toBeGreaterThan(0);
      expect(a.references.length).toBeGreaterThan(0);
      for (const file of a.code) expect(fs.existsSync(path.join(root, file)), file).toBe(true);
    }
  });
});
