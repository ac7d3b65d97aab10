// Sensor.Community (ex-Luftdaten) JSON (DOMAIN.md Part B §2.9): an array of readings, each with a location, a
// sensor and string-valued `sensordatavalues`. P1 = PM10, P2 = PM2.5. Indoor sensors are skipped. Errors name the
// record (1-based) and its id.
import { ImportFormatError, type ImportObservation, type ImportStation, type ParsedImport, type SkippedRecord } from './import-model.ts';

const VALUE_TYPES: Record<string, string> = { P1: 'pm10', P2: 'pm25', temperature: 'temp', humidity: 'rh', pressure: 'pres' };
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

export function parseSensorCommunity(text: string): ParsedImport {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ImportFormatError(`not valid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(doc)) throw new ImportFormatError('expected a JSON array of Sensor.Community readings');
  const stations = new Map<string, ImportStation>();
  const observations: ImportObservation[] = [];
  const skipped: SkippedRecord[] = [];
  doc.forEach((raw, i) => {
    const r = raw as Record<string, any> | null;
    const where = `record ${i + 1}${typeof r?.id === 'number' ? ` (id ${r.id})` : ''}`;
    if (typeof r !== 'object' || r === null) return void skipped.push({ where, message: 'not an object' });
    const loc = r.location;
    if (typeof loc?.id !== 'number') return void skipped.push({ where, message: 'location.id missing' });
    if (Number(loc.indoor) === 1) return void skipped.push({ where, message: 'indoor sensor (not representative of outdoor air)', ignored: true });
    const lat = Number(loc.latitude);
    const lon = Number(loc.longitude);
    if (typeof loc.latitude !== 'string' && typeof loc.latitude !== 'number') return void skipped.push({ where, message: 'location.latitude missing' });
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return void skipped.push({ where, message: 'location latitude/longitude are not degrees' });
    const ts = typeof r.timestamp === 'string' ? TIMESTAMP.exec(r.timestamp) : null;
    if (!ts) return void skipped.push({ where, message: 'timestamp must be "YYYY-MM-DD hh:mm:ss" (UTC)' });
    const timeMs = Date.UTC(Number(ts[1]), Number(ts[2]) - 1, Number(ts[3]), Number(ts[4]), Number(ts[5]), Number(ts[6]));
    if (new Date(timeMs).getUTCDate() !== Number(ts[3])) return void skipped.push({ where, message: 'timestamp is not a calendar date' });
    if (!Array.isArray(r.sensordatavalues)) return void skipped.push({ where, message: 'sensordatavalues missing' });
    const key = `LTD_${loc.id}`;
    const sensorType = typeof r.sensor?.sensor_type?.name === 'string' ? r.sensor.sensor_type.name.slice(0, 100) : 'unknown';
    const values: ImportObservation[] = [];
    for (const v of r.sensordatavalues as { value_type?: unknown; value?: unknown }[]) {
      const quantity = typeof v?.value_type === 'string' ? VALUE_TYPES[v.value_type] : undefined;
      if (!quantity) continue;
      const value = Number(v.value);
      if (v.value === '' || v.value === null || !Number.isFinite(value)) return void skipped.push({ where, message: `${String(v.value_type)} value '${String(v.value).slice(0, 20)}' is not a number` });
      values.push({ stationKey: key, quantity, timeMs, value, sensorType });
    }
    if (values.length === 0) return void skipped.push({ where, message: 'no P1, P2, temperature, humidity or pressure values' });
    if (!stations.has(key)) {
      stations.set(key, { key, name: key, description: `Sensor.Community sensor location ${loc.id}`, kind: 'citizen', lonLatDeg: [lon, lat], properties: { source: 'Sensor.Community', locationId: loc.id, country: typeof loc.country === 'string' ? loc.country : null, indicative: true } });
    }
    observations.push(...values);
  });
  return { stations: [...stations.values()], observations, skipped };
}
