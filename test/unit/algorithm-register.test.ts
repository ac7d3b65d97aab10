import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALGORITHMS } from '../../server/algorithms/register.ts';

describe('algorithm register', () => {
  it('points only at code that exists', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    for (const a of ALGORITHMS) {
      expect(a.code.length, a.id).toBeGreaterThan(0);
      for (const file of a.code) expect(fs.existsSync(path.join(root, file)), `${a.id}: ${file}`).toBe(true);
    }
  });

  it('has unique ids', () => {
    expect(new Set(ALGORITHMS.map((a) => a.id)).size).toBe(ALGORITHMS.length);
  });

  it('names an owner and the human in the loop for every entry, in Dutch and English', () => {
    for (const a of ALGORITHMS) {
      for (const text of [a.owner, a.humanInTheLoop]) {
        expect(text.nl.trim().length, a.id).toBeGreaterThan(10);
        expect(text.en.trim().length, a.id).toBeGreaterThan(10);
        expect(text.nl, a.id).not.toBe(text.en);
      }
    }
  });

  it('lists the automated steps of the workspace and participation', () => {
    expect(ALGORITHMS.map((a) => a.id)).toEqual(
      expect.arrayContaining(['participation-personal-data-scan', 'participation-rate-limit', 'scenario-indicators']),
    );
  });

  it('no longer claims buildings are flat blocks without simplified levels', () => {
    const lod = ALGORITHMS.find((a) => a.id === 'lod1-extrusion');
    const text = JSON.stringify(lod);
    expect(text).toContain('LoD2');
    expect(text).toContain('HLOD');
    expect(text).not.toContain('No roof shapes (LoD2)');
  });
});
