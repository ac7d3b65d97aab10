// The `tweeling steiner` command as a user runs it: a real process, a real file.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/tweeling.mjs');

function writeGr(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-gr-'));
  const file = path.join(dir, 'g.gr');
  fs.writeFileSync(file, text);
  return file;
}

// A square with a diagonal: terminals 1 and 3; the best tree is 1–2–3 (2 + 2) rather than the diagonal (5).
const SQUARE = 'SECTION Graph\nNodes 4\nEdges 5\nE 1 2 2\nE 2 3 2\nE 3 4 3\nE 4 1 3\nE 1 3 5\nEND\n\nSECTION Terminals\nTerminals 2\nT 1\nT 3\nEND\n\nEOF\n';

describe('npx tweeling steiner', () => {
  it('prints the tree weight on the last line and the edges with --edges', () => {
    const file = writeGr(SQUARE);
    const plain = execFileSync(process.execPath, [bin, 'steiner', file], { encoding: 'utf8' }).trim().split('\n');
    expect(plain.at(-1)).toBe('4');
    const withEdges = execFileSync(process.execPath, [bin, 'steiner', file, '--edges'], { encoding: 'utf8' }).trim().split('\n');
    expect(withEdges[0]).toBe('VALUE 4');
    expect(withEdges.slice(1, -1).sort()).toEqual(['1 2', '2 3']);
    expect(withEdges.at(-1)).toBe('4');
  });

  it('fails with the file name and line for a malformed file', () => {
    const file = writeGr('SECTION Graph\nNodes 2\nEdges 1\nE 1 5 3\nEND\n');
    const run = spawnSync(process.execPath, [bin, 'steiner', file], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${file}: line 4`);
  });
});
