// `tweeling import streets|addresses` end to end on a temporary SQLite store: repair report, linking to buurten and
// buildings, a fibre design on the imported network, and atomicity (a bad file leaves the store as it was).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Building, Municipality, Street } from '../../server/contracts/model.ts';
import { InvalidParameter } from '../../server/errors.ts';
import { DEFAULT_DESIGN_SETTINGS, DEFAULT_UNIT_COSTS } from '../../server/scenarios/fibre/fibre-defaults.ts';
import { planFibre, prepareFibreNetwork } from '../../server/scenarios/fibre/fibre-plan.ts';
import { formatStreetReport, importAddressesCommand, importStreetsCommand } from '../../server/scenarios/fibre/import/import-network-command.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import type { Store } from '../../server/store/store.ts';

const X0 = 155000;
const Y0 = 463000;
const rd = (x: number, y: number): [number, number] => [X0 + x, Y0 + y];
const square = (x: number, y: number, size: number) => [rd(x, y), rd(x + size, y), rd(x + size, y + size), rd(x, y + size)];

function createBuilding(id: string, x: number, y: number): Building {
  return { id, footprint: [square(x, y, 20)], groundM: 0, heightM: 6, roofType: 'plat', year: 1990, function: 'woning', dwellings: 1, buurtCode: 'BU99990001' };
}

function createMunicipality(): Municipality {
  return {
    meta: { name: 'Proefdorp', municipalityCode: 'GM9999', source: 'test', licence: 'CC0-1.0', date: '2026-01-01', synthetic: true, geoidHeightM: 43 },
    buildings: [createBuilding('pand-1', 10, 10), createBuilding('pand-2', 120, 50)],
    addresses: [],
    streets: [{ id: 'old-street', line: [rd(0, -500), rd(10, -500)], name: 'Oud', class: 'woonstraat', surface: 'klinkers' }],
    areas: [],
    buurten: [{ code: 'BU99990001', name: 'Centrum', polygon: [[rd(-50, -50), rd(700, -50), rd(700, 700), rd(-50, 700)]], population: 10, households: 5 }],
  };
}

const STREETS_GEOJSON = {
  type: 'FeatureCollection',
  crs: { type: 'name', properties: { name: 'EPSG:28992' } },
  features: [
    { type: 'Feature', id: 'main', properties: { highway: 'tertiary', surface: 'asphalt', name: 'Dorpsstraat' }, geometry: { type: 'LineString', coordinates: [rd(0, 0), rd(300, 0)] } },
    { type: 'Feature', id: 'side', properties: { highway: 'residential', name: 'Zijstraat' }, geometry: { type: 'LineString', coordinates: [rd(100, 0.2), rd(100, 150)] } },
    { type: 'Feature', id: 'island', properties: { highway: 'track', surface: 'moon_dust' }, geometry: { type: 'LineString', coordinates: [rd(1000, 0), rd(1100, 0)] } },
  ],
};

// a1, a2 inside the two buildings; a3 by the main street in no building; a4 by the isolated track, outside the buurt;
// a5 670 m from every street.
const ADDRESSES_CSV = [
  'id;postcode;huisnummer;straat;x;y',
  ...[
    ['a1', 1, 20, 15],
    ['a2', 3, 130, 60],
    ['a3', 5, 200, -20],
    ['a4', 7, 1050, 10],
    ['a5', 9, 600, 600],
  ].map(([id, n, x, y]) => `${id};1794BD;${n};Dorpsstraat;${X0 + Number(x)};${Y0 + Number(y)}`),
].join('\n');

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-fibre-import-'));
  store = await openSqliteStore(path.join(dir, 'store.sqlite'));
  await store.importMunicipality(createMunicipality());
  fs.writeFileSync(path.join(dir, 'streets.geojson'), JSON.stringify(STREETS_GEOJSON));
  fs.writeFileSync(path.join(dir, 'addresses.csv'), ADDRESSES_CSV);
});

afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const allStreets = (s: Store) => s.streets({ limit: 1e6 });
const allAddresses = (s: Store) => s.addresses({ limit: 1e6 });

describe('importStreetsCommand', () => {
  it('replaces the streets, their index and collection, and reports the repairs', async () => {
    const report = await importStreetsCommand(store, [path.join(dir, 'streets.geojson')]);
    expect((await allStreets(store)).map((s) => s.id)).toEqual(['main', 'side', 'island']);
    expect((await store.streets({ bbox: [X0 + 950, Y0 - 10, X0 + 1200, Y0 + 10], limit: 10 })).map((s) => s.id)).toEqual(['island']);
    expect((await store.collectionItems('streets', { limit: 10 })).features.map((f) => f.id)).toEqual(['main', 'side', 'island']);
    expect(report.topology).toMatchObject({ streets: 3, gapsClosed: 1, endpointOnLineSplits: 1, crossingSplits: 0, components: 2 });
    expect(report.warnings).toEqual(['surface=moon_dust on 1 street(s) is not known; the class default was used']);
    expect(formatStreetReport(report)).toBe(
      'streets: 3 lines, 4 segments, 6 nodes; snapped 1 endpoints (≤ 0.5 m); split 1 at intersections (0 crossings, 1 T-junctions, 0 shared vertices); ' +
        'dropped 0 zero-length, 0 duplicate; 2 components, largest 66.7 %; surfaces: asfalt 1, klinkers 2, unknown→klinkers 1, untagged→klinkers 1',
    );
  });

  it('records the source and licence of the imported files in the streets layer (not the synthetic demo meta)', async () => {
    await importStreetsCommand(store, [path.join(dir, 'streets.geojson')], { licence: 'CC-BY-4.0' });
    expect(await store.collection('streets')).toMatchObject({ source: 'streets.geojson', licence: 'CC-BY-4.0', synthetic: false });
    expect(await store.collection('buildings')).toMatchObject({ source: 'test', licence: 'CC0-1.0', synthetic: true });
    await importAddressesCommand(store, [path.join(dir, 'addresses.csv')]);
    expect(await store.collection('addresses')).toMatchObject({ source: 'addresses.csv', licence: 'onbekend', synthetic: false });
  });

  it('keeps the first of a street that occurs in two files (adjacent extracts share ways) and counts the duplicates', async () => {
    const file = path.join(dir, 'streets.geojson');
    const report = await importStreetsCommand(store, [file, file]);
    expect(report.streets).toBe(3);
    expect(report.duplicateIds).toBe(3);
    expect(formatStreetReport(report)).toContain('; 3 duplicate ids ignored');
  });

  it('leaves the store as it was when one of the files is bad', async () => {
    fs.writeFileSync(path.join(dir, 'bad.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: rd(0, 0) } }] }));
    const before = await store.counts();
    await expect(importStreetsCommand(store, [path.join(dir, 'streets.geojson'), path.join(dir, 'bad.geojson')])).rejects.toThrow(/bad\.geojson feature 0: not a LineString/);
    expect(await store.counts()).toEqual(before);
    expect((await allStreets(store)).map((s) => s.id)).toEqual(['old-street']);
  });
});

describe('store.replaceStreets', () => {
  it('rolls back completely when a write fails half-way (duplicate id)', async () => {
    const street = (id: string): Street => ({ id, line: [rd(0, 0), rd(1, 0)], name: '', class: 'erf', surface: 'tegels' });
    await expect(store.replaceStreets([street('x'), street('y'), street('x')])).rejects.toThrow();
    expect((await allStreets(store)).map((s) => s.id)).toEqual(['old-street']);
    expect((await store.collectionItems('streets', { limit: 10 })).features.map((f) => f.id)).toEqual(['old-street']);
  });
});

describe('importAddressesCommand', () => {
  it('assigns buurten and buildings by position and reports what it could not link', async () => {
    const report = await importAddressesCommand(store, [path.join(dir, 'addresses.csv')]);
    expect(report.link).toEqual({ buurtFromFile: 0, buurtAssigned: 4, buurtNone: 1, buildingFromFile: 0, buildingLinked: 2, buildingNone: 3 });
    const byId = new Map((await allAddresses(store)).map((a) => [a.id, a]));
    expect(byId.get('a1')).toMatchObject({ buildingId: 'pand-1', buurtCode: 'BU99990001', postcode: '1794BD', houseNumber: 1 });
    expect(byId.get('a4')).toMatchObject({ buildingId: '', buurtCode: null });
    expect((await store.addressesOfBuilding('pand-2')).map((a) => a.id)).toEqual(['a2']);
    expect((await store.counts()).addresses).toBe(5);
  });

  it('refuses a file with a bad line and leaves the addresses as they were', async () => {
    await importAddressesCommand(store, [path.join(dir, 'addresses.csv')]);
    fs.writeFileSync(path.join(dir, 'bad.csv'), 'postcode,huisnummer,x,y\n1794BD,1,155000,463000\n1794BD,-2,155000,463000\n');
    const error = await importAddressesCommand(store, [path.join(dir, 'bad.csv')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidParameter);
    expect((error as Error).message).toMatch(/bad\.csv line 3, column huisnummer/);
    expect((await allAddresses(store)).map((a) => a.id)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
  });
});

describe('a fibre design on the imported network', () => {
  it('connects every address or reports why not', async () => {
    await importStreetsCommand(store, [path.join(dir, 'streets.geojson')]);
    await importAddressesCommand(store, [path.join(dir, 'addresses.csv')]);
    const streets = await allStreets(store);
    const addresses = await allAddresses(store);
    const prepared = prepareFibreNetwork(streets, addresses);
    const plan = planFibre(prepared, undefined, { popPositionRd: rd(5, 5), costs: DEFAULT_UNIT_COSTS, settings: DEFAULT_DESIGN_SETTINGS });
    expect(plan.design.homesPassed).toBe(3);
    expect(plan.disconnected.map((d) => [d.addressId, d.reason])).toEqual([
      ['a5', 'too-far-from-street'],
      ['a4', 'not-connected-to-pop'],
    ]);
    expect(plan.design.homesPassed + plan.disconnected.length).toBe(addresses.length);
  });
});
