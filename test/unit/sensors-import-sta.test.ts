// Importing a SensorThings export (as Samen Meten, 52°North or FROST serve one) into our store.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importSensorsCommand } from '../../server/sensors/import/import-command.ts';
import { parseStaExport } from '../../server/sensors/import/parse-sta-export.ts';
import { openSensorStore, type SensorStore } from '../../server/sensors/store/sensor-store.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../../../shared/fixtures/sensorthings/52north-v1.1-things-expanded.json');
const fixturePresent = fs.existsSync(FIXTURE);
if (!fixturePresent) console.warn(`skipping the 52°North export import test: ${FIXTURE} is absent`);

let dir: string;
let store: SensorStore;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-sta-import-'));
  store = openSensorStore(path.join(dir, 'sensors.sqlite'));
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
const count = (table: string) => (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** What GET /Things?$expand=Locations,Datastreams($expand=Sensor,ObservedProperty,Observations) of a Samen Meten-like service answers. */
function samenMetenExport() {
  const ds = (id: number, name: string, values: [string, number][]) => ({
    '@iot.id': id,
    '@iot.selfLink': `https://example.org/v1.0/Datastreams(${id})`,
    name,
    description: `${name} of LTD_1`,
    unitOfMeasurement: { name: 'microgram per cubic metre', symbol: 'ug/m3', definition: 'http://unitsofmeasure.org/ucum.html#ug/m3' },
    observationType: 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement',
    phenomenonTime: '2026-01-01T00:00:00.000Z/2026-01-01T02:00:00.000Z',
    'Thing@iot.navigationLink': `https://example.org/v1.0/Datastreams(${id})/Thing`,
    Sensor: { '@iot.id': 5, name: 'SDS011', description: 'Nova SDS011', encodingType: 'text/plain', metadata: 'SDS011' },
    ObservedProperty: { '@iot.id': 7, name: 'pm25', definition: 'http://vocab.nerc.ac.uk/collection/P01/current/PMSFAAAA/', description: 'PM2.5' },
    'Observations@iot.count': values.length,
    Observations: values.map(([t, v], i) => ({ '@iot.id': id * 100 + i, phenomenonTime: t, resultTime: t, result: v })),
  });
  return {
    '@iot.count': 1,
    value: [
      {
        '@iot.id': 1,
        '@iot.selfLink': 'https://example.org/v1.0/Things(1)',
        name: 'LTD_1',
        description: 'Citizen sensor',
        properties: { project: 'Samen Meten' },
        Locations: [{ '@iot.id': 3, name: 'LTD_1', description: 'position', encodingType: 'application/vnd.geo+json', location: { type: 'Point', coordinates: [5.1, 52.1] } }],
        'HistoricalLocations@iot.navigationLink': 'https://example.org/v1.0/Things(1)/HistoricalLocations',
        Datastreams: [ds(11, 'pm25', [['2026-01-01T00:00:00.000Z', 8.5], ['2026-01-01T01:00:00.000Z', 9.25]])],
      },
    ],
  };
}

describe('SensorThings export import', () => {
  it('creates Things, Locations, Datastreams and their Observations as the API would', async () => {
    const file = path.join(dir, 'export.json');
    fs.writeFileSync(file, JSON.stringify(samenMetenExport()));
    const result = await importSensorsCommand(store, file);
    expect(result).toMatchObject({ format: 'sensorthings', thingsCreated: 1, datastreamsCreated: 1, observations: 2 });
    expect([count('things'), count('locations'), count('datastreams'), count('observations')]).toEqual([1, 1, 1, 2]);
    const results = (store.db.prepare('SELECT result FROM observations ORDER BY phenomenon_time').all() as { result: string }[]).map((r) => JSON.parse(r.result));
    expect(results).toEqual([8.5, 9.25]);
  });

  it('is all or nothing: one bad Thing names itself and nothing is stored', async () => {
    const doc = samenMetenExport();
    doc.value.push({ ...doc.value[0], name: 'LTD_2', Datastreams: [{ ...doc.value[0].Datastreams[0], unitOfMeasurement: 'µg' as never }] });
    const file = path.join(dir, 'export.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    await expect(importSensorsCommand(store, file)).rejects.toThrow(/Thing 2 \(LTD_2\): Datastreams\.0\.unitOfMeasurement/);
    expect(count('things')).toBe(0);
    const partial = await importSensorsCommand(store, file, { skipInvalid: true });
    expect(partial.thingsCreated).toBe(1);
    expect(partial.skipped.map((s) => s.where)).toEqual(['Thing 2 (LTD_2)']);
  });

  it.skipIf(!fixturePresent)('imports the 52°North export, keeping the links of Sensors and ObservedProperties it did not expand', async () => {
    const text = fs.readFileSync(FIXTURE, 'utf8');
    const things = JSON.parse(`[${text}]`) as { Datastreams?: { 'Sensor@iot.navigationLink'?: string }[] }[];
    const datastreams = things.reduce((n, t) => n + (t.Datastreams?.length ?? 0), 0);
    const result = await importSensorsCommand(store, FIXTURE);
    expect(result).toMatchObject({ format: 'sensorthings', thingsCreated: things.length, datastreamsCreated: datastreams });
    expect(count('datastreams')).toBe(datastreams);
    const link = things[0].Datastreams?.[0]['Sensor@iot.navigationLink'];
    const metadata = (store.db.prepare('SELECT metadata FROM sensors').all() as { metadata: string }[]).map((r) => r.metadata);
    expect(metadata.some((m) => m.includes(String(link)))).toBe(true);
  });

  it('drops what the server adds and keeps free-form properties untouched', () => {
    const { things } = parseStaExport(JSON.stringify({ value: [{ '@iot.id': 9, name: 'X', description: 'd', properties: { '@iot.keep': 1 } }] }));
    expect(things).toEqual([{ name: 'X', description: 'd', properties: { '@iot.keep': 1 } }]);
  });
});
