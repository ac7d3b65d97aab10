import { describe, expect, it } from 'vitest';
import type { Briefing, Scenario } from '../../server/contracts/workspace.ts';
import type { AlgorithmInfo } from '../../client/api/twin-api.ts';
import { buildPrintModel } from '../../client/modes/briefing/briefing-print-model.ts';

const camera = { lonDeg: 5.1, latDeg: 52.1, heightM: 400, headingDeg: 0, pitchDeg: -35 };
const SCENARIO_ID = '11111111-2222-4333-8444-555555555555';

function createBriefing(): Briefing {
  return {
    id: '0b7c8f2e-4a51-4c7e-9d0a-2f3b4c5d6e7f',
    title: 'Glasvezel en 5G in Demostad',
    summary: 'Twee keuzes voor de raad.',
    createdBy: 'planner',
    updatedAt: '2026-11-30T10:00:00Z',
    steps: [
      { title: 'Het centrum', text: 'Zo ziet het er nu uit.', view: { camera, layers: ['buildings', 'basemap'] } },
      { title: 'Nieuwe antennes', text: '', view: { camera, layers: ['buildings'], scenarioId: SCENARIO_ID } },
      { title: 'Luchtkwaliteit', text: '', view: { camera, layers: ['sensoren'], time: '2026-06-01T12:00:00Z' } },
    ],
  };
}

function createScenario(): Scenario {
  return {
    id: SCENARIO_ID,
    name: 'Drie masten',
    description: '',
    status: 'published',
    version: 2,
    inputs: { antennas: [], layers: [], views: [] },
    indicators: {
      computedAt: '2026-11-30T10:00:00Z',
      coveragePct: 92.5,
      addressesCovered: 1800,
      addressesAboveExposureThreshold: 0,
      maxExposurePctIcnirp: 3.2,
      antennaCount: 3,
      trenchM: null,
      homesPassed: null,
      costPerHomePassedEur: null,
      capexTotalEur: null,
    },
    createdBy: 'p',
    updatedBy: 'p',
    createdAt: '',
    updatedAt: '',
  };
}

function createAlgorithm(id: string): AlgorithmInfo {
  return {
    id,
    title: { nl: `Methode ${id}`, en: `Method ${id}` },
    purpose: { nl: '', en: '' },
    inputs: [],
    assumptions: [{ nl: `Aanname van ${id}`, en: `Assumption of ${id}` }],
    limits: [],
    code: [],
  };
}

describe('printable briefing model', () => {
  const algorithms = ['fiveg-propagation', 'fibre-cost-model', 'sensor-pm-calibration', 'lod1-extrusion'].map(createAlgorithm);
  const build = (lang: 'nl' | 'en' = 'nl') =>
    buildPrintModel({ briefing: createBriefing(), scenarios: new Map([[SCENARIO_ID, createScenario()]]), algorithms, lang, twin: { name: 'Demostad', synthetic: true } });

  it('has one numbered step per briefing step, with title and text, and says the twin is synthetic', () => {
    const model = build();
    expect(model.synthetic).toBe(true);
    expect(model.steps.map((s) => [s.number, s.title])).toEqual([
      [1, 'Het centrum'],
      [2, 'Nieuwe antennes'],
      [3, 'Luchtkwaliteit'],
    ]);
    expect(model.steps[0].text).toBe('Zo ziet het er nu uit.');
    expect(model.steps[2].time).toBe('2026-06-01T12:00:00Z');
  });

  it('puts the computed indicators of the scenario in the table and leaves the missing ones out', () => {
    const step = build().steps[1];
    expect(step.scenarioName).toBe('Drie masten');
    expect(step.indicators.map((r) => r.key)).toEqual(['coveragePct', 'addressesCovered', 'addressesAboveExposureThreshold', 'maxExposurePctIcnirp', 'antennaCount']);
    expect(step.indicators[0].value).toBe(92.5);
  });

  it('links the algorithm-register entries behind the figures and layers, with their assumptions in the language', () => {
    const model = build('en');
    expect(model.steps[0].algorithms).toEqual([]);
    expect(model.steps[1].algorithms).toEqual([
      { id: 'fiveg-propagation', title: 'Method fiveg-propagation', assumptions: ['Assumption of fiveg-propagation'], href: '/api/algorithms#fiveg-propagation' },
    ]);
    expect(model.steps[2].algorithms.map((a) => a.id)).toEqual(['sensor-pm-calibration']);
  });

  it('shows a step whose scenario is gone without a table (the council may not see drafts)', () => {
    const model = buildPrintModel({ briefing: createBriefing(), scenarios: new Map(), algorithms, lang: 'nl', twin: { name: 'X', synthetic: false } });
    expect(model.steps[1].scenarioName).toBeNull();
    expect(model.steps[1].indicators).toEqual([]);
    expect(model.synthetic).toBe(false);
  });
});
