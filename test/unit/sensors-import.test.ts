import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importSensorsCommand } from '../../server/sensors/import/import-command.ts';
import { parseLuchtmeetnet } from '../../server/sensors/import/parse-luchtmeetnet.ts';
import { parseObservationsCsv } from '../../server/sensors/import/parse-observations-csv.ts';
import { parseSensorCommunity } from '../../server/sensors/import/parse-sensor-community.ts';
import { openSensorStore, type SensorStore } from '../../server/sensors/store/sensor-store.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../../../shared/fixtures/luchtmeetnet/station-NL-geleen-asterstraat.json');
const fixturePresent = fs.existsSync(FIXTURE);
if (!fixturePresent) console.warn(`skipping the Luchtmeetnet fixture test: ${FIXTURE} is absent`);

let dir: string;
let store: SensorStore;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-sensor-import-'));
  store = openSensorStore(path.join(dir, 'sensors.sqlite'));
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
const write = (name: string, content: unknown) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};
const count = (table: string) => (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

const measurements = (rows: unknown[]) => ({ pagination: { current_page: 1 }, data: rows });
const scReading = (id: number, locId: number, timestamp: string, values: [string, string][], indoor = 0) => ({
  id,
  timestamp,
  location: { id: locId, latitude: '51.0', longitude: '5.8', altitude: '40', country: 'NL', indoor },
  sensor: { id: 700 + locId, pin: '1', sensor_type: { id: 14, name: 'SDS011', manufacturer: 'Nova Fitness' } },
  sensordatavalues: values.map(([value_type, value]) => ({ value_type, value })),
});

describe.skipIf(!fixturePresent)('Luchtmeetnet fixture', () => {
  it('imports the Geleen-Asterstraat station document as a reference Thing with its Location and components', async () => {
    const result = await importSensorsCommand(store, FIXTURE, { stationNumber: 'NL50003' });
    expect(result).toMatchObject({ format: 'luchtmeetnet', thingsCreated: 1, datastreamsCreated: 6, observations: 0 });
    const thing = store.db.prepare('SELECT name, properties FROM things').get() as { name: string; properties: string };
    expect(thing.name).toBe('Geleen-Asterstraat');
    expect(JSON.parse(thing.properties)).toMatchObject({ kind: 'reference', stationCode: 'NL50003', organisation: 'ODZL (Limburg)', municipality: 'Sittard-Geleen', stationType: 'Industrial' });
    expect(store.db.prepare('SELECT lon, lat, location FROM locations').get()).toEqual({ lon: 5.82224, lat: 50.98445, location: JSON.stringify({ type: 'Point', coordinates: [5.82224, 50.98445] }) });
    // Measurements for the same station then attach to its Datastreams.
    const file = write('m.json', measurements([
      { station_number: 'NL50003', value: 20.4, timestamp_measured: '2024-11-07T21:00:00+00:00', formula: 'PM25' },
      { station_number: 'NL50003', value: 31, timestamp_measured: '2024-11-07T21:00:00+00:00', formula: 'NO2' },
    ]));
    const m = await importSensorsCommand(store, file);
    expect(m).toMatchObject({ thingsCreated: 0, datastreamsCreated: 0, observations: 2 });
    const obs = store.db.prepare("SELECT o.phenomenon_time AS t, o.result AS v FROM observations o JOIN datastreams d ON d.id = o.datastream_id WHERE d.name LIKE '%pm25'").get();
    expect(obs).toEqual({ t: Date.parse('2024-11-07T20:00:00Z'), v: 20.4 });
    expect((await importSensorsCommand(store, file)).duplicates).toBe(2);
  });
});

describe('sensor importers', () => {
  it('names the Luchtmeetnet records that are wrong, and refuses measurements of a station without a position', async () => {
    const parsed = parseLuchtmeetnet(JSON.stringify(measurements([
      { station_number: 'NL49017', value: 12, timestamp_measured: '2024-11-07T21:00:00+00:00', formula: 'PM25' },
      { station_number: 'NL49017', value: 'high', timestamp_measured: '2024-11-07T22:00:00+00:00', formula: 'PM25' },
      { station_number: 'NL49017', value: 3, timestamp_measured: '7 Nov 2024', formula: 'PM25' },
    ])));
    expect(parsed.skipped).toEqual([
      { where: 'record 2', message: 'value is not a number' },
      { where: 'record 3', message: 'timestamp_measured is not an ISO 8601 date-time with a zone' },
    ]);
    const file = write('m.json', measurements([{ station_number: 'NL49017', value: 12, timestamp_measured: '2024-11-07T21:00:00+00:00', formula: 'PM25' }]));
    await expect(importSensorsCommand(store, file)).rejects.toThrow(/station NL49017 has no position/);
    expect(count('things')).toBe(0);
  });

  it('reads Sensor.Community readings: P2 is PM2.5, P1 is PM10, indoor sensors left out, bad records named', () => {
    const parsed = parseSensorCommunity(JSON.stringify([
      scReading(1, 10, '2026-01-10 12:03:11', [['P1', '18.3'], ['P2', '9.1'], ['humidity', '88.0']]),
      scReading(2, 11, '2026-01-10 12:03:11', [['P2', '5']], 1),
      scReading(3, 12, '2026-01-10 12:03:11', [['P2', 'n/a']]),
    ]));
    expect(parsed.observations.map((o) => [o.stationKey, o.quantity, o.value])).toEqual([['LTD_10', 'pm10', 18.3], ['LTD_10', 'pm25', 9.1], ['LTD_10', 'rh', 88]]);
    expect(parsed.observations[0].timeMs).toBe(Date.UTC(2026, 0, 10, 12, 3, 11));
    expect(parsed.skipped).toEqual([
      { where: 'record 2 (id 2)', message: 'indoor sensor (not representative of outdoor air)', ignored: true },
      { where: 'record 3 (id 3)', message: "P2 value 'n/a' is not a number" },
    ]);
    expect(parsed.stations[0]).toMatchObject({ key: 'LTD_10', kind: 'citizen', lonLatDeg: [5.8, 51] });
  });

  it('imports all or nothing unless skipInvalid', async () => {
    const file = write('sc.json', [
      scReading(1, 10, '2026-01-10 12:00:00', [['P2', '9.1']]),
      scReading(2, 10, '2026-01-10 13:00:00', [['P2', 'x']]),
    ]);
    await expect(importSensorsCommand(store, file)).rejects.toThrow(/sc\.json: nothing imported, 1 invalid record \(record 2 \(id 2\): P2 value 'x' is not a number\)/);
    expect(count('observations')).toBe(0);
    expect(count('things')).toBe(0);
    const r = await importSensorsCommand(store, file, { skipInvalid: true });
    expect(r).toMatchObject({ format: 'sensor-community', thingsCreated: 1, datastreamsCreated: 1, observations: 1 });
    expect(r.skipped).toHaveLength(1);
  });

  it('reads the observations CSV, naming bad lines, and resolves Datastreams by id or name', async () => {
    expect(parseObservationsCsv('datastream,time,value\n1,2026-01-10T12:00:00Z,3.5\n1,yesterday,2\n"pm, kal",2026-01-10T12:00:00Z,\n').skipped).toEqual([
      { where: 'line 3', message: "time 'yesterday' is not an ISO 8601 date-time with a zone" },
      { where: 'line 4', message: "value '' is not a number" },
    ]);
    expect(() => parseObservationsCsv('ds,t,v\n')).toThrow(/line 1: the header must be exactly datastream,time,value/);
    await importSensorsCommand(store, write('sc.json', [scReading(1, 10, '2026-01-10 12:00:00', [['P2', '9.1']])]));
    const csv = write('obs.csv', 'datastream,time,value\n1,2026-01-10T13:00:00Z,4\nLTD_10 pm25,2026-01-10T14:00:00Z,5\n7,2026-01-10T15:00:00Z,6\n');
    await expect(importSensorsCommand(store, csv)).rejects.toThrow(/obs\.csv: nothing imported, 1 invalid record \(line 4: no Datastream with @iot.id 7\)/);
    expect(count('observations')).toBe(1);
    const r = await importSensorsCommand(store, csv, { skipInvalid: true });
    expect(r).toMatchObject({ format: 'csv', observations: 2, skipped: [{ where: 'line 4', message: 'no Datastream with @iot.id 7' }] });
    expect(count('observations')).toBe(3);
  });

  it('refuses files it cannot read as a whole with the file name', async () => {
    await expect(importSensorsCommand(store, write('x.json', '{"data": 5'))).rejects.toThrow(/^x\.json: not valid JSON/);
    await expect(importSensorsCommand(store, write('y.json', '{"data": 5}'))).rejects.toThrow(/^y\.json: expected a Luchtmeetnet response/);
    await expect(importSensorsCommand(store, write('z.json', '[]'), { format: 'xml' as never })).rejects.toThrow(/unknown format 'xml'/);
  });
});
