// Writes parsed import data into the sensor store: finds or creates the Thing per station (matched on the
// source's key), the Datastream per station and quantity, and inserts the Observations, skipping ones already
// stored for the same Datastream and time. The caller runs it inside one transaction.
import { InvalidParameter } from '../../errors.ts';
import { createSensorWriter, type ObservationRow } from '../sta/write-entities.ts';
import type { SensorStore } from '../store/sensor-store.ts';
import { type ImportStation, type ParsedImport, QUANTITY_UNITS } from './import-model.ts';

const OM_MEASUREMENT = 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement';

export interface ImportCounts {
  thingsCreated: number;
  datastreamsCreated: number;
  observations: number;
  duplicates: number;
}

export function writeImport(store: SensorStore, parsed: ParsedImport, label: string): ImportCounts {
  const db = store.db;
  const writer = createSensorWriter(db);
  const counts: ImportCounts = { thingsCreated: 0, datastreamsCreated: 0, observations: 0, duplicates: 0 };
  const thingByKey = db.prepare("SELECT id FROM things WHERE json_extract(properties, '$.importKey') = ? LIMIT 1");
  const hasLocation = db.prepare('SELECT 1 FROM thing_locations WHERE thing_id = ? LIMIT 1');
  const datastreamOf = db.prepare(
    `SELECT d.id FROM datastreams d JOIN observed_properties op ON op.id = d.observed_property_id
     WHERE d.thing_id = ? AND op.name = ? AND json_extract(d.properties, '$.calibration') IS NULL ORDER BY d.id LIMIT 1`,
  );
  const propertyByName = db.prepare('SELECT id FROM observed_properties WHERE name = ? ORDER BY id LIMIT 1');
  const sensorByName = db.prepare('SELECT id FROM sensors WHERE name = ? ORDER BY id LIMIT 1');
  const exists = db.prepare('SELECT 1 FROM observations WHERE datastream_id = ? AND phenomenon_time = ? LIMIT 1');

  const location = (s: ImportStation, lonLat: [number, number]) => ({ name: s.name, description: `Position of ${s.name}`, encodingType: 'application/geo+json', location: { type: 'Point', coordinates: lonLat } });
  const thingIds = new Map<string, number>();
  const stations = new Map(parsed.stations.map((s) => [s.key, s]));
  const thingOf = (s: ImportStation): number => {
    const known = thingIds.get(s.key) ?? (thingByKey.get(s.key) as { id: number } | undefined)?.id;
    if (known !== undefined) {
      if (s.lonLatDeg && !hasLocation.get(known)) writer.linkThingToLocations(known, [writer.createLocation(location(s, s.lonLatDeg), 'Location')]);
      thingIds.set(s.key, known);
      return known;
    }
    const id = writer.createThing({ name: s.name, description: s.description, properties: { ...s.properties, kind: s.kind, importKey: s.key }, ...(s.lonLatDeg ? { Locations: [location(s, s.lonLatDeg)] } : {}) });
    counts.thingsCreated++;
    thingIds.set(s.key, id);
    return id;
  };
  const datastreamIds = new Map<string, number>();
  const datastreamFor = (s: ImportStation, quantity: string, sensorType: string): number => {
    const key = `${s.key}\u0000${quantity}`;
    const cached = datastreamIds.get(key);
    if (cached !== undefined) return cached;
    const thing = thingOf(s);
    let id = (datastreamOf.get(thing, quantity) as { id: number } | undefined)?.id;
    if (id === undefined) {
      const op = (propertyByName.get(quantity) as { id: number } | undefined)?.id;
      const sensor = (sensorByName.get(sensorType) as { id: number } | undefined)?.id;
      id = writer.createDatastream(
        {
          name: `${s.name} ${quantity}`,
          description: `${quantity} of ${s.name} (imported from ${label})`,
          unitOfMeasurement: QUANTITY_UNITS[quantity] ?? { name: 'unknown', symbol: '', definition: '' },
          observationType: OM_MEASUREMENT,
          properties: { quantity, kind: s.kind },
          Sensor: sensor !== undefined ? { '@iot.id': sensor } : { name: sensorType, description: sensorType, encodingType: 'text/plain', metadata: sensorType },
          ObservedProperty: op !== undefined ? { '@iot.id': op } : { name: quantity, definition: `https://example.org/tweeling/quantity/${encodeURIComponent(quantity)}`, description: quantity },
        },
        thing,
      );
      counts.datastreamsCreated++;
    }
    datastreamIds.set(key, id);
    return id;
  };

  for (const s of parsed.stations) {
    thingOf(s);
    const components = s.properties.components;
    if (Array.isArray(components)) for (const c of components) if (typeof c === 'string') datastreamFor(s, c, `${s.properties.source ?? 'station'} instrument`);
  }
  const fois = new Map<number, number>();
  const rows: ObservationRow[] = [];
  const seen = new Set<string>();
  for (const o of parsed.observations) {
    const station = stations.get(o.stationKey)!;
    const ds = datastreamFor(station, o.quantity, o.sensorType ?? `${station.properties.source ?? 'station'} instrument`);
    let foi = fois.get(ds);
    if (foi === undefined) {
      try {
        foi = writer.derivedFeatureOfInterest(ds, o.stationKey);
      } catch {
        throw new InvalidParameter(`${label}: station ${o.stationKey} has no position; import its station document first (Luchtmeetnet /stations/${o.stationKey})`);
      }
      fois.set(ds, foi);
    }
    const seenKey = `${ds}:${o.timeMs}`;
    if (seen.has(seenKey) || exists.get(ds, o.timeMs)) {
      counts.duplicates++;
      continue;
    }
    seen.add(seenKey);
    rows.push({ datastreamId: ds, featureOfInterestId: foi, phenomenonTimeMs: o.timeMs, phenomenonTimeEndMs: null, resultTimeMs: null, result: o.value });
  }
  writer.insertObservationRows(rows);
  counts.observations = rows.length;
  return counts;
}

