import { describe, expect, it } from 'vitest';
import { generateDemostad } from '../../server/demo/generate-demostad.ts';
import { DEMO_HEALTH_INDICATOR_IDS, generateDemoHealth } from '../../server/demo/health/generate-health.ts';
import { publishIndicators } from '../../server/health/disclosure.ts';
import { healthRow, indicatorDefinition } from '../../server/health/model.ts';

// Generated once: the town is read-only input to every test below.
const town = generateDemostad({ seed: 1 });

describe('generateDemoHealth', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateDemoHealth(town, 7);
    expect(JSON.stringify(generateDemoHealth(town, 7))).toBe(JSON.stringify(a));
    expect(JSON.stringify(generateDemoHealth(town, 8).rows)).not.toBe(JSON.stringify(a.rows));
  });

  it('gives eight valid percentage indicators for 2024 to every buurt with residents, none to the others', () => {
    const { rows, indicators } = generateDemoHealth(town, 1);
    expect(indicators.map((d) => d.id)).toEqual([...DEMO_HEALTH_INDICATOR_IDS]);
    expect(indicators).toHaveLength(8);
    for (const d of indicators) expect(indicatorDefinition.parse(d).source).toBe('Tweeling synthetic demo generator (seed 1), modelled on GGD Gezondheidsmonitor');
    for (const r of rows) expect(healthRow.safeParse(r).success).toBe(true);
    for (const b of town.buurten) {
      const own = rows.filter((r) => r.buurtCode === b.code);
      expect(own.length, b.name).toBe(b.population > 0 ? 8 : 0);
      for (const r of own) expect([r.unit, r.year]).toEqual(['%', 2024]);
    }
  });

  it('makes respondents grow with population', () => {
    const { rows } = generateDemoHealth(town, 1);
    const respondents = (code: string) => rows.find((r) => r.buurtCode === code && r.indicator === 'roken')?.respondents ?? 0;
    const populated = town.buurten.filter((b) => b.population > 0).sort((a, b) => a.population - b.population);
    expect(respondents(populated[0].code)).toBeLessThan(respondents(populated[populated.length - 1].code));
  });

  it('leaves some small buurten below the threshold, so disclosure suppresses them', () => {
    const { rows, indicators } = generateDemoHealth(town, 1);
    const published = publishIndicators(rows, indicators);
    const suppressed = new Set(published.filter((p) => p.status === 'onvoldoende-gegevens').map((p) => p.buurtCode));
    const shown = new Set(published.filter((p) => p.status === 'ok').map((p) => p.buurtCode));
    expect(suppressed.size).toBeGreaterThanOrEqual(1);
    expect(shown.size).toBeGreaterThanOrEqual(5);
  });

  it('gives the centre more traffic-noise annoyance than the quietest buurt', () => {
    const { rows } = generateDemoHealth(town, 1);
    const noise = rows.filter((r) => r.indicator === 'geluidhinder_verkeer');
    const centre = town.buurten.find((b) => b.name === 'Binnenstad');
    const centreValue = noise.find((r) => r.buurtCode === centre?.code)?.value ?? 0;
    expect(centreValue).toBeGreaterThan(Math.min(...noise.map((r) => r.value)) + 3);
  });
});
