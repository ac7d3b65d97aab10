// `importAntennasCommand`: file → validated antennas → the `antennes` collection, replaced in one call.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidParameter } from '../../server/errors.ts';
import { ANTENNA_COLLECTION_ID } from '../../server/scenarios/fiveg/antenna-collection.ts';
import { importAntennasCommand } from '../../server/scenarios/fiveg/import-antennas-command.ts';
import { loadStoredAntennas } from '../../server/scenarios/fiveg/town-context.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import type { Store } from '../../server/store/store.ts';

const HEADER = 'id;siteId;operator;kind;x;y;groundM;heightM;buildingId;band;azimuthDeg;downtiltDeg;eirpDbm';
const row = (id: string, site: string, operator = 'Operator A', azimuth = 0) => `${id};${site};${operator};mast;145000;445000;2;30;;n78;${azimuth};6;70`;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function createWorkspace(): Promise<{ store: Store; write: (name: string, text: string) => string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-antennas-'));
  const store = await openSqliteStore(path.join(dir, 'twin.sqlite'));
  cleanups.push(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  return { store, write };
}

async function rejection(promise: Promise<unknown>): Promise<InvalidParameter> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidParameter);
  return error as InvalidParameter;
}

describe('importAntennasCommand', () => {
  it('stores a CSV as the antennes collection with its licence and source', async () => {
    const { store, write } = await createWorkspace();
    const file = write('register.csv', [HEADER, row('S1-1', 'S1'), row('S1-2', 'S1', 'Operator A', 120), row('S2-1', 'S2', 'Operator B')].join('\n'));
    const result = await importAntennasCommand(store, file, { licence: 'CC-BY-4.0', date: '2026-11-30' });
    expect(result).toEqual({ collectionId: ANTENNA_COLLECTION_ID, antennas: 3, sites: 2, operators: ['Operator A', 'Operator B'] });
    expect(await store.collection(ANTENNA_COLLECTION_ID)).toMatchObject({ licence: 'CC-BY-4.0', source: 'register.csv', date: '2026-11-30', synthetic: false });
    const stored = await loadStoredAntennas(store);
    expect(stored.map((a) => a.id).sort()).toEqual(['S1-1', 'S1-2', 'S2-1']);
    expect(stored.find((a) => a.id === 'S1-2')).toMatchObject({ azimuthDeg: 120, position: [145000, 445000], band: 'n78' });
  });

  it('replaces the previous network instead of adding to it, from GeoJSON too', async () => {
    const { store, write } = await createWorkspace();
    await importAntennasCommand(store, write('old.csv', [HEADER, row('OLD-1', 'OLD'), row('OLD-2', 'OLD')].join('\n')));
    const geojson = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 'NEW-1',
          geometry: { type: 'Point', coordinates: [145100, 445100] },
          properties: { siteId: 'NEW', operator: 'Operator C', kind: 'mast', groundM: 1, heightM: 28, buildingId: null, band: 'n3', azimuthDeg: 90, downtiltDeg: 4, eirpDbm: 63 },
        },
      ],
    };
    const result = await importAntennasCommand(store, write('new.geojson', JSON.stringify(geojson)));
    expect(result.antennas).toBe(1);
    expect((await loadStoredAntennas(store)).map((a) => a.id)).toEqual(['NEW-1']);
    expect((await store.collection(ANTENNA_COLLECTION_ID))?.licence).toBe('not stated');
  });

  it('names the file, line and field of a bad row and leaves the stored network untouched', async () => {
    const { store, write } = await createWorkspace();
    await importAntennasCommand(store, write('good.csv', [HEADER, row('A-1', 'A')].join('\n')));
    const bad = write('bad.csv', [HEADER, row('B-1', 'B'), 'B-2;B;Operator A;mast;145000;445000;2;30;;n99;0;6;70'].join('\n'));
    const error = await rejection(importAntennasCommand(store, bad));
    expect(error.message).toMatch(/^bad\.csv: 1 problem\(s\): line 3: band:/);
    expect(error.details?.errors).toEqual([expect.objectContaining({ where: 'line 3', field: 'band' })]);
    expect((await loadStoredAntennas(store)).map((a) => a.id)).toEqual(['A-1']);
  });

  it('names the feature of a bad GeoJSON antenna', async () => {
    const { store, write } = await createWorkspace();
    const text = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', id: 'X', geometry: { type: 'LineString', coordinates: [] }, properties: {} }] });
    const error = await rejection(importAntennasCommand(store, write('net.geojson', text)));
    expect(error.message).toContain('net.geojson');
    expect(error.message).toContain('feature 1 (id X): geometry');
    expect(await store.collection(ANTENNA_COLLECTION_ID)).toBeUndefined();
  });

  it.each([
    ['antennes.xlsx', 'x', /antennes\.xlsx: unknown file type/],
    ['empty.csv', `${HEADER}\n`, /empty\.csv: no antennas/],
  ])('refuses %s', async (name, text, message) => {
    const { store, write } = await createWorkspace();
    expect((await rejection(importAntennasCommand(store, write(name, text)))).message).toMatch(message);
  });

  it('names a file that cannot be read, without its directory', async () => {
    const { store } = await createWorkspace();
    const error = await rejection(importAntennasCommand(store, path.join(os.tmpdir(), 'no-such-dir', 'missing.csv')));
    expect(error.message).toBe('missing.csv: cannot be read (ENOENT)');
  });
});
