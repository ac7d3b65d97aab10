// What the printable briefing shows per step: title, text, the scenario's indicator table, and the algorithms (with
// their assumptions) the figures and layers of the step come from. Pure: the screenshots are added by the page.
import type { Briefing, IndicatorKey, Scenario } from '../../../server/contracts/workspace.ts';
import { INDICATOR_KEYS } from '../../../server/contracts/workspace.ts';
import type { AlgorithmInfo } from '../../api/twin-api.ts';
import type { Language } from '../../i18n/i18n.ts';

export interface PrintIndicatorRow {
  key: IndicatorKey;
  value: number;
}

export interface PrintAlgorithm {
  id: string;
  title: string;
  assumptions: string[];
  /** Link to the entry in the algorithm register. */
  href: string;
}

export interface PrintStep {
  number: number;
  title: string;
  text: string;
  scenarioName: string | null;
  /** Indicators the scenario has computed (missing ones left out); empty without a scenario or before a run. */
  indicators: PrintIndicatorRow[];
  layers: string[];
  time: string | null;
  algorithms: PrintAlgorithm[];
}

export interface PrintModel {
  title: string;
  summary: string;
  synthetic: boolean;
  twinName: string;
  steps: PrintStep[];
}

/** Which algorithm-register entries explain an indicator (by id prefix). */
const INDICATOR_ALGORITHM_PREFIX: Readonly<Record<IndicatorKey, string>> = {
  coveragePct: 'fiveg-',
  addressesCovered: 'fiveg-',
  addressesAboveExposureThreshold: 'fiveg-',
  maxExposurePctIcnirp: 'fiveg-',
  antennaCount: 'fiveg-',
  trenchM: 'fibre-',
  homesPassed: 'fibre-',
  costPerHomePassedEur: 'fibre-',
  capexTotalEur: 'fibre-',
};

/** Which entries explain a layer: thematic layers by the words in their id. */
function layerPrefixes(layerId: string): string[] {
  const prefixes: string[] = [];
  if (/sensor/.test(layerId)) prefixes.push('sensor-');
  if (/omgevingsplan|bestemming|bouwhoogte|erfgoed|zone/.test(layerId)) prefixes.push('omgevingsplan-');
  if (/gezondheid|health/.test(layerId)) prefixes.push('health-');
  if (/antenne|fiveg|5g/.test(layerId)) prefixes.push('fiveg-');
  if (/glasvezel|fibre/.test(layerId)) prefixes.push('fibre-');
  return prefixes;
}

export function algorithmHref(id: string): string {
  return `/api/algorithms#${encodeURIComponent(id)}`;
}

export function buildPrintModel(input: {
  briefing: Briefing;
  scenarios: ReadonlyMap<string, Scenario>;
  algorithms: readonly AlgorithmInfo[];
  lang: Language;
  twin: { name: string; synthetic: boolean };
}): PrintModel {
  const { briefing, scenarios, algorithms, lang, twin } = input;
  const steps = briefing.steps.map((step, i): PrintStep => {
    const scenario = step.view.scenarioId ? scenarios.get(step.view.scenarioId) : undefined;
    const indicators: PrintIndicatorRow[] = [];
    for (const key of INDICATOR_KEYS) {
      const value = scenario?.indicators?.[key];
      if (typeof value === 'number' && Number.isFinite(value)) indicators.push({ key, value });
    }
    const prefixes = new Set([...indicators.map((r) => INDICATOR_ALGORITHM_PREFIX[r.key]), ...step.view.layers.flatMap(layerPrefixes)]);
    if (scenario && scenario.inputs.antennas.length > 0) prefixes.add('fiveg-');
    if (scenario?.inputs.fibre) prefixes.add('fibre-');
    const used = algorithms
      .filter((a) => [...prefixes].some((p) => a.id.startsWith(p)))
      .map((a) => ({ id: a.id, title: a.title[lang], assumptions: a.assumptions.map((s) => s[lang]), href: algorithmHref(a.id) }));
    return {
      number: i + 1,
      title: step.title,
      text: step.text,
      scenarioName: scenario?.name ?? null,
      indicators,
      layers: [...step.view.layers],
      time: step.view.time ?? null,
      algorithms: used,
    };
  });
  return { title: briefing.title, summary: briefing.summary, synthetic: twin.synthetic, twinName: twin.name, steps };
}
