// Public-health indicators per buurt (GGD health monitor style), with small-number suppression done server-side.
import { fetchJson } from './twin-api.ts';

export interface HealthIndicator {
  id: string;
  title: { nl: string; en: string };
  description: { nl: string; en: string };
  unit: string;
  higherIsBetter: boolean;
  year: number;
  source: string;
}

export type BuurtStatus = 'ok' | 'onvoldoende-gegevens';

export interface BuurtValue {
  code: string;
  name: string;
  value: number | null;
  status: BuurtStatus;
}

export interface IndicatorValues {
  indicator: HealthIndicator;
  buurten: BuurtValue[];
  /** Class breaks as the server chose them; shape kept loose (see health-classes.ts). */
  classes?: unknown[];
}

export async function fetchIndicators(): Promise<{ threshold?: number; indicators: HealthIndicator[] }> {
  const body = await fetchJson<{ threshold?: number; indicators?: HealthIndicator[] }>('/api/public-health/indicators');
  return { threshold: body?.threshold, indicators: Array.isArray(body?.indicators) ? body.indicators : [] };
}

export async function fetchIndicatorValues(id: string, signal?: AbortSignal): Promise<IndicatorValues> {
  const body = await fetchJson<IndicatorValues>(`/api/public-health/indicators/${encodeURIComponent(id)}`, signal);
  return { ...body, buurten: Array.isArray(body?.buurten) ? body.buurten : [] };
}
