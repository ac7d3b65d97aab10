// Calibration of one citizen PM sensor against a reference station (DOMAIN.md Part B §2.10): over the hours both
// measured, fit  reference ≈ β0 + β1·raw + β2·RH  by least squares (RH = relative humidity at the reference
// station; the humidity term corrects the overestimation of optical sensors in moist air). Without humidity data
// the model is  β0 + β1·raw. Reports RMSE and R² against the reference before and after, and whether the sensor
// can be trusted. Pure: series in, result out.
import { leastSquares, rSquared, rmse } from './least-squares.ts';

/** Hourly values keyed by the start of the hour in epoch ms. */
export type HourlySeries = ReadonlyMap<number, number>;

export interface CalibrationCriteria {
  /** Fewest overlapping hours to fit on (three days). */
  minHours: number;
  /** Below this R² after calibration the sensor does not follow the reference well enough. */
  minR2: number;
  /** A gain outside this range is not physical for an optical PM sensor. */
  gainRange: [number, number];
  /** This many identical raw values in a row means the sensor is stuck. */
  maxRepeats: number;
}

export const DEFAULT_CRITERIA: CalibrationCriteria = { minHours: 72, minR2: 0.5, gainRange: [0.1, 3], maxRepeats: 24 };

export interface Fit {
  rmse: number;
  r2: number;
}

export interface CalibrationResult {
  model: 'linear-rh' | 'linear';
  /** reference ≈ intercept + raw·raw + rh·RH */
  coefficients: { intercept: number; raw: number; rh: number };
  hours: number;
  periodStartMs: number;
  periodEndMs: number;
  before: Fit;
  after: Fit;
  trustworthy: boolean;
  /** Why the sensor is not trustworthy (empty when it is). */
  reasons: string[];
}

export const MODEL_TEXT = {
  'linear-rh': 'pm25_kal = β0 + β1·raw + β2·RH',
  linear: 'pm25_kal = β0 + β1·raw',
} as const;

export function fitCalibration(raw: HourlySeries, reference: HourlySeries, rh: HourlySeries | undefined, criteria: CalibrationCriteria = DEFAULT_CRITERIA): CalibrationResult | undefined {
  const hours: number[] = [];
  for (const t of raw.keys()) if (reference.has(t) && (!rh || rh.has(t))) hours.push(t);
  hours.sort((a, b) => a - b);
  const model = rh ? 'linear-rh' : 'linear';
  if (hours.length < 3) return undefined;
  const x = hours.map((t) => raw.get(t)!);
  const y = hours.map((t) => reference.get(t)!);
  const rows = hours.map((t, i) => (rh ? [1, x[i], rh.get(t)!] : [1, x[i]]));
  const beta = leastSquares(rows, y);
  const reasons: string[] = [];
  if (hours.length < criteria.minHours) reasons.push(`only ${hours.length} hours overlap with the reference (need ${criteria.minHours})`);
  const repeats = longestRepeat(raw);
  if (repeats >= criteria.maxRepeats) reasons.push(`the same value ${repeats} hours in a row (stuck sensor)`);
  const coefficients = beta ? { intercept: beta[0], raw: beta[1], rh: rh ? beta[2] : 0 } : { intercept: 0, raw: 1, rh: 0 };
  if (!beta) reasons.push('the readings do not vary enough to fit a model');
  const calibrated = rows.map((r) => applyCalibration(coefficients, r[1], rh ? r[2] : 0));
  const after = { rmse: rmse(calibrated, y), r2: rSquared(calibrated, y) };
  if (beta && after.r2 < criteria.minR2) reasons.push(`R² after calibration ${after.r2.toFixed(2)} < ${criteria.minR2}`);
  if (beta && (coefficients.raw < criteria.gainRange[0] || coefficients.raw > criteria.gainRange[1])) {
    reasons.push(`gain β1 = ${coefficients.raw.toFixed(2)} outside ${criteria.gainRange[0]}–${criteria.gainRange[1]}`);
  }
  return {
    model,
    coefficients,
    hours: hours.length,
    periodStartMs: hours[0],
    periodEndMs: hours[hours.length - 1],
    before: { rmse: rmse(x, y), r2: rSquared(x, y) },
    after,
    trustworthy: reasons.length === 0,
    reasons,
  };
}

/** Calibrated value; never negative (a concentration). */
export function applyCalibration(c: CalibrationResult['coefficients'], raw: number, rh: number): number {
  return Math.max(0, c.intercept + c.raw * raw + c.rh * rh);
}

function longestRepeat(series: HourlySeries): number {
  const times = [...series.keys()].sort((a, b) => a - b);
  let best = 0;
  let run = 0;
  let prev: number | undefined;
  for (const t of times) {
    const v = series.get(t)!;
    run = v === prev ? run + 1 : 1;
    prev = v;
    if (run > best) best = run;
  }
  return best;
}

/** Index of the nearest reference position (planar distance on RD metres or lon/lat scaled by the caller). */
export function nearestIndex(p: readonly [number, number], candidates: readonly (readonly [number, number])[]): number {
  let best = -1;
  let bestD = Infinity;
  candidates.forEach((c, i) => {
    const d = (c[0] - p[0]) ** 2 + (c[1] - p[1]) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}
