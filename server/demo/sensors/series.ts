// Hourly synthetic signals for the demo sensor network: a regional PM background with weather episodes, relative
// humidity, traffic NO2, street noise and footfall, each with daily and weekly rhythms. Pure and seeded.
import type { Rng } from '../random.ts';

export const HOUR_MS = 3_600_000;

/** Standard normal by Box–Muller from the seeded stream. */
export function gaussian(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** Hour of day (0–23) and weekday (0 = Sunday) in UTC+1, the Dutch winter clock; the rhythms follow local time. */
export function localClock(timeMs: number): { hour: number; weekday: number } {
  const d = new Date(timeMs + HOUR_MS);
  return { hour: d.getUTCHours(), weekday: d.getUTCDay() };
}

/** Mean-reverting AR(1) noise: persistence per hour, unit stationary variance. */
export function ar1(rng: Rng, hours: number, persistence: number): number[] {
  const out = new Array<number>(hours);
  const innovation = Math.sqrt(1 - persistence * persistence);
  let x = gaussian(rng);
  for (let i = 0; i < hours; i++) {
    x = persistence * x + innovation * gaussian(rng);
    out[i] = x;
  }
  return out;
}

/** Relative humidity in %: high at night, low in the afternoon, with multi-day weather swings; 30–100. */
export function relativeHumidity(rng: Rng, startMs: number, hours: number): number[] {
  const weather = ar1(rng, hours, 0.97);
  return weather.map((w, i) => {
    const { hour } = localClock(startMs + i * HOUR_MS);
    const daily = 10 * Math.cos(((hour - 4) / 24) * 2 * Math.PI);
    return clamp(78 + daily + 9 * w, 30, 100);
  });
}

/**
 * Regional PM2.5 in µg/m³: ~11 on average, evening peaks (wood stoves, traffic), lower on Sundays, log-normal
 * episodes lasting days (stagnant weather); positive always.
 */
export function regionalPm25(rng: Rng, startMs: number, hours: number): number[] {
  const episodes = ar1(rng, hours, 0.985);
  return episodes.map((e, i) => {
    const { hour, weekday } = localClock(startMs + i * HOUR_MS);
    const daily = 1 + 0.25 * Math.exp(-(((hour - 20) / 3) ** 2)) + 0.12 * Math.exp(-(((hour - 8) / 2) ** 2));
    const weekly = weekday === 0 ? 0.85 : 1;
    return 9.5 * Math.exp(0.45 * e) * daily * weekly;
  });
}

/** NO2 at a station in µg/m³: morning and evening rush hours on weekdays, scaled by traffic exposure (1 = roadside). */
export function trafficNo2(rng: Rng, startMs: number, hours: number, exposure: number): number[] {
  const weather = ar1(rng, hours, 0.95);
  return weather.map((w, i) => {
    const { hour, weekday } = localClock(startMs + i * HOUR_MS);
    const workday = weekday >= 1 && weekday <= 5;
    const rush = Math.exp(-(((hour - 8) / 1.5) ** 2)) + 0.8 * Math.exp(-(((hour - 17) / 2) ** 2));
    const traffic = (workday ? 1 : 0.55) * (0.35 + rush) * exposure;
    return Math.max(2, 12 + 28 * traffic + 5 * w);
  });
}

/** Hourly LAeq in dB(A): ~45 at night to ~60–68 by day depending on the street, quieter on Sundays. */
export function streetNoise(rng: Rng, startMs: number, hours: number, busyness: number): number[] {
  return Array.from({ length: hours }, (_, i) => {
    const { hour, weekday } = localClock(startMs + i * HOUR_MS);
    const day = hour >= 7 && hour < 23 ? 1 : hour >= 5 ? 0.5 : 0;
    const sunday = weekday === 0 ? -3 : 0;
    return round1(44 + (14 + 8 * busyness) * day + sunday + 1.5 * gaussian(rng));
  });
}

/** Passers-by per hour in a shopping street: shop hours, lunch and late-afternoon peaks, busiest on Saturday. */
export function footfall(rng: Rng, startMs: number, hours: number, size: number): number[] {
  const dayFactor = [0.35, 0.8, 0.85, 0.9, 1.15, 1.3, 1.6]; // Sunday … Saturday (Thursday: koopavond)
  return Array.from({ length: hours }, (_, i) => {
    const { hour, weekday } = localClock(startMs + i * HOUR_MS);
    const open = hour >= 9 && hour < 18 ? 1 : weekday === 4 && hour >= 18 && hour < 21 ? 0.7 : hour >= 7 && hour < 23 ? 0.15 : 0.02;
    const peaks = 1 + 0.4 * Math.exp(-(((hour - 12.5) / 1.2) ** 2)) + 0.3 * Math.exp(-(((hour - 16) / 1.5) ** 2));
    const mean = size * open * peaks * dayFactor[weekday];
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rng)));
  });
}

export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
export const round1 = (x: number): number => Math.round(x * 10) / 10;
