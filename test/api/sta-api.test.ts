import { createStaFixture, type StaFixture } from '../support/sta-fixture.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';


const OM_MEASUREMENT = 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement';

/** A Thing with one point Location and one PM2.5 Datastream (deep insert body). */
function createThingBody(name: string, lonLat: [number, number], extra: Record<string, unknown> = {}) {
  return {
    name,
    description: `sensor ${name}`,
    properties: { project: 'test' },
    Locations: [{ name: `loc ${name}`, description: 'pole', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: lonLat } }],
    Datastreams: [
      {
        name: `${name} pm25`,
        description: 'PM2.5 hourly',
        unitOfMeasurement: { name: 'microgram per cubic metre', symbol: 'µg/m³', definition: 'http://unitsofmeasure.org/ucum.html' },
        observationType: OM_MEASUREMENT,
        Sensor: { name: 'SDS011', description: 'Nova Fitness SDS011', encodingType: 'application/pdf', metadata: 'https://example.org/sds011.pdf' },
        ObservedProperty: { name: 'pm25', definition: 'https://example.org/pm25', description: 'PM2.5 mass concentration' },
      },
    ],
    ...extra,
  };
}


let sta: StaFixture;
beforeEach(async () => {
  sta = await createStaFixture();
});
afterEach(async () => {
  await sta.close();
});

/** Things 1..n along a line of longitude, each with a Datastream holding hourly values 0..hours-1 from 2026-01-10. */
async function seed(n: number, hours = 0): Promise<void> {
  for (let i = 1; i <= n; i++) {
    const r = await sta.call('POST', '/Things', createThingBody(`T${i}`, [5 + i * 0.01, 52]));
    expect(r.status).toBe(201);
    if (hours > 0) {
      const dataArray = Array.from({ length: hours }, (_, h) => [new Date(Date.UTC(2026, 0, 10, h)).toISOString(), h]);
      const c = await sta.call('POST', '/CreateObservations', [{ Datastream: { '@iot.id': i }, components: ['phenomenonTime', 'result'], dataArray }]);
      expect(c.status).toBe(201);
    }
  }
}

describe('service root and reading', () => {
  it('lists every Sensing entity set and the conformance classes', async () => {
    const r = await sta.call('GET', '/');
    expect(r.status).toBe(200);
    expect(r.json.value.map((v: { name: string }) => v.name)).toEqual([
      'Things', 'Locations', 'HistoricalLocations', 'Datastreams', 'Sensors', 'ObservedProperties', 'Observations', 'FeaturesOfInterest',
      'MultiDatastreams',
    ]);
    expect(r.json.value[0].url).toBe(`${sta.base}/Things`);
    expect(r.json.serverSettings.conformance).toContain('http://www.opengis.net/spec/iot_sensing/1.1/conf/create-update-delete');
  });

  it('deep-inserts a Thing with Location, Datastream, Sensor and ObservedProperty, and records a HistoricalLocation', async () => {
    const r = await sta.call('POST', '/Things', createThingBody('A', [5.1, 52.1]));
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe(`${sta.base}/Things(1)`);
    expect(r.json['@iot.id']).toBe(1);
    expect(r.json['Datastreams@iot.navigationLink']).toBe(`${sta.base}/Things(1)/Datastreams`);
    for (const set of ['Locations', 'Datastreams', 'Sensors', 'ObservedProperties', 'HistoricalLocations']) {
      const c = await sta.call('GET', `/${set}?$count=true`);
      expect(c.json['@iot.count'], set).toBe(1);
    }
    const ds = await sta.call('GET', '/Datastreams(1)?$expand=Sensor,ObservedProperty,Thing');
    expect(ds.json.Sensor.name).toBe('SDS011');
    expect(ds.json.ObservedProperty.name).toBe('pm25');
    expect(ds.json.Thing['@iot.id']).toBe(1);
    expect(ds.json.unitOfMeasurement.symbol).toBe('µg/m³');
  });

  it('serves navigation, a single property, $value and $ref', async () => {
    await seed(1, 3);
    expect((await sta.call('GET', '/Things(1)/Datastreams')).json.value[0]['@iot.id']).toBe(1);
    expect((await sta.call('GET', '/Datastreams(1)/Thing')).json.name).toBe('T1');
    expect((await sta.call('GET', '/Things(1)/name')).json).toEqual({ name: 'T1' });
    const raw = await sta.call('GET', '/Things(1)/name/$value');
    expect(raw.text).toBe('T1');
    expect(raw.headers.get('content-type')).toMatch(/^text\/plain/);
    expect((await sta.call('GET', '/Things(1)/Datastreams/$ref')).json).toEqual({ value: [{ '@iot.selfLink': `${sta.base}/Datastreams(1)` }] });
    expect((await sta.call('GET', '/Observations(1)/Datastream/Thing/Locations')).json.value).toHaveLength(1);
    expect((await sta.call('GET', '/Things(9)')).status).toBe(404);
    expect((await sta.call('GET', '/Things(1)/Datastreams(7)')).status).toBe(404);
    expect((await sta.call('GET', '/Nonsense')).status).toBe(404);
  });

  it('computes the Datastream phenomenonTime from its Observations', async () => {
    await seed(1, 3);
    const r = await sta.call('GET', '/Datastreams(1)/phenomenonTime');
    expect(r.json.phenomenonTime).toBe('2026-01-10T00:00:00.000Z/2026-01-10T02:00:00.000Z');
  });
});

describe('query options', () => {
  it('pages with $top (default 100, capped at 1000), $skip, $count and @iot.nextLink', async () => {
    await seed(1, 1200);
    const first = await sta.call('GET', '/Observations?$count=true');
    expect(first.json['@iot.count']).toBe(1200);
    expect(first.json.value).toHaveLength(100);
    expect(first.json['@iot.nextLink']).toBe(`${sta.base}/Observations?$count=true&$top=100&$skip=100`);
    const capped = await sta.call('GET', '/Observations?$top=1000000');
    expect(capped.status).toBe(200);
    expect(capped.json.value).toHaveLength(1000);
    const next = await fetch(capped.json['@iot.nextLink']).then((r) => r.json());
    expect(next.value).toHaveLength(200);
    expect(next['@iot.nextLink']).toBeUndefined();
    expect(next.value[0]['@iot.id']).toBe(1001);
  });

  it('expands with nested options: the latest Observation per Datastream', async () => {
    await seed(2, 24);
    const r = await sta.call('GET', '/Things?$expand=Locations,Datastreams($top=1;$expand=Observations($top=1;$orderby=phenomenonTime desc))');
    expect(r.status).toBe(200);
    for (const t of r.json.value) {
      expect(t.Locations).toHaveLength(1);
      expect(t['Locations@iot.navigationLink']).toBeUndefined();
      expect(t.Datastreams[0].Observations).toHaveLength(1);
      expect(t.Datastreams[0].Observations[0]).toMatchObject({ phenomenonTime: '2026-01-10T23:00:00.000Z', result: 23 });
      expect(t.Datastreams[0]['Observations@iot.nextLink']).toContain('/Datastreams(');
    }
    expect((await sta.call('GET', '/Things?$expand=Datastreams/Observations/Datastream/Thing/Locations/Things')).status).toBe(400);
  });

  it('selects and orders', async () => {
    await seed(3);
    const r = await sta.call('GET', '/Things?$select=id,name&$orderby=name desc');
    expect(r.json.value).toEqual([
      { '@iot.id': 3, '@iot.selfLink': `${sta.base}/Things(3)`, name: 'T3' },
      { '@iot.id': 2, '@iot.selfLink': `${sta.base}/Things(2)`, name: 'T2' },
      { '@iot.id': 1, '@iot.selfLink': `${sta.base}/Things(1)`, name: 'T1' },
    ]);
    expect((await sta.call('GET', '/Things?$select=password')).status).toBe(400);
    expect((await sta.call('GET', '/Things?$orderby=__proto__')).status).toBe(400);
    expect((await sta.call('GET', '/Things?$orderby=1 div 0')).status).toBe(200);
    expect((await sta.call('GET', '/Things?foo=bar')).status).toBe(400);
  });

  it('returns Observations as a dataArray', async () => {
    await seed(1, 2);
    const r = await sta.call('GET', '/Datastreams(1)/Observations?$resultFormat=dataArray&$select=phenomenonTime,result');
    expect(r.json.value).toEqual([
      {
        'Datastream@iot.navigationLink': `${sta.base}/Datastreams(1)`,
        components: ['phenomenonTime', 'result'],
        'dataArray@iot.count': 2,
        dataArray: [['2026-01-10T00:00:00.000Z', 0], ['2026-01-10T01:00:00.000Z', 1]],
      },
    ]);
  });
});

describe('$filter', () => {
  const ids = async (q: string): Promise<number[]> => {
    const r = await sta.call('GET', q);
    expect(r.status, `${q}: ${r.text}`).toBe(200);
    return r.json.value.map((v: { '@iot.id': number }) => v['@iot.id']);
  };

  it('compares, combines and computes', async () => {
    await seed(1, 10);
    const obs = '/Datastreams(1)/Observations?$top=1000&$filter=';
    expect(await ids(`${obs}result ge 8`)).toEqual([9, 10]);
    expect(await ids(`${obs}result gt 2 and result lt 5`)).toEqual([4, 5]);
    expect(await ids(`${obs}result eq 0 or result eq 9`)).toEqual([1, 10]);
    expect(await ids(`${obs}not (result le 7)`)).toEqual([9, 10]);
    expect(await ids(`${obs}result ne 0 and result mod 4 eq 0`)).toEqual([5, 9]);
    expect(await ids(`${obs}result mul 2 sub 1 eq 5 or result div 4 eq 2`)).toEqual([4, 9]);
    expect(await ids(`${obs}result add 1 eq 1`)).toEqual([1]);
    expect(await ids(`${obs}phenomenonTime ge 2026-01-10T08:00:00Z`)).toEqual([9, 10]);
    expect(await ids(`${obs}phenomenonTime lt '2026-01-10T01:00:00Z'`)).toEqual([1]);
    expect(await ids(`${obs}hour(phenomenonTime) eq 3 and year(phenomenonTime) eq 2026 and month(phenomenonTime) eq 1 and day(phenomenonTime) eq 10`)).toEqual([4]);
    expect(await ids(`${obs}phenomenonTime lt now()`)).toHaveLength(10);
    expect(await ids(`${obs}result in (1, 3)`)).toEqual([2, 4]);
  });

  it('applies string functions', async () => {
    await seed(3);
    await sta.call('PATCH', '/Things(2)', { name: 'LTD_78914' });
    expect(await ids("/Things?$filter=startswith(name,'LTD_')")).toEqual([2]);
    expect(await ids("/Things?$filter=endswith(name,'914')")).toEqual([2]);
    expect(await ids("/Things?$filter=substringof('789', name)")).toEqual([2]);
    expect(await ids("/Things?$filter=contains(name,'789')")).toEqual([2]);
    expect(await ids("/Things?$filter=tolower(name) eq 'ltd_78914'")).toEqual([2]);
    expect(await ids("/Things?$filter=toupper(name) eq 'T3'")).toEqual([3]);
    expect(await ids('/Things?$filter=length(name) eq 9')).toEqual([2]);
    expect(await ids("/Things?$filter=properties/project eq 'test'")).toEqual([1, 2, 3]);
    expect(await ids("/Datastreams?$filter=ObservedProperty/name eq 'pm25' and Thing/name eq 'T3'")).toEqual([3]);
    expect(await ids("/Datastreams?$filter=unitOfMeasurement/symbol eq 'µg/m³'")).toEqual([1, 2, 3]);
  });

  it('selects point locations inside a WKT polygon', async () => {
    await seed(3); // Things at lon 5.01, 5.02, 5.03, lat 52
    const poly = "geography'POLYGON((5.015 51.9, 5.035 51.9, 5.035 52.1, 5.015 52.1, 5.015 51.9))'";
    expect(await ids(`/Things?$filter=st_within(Locations/location, ${poly})`)).toEqual([2, 3]);
    expect(await ids(`/Things?$filter=geo.intersects(Locations/location, ${poly})`)).toEqual([2, 3]);
    expect(await ids(`/Locations?$filter=st_within(location, ${poly})`)).toEqual([2, 3]);
    expect(await ids(`/Datastreams?$filter=st_within(Thing/Locations/location, ${poly}) and Thing/name ne 'T3'`)).toEqual([2]);
    expect(await ids("/Locations?$filter=geo.distance(location, geography'POINT(5.01 52)') lt 0.005")).toEqual([1]);
    // A polygon with a hole around T2.
    const holed = "geography'POLYGON((5 51, 5.05 51, 5.05 53, 5 53, 5 51),(5.015 51.9, 5.025 51.9, 5.025 52.1, 5.015 52.1, 5.015 51.9))'";
    expect(await ids(`/Locations?$filter=st_within(location, ${holed})`)).toEqual([1, 3]);
  });

  it('says at which character a filter fails to parse', async () => {
    const cases: [string, RegExp][] = [
      ['name eq', /end of expression at character 8/],
      ["name eq 'x' OR 1=1--", /at character 13|at character 17/],
      ['(name eq 1', /expected '\)' but found end of expression at character 11/],
      ["name eq 'open", /unterminated string at character 9/],
      ['nosuch eq 1', /unknown property 'nosuch' of Thing.*at character 1/],
      ["startswith(name)", /startswith takes 2 arguments at character 1/],
      ["st_within(Locations/location, geography'POLYGON((1 2, 3))')", /bad geography literal/],
    ];
    for (const [filter, message] of cases) {
      const r = await sta.call('GET', `/Things?$filter=${encodeURIComponent(filter)}`);
      expect(r.status, filter).toBe(400);
      expect(r.json.detail, filter).toMatch(message);
    }
    const deep = `${'not ('.repeat(2000)}name eq 'x'${')'.repeat(2000)}`;
    expect((await sta.call('GET', `/Things?$filter=${encodeURIComponent(deep)}`)).status).toBe(400);
  });

  it('treats injection attempts as literals and leaves the tables alone', async () => {
    await seed(2);
    for (const f of ["name eq 'x'' OR 1=1--'", "name eq '%'';DROP TABLE things;--'", "startswith(name, '%')", "name eq 'T1ʼ OR ʼ1ʼ=ʼ1'"]) {
      const r = await sta.call('GET', `/Things?$filter=${encodeURIComponent(f)}`);
      expect(r.status, f).toBe(200);
      expect(r.json.value, f).toEqual([]);
    }
    expect((await sta.call('GET', '/Things?$count=true')).json['@iot.count']).toBe(2);
  });
});

describe('queries from DOMAIN.md and RIVM Samen Meten', () => {
  it('answers the latest PM2.5 per Thing in a bbox (DOMAIN.md Part B §2.3 example)', async () => {
    await seed(3, 5);
    const r = await sta.call(
      'GET',
      "/Things?$filter=st_within(Locations/location, geography'POLYGON((5.015 51.9,5.05 51.9,5.05 52.1,5.015 52.1,5.015 51.9))')" +
        "&$expand=Locations,Datastreams($filter=ObservedProperty/name eq 'pm25';$expand=Observations($orderby=phenomenonTime desc;$top=1))",
    );
    expect(r.status, r.text).toBe(200);
    expect(r.json.value.map((t: { name: string }) => t.name)).toEqual(['T2', 'T3']);
    expect(r.json.value[0].Datastreams[0].Observations).toEqual([expect.objectContaining({ result: 4, phenomenonTime: '2026-01-10T04:00:00.000Z' })]);
  });

  it('answers the Samen Meten style queries', async () => {
    await seed(2);
    await sta.call('PATCH', '/Things(2)', { properties: { codegemeente: '772' } });
    expect((await sta.call('GET', "/Things?$filter=properties/codegemeente eq '772'")).json.value.map((t: { name: string }) => t.name)).toEqual(['T2']);
    const sel = await sta.call('GET', '/Things?$select=id,name&$expand=Datastreams($select=name)');
    expect(sel.json.value[0]).toEqual({ '@iot.id': 1, '@iot.selfLink': `${sta.base}/Things(1)`, name: 'T1', Datastreams: [{ name: 'T1 pm25' }] });
    const near = await sta.call('GET', "/Locations?$filter=geo.distance(location, geography'SRID=4326;POINT(5.02 52)') le 0.005");
    expect(near.json.value.map((l: { name: string }) => l.name)).toEqual(['loc T2']);
  });
});

describe('writing', () => {
  it('derives a FeatureOfInterest from the Thing Location when an Observation has none, once per Location', async () => {
    await seed(1);
    await sta.call('POST', '/Observations', { phenomenonTime: '2026-01-10T12:00:00Z', result: 14.2, Datastream: { '@iot.id': 1 } });
    await sta.call('POST', '/Datastreams(1)/Observations', { phenomenonTime: '2026-01-10T13:00:00Z', result: { pm25: 3 } });
    const fois = await sta.call('GET', '/FeaturesOfInterest');
    expect(fois.json.value).toHaveLength(1);
    expect(fois.json.value[0].feature).toEqual({ type: 'Point', coordinates: [5.01, 52] });
    const obs = await sta.call('GET', '/Observations?$expand=FeatureOfInterest($select=id)');
    expect(obs.json.value.map((o: { result: unknown }) => o.result)).toEqual([14.2, { pm25: 3 }]);
    expect(obs.json.value[1].FeatureOfInterest['@iot.id']).toBe(1);
  });

  it('creates through navigation paths: a Location of a Thing, a HistoricalLocation', async () => {
    await seed(1);
    const loc = await sta.call('POST', '/Things(1)/Locations', { name: 'new pole', description: 'moved', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [5.2, 52.2] } });
    expect(loc.status).toBe(201);
    expect((await sta.call('GET', '/Things(1)/Locations?$count=true')).json['@iot.count']).toBe(2);
    expect((await sta.call('GET', '/Things(1)/HistoricalLocations?$count=true')).json['@iot.count']).toBe(2);
    const hl = await sta.call('POST', '/HistoricalLocations', { time: '2026-01-01T00:00:00Z', Thing: { '@iot.id': 1 }, Locations: [{ '@iot.id': 1 }] });
    expect(hl.status).toBe(201);
    expect((await sta.call('GET', `/HistoricalLocations(${hl.json['@iot.id']})/Locations`)).json.value[0]['@iot.id']).toBe(1);
    expect((await sta.call('POST', '/Sensors(1)/Datastreams', {})).status).toBe(400);
  });

  it('creates a DataArray batch completely or not at all', async () => {
    await seed(1);
    const bad = await sta.call('POST', '/CreateObservations', [
      { Datastream: { '@iot.id': 1 }, components: ['phenomenonTime', 'result'], dataArray: [['2026-01-10T00:00:00Z', 1], ['2026-13-45T00:00:00Z', 2]] },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.json.detail).toMatch(/0\.dataArray\.1\.0: phenomenonTime/);
    const unknownDs = await sta.call('POST', '/CreateObservations', [
      { Datastream: { '@iot.id': 1 }, components: ['phenomenonTime', 'result'], dataArray: [['2026-01-10T00:00:00Z', 1]] },
      { Datastream: { '@iot.id': 99 }, components: ['phenomenonTime', 'result'], dataArray: [['2026-01-10T00:00:00Z', 1]] },
    ]);
    expect(unknownDs.status).toBe(400);
    expect((await sta.call('GET', '/Observations?$count=true')).json['@iot.count']).toBe(0);
    const ok = await sta.call('POST', '/CreateObservations', [
      { Datastream: { '@iot.id': 1 }, components: ['phenomenonTime', 'result', 'resultTime'], 'dataArray@iot.count': 2, dataArray: [['2026-01-10T00:00:00Z', 1, null], ['2026-01-10T01:00:00Z', 2, '2026-01-10T01:00:05Z']] },
    ]);
    expect(ok.status).toBe(201);
    expect(ok.json).toEqual([`${sta.base}/Observations(1)`, `${sta.base}/Observations(2)`]);
  });

  it('answers a retried POST with the same Idempotency-Key once, and refuses the key for a different request', async () => {
    await seed(1);
    const headers = { 'idempotency-key': 'obs-2026-01-10T12-sensor-1' };
    const body = { phenomenonTime: '2026-01-10T12:00:00Z', result: 14.2, Datastream: { '@iot.id': 1 } };
    const first = await sta.call('POST', '/Observations', body, headers);
    const retry = await sta.call('POST', '/Observations', body, headers);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.json).toEqual(first.json);
    expect(retry.headers.get('location')).toBe(first.headers.get('location'));
    expect((await sta.call('GET', '/Observations?$count=true')).json['@iot.count']).toBe(1);
    expect((await sta.call('POST', '/Observations', { ...body, result: 15 }, headers)).status).toBe(409);
    const batch = [{ Datastream: { '@iot.id': 1 }, components: ['phenomenonTime', 'result'], dataArray: [['2026-01-10T13:00:00Z', 1]] }];
    await sta.call('POST', '/CreateObservations', batch, { 'idempotency-key': 'batch-1' });
    await sta.call('POST', '/CreateObservations', batch, { 'idempotency-key': 'batch-1' });
    expect((await sta.call('GET', '/Observations?$count=true')).json['@iot.count']).toBe(2);
  });

  it('patches properties and deletes with cascade', async () => {
    await seed(2, 3);
    const p = await sta.call('PATCH', '/Datastreams(1)', { name: 'renamed', properties: { calibrated: false } });
    expect(p.status).toBe(200);
    expect(p.json).toMatchObject({ name: 'renamed', properties: { calibrated: false } });
    expect((await sta.call('PATCH', '/Datastreams(1)', { phenomenonTime: '2026-01-01T00:00:00Z/2026-01-02T00:00:00Z' })).status).toBe(400);
    expect((await sta.call('DELETE', '/Things(1)')).status).toBe(200);
    expect((await sta.call('GET', '/Things(1)')).status).toBe(404);
    expect((await sta.call('GET', '/Datastreams?$count=true')).json['@iot.count']).toBe(1);
    expect((await sta.call('GET', '/Observations?$count=true')).json['@iot.count']).toBe(3);
    expect((await sta.call('DELETE', '/Things(1)')).status).toBe(404);
  });
});

describe('bad bodies', () => {
  it('names unknown properties, wrong types and bad times', async () => {
    const unknown = await sta.call('POST', '/Things', { name: 'x', description: 'y', colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors).toEqual([{ in: 'body', field: 'colour', message: expect.stringMatching(/unknown property/) }]);
    const wrongType = await sta.call('POST', '/Things', { name: ['a'], description: 'y' });
    expect(wrongType.json.errors[0].field).toBe('name');
    const nested = await sta.call('POST', '/Things', createThingBody('x', [5, 52], { Datastreams: [{ ...createThingBody('x', [5, 52]).Datastreams[0], unitOfMeasurement: { name: 1, symbol: 'x', definition: 'y' } }] }));
    expect(nested.status).toBe(400);
    expect(nested.json.errors[0].field).toBe('Datastreams.0.unitOfMeasurement.name');
    const link = await sta.call('POST', '/Observations', { result: 1, phenomenonTime: 'yesterday', Datastream: { '@iot.id': 1 } });
    expect(link.json.errors[0].field).toBe('phenomenonTime');
    const nul = await sta.call('POST', '/Things', { name: 'a\u0000b', description: 'y' });
    expect(nul.status).toBe(400);
    const noDs = await sta.call('POST', '/Observations', { result: 1, Datastream: { '@iot.id': 42 } });
    expect(noDs.json.errors[0]).toMatchObject({ field: 'Datastream', message: 'no Datastream with @iot.id 42' });
    expect((await sta.call('GET', '/Things?$count=true')).json['@iot.count']).toBe(0);
  });

  it('refuses malformed JSON with its position, non-JSON types, oversized and over-deep bodies', async () => {
    const malformed = await sta.call('POST', '/Things', '{"name": "x",, }');
    expect(malformed.status).toBe(400);
    expect(malformed.json.detail).toMatch(/not valid JSON \(error at character 14\)/);
    const plain = await sta.call('POST', '/Things', 'name=x', { 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    const big = await sta.call('POST', '/Things', { name: 'x', description: 'y'.repeat(9 * 1024 * 1024) });
    expect(big.status).toBe(413);
    let deep: unknown = 1;
    for (let i = 0; i < 200; i++) deep = { a: deep };
    const tooDeep = await sta.call('POST', '/Things', { name: 'x', description: 'y', properties: deep });
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.json.detail).toMatch(/nested deeper/);
    const proto = await sta.call('POST', '/Things', JSON.parse('{"name":"x","description":"y","properties":{"__proto__":{"role":"council"}}}'));
    expect(proto.status).toBe(201);
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });
});
