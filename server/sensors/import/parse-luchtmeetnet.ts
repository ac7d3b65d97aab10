// Luchtmeetnet open API responses (DOMAIN.md Part B §2.8): a station document (`/stations/{number}` →
// {data: {location, geometry, components, …}}) or a page of measurements (`/measurements` →
// {data: [{station_number, value, timestamp_measured, formula}]}). Errors name the record.
import { parseInstantMs } from '../time.ts';
import { ImportFormatError, type ImportObservation, type ImportStation, type ParsedImport, type SkippedRecord } from './import-model.ts';

export interface LuchtmeetnetOptions {
  /** The station number (NL49017); a station document does not carry it, only its request URL does. */
  stationNumber?: string;
}

export function parseLuchtmeetnet(text: string, options: LuchtmeetnetOptions = {}): ParsedImport {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ImportFormatError(`not valid JSON: ${(err as Error).message}`);
  }
  const data = (doc as { data?: unknown } | null)?.data;
  if (Array.isArray(data)) return parseMeasurements(data);
  if (typeof data === 'object' && data !== null) return { stations: [parseStation(data as Record<string, unknown>, options)], observations: [], skipped: [] };
  throw new ImportFormatError('expected a Luchtmeetnet response: {"data": {…station…}} or {"data": [ …measurements… ]}');
}

function parseStation(d: Record<string, unknown>, options: LuchtmeetnetOptions): ImportStation {
  const geometry = d.geometry as { type?: unknown; coordinates?: unknown } | undefined;
  const coords = geometry?.coordinates;
  // Luchtmeetnet writes the geometry type in lower case ("point"); only the coordinates matter here.
  if (typeof geometry?.type !== 'string' || geometry.type.toLowerCase() !== 'point' || !Array.isArray(coords) || coords.length < 2 || !coords.slice(0, 2).every((c) => typeof c === 'number' && Number.isFinite(c))) {
    throw new ImportFormatError('station: geometry must be a point with [lon, lat] coordinates');
  }
  const [lon, lat] = coords as number[];
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) throw new ImportFormatError('station: coordinates are not lon, lat in degrees');
  const location = typeof d.location === 'string' && d.location.trim() ? d.location.trim() : undefined;
  const number = options.stationNumber;
  if (number !== undefined && !/^NL\d{5}$/.test(number)) throw new ImportFormatError(`station number must look like NL49017, not '${number.slice(0, 20)}'`);
  if (!location && !number) throw new ImportFormatError('station: no location name and no station number given');
  const components = Array.isArray(d.components) ? d.components.filter((c): c is string => typeof c === 'string') : [];
  const description = (d.description as { EN?: unknown; NL?: unknown } | undefined) ?? {};
  return {
    key: number ?? location!,
    name: location ?? number!,
    description: `Luchtmeetnet reference station ${location ?? number}${typeof description.EN === 'string' && description.EN !== location ? ` (${description.EN})` : ''}`,
    kind: 'reference',
    lonLatDeg: [lon, lat],
    properties: {
      source: 'Luchtmeetnet',
      ...(number ? { stationCode: number } : {}),
      stationType: typeof d.type === 'string' ? d.type : null,
      organisation: typeof d.organisation === 'string' ? d.organisation : null,
      municipality: typeof d.municipality === 'string' ? d.municipality : null,
      yearStart: typeof d.year_start === 'string' || typeof d.year_start === 'number' ? String(d.year_start) : null,
      components: components.map((c) => c.toLowerCase()),
    },
  };
}

function parseMeasurements(records: unknown[]): ParsedImport {
  const observations: ImportObservation[] = [];
  const skipped: SkippedRecord[] = [];
  const stations = new Map<string, ImportStation>();
  records.forEach((r, i) => {
    const where = `record ${i + 1}`;
    const m = r as { station_number?: unknown; value?: unknown; timestamp_measured?: unknown; formula?: unknown } | null;
    if (typeof m !== 'object' || m === null) return void skipped.push({ where, message: 'not an object' });
    if (typeof m.station_number !== 'string' || !/^NL\d{5}$/.test(m.station_number)) return void skipped.push({ where, message: 'station_number must look like NL49017' });
    if (typeof m.formula !== 'string' || !/^[A-Za-z0-9]{1,10}$/.test(m.formula)) return void skipped.push({ where, message: 'formula missing or malformed' });
    if (typeof m.value !== 'number' || !Number.isFinite(m.value)) return void skipped.push({ where, message: 'value is not a number' });
    const t = typeof m.timestamp_measured === 'string' ? parseInstantMs(m.timestamp_measured) : undefined;
    if (t === undefined) return void skipped.push({ where, message: 'timestamp_measured is not an ISO 8601 date-time with a zone' });
    if (!stations.has(m.station_number)) {
      stations.set(m.station_number, { key: m.station_number, name: m.station_number, description: `Luchtmeetnet reference station ${m.station_number}`, kind: 'reference', properties: { source: 'Luchtmeetnet', stationCode: m.station_number } });
    }
    // Luchtmeetnet stamps the end of the measured hour; the Observation's phenomenon is the hour before it.
    observations.push({ stationKey: m.station_number, quantity: m.formula.toLowerCase(), timeMs: t - 3_600_000, value: m.value });
  });
  return { stations: [...stations.values()], observations, skipped };
}
