// Writes a demo sensor network into the sensor store in one transaction with prepared statements: Things with
// their Location, one Sensor per sensor type, one ObservedProperty per quantity, then all Observations in bulk.
import { createSensorWriter } from '../../sensors/sta/write-entities.ts';
import type { ObservationRow } from '../../sensors/sta/write-entities.ts';
import type { SensorStore } from '../../sensors/store/sensor-store.ts';
import type { DemoSensorNetwork } from './generate-sensors.ts';
import { HOUR_MS } from './series.ts';
import { DEMO_QUANTITIES, type DemoQuantity } from './quantities.ts';

const OM_MEASUREMENT = 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement';

export interface LoadedSensors {
  things: number;
  datastreams: number;
  observations: number;
  /** Datastream id per `<thing name>/<quantity>`, for later steps (calibration). */
  datastreamIds: Map<string, number>;
}

export function loadDemoSensors(store: SensorStore, network: DemoSensorNetwork): LoadedSensors {
  const writer = createSensorWriter(store.db);
  const datastreamOfThing = store.db.prepare('SELECT id FROM datastreams WHERE thing_id = ? ORDER BY id');
  const loaded = store.transaction(() => {
    const observedProperties = new Map<DemoQuantity, number>();
    const sensors = new Map<string, number>();
    const datastreamIds = new Map<string, number>();
    let observations = 0;
    let datastreams = 0;
    for (const t of network.things) {
      const thingId = writer.createThing({
        name: t.name,
        description: t.description,
        properties: { ...t.properties, kind: t.kind },
        Locations: [{ name: t.name, description: `Position of ${t.name}`, encodingType: 'application/geo+json', location: { type: 'Point', coordinates: t.lonLatDeg } }],
        Datastreams: t.datastreams.map((d) => {
          const q = DEMO_QUANTITIES[d.quantity];
          const op = observedProperties.get(d.quantity);
          const sensor = sensors.get(d.sensorType);
          return {
            name: d.name,
            description: d.description,
            unitOfMeasurement: { ...q.unit },
            observationType: OM_MEASUREMENT,
            properties: { quantity: d.quantity, kind: t.kind },
            Sensor: sensor ? { '@iot.id': sensor } : { name: d.sensorType, description: d.sensorType, encodingType: 'text/plain', metadata: d.sensorType },
            ObservedProperty: op ? { '@iot.id': op } : { name: q.name, definition: q.definition, description: q.description },
          };
        }),
      });
      const ids = (datastreamOfThing.all(thingId) as { id: number }[]).map((r) => r.id);
      const foi = ids.length > 0 ? writer.derivedFeatureOfInterest(ids[0], t.name) : 0;
      t.datastreams.forEach((d, i) => {
        const dsId = ids[i];
        datastreamIds.set(`${t.name}/${d.quantity}`, dsId);
        datastreams++;
        if (!observedProperties.has(d.quantity)) {
          observedProperties.set(d.quantity, (store.db.prepare('SELECT observed_property_id AS id FROM datastreams WHERE id = ?').get(dsId) as { id: number }).id);
        }
        if (!sensors.has(d.sensorType)) {
          sensors.set(d.sensorType, (store.db.prepare('SELECT sensor_id AS id FROM datastreams WHERE id = ?').get(dsId) as { id: number }).id);
        }
        const rows: ObservationRow[] = [];
        d.values.forEach((v, h) => {
          if (Number.isNaN(v)) return;
          const t0 = network.startMs + h * HOUR_MS;
          // Hourly means: the phenomenon is the hour, the result is available at its end.
          rows.push({ datastreamId: dsId, featureOfInterestId: foi, phenomenonTimeMs: t0, phenomenonTimeEndMs: t0 + HOUR_MS, resultTimeMs: t0 + HOUR_MS, result: v });
        });
        writer.insertObservationRows(rows);
        observations += rows.length;
      });
    }
    return { things: network.things.length, datastreams, observations, datastreamIds };
  });
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  return loaded;
}
