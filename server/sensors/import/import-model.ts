// What the sensor importers produce: stations (become Things with a Location) and observations per station and
// quantity (become Datastreams and Observations). Neutral, so every source format maps onto the same writer.
export interface ImportStation {
  /** Stable key within the source, e.g. the Luchtmeetnet station number or LTD_<location id>. */
  key: string;
  name: string;
  description: string;
  /** 'reference' for official stations (calibration uses them), 'citizen' for low-cost sensors. */
  kind: 'reference' | 'citizen';
  lonLatDeg?: [number, number];
  properties: Record<string, unknown>;
}

export interface ImportObservation {
  stationKey: string;
  /** Samen Meten style quantity name: pm25, pm10, no2, rh, … */
  quantity: string;
  timeMs: number;
  value: number;
  sensorType?: string;
}

export interface SkippedRecord {
  /** "line 12" or "record 3". */
  where: string;
  message: string;
  /** Left out by design (e.g. an indoor sensor), not an error: never makes an import fail. */
  ignored?: boolean;
}

export interface ParsedImport {
  stations: ImportStation[];
  observations: ImportObservation[];
  skipped: SkippedRecord[];
}

/** Units of the quantities the importers know; anything else is stored with an unknown unit. */
export const QUANTITY_UNITS: Record<string, { name: string; symbol: string; definition: string }> = {
  pm25: { name: 'microgram per cubic metre', symbol: 'µg/m³', definition: 'http://unitsofmeasure.org/ucum.html#ug/m3' },
  pm10: { name: 'microgram per cubic metre', symbol: 'µg/m³', definition: 'http://unitsofmeasure.org/ucum.html#ug/m3' },
  no2: { name: 'microgram per cubic metre', symbol: 'µg/m³', definition: 'http://unitsofmeasure.org/ucum.html#ug/m3' },
  no: { name: 'microgram per cubic metre', symbol: 'µg/m³', definition: 'http://unitsofmeasure.org/ucum.html#ug/m3' },
  o3: { name: 'microgram per cubic metre', symbol: 'µg/m³', definition: 'http://unitsofmeasure.org/ucum.html#ug/m3' },
  fn: { name: 'microgram per cubic metre', symbol: 'µg/m³', definition: 'http://unitsofmeasure.org/ucum.html#ug/m3' },
  rh: { name: 'percent', symbol: '%', definition: 'http://unitsofmeasure.org/ucum.html#%' },
  temp: { name: 'degree Celsius', symbol: '°C', definition: 'http://unitsofmeasure.org/ucum.html#Cel' },
  pres: { name: 'pascal', symbol: 'Pa', definition: 'http://unitsofmeasure.org/ucum.html#Pa' },
};

/** Thrown by a parser when the file as a whole cannot be read (not JSON, wrong top-level shape, no header). */
export class ImportFormatError extends Error {}
