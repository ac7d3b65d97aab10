// What the demo sensors measure, as SensorThings ObservedProperty + unitOfMeasurement. Names follow RIVM Samen
// Meten (pm25, pm10, no2, rh) where it has one, so queries written for that portal work here too.
export const DEMO_QUANTITIES = {
  pm25: { name: 'pm25', description: 'PM2.5 mass concentration (particles < 2.5 µm)', definition: 'http://vocab.nerc.ac.uk/collection/P01/current/PMSFAAAA/', unit: { name: 'microgram per cubic metre', symbol: 'µg/m³', definition: 'http://unitsofmeasure.org/ucum.html#ug/m3' } },
  pm10: { name: 'pm10', description: 'PM10 mass concentration (particles < 10 µm)', definition: 'http://vocab.nerc.ac.uk/collection/P01/current/PMTHAAAA/', unit: { name: 'microgram per cubic metre', symbol: 'µg/m³', definition: 'http://unitsofmeasure.org/ucum.html#ug/m3' } },
  no2: { name: 'no2', description: 'Nitrogen dioxide concentration', definition: 'http://dd.eionet.europa.eu/vocabulary/aq/pollutant/8', unit: { name: 'microgram per cubic metre', symbol: 'µg/m³', definition: 'http://unitsofmeasure.org/ucum.html#ug/m3' } },
  rh: { name: 'rh', description: 'Relative humidity of the air', definition: 'http://vocab.nerc.ac.uk/collection/P07/current/CFSN0413/', unit: { name: 'percent', symbol: '%', definition: 'http://unitsofmeasure.org/ucum.html#%' } },
  laeq: { name: 'laeq', description: 'A-weighted equivalent continuous sound level over the hour (LAeq,1h)', definition: 'https://www.iso.org/standard/59765.html', unit: { name: 'decibel A-weighted', symbol: 'dB(A)', definition: 'http://unitsofmeasure.org/ucum.html#dB' } },
  footfall: { name: 'footfall', description: 'People passing the counter in the hour (anonymous count, no identification)', definition: 'https://example.org/tweeling/footfall', unit: { name: 'persons per hour', symbol: '1/h', definition: 'http://unitsofmeasure.org/ucum.html#/h' } },
  pm25_kal: { name: 'pm25_kal', description: 'PM2.5 of a citizen sensor after calibration against a reference station (indicative)', definition: 'https://www.samenmetenaanluchtkwaliteit.nl/dataportaal/kalibratie-van-fijnstofsensoren', unit: { name: 'microgram per cubic metre', symbol: 'µg/m³', definition: 'http://unitsofmeasure.org/ucum.html#ug/m3' } },
} as const;
export type DemoQuantity = keyof typeof DEMO_QUANTITIES;
