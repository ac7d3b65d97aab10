// A deterministic synthetic sensor network for Demostad: two reference stations (PM2.5, PM10, NO2, relative
// humidity), ~40 citizen PM2.5 sensors with realistic errors (humidity-driven overestimation, gain and offset,
// drift, gaps, a few broken), street noise meters and footfall counters in the centre. Hourly values.
// Everything is made up; the same municipality and seed give the same network.
import type { Municipality, PointRd } from '../../contracts/model.ts';
import { rdToLonLatDeg } from '../../geo/crs.ts';
import { createRng, type Rng } from '../random.ts';
import type { DemoQuantity } from './quantities.ts';
import { ar1, clamp, footfall, gaussian, HOUR_MS, regionalPm25, relativeHumidity, round1, streetNoise, trafficNo2 } from './series.ts';

export type DemoSensorKind = 'reference' | 'citizen' | 'noise' | 'footfall';
/** How a broken citizen sensor fails; used by tests to check that calibration flags it. */
export type DemoFault = 'stuck' | 'zeros' | 'erratic';

export interface DemoDatastream {
  quantity: DemoQuantity;
  name: string;
  description: string;
  sensorType: string;
  /** One value per hour from the network's start; NaN = no observation that hour. */
  values: number[];
}

export interface DemoSensorThing {
  name: string;
  description: string;
  kind: DemoSensorKind;
  positionRd: PointRd;
  lonLatDeg: [number, number];
  properties: Record<string, string | number | boolean>;
  datastreams: DemoDatastream[];
  /** Broken citizen sensors only; not stored, so calibration must find them from the data. */
  fault?: DemoFault;
}

export interface DemoSensorNetwork {
  startMs: number;
  hours: number;
  things: DemoSensorThing[];
}

export interface DemoSensorOptions {
  days?: number;
  citizenSensors?: number;
}

/** The demo period starts at the dataset date of Demostad. */
export const DEMO_SENSOR_START_MS = Date.UTC(2026, 0, 1);
const BROKEN: DemoFault[] = ['stuck', 'zeros', 'erratic'];

export function generateDemoSensors(m: Municipality, seed: number, { days = 30, citizenSensors = 40 }: DemoSensorOptions = {}): DemoSensorNetwork {
  if (!(Number.isInteger(days) && days >= 1 && days <= 366)) throw new RangeError(`days must be a whole number 1–366, got ${days}`);
  if (m.buildings.length === 0) throw new Error('the municipality has no buildings to place sensors at');
  const rng = createRng(seed, 'sensors');
  const startMs = DEMO_SENSOR_START_MS;
  const hours = days * 24;
  const sites = placeSites(m, rng.fork('sites'), citizenSensors);
  const rh = relativeHumidity(rng.fork('rh'), startMs, hours);
  const regional = regionalPm25(rng.fork('pm'), startMs, hours);
  const code = m.meta.municipalityCode.replace(/^GM/, '');
  const things: DemoSensorThing[] = [];
  const thing = (name: string, description: string, kind: DemoSensorKind, p: PointRd, properties: DemoSensorThing['properties'], datastreams: DemoDatastream[]): DemoSensorThing => ({
    name,
    description,
    kind,
    positionRd: p,
    lonLatDeg: rdToLonLatDeg(p[0], p[1]),
    properties: { synthetic: true, codegemeente: code, ...properties },
    datastreams,
  });

  sites.references.forEach((site, i) => {
    const r = rng.fork(`reference-${i}`);
    const stationCode = `NL${code}${String(i + 1).padStart(1, '0')}`.slice(0, 7);
    const pm25 = withMissing(r, regional.map((v) => round1(Math.max(0.5, v * site.uplift + 0.6 * gaussian(r)))), 0.01);
    const pm10 = pm25.map((v) => (Number.isNaN(v) ? NaN : round1(v * 1.5 + 3 + 1.5 * gaussian(r))));
    const no2 = trafficNo2(r.fork('no2'), startMs, hours, site.traffic).map(round1);
    const rhHere = rh.map((v) => round1(clamp(v + 1.5 * gaussian(r), 20, 100)));
    const ds = (quantity: DemoQuantity, values: number[], sensorType: string): DemoDatastream => ({
      quantity,
      name: `${site.name} ${quantity}`,
      description: `${quantity} at reference station ${site.name} (hourly mean)`,
      sensorType,
      values,
    });
    things.push(
      thing(site.name, `Reference air-quality station ${site.name} (${site.type}); fictional`, 'reference', site.p, { stationCode, stationType: site.type, organisation: 'Demostad GGD (fictional)' }, [
        ds('pm25', pm25, 'beta-attenuation monitor'),
        ds('pm10', pm10, 'beta-attenuation monitor'),
        ds('no2', no2, 'chemiluminescence analyser'),
        ds('rh', rhHere, 'capacitive hygrometer'),
      ]),
    );
  });

  const brokenAt = new Set(rng.fork('broken').shuffle(sites.citizens.map((_, i) => i)).slice(0, Math.min(3, sites.citizens.length)));
  let brokenIndex = 0;
  sites.citizens.forEach((p, i) => {
    const r = rng.fork(`citizen-${i}`);
    const fault = brokenAt.has(i) ? BROKEN[brokenIndex++ % BROKEN.length] : undefined;
    const values = citizenPm25(r, regional, rh, hours, fault);
    const name = `LTD_${code}${String(i + 1).padStart(3, '0')}`;
    things.push({
      ...thing(name, 'Citizen PM sensor (Sensor.Community kit, SDS011) on a house front; fictional', 'citizen', p, { project: 'Demostad burgermeetnet', indicative: true }, [
        { quantity: 'pm25', name: `${name} pm25`, description: 'Raw PM2.5 of a low-cost optical sensor (indicative, uncalibrated)', sensorType: 'Nova Fitness SDS011', values },
      ]),
      ...(fault ? { fault } : {}),
    });
  });

  sites.noise.forEach((site, i) => {
    const name = `Geluid-${String(i + 1).padStart(2, '0')}`;
    const values = streetNoise(rng.fork(`noise-${i}`), startMs, hours, site.busyness);
    things.push(
      thing(name, `Noise meter at a ${site.busyness > 0.5 ? 'main road' : 'residential street'}; fictional`, 'noise', site.p, { project: 'Demostad geluid' }, [
        { quantity: 'laeq', name: `${name} LAeq`, description: 'Hourly LAeq in dB(A)', sensorType: 'class 2 sound level meter', values },
      ]),
    );
  });

  sites.counters.forEach((p, i) => {
    const name = `Passanten-${String(i + 1).padStart(2, '0')}`;
    const values = footfall(rng.fork(`footfall-${i}`), startMs, hours, 120 + 60 * i);
    things.push(
      thing(name, 'Anonymous footfall counter in the shopping centre (counts only, no identification); fictional', 'footfall', p, { project: 'Demostad drukte' }, [
        { quantity: 'footfall', name: `${name} passanten`, description: 'People passing per hour', sensorType: 'infrared beam counter', values },
      ]),
    );
  });
  return { startMs, hours, things };
}

/**
 * A low-cost optical sensor's PM2.5: the local concentration times a gain, plus an offset, a humidity-driven
 * overestimation (particles swell above ~60 % RH), slow drift of the gain, noise, outages and missing hours.
 */
function citizenPm25(r: Rng, regional: number[], rh: number[], hours: number, fault: DemoFault | undefined): number[] {
  const local = r.range(-0.05, 0.15);
  const localNoise = ar1(r.fork('local'), hours, 0.8);
  const gain = r.range(0.85, 1.35);
  const offset = r.range(-1, 2);
  const humidity = r.range(0.6, 1.5);
  const driftPerDay = r.chance(0.3) ? r.range(0.003, 0.01) : 0;
  const values = regional.map((pm, h) => {
    const truth = Math.max(0.3, pm * (1 + local) + 0.8 * localNoise[h]);
    const swell = 1 + humidity * Math.max(0, (rh[h] - 60) / 40) ** 2;
    const g = gain * (1 + driftPerDay * (h / 24));
    return round1(Math.max(0, g * truth * swell + offset + (0.6 + 0.06 * truth) * gaussian(r)));
  });
  if (fault === 'stuck') values.fill(values[Math.floor(hours / 4)], Math.floor(hours / 4));
  if (fault === 'zeros') values.fill(0, Math.floor(hours / 6));
  if (fault === 'erratic') for (let h = 0; h < hours; h++) values[h] = round1(r.range(0, 120));
  // Outages: Wi-Fi or power lost for hours to days, plus scattered missing hours.
  const outages = r.int(0, 3);
  for (let o = 0; o < outages; o++) {
    const from = r.int(0, hours - 1);
    values.fill(NaN, from, Math.min(hours, from + r.int(6, 72)));
  }
  return withMissing(r, values, 0.015);
}

function withMissing(r: Rng, values: number[], probability: number): number[] {
  return values.map((v) => (r.chance(probability) ? NaN : v));
}

interface Sites {
  references: { name: string; type: string; p: PointRd; uplift: number; traffic: number }[];
  citizens: PointRd[];
  noise: { p: PointRd; busyness: number }[];
  counters: PointRd[];
}

/** Where sensors stand: at buildings (house fronts), main roads, and shops nearest the centre. */
function placeSites(m: Municipality, r: Rng, citizenCount: number): Sites {
  const anchor = (b: { footprint: PointRd[][] }): PointRd => {
    const [x, y] = b.footprint[0][0];
    return [Math.round(x + r.range(-2, 2)), Math.round(y + r.range(-2, 2))];
  };
  const shops = m.buildings.filter((b) => b.function === 'winkel');
  const centreSet = shops.length > 0 ? shops : m.buildings;
  const centre: PointRd = [mean(centreSet.map((b) => b.footprint[0][0][0])), mean(centreSet.map((b) => b.footprint[0][0][1]))];
  const byCentreDistance = [...centreSet].sort((a, b) => dist2(a.footprint[0][0], centre) - dist2(b.footprint[0][0], centre));
  const mainRoads = m.streets.filter((s) => s.class === 'hoofdweg');
  const quietStreets = m.streets.filter((s) => s.class === 'woonstraat');
  const midpoint = (line: PointRd[]): PointRd => line[Math.floor(line.length / 2)];
  const roadside: PointRd = mainRoads.length > 0 ? midpoint(r.pick(mainRoads).line) : anchor(r.pick(m.buildings));

  const homes = m.buildings.filter((b) => b.function === 'woning');
  const pool = r.shuffle(homes.length >= citizenCount ? homes : m.buildings);
  const citizens = Array.from({ length: citizenCount }, (_, i) => anchor(pool[i % pool.length]));
  const noise = [
    ...Array.from({ length: 3 }, () => ({ p: mainRoads.length ? midpoint(r.pick(mainRoads).line) : anchor(r.pick(m.buildings)), busyness: 1 })),
    ...Array.from({ length: 3 }, () => ({ p: quietStreets.length ? midpoint(r.pick(quietStreets).line) : anchor(r.pick(m.buildings)), busyness: 0.2 })),
  ];
  return {
    references: [
      { name: 'Demostad-Centrum', type: 'urban background', p: anchor(byCentreDistance[0]), uplift: 1, traffic: 0.4 },
      { name: 'Demostad-Singel', type: 'traffic', p: roadside, uplift: 1.08, traffic: 1 },
    ],
    citizens,
    noise,
    counters: byCentreDistance.slice(0, 4).map(anchor),
  };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const dist2 = (a: PointRd, b: PointRd) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;

export const hourTimeMs = (network: DemoSensorNetwork, hour: number): number => network.startMs + hour * HOUR_MS;
