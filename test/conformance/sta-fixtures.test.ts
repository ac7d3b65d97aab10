// Our responses against recorded ones from other servers: the 52°North Things with expanded members (shape:
// keys and JSON types) and the Geonovum create bodies (accepted; the INVALID one refused).
import fs from 'node:fs';
import path from 'node:path';
import { createStaFixture, type StaFixture } from '../support/sta-fixture.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const FIXTURES = path.resolve(import.meta.dirname, '../../../shared/fixtures/sensorthings');
const present = fs.existsSync(FIXTURES);
if (!present) console.warn(`skipping SensorThings conformance tests: fixture folder ${FIXTURES} is absent`);

/** The 52°North file is two Thing objects back to back ("},\n{"), the inside of a `value` array; wrap it. */
function read52North(): Record<string, unknown>[] {
  const text = fs.readFileSync(path.join(FIXTURES, '52north-v1.1-things-expanded.json'), 'utf8');
  expect(() => JSON.parse(text)).toThrow();
  return JSON.parse(`[${text}]`) as Record<string, unknown>[];
}


const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
/** Extension members of 52°North's STAplus (citizen science) profile, not part of SensorThings v1.1 Sensing. */
const EXTENSIONS = new Set(['Party@iot.navigationLink', 'Project@iot.navigationLink']);

/** Every key of theirs is in ours with the same JSON type; null on either side matches any type (optional values). */
function shapeDifferences(ours: Record<string, unknown>, theirs: Record<string, unknown>, where: string): string[] {
  const diffs: string[] = [];
  for (const [key, value] of Object.entries(theirs)) {
    if (EXTENSIONS.has(key)) continue;
    if (!(key in ours)) {
      diffs.push(`${where}.${key}: missing`);
      continue;
    }
    // @iot.id is a string (UUID) there and an integer here; the standard leaves the id type to the server.
    if (key === '@iot.id') {
      if (!['number', 'string'].includes(jsonType(ours[key]))) diffs.push(`${where}.${key}: not a number or string`);
      continue;
    }
    const a = jsonType(ours[key]);
    const b = jsonType(value);
    if (a !== b && a !== 'null' && b !== 'null') diffs.push(`${where}.${key}: ${a} here, ${b} there`);
  }
  return diffs;
}

describe.skipIf(!present)('SensorThings conformance against recorded fixtures', () => {
  let sta: StaFixture;
  beforeEach(async () => {
    sta = await createStaFixture();
  });
  afterEach(async () => {
    await sta.close();
  });

  it('answers Things?$expand=Locations,Datastreams with the keys and types 52°North returns', async () => {
    const theirs = read52North();
    expect(theirs).toHaveLength(2);
    // Re-create their first Thing through our API (deep insert), then read it back the same way they did.
    const t = theirs[0] as { name: string; description: string; properties: Record<string, unknown>; Locations: Record<string, unknown>[]; Datastreams: Record<string, unknown>[] };
    const loc = t.Locations[0];
    const created = await sta.call('POST', '/Things', {
      name: t.name,
      description: t.description,
      properties: t.properties,
      Locations: [{ name: loc.name, description: loc.description, encodingType: loc.encodingType, location: loc.location, properties: loc.properties }],
      Datastreams: t.Datastreams.map((d) => ({
        name: d.name,
        description: d.description,
        observationType: d.observationType,
        unitOfMeasurement: d.unitOfMeasurement,
        phenomenonTime: d.phenomenonTime,
        Sensor: { name: 'camera', description: 'camera trap', encodingType: 'text/html', metadata: 'https://example.org' },
        ObservedProperty: { name: 'species', definition: 'https://www.gbif.org/species', description: 'species' },
      })),
    });
    expect(created.status, created.text).toBe(201);
    const ours = (await sta.call('GET', '/Things?$expand=Locations,Datastreams,HistoricalLocations')).json.value[0];
    for (const thing of theirs) {
      const diffs = [
        ...shapeDifferences(ours, thing, 'Thing'),
        ...shapeDifferences(ours.Locations[0], (thing.Locations as Record<string, unknown>[])[0], 'Location'),
        ...(thing.Datastreams as Record<string, unknown>[]).flatMap((d) => shapeDifferences(ours.Datastreams[0], d, 'Datastream')),
        ...shapeDifferences(ours.HistoricalLocations[0], (thing.HistoricalLocations as Record<string, unknown>[])[0], 'HistoricalLocation'),
      ];
      expect(diffs).toEqual([]);
    }
    expect(ours.Locations[0].location.crs).toEqual({ type: 'name', properties: { name: 'EPSG:4326' } });
    expect(ours.Datastreams[0].phenomenonTime).toBe('2021-06-01T06:50:12.000Z/2021-06-07T03:57:42.000Z');
  });

  it('accepts the Geonovum create examples and refuses the INVALID one with the JSON error position', async () => {
    const read = (f: string) => fs.readFileSync(path.join(FIXTURES, f), 'utf8');
    const location = await sta.call('POST', '/Locations', read('geonovum-gw-create-location.json'));
    expect(location.status, location.text).toBe(201);
    expect(location.json.location.type).toBe('Feature');
    const thing = await sta.call('POST', '/Things', { name: 'Grondwatermonitoring put', description: 'fictief', Locations: [{ '@iot.id': location.json['@iot.id'] }] });
    expect(thing.status).toBe(201);
    const ds = await sta.call('POST', `/Things(${thing.json['@iot.id']})/Datastreams`, read('geonovum-gw-create-datastream1.json'));
    expect(ds.status, ds.text).toBe(201);
    expect(ds.json).toMatchObject({ name: 'grondwaterstand', unitOfMeasurement: { symbol: '°C' }, phenomenonTime: '2018-08-06T12:00:00.000Z/2019-01-09T12:00:00.000Z' });
    // Their well point is wrapped in a Feature; Observations still get a FeatureOfInterest derived from it.
    const obs = await sta.call('POST', `/Datastreams(${ds.json['@iot.id']})/Observations`, { phenomenonTime: '2018-08-06T12:00:00Z', result: 10.5 });
    expect(obs.status).toBe(201);
    const foi = await sta.call('GET', `/Observations(${obs.json['@iot.id']})/FeatureOfInterest`);
    expect(foi.json.feature.geometry.coordinates).toEqual([-114.06, 51.05]);
    const invalidText = read('geonovum-gw-create-thing-INVALID.json');
    const invalid = await sta.call('POST', '/Things', invalidText);
    expect(invalid.status).toBe(400);
    const position = invalidText.indexOf('"date"') + 1;
    expect(invalid.json.detail).toBe(`Request body is not valid JSON (error at character ${position})`);
    expect((await sta.call('GET', '/Things?$count=true')).json['@iot.count']).toBe(1);
  });
});
