// The text alternative of the 3D view (WCAG 1.1.1): what is shown and the key figures, as short sentences a screen
// reader can read. Pure: the caller collects the facts, this turns them into words.
import type { CameraView, ScenarioIndicators } from '../../server/contracts/workspace.ts';
import { formatNumber, translate, type Language } from '../i18n/i18n.ts';
import { formatIndicator, indicatorLabel } from './indicator-table.ts';

export interface ViewFacts {
  twinName: string;
  /** Titles of the visible layers, in the user's language. */
  visibleLayers: readonly string[];
  camera?: CameraView;
  buildingCount?: number;
  scenario?: { name: string; indicators: ScenarioIndicators | null };
  compare?: { a: string; b: string };
  candidateCount: number;
}

const COMPASS = ['n', 'ne', 'e', 'se', 's', 'sw', 'w', 'nw'] as const;

/** Compass direction of a heading (0° = north, clockwise) in eight sectors of 45°. */
export function compassOf(headingDeg: number): (typeof COMPASS)[number] {
  const normalised = ((headingDeg % 360) + 360) % 360;
  return COMPASS[Math.round(normalised / 45) % 8];
}

/** The indicators read out: the ones that matter most for a decision, and only those computed. */
const SPOKEN_INDICATORS = ['coveragePct', 'addressesAboveExposureThreshold', 'maxExposurePctIcnirp', 'trenchM', 'costPerHomePassedEur'] as const;

export function describeView(lang: Language, facts: ViewFacts): string[] {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(lang, key, params);
  const lines: string[] = [];
  lines.push(
    facts.visibleLayers.length > 0
      ? t('ws.describe.layers', { name: facts.twinName, layers: facts.visibleLayers.join(', ') })
      : t('ws.describe.noLayers', { name: facts.twinName }),
  );
  if (facts.camera) {
    const c = facts.camera;
    lines.push(
      t('ws.describe.camera', {
        height: formatNumber(lang, Math.round(c.heightM), 0),
        direction: t(`ws.compass.${compassOf(c.headingDeg)}`),
        pitch: formatNumber(lang, Math.abs(Math.round(c.pitchDeg)), 0),
        lat: formatNumber(lang, c.latDeg, 4),
        lon: formatNumber(lang, c.lonDeg, 4),
      }),
    );
  }
  if (facts.buildingCount !== undefined) lines.push(t('ws.describe.buildings', { count: formatNumber(lang, facts.buildingCount, 0) }));
  if (facts.candidateCount > 0) lines.push(t('ws.describe.candidates', { count: facts.candidateCount }));
  if (facts.compare) lines.push(t('ws.describe.compare', { a: facts.compare.a, b: facts.compare.b }));
  if (facts.scenario) {
    lines.push(t('ws.describe.scenario', { name: facts.scenario.name }));
    const indicators = facts.scenario.indicators;
    const figures = indicators
      ? SPOKEN_INDICATORS.filter((key) => indicators[key] !== null).map((key) => `${indicatorLabel(lang, key)}: ${formatIndicator(lang, key, indicators[key])}`)
      : [];
    lines.push(figures.length > 0 ? t('ws.describe.figures', { figures: figures.join('; ') }) : t('ws.describe.notRun'));
  }
  return lines;
}
