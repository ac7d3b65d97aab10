// Runs the calibration over the sensor store: every citizen PM2.5 Datastream is fitted against the PM2.5 (and
// relative humidity) of the nearest reference station, and each trustworthy sensor gets a derived `pm25_kal`
// Datastream whose description and properties carry the provenance (model, coefficients, reference, period,
// fit before/after). Earlier derived Datastreams are replaced, all in one transaction.
import { InvalidParameter } from '../../errors.ts';
import { formatInstant } from '../time.ts';
import { createSensorWriter, type ObservationRow } from '../sta/write-entities.ts';
import type { SensorStore } from '../store/sensor-store.ts';
import { applyCalibration, type CalibrationCriteria, type CalibrationResult, DEFAULT_CRITERIA, fitCalibration, type HourlySeries, MODEL_TEXT, nearestIndex } from './fit-calibration.ts';

const HOUR_MS = 3_600_000;
const OM_MEASUREMENT = 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement';

export interface SensorCalibration {
  datastreamId: number;
  thingName: string;
  referenceStation: string;
  referenceDatastreamId: number;
  result: CalibrationResult | undefined;
  /** The derived pm25_kal Datastream, for trustworthy sensors only. */
  calibratedDatastreamId?: number;
}

interface DatastreamRow {
  id: number;
  thing_id: number;
  thing_name: string;
  kind: string | null;
  op: string;
  sensor_id: number;
  lon: number | null;
  lat: number | null;
}

export function calibrateStoredSensors(store: SensorStore, criteria: CalibrationCriteria = DEFAULT_CRITERIA): SensorCalibration[] {
  const db = store.db;
  const rows = db
    .prepare(
      `SELECT d.id, d.thing_id, t.name AS thing_name, json_extract(t.properties, '$.kind') AS kind, op.name AS op, d.sensor_id,
              (SELECT l.lon FROM thing_locations tl JOIN locations l ON l.id = tl.location_id WHERE tl.thing_id = t.id ORDER BY l.id DESC LIMIT 1) AS lon,
              (SELECT l.lat FROM thing_locations tl JOIN locations l ON l.id = tl.location_id WHERE tl.thing_id = t.id ORDER BY l.id DESC LIMIT 1) AS lat
       FROM datastreams d JOIN things t ON t.id = d.thing_id JOIN observed_properties op ON op.id = d.observed_property_id
       WHERE json_extract(d.properties, '$.calibration') IS NULL ORDER BY d.id`,
    )
    .all() as DatastreamRow[];
  const references = rows.filter((r) => r.kind === 'reference' && r.op === 'pm25' && r.lon !== null);
  if (references.length === 0) throw new InvalidParameter('No reference station with PM2.5 (a Thing with properties.kind = "reference") to calibrate against.');
  const citizens = rows.filter((r) => r.kind !== 'reference' && r.op === 'pm25' && r.lon !== null);
  const rhOf = new Map(rows.filter((r) => r.kind === 'reference' && r.op === 'rh').map((r) => [r.thing_id, r.id]));
  const seriesQuery = db.prepare('SELECT phenomenon_time AS t, result AS v FROM observations WHERE datastream_id = ? AND result_json = 0 ORDER BY phenomenon_time');
  const series = (id: number): HourlySeries => {
    const m = new Map<number, number>();
    for (const r of seriesQuery.iterate(id) as Iterable<{ t: number; v: unknown }>) {
      if (typeof r.v === 'number' && Number.isFinite(r.v)) m.set(Math.floor(r.t / HOUR_MS) * HOUR_MS, r.v);
    }
    return m;
  };
  // Planar distance on lon/lat with longitude shrunk by cos(latitude): good enough to pick the nearest station.
  const cosLat = Math.cos(((references[0].lat ?? 52) * Math.PI) / 180);
  const refPositions = references.map((r) => [r.lon! * cosLat, r.lat!] as [number, number]);
  const refSeries = references.map((r) => ({ pm25: series(r.id), rh: rhOf.has(r.thing_id) ? series(rhOf.get(r.thing_id)!) : undefined }));

  const fitted = citizens.map((c) => {
    const i = nearestIndex([c.lon! * cosLat, c.lat!], refPositions);
    const raw = series(c.id);
    const result = fitCalibration(raw, refSeries[i].pm25, refSeries[i].rh, criteria);
    return { c, ref: references[i], raw, rh: refSeries[i].rh, result };
  });

  const writer = createSensorWriter(db);
  return store.transaction(() => {
    db.prepare("DELETE FROM datastreams WHERE json_extract(properties, '$.calibration') IS NOT NULL").run();
    let kalProperty = (db.prepare("SELECT id FROM observed_properties WHERE name = 'pm25_kal' LIMIT 1").get() as { id: number } | undefined)?.id;
    kalProperty ??= writer.createObservedProperty({
      name: 'pm25_kal',
      definition: 'https://www.samenmetenaanluchtkwaliteit.nl/dataportaal/kalibratie-van-fijnstofsensoren',
      description: 'PM2.5 of a citizen sensor calibrated against a reference station (indicative, not for legal assessment)',
    });
    return fitted.map(({ c, ref, raw, rh, result }): SensorCalibration => {
      const out: SensorCalibration = { datastreamId: c.id, thingName: c.thing_name, referenceStation: ref.thing_name, referenceDatastreamId: ref.id, result };
      if (!result?.trustworthy) return out;
      const { intercept, raw: gain, rh: rhTerm } = result.coefficients;
      const period = `${formatInstant(result.periodStartMs)}/${formatInstant(result.periodEndMs + HOUR_MS)}`;
      const formula = result.model === 'linear-rh'
        ? `pm25_kal = ${intercept.toFixed(3)} + ${gain.toFixed(4)}·raw + ${rhTerm.toFixed(4)}·RH`
        : `pm25_kal = ${intercept.toFixed(3)} + ${gain.toFixed(4)}·raw`;
      const id = writer.createDatastream(
        {
          name: `${c.thing_name} pm25_kal`,
          description: `PM2.5 calibrated (indicative): ${formula}; least squares against reference station ${ref.thing_name} over ${period} (${result.hours} h). RMSE ${result.before.rmse.toFixed(2)} → ${result.after.rmse.toFixed(2)} µg/m³.`,
          unitOfMeasurement: { name: 'microgram per cubic metre', symbol: 'µg/m³', definition: 'http://unitsofmeasure.org/ucum.html#ug/m3' },
          observationType: OM_MEASUREMENT,
          properties: {
            indicative: true,
            derivedFrom: c.id,
            calibration: {
              model: MODEL_TEXT[result.model],
              coefficients: result.coefficients,
              referenceStation: ref.thing_name,
              referenceDatastream: ref.id,
              period,
              hours: result.hours,
              before: result.before,
              after: result.after,
              method: 'ordinary least squares (Tweeling server/sensors/calibration)',
            },
          },
          Sensor: { '@iot.id': c.sensor_id },
          ObservedProperty: { '@iot.id': kalProperty! },
        },
        c.thing_id,
      );
      const foi = writer.derivedFeatureOfInterest(id, 'calibration');
      const obs: ObservationRow[] = [];
      for (const [t, v] of raw) {
        const h = rh?.get(t);
        if (result.model === 'linear-rh' && h === undefined) continue;
        obs.push({ datastreamId: id, featureOfInterestId: foi, phenomenonTimeMs: t, phenomenonTimeEndMs: t + HOUR_MS, resultTimeMs: null, result: Math.round(applyCalibration(result.coefficients, v, h ?? 0) * 10) / 10 });
      }
      writer.insertObservationRows(obs);
      return { ...out, calibratedDatastreamId: id };
    });
  });
}
