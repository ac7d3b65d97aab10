// The MultiDatastream extension (conformance class …/conf/multi-datastream) over HTTP: entity set, navigation both
// ways, Observations whose result is an array (one value per ObservedProperty), DataArray bulk create, query
// options, PATCH rules and cascading DELETE.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStaFixture, type StaFixture } from '../support/sta-fixture.ts';

const OM = 'http://www.opengis.net/def/observationType/OGC-OM/2.0/';
const COMPLEX = `${OM}OM_ComplexObservation`;
const UCUM = 'http://unitsofmeasure.org/ucum.html';
const unit = (name: string, symbol: string) => ({ name, symbol, definition: UCUM });
const op = (name: string) => ({ name, definition: `https://example.org/${name}`, description: `${name} of the air` });
const sensor = { name: 'BME280', description: 'Bosch BME280', encodingType: 'application/pdf', metadata: 'https://example.org/bme280.pdf' };

/** A weather station MultiDatastream: temperature (°C, measurement) and humidity (%, measurement). */
function weatherMulti(name: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    description: `${name}: temperature and relative humidity`,
    unitOfMeasurements: [unit('degree Celsius', '°C'), unit('percent', '%')],
    observationType: COMPLEX,
    multiObservationDataTypes: [`${OM}OM_Measurement`, `${OM}OM_Measurement`],
    properties: { interval: 'PT10M' },
    Sensor: sensor,
    ObservedProperties: [op('temperature'), op('humidity')],
    ...extra,
  };
}

function stationThing(name: string, multis: unknown[]) {
  return {
    name,
    description: `station ${name}`,
    Locations: [{ name: `loc ${name}`, description: 'roof', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [5.12, 52.09] } }],
    MultiDatastreams: multis,
  };
}

let sta: StaFixture;
beforeEach(async () => {
  sta = await createStaFixture();
});
afterEach(async () => {
  await sta.close();
});

const count = (table: string) => (sta.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('MultiDatastream entity set', () => {
  it('is listed in the service root with its conformance class', async () => {
    const r = await sta.call('GET', '/');
    expect(r.json.value).toContainEqual({ name: 'MultiDatastreams', url: `${sta.base}/MultiDatastreams` });
    expect(r.json.serverSettings.conformance).toContain('http://www.opengis.net/spec/iot_sensing/1.1/conf/multi-datastream');
  });

  it('deep-inserts a Thing with a MultiDatastream and serves every property and navigation link', async () => {
    const r = await sta.call('POST', '/Things', stationThing('S1', [weatherMulti('weather')]));
    expect(r.status).toBe(201);
    expect(r.json['MultiDatastreams@iot.navigationLink']).toBe(`${sta.base}/Things(1)/MultiDatastreams`);
    const md = await sta.call('GET', '/MultiDatastreams(1)');
    expect(md.status).toBe(200);
    expect(md.json).toEqual({
      '@iot.id': 1,
      '@iot.selfLink': `${sta.base}/MultiDatastreams(1)`,
      name: 'weather',
      description: 'weather: temperature and relative humidity',
      unitOfMeasurements: [unit('degree Celsius', '°C'), unit('percent', '%')],
      observationType: COMPLEX,
      multiObservationDataTypes: [`${OM}OM_Measurement`, `${OM}OM_Measurement`],
      observedArea: null,
      phenomenonTime: null,
      resultTime: null,
      properties: { interval: 'PT10M' },
      'Thing@iot.navigationLink': `${sta.base}/MultiDatastreams(1)/Thing`,
      'Sensor@iot.navigationLink': `${sta.base}/MultiDatastreams(1)/Sensor`,
      'ObservedProperties@iot.navigationLink': `${sta.base}/MultiDatastreams(1)/ObservedProperties`,
      'Observations@iot.navigationLink': `${sta.base}/MultiDatastreams(1)/Observations`,
    });
    expect((await sta.call('GET', '/MultiDatastreams(1)/Thing')).json.name).toBe('S1');
    expect((await sta.call('GET', '/MultiDatastreams(1)/Sensor')).json.name).toBe('BME280');
    expect((await sta.call('GET', '/MultiDatastreams(1)/unitOfMeasurements')).json).toEqual({ unitOfMeasurements: [unit('degree Celsius', '°C'), unit('percent', '%')] });
    expect(count('datastreams')).toBe(0);
  });

  it('navigates from Things, Sensors and ObservedProperties to their MultiDatastreams', async () => {
    await sta.call('POST', '/Things', stationThing('S1', [weatherMulti('a'), weatherMulti('b', { Sensor: { '@iot.id': 1 }, ObservedProperties: [{ '@iot.id': 1 }, op('pressure')] })]));
    const names = async (p: string) => (await sta.call('GET', p)).json.value.map((v: { name: string }) => v.name);
    expect(await names('/Things(1)/MultiDatastreams')).toEqual(['a', 'b']);
    expect(await names('/Sensors(1)/MultiDatastreams')).toEqual(['a', 'b']);
    expect(await names('/ObservedProperties(1)/MultiDatastreams')).toEqual(['a', 'b']);
    expect(await names('/ObservedProperties(2)/MultiDatastreams')).toEqual(['a']);
    expect(await names('/ObservedProperties(3)/MultiDatastreams')).toEqual(['b']);
    expect((await sta.call('GET', '/Sensors(1)')).json['MultiDatastreams@iot.navigationLink']).toBe(`${sta.base}/Sensors(1)/MultiDatastreams`);
    expect((await sta.call('GET', '/ObservedProperties(1)')).json['MultiDatastreams@iot.navigationLink']).toBe(`${sta.base}/ObservedProperties(1)/MultiDatastreams`);
    expect((await sta.call('GET', '/Things(1)/MultiDatastreams(2)')).status).toBe(200);
    expect((await sta.call('GET', '/Things(1)/MultiDatastreams/$ref')).json.value).toEqual([
      { '@iot.selfLink': `${sta.base}/MultiDatastreams(1)` },
      { '@iot.selfLink': `${sta.base}/MultiDatastreams(2)` },
    ]);
  });

  it('keeps the ObservedProperties in result order, not id order', async () => {
    await sta.call('POST', '/Things', stationThing('S1', []));
    expect((await sta.call('POST', '/ObservedProperties', op('humidity'))).json['@iot.id']).toBe(1);
    expect((await sta.call('POST', '/ObservedProperties', op('temperature'))).json['@iot.id']).toBe(2);
    const r = await sta.call('POST', '/MultiDatastreams', weatherMulti('reversed', { Thing: { '@iot.id': 1 }, ObservedProperties: [{ '@iot.id': 2 }, { '@iot.id': 1 }] }));
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe(`${sta.base}/MultiDatastreams(1)`);
    const listed = await sta.call('GET', '/MultiDatastreams(1)/ObservedProperties');
    expect(listed.json.value.map((v: { name: string }) => v.name)).toEqual(['temperature', 'humidity']);
    const expanded = await sta.call('GET', '/MultiDatastreams(1)?$expand=ObservedProperties($select=name)');
    expect(expanded.json.ObservedProperties).toEqual([{ name: 'temperature' }, { name: 'humidity' }]);
    // An explicit $orderby still wins.
    const byName = await sta.call('GET', '/MultiDatastreams(1)/ObservedProperties?$orderby=name');
    expect(byName.json.value.map((v: { name: string }) => v.name)).toEqual(['humidity', 'temperature']);
  });

  it('creates a MultiDatastream with an inline Thing via POST /MultiDatastreams and via Things(n)/MultiDatastreams', async () => {
    const inline = await sta.call('POST', '/MultiDatastreams', weatherMulti('x', { Thing: { name: 'T', description: 'inline thing' } }));
    expect(inline.status).toBe(201);
    const nested = await sta.call('POST', '/Things(1)/MultiDatastreams', weatherMulti('y'));
    expect(nested.status).toBe(201);
    expect((await sta.call('GET', '/Things(1)/MultiDatastreams?$count=true')).json['@iot.count']).toBe(2);
  });

  it.each([
    ['unitOfMeasurements', { unitOfMeasurements: [unit('degree Celsius', '°C')] }],
    ['multiObservationDataTypes', { multiObservationDataTypes: [`${OM}OM_Measurement`, `${OM}OM_Measurement`, `${OM}OM_Measurement`] }],
    ['observationType', { observationType: `${OM}OM_Measurement` }],
    ['ObservedProperties', { ObservedProperties: [] }],
    ['ObservedProperties.1', { ObservedProperties: [op('temperature'), { '@iot.id': 99 }] }],
    ['MultiDatastreams.0.ObservedProperty', { ObservedProperty: op('temperature') }],
  ])('refuses a deep insert with a bad %s and stores nothing', async (field, change) => {
    const r = await sta.call('POST', '/Things', stationThing('S1', [weatherMulti('bad', change)]));
    expect(r.status).toBe(400);
    const fields = r.json.errors.map((e: { field: string }) => e.field);
    expect(fields).toContain(field.startsWith('MultiDatastreams.') ? field : `MultiDatastreams.0.${field}`);
    for (const table of ['things', 'locations', 'sensors', 'observed_properties', 'multi_datastreams']) expect(count(table), table).toBe(0);
  });

  it('refuses an ObservedProperty listed twice, naming the repeat', async () => {
    await sta.call('POST', '/ObservedProperties', op('temperature'));
    const r = await sta.call('POST', '/Things', stationThing('S1', [weatherMulti('twice', { ObservedProperties: [{ '@iot.id': 1 }, { '@iot.id': '1' }] })]));
    expect(r.status).toBe(400);
    expect(r.json.errors[0].field).toBe('MultiDatastreams.0.ObservedProperties.1');
    expect(count('things')).toBe(0);
  });
});

describe('Observations of a MultiDatastream', () => {
  beforeEach(async () => {
    expect((await sta.call('POST', '/Things', stationThing('S1', [weatherMulti('weather')]))).status).toBe(201);
  });

  it('accepts an array result with one value per ObservedProperty and links it to the MultiDatastream only', async () => {
    const r = await sta.call('POST', '/MultiDatastreams(1)/Observations', { phenomenonTime: '2026-01-10T12:00:00Z', result: [4.5, 87] });
    expect(r.status).toBe(201);
    expect(r.json.result).toEqual([4.5, 87]);
    expect(r.json['MultiDatastream@iot.navigationLink']).toBe(`${sta.base}/Observations(1)/MultiDatastream`);
    expect(r.json).not.toHaveProperty('Datastream@iot.navigationLink');
    expect((await sta.call('GET', '/Observations(1)/MultiDatastream')).json.name).toBe('weather');
    expect((await sta.call('GET', '/Observations(1)/Datastream')).status).toBe(404);
    // The FoI was derived from the Thing's Location, as for a Datastream.
    expect((await sta.call('GET', '/Observations(1)/FeatureOfInterest')).json.feature).toEqual({ type: 'Point', coordinates: [5.12, 52.09] });
    const also = await sta.call('POST', '/Observations', { phenomenonTime: '2026-01-10T13:00:00Z', result: [5, null], MultiDatastream: { '@iot.id': 1 } });
    expect(also.status).toBe(201);
    const md = await sta.call('GET', '/MultiDatastreams(1)');
    expect(md.json.phenomenonTime).toBe('2026-01-10T12:00:00.000Z/2026-01-10T13:00:00.000Z');
    expect((await sta.call('GET', '/MultiDatastreams(1)/Observations?$count=true')).json['@iot.count']).toBe(2);
  });

  it.each([
    ['a scalar', 4.5, 'must be an array'],
    ['too few values', [4.5], 'has 1 values; this MultiDatastream has 2 ObservedProperties'],
    ['too many values', [4.5, 87, 1013], 'has 3 values'],
    ['a string where a measurement goes', [4.5, 'wet'], 'member 1 must be a number'],
  ])('refuses %s as result with 400 naming result, storing nothing', async (_what, result, message) => {
    const r = await sta.call('POST', '/MultiDatastreams(1)/Observations', { phenomenonTime: '2026-01-10T12:00:00Z', result });
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual([expect.objectContaining({ field: 'result', message: expect.stringContaining(message) })]);
    expect(count('observations')).toBe(0);
    expect((await sta.call('GET', '/MultiDatastreams(1)')).json.phenomenonTime).toBeNull();
  });

  it('refuses an Observation naming both a Datastream and a MultiDatastream, or neither', async () => {
    await sta.call('POST', '/Things(1)/Datastreams', {
      name: 'pm10', description: 'PM10', unitOfMeasurement: unit('microgram per cubic metre', 'µg/m³'), observationType: `${OM}OM_Measurement`,
      Sensor: { '@iot.id': 1 }, ObservedProperty: op('pm10'),
    });
    const both = await sta.call('POST', '/Observations', { result: [1, 2], Datastream: { '@iot.id': 1 }, MultiDatastream: { '@iot.id': 1 } });
    expect(both.status).toBe(400);
    expect(both.json.errors[0].field).toBe('MultiDatastream');
    const neither = await sta.call('POST', '/Observations', { result: 1 });
    expect(neither.status).toBe(400);
    expect(neither.json.errors[0].field).toBe('Datastream');
    const missing = await sta.call('POST', '/Observations', { result: [1, 2], MultiDatastream: { '@iot.id': 9 } });
    expect(missing.status).toBe(400);
    expect(missing.json.errors[0].field).toBe('MultiDatastream');
    expect(count('observations')).toBe(0);
  });

  it('deep-inserts Observations inside a MultiDatastream, checking each result', async () => {
    const good = await sta.call('POST', '/Things(1)/MultiDatastreams', weatherMulti('with obs', { Observations: [{ phenomenonTime: '2026-01-10T12:00:00Z', result: [1, 2] }] }));
    expect(good.status).toBe(201);
    const bad = await sta.call('POST', '/Things(1)/MultiDatastreams', weatherMulti('bad obs', { Observations: [{ result: [1, 2] }, { result: [1] }] }));
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].field).toBe('Observations.1.result');
    expect(count('multi_datastreams')).toBe(2);
    expect(count('observations')).toBe(1);
  });

  it('bulk-creates with CreateObservations naming MultiDatastream@iot.id or a MultiDatastream link, all or nothing', async () => {
    const rows = [['2026-01-10T12:00:00Z', [1, 50]], ['2026-01-10T13:00:00Z', [2, 60]]];
    const a = await sta.call('POST', '/CreateObservations', [{ 'MultiDatastream@iot.id': 1, components: ['phenomenonTime', 'result'], dataArray: rows }]);
    expect(a.status).toBe(201);
    expect(a.json).toEqual([`${sta.base}/Observations(1)`, `${sta.base}/Observations(2)`]);
    const b = await sta.call('POST', '/CreateObservations', [{ MultiDatastream: { '@iot.id': 1 }, components: ['phenomenonTime', 'result'], dataArray: [['2026-01-10T14:00:00Z', [3, 70]]] }]);
    expect(b.status).toBe(201);
    const bad = await sta.call('POST', '/CreateObservations', [
      { MultiDatastream: { '@iot.id': 1 }, components: ['phenomenonTime', 'result'], dataArray: [['2026-01-10T15:00:00Z', [4, 80]], ['2026-01-10T16:00:00Z', [5]]] },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].field).toBe('0.dataArray.1.1');
    const both = await sta.call('POST', '/CreateObservations', [{ 'MultiDatastream@iot.id': 1, Datastream: { '@iot.id': 1 }, components: ['result'], dataArray: [[[1, 2]]] }]);
    expect(both.status).toBe(400);
    expect(count('observations')).toBe(3);
    const read = await sta.call('GET', '/MultiDatastreams(1)/Observations?$resultFormat=dataArray&$select=phenomenonTime,result&$orderby=phenomenonTime');
    expect(read.json.value).toEqual([
      {
        'MultiDatastream@iot.navigationLink': `${sta.base}/MultiDatastreams(1)`,
        components: ['phenomenonTime', 'result'],
        'dataArray@iot.count': 3,
        dataArray: [['2026-01-10T12:00:00.000Z', [1, 50]], ['2026-01-10T13:00:00.000Z', [2, 60]], ['2026-01-10T14:00:00.000Z', [3, 70]]],
      },
    ]);
  });

  it('keeps a PATCHed result fitting the MultiDatastream', async () => {
    await sta.call('POST', '/MultiDatastreams(1)/Observations', { phenomenonTime: '2026-01-10T12:00:00Z', result: [4.5, 87] });
    const bad = await sta.call('PATCH', '/Observations(1)', { result: 4.5 });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].field).toBe('result');
    const good = await sta.call('PATCH', '/Observations(1)', { result: [5.5, 80] });
    expect(good.status).toBe(200);
    expect(good.json.result).toEqual([5.5, 80]);
  });
});

describe('query options on MultiDatastreams', () => {
  beforeEach(async () => {
    await sta.call('POST', '/Things', stationThing('north', [weatherMulti('b'), weatherMulti('a', { Sensor: { '@iot.id': 1 }, ObservedProperties: [{ '@iot.id': 1 }, { '@iot.id': 2 }] })]));
    await sta.call('POST', '/Things', stationThing('south', [weatherMulti('c', { Sensor: { '@iot.id': 1 }, ObservedProperties: [{ '@iot.id': 2 }, { '@iot.id': 1 }] })]));
    for (let h = 0; h < 3; h++) await sta.call('POST', '/MultiDatastreams(3)/Observations', { phenomenonTime: `2026-01-10T1${h}:00:00Z`, result: [h, 50 + h] });
  });
  const names = (r: { json: { value: { name: string }[] } }) => r.json.value.map((v) => v.name);

  it('filters, orders, pages and counts', async () => {
    expect(names(await sta.call('GET', "/MultiDatastreams?$filter=name eq 'a'"))).toEqual(['a']);
    expect(names(await sta.call('GET', "/MultiDatastreams?$filter=Thing/name eq 'south'"))).toEqual(['c']);
    expect(names(await sta.call('GET', "/MultiDatastreams?$filter=properties/interval eq 'PT10M' and startswith(description, 'b')"))).toEqual(['b']);
    expect(names(await sta.call('GET', '/MultiDatastreams?$orderby=name desc'))).toEqual(['c', 'b', 'a']);
    const page = await sta.call('GET', '/MultiDatastreams?$orderby=name&$top=1&$skip=1&$count=true');
    expect(page.json['@iot.count']).toBe(3);
    expect(names(page)).toEqual(['b']);
    expect(page.json['@iot.nextLink']).toBe(`${sta.base}/MultiDatastreams?$orderby=name&$count=true&$top=1&$skip=2`);
    expect((await sta.call('GET', "/MultiDatastreams?$filter=nosuch eq 'a'")).status).toBe(400);
    // Observations filtered through their MultiDatastream.
    const obs = await sta.call('GET', "/Observations?$filter=MultiDatastream/name eq 'c' and phenomenonTime ge 2026-01-10T11:00:00Z&$count=true");
    expect(obs.json['@iot.count']).toBe(2);
  });

  it('selects and expands', async () => {
    const sel = await sta.call('GET', '/MultiDatastreams(1)?$select=name,unitOfMeasurements');
    expect(sel.json).toEqual({ name: 'b', unitOfMeasurements: [unit('degree Celsius', '°C'), unit('percent', '%')] });
    const ex = await sta.call('GET', '/MultiDatastreams(3)?$select=name&$expand=Thing($select=name),Sensor($select=name),ObservedProperties($select=name),Observations($orderby=phenomenonTime desc;$top=1;$select=result)');
    expect(ex.json).toEqual({
      name: 'c',
      Thing: { name: 'south' },
      Sensor: { name: 'BME280' },
      ObservedProperties: [{ name: 'humidity' }, { name: 'temperature' }],
      Observations: [{ result: [2, 52] }],
      'Observations@iot.nextLink': expect.stringContaining('/MultiDatastreams(3)/Observations?'),
    });
    const things = await sta.call('GET', '/Things?$select=name&$expand=MultiDatastreams($select=name;$orderby=name;$count=true)');
    expect(things.json.value).toEqual([
      { name: 'north', 'MultiDatastreams@iot.count': 2, MultiDatastreams: [{ name: 'a' }, { name: 'b' }] },
      { name: 'south', 'MultiDatastreams@iot.count': 1, MultiDatastreams: [{ name: 'c' }] },
    ]);
    const obs = await sta.call('GET', '/Observations(1)?$select=result&$expand=MultiDatastream($select=name)');
    expect(obs.json).toEqual({ result: [0, 50], MultiDatastream: { name: 'c' } });
  });

  it('PATCHes member arrays only at the length of the ObservedProperties', async () => {
    const bad = await sta.call('PATCH', '/MultiDatastreams(1)', { unitOfMeasurements: [unit('kelvin', 'K')] });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].field).toBe('unitOfMeasurements');
    const good = await sta.call('PATCH', '/MultiDatastreams(1)', { name: 'b2', unitOfMeasurements: [unit('kelvin', 'K'), unit('percent', '%')] });
    expect(good.status).toBe(200);
    expect(good.json.name).toBe('b2');
    expect(good.json.unitOfMeasurements[0].symbol).toBe('K');
    expect((await sta.call('PATCH', '/MultiDatastreams(1)', { observationType: `${OM}OM_Measurement` })).status).toBe(400);
  });
});

describe('DELETE cascades through MultiDatastreams', () => {
  beforeEach(async () => {
    // MultiDatastream 1 (ObservedProperties 1, 2) and 2 (ObservedProperties 1, 3) on Thing 1; 3 (ObservedProperties 4, 5) on Thing 2.
    await sta.call('POST', '/Things', stationThing('one', [weatherMulti('m1'), weatherMulti('m2', { Sensor: { '@iot.id': 1 }, ObservedProperties: [{ '@iot.id': 1 }, op('pressure')] })]));
    await sta.call('POST', '/Things', stationThing('two', [weatherMulti('m3')]));
    for (const md of [1, 2, 3]) {
      const r = await sta.call('POST', '/CreateObservations', [{ 'MultiDatastream@iot.id': md, components: ['result'], dataArray: [[[1, 2]], [[3, 4]]] }]);
      expect(r.status).toBe(201);
    }
    expect(count('observations')).toBe(6);
  });
  const remaining = () => (sta.store.db.prepare('SELECT name FROM multi_datastreams ORDER BY id').all() as { name: string }[]).map((r) => r.name);

  it('deleting a MultiDatastream removes its Observations and links, not its ObservedProperties', async () => {
    expect((await sta.call('DELETE', '/MultiDatastreams(1)')).status).toBe(200);
    expect((await sta.call('GET', '/MultiDatastreams(1)')).status).toBe(404);
    expect(remaining()).toEqual(['m2', 'm3']);
    expect(count('observations')).toBe(4);
    expect(count('observed_properties')).toBe(5);
    expect(count('multi_datastream_observed_properties')).toBe(4);
  });

  it('deleting a Thing removes its MultiDatastreams and their Observations', async () => {
    expect((await sta.call('DELETE', '/Things(1)')).status).toBe(200);
    expect(remaining()).toEqual(['m3']);
    expect(count('observations')).toBe(2);
  });

  it('deleting an ObservedProperty removes every MultiDatastream using it', async () => {
    expect((await sta.call('DELETE', '/ObservedProperties(3)')).status).toBe(200);
    expect(remaining()).toEqual(['m1', 'm3']);
    expect((await sta.call('DELETE', '/ObservedProperties(1)')).status).toBe(200);
    expect(remaining()).toEqual(['m3']);
    expect(count('observations')).toBe(2);
    expect(sta.store.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('deleting a Sensor removes its MultiDatastreams', async () => {
    expect((await sta.call('DELETE', '/Sensors(1)')).status).toBe(200);
    expect(remaining()).toEqual(['m3']);
    expect(count('observations')).toBe(2);
  });
});
