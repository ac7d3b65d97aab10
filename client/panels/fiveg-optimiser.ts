// The optimiser part of the 5G panel: how many new sites (k) and how many rooftop candidates to consider, a button
// that asks the server for the best sites (POST /api/fiveg/optimise), adds them as candidates so coverage can be
// run on them, and shows the coverage gain per added site against the current network.
import { runOptimise } from '../api/fiveg-api.ts';
import {
  DEFAULT_OPTIMISE_K,
  DEFAULT_ROOFTOP_CANDIDATES,
  OPTIMISE_LIMITS,
  optimiseChartData,
  optimiseRequestBody,
  withOptimisedCandidates,
  type OptimiseResponse,
} from '../fiveg/fiveg-optimise.ts';
import { lonLatDegToRd, rdToLonLatDeg } from '../geo/rd.ts';
import type { JobProgress } from '../api/scenario-job.ts';
import { formatNumber, translate, type Language } from '../i18n/i18n.ts';
import { fivegCandidatesOf, fivegThresholdOf, type StateStore } from '../state/app-state.ts';
import { el } from './dom.ts';
import { createJobProgress } from './fiveg-job-progress.ts';
import { createOptimiseChart } from './fiveg-optimise-chart.ts';

export interface FivegOptimiser {
  element: HTMLElement;
  render(lang: Language): void;
}

type Status = { kind: 'idle' } | { kind: 'running'; progress?: JobProgress } | { kind: 'cancelled' } | { kind: 'invalid' } | { kind: 'failed' } | { kind: 'done'; response: OptimiseResponse; thresholdDbm: number };

export function createFivegOptimiser(store: StateStore, useStoredAntennas: () => boolean): FivegOptimiser {
  const heading = el('h3', { id: 'fiveg-optimise-heading' });
  const kLabel = el('label', { for: 'fiveg-optimise-k' });
  const k = el('input', { type: 'number', id: 'fiveg-optimise-k', min: String(OPTIMISE_LIMITS.k.min), max: String(OPTIMISE_LIMITS.k.max), step: '1', value: String(DEFAULT_OPTIMISE_K) });
  const poolLabel = el('label', { for: 'fiveg-optimise-pool' });
  const pool = el('input', {
    type: 'number',
    id: 'fiveg-optimise-pool',
    min: String(OPTIMISE_LIMITS.rooftopCandidates.min),
    max: String(OPTIMISE_LIMITS.rooftopCandidates.max),
    step: '1',
    value: String(DEFAULT_ROOFTOP_CANDIDATES),
  });
  const button = el('button', { type: 'button', id: 'fiveg-optimise', class: 'fiveg-run' });
  const status = el('p', { class: 'fiveg-status', id: 'fiveg-optimise-status', role: 'status', 'aria-live': 'polite' });
  const chartBox = el('div', { class: 'fiveg-chart-box', id: 'fiveg-optimise-chart' });
  const jobProgress = createJobProgress('fiveg-optimise', () => {
    if (state.kind !== 'running') return;
    controller?.abort();
    controller = undefined;
    set({ kind: 'cancelled' });
    button.focus();
  });
  const element = el(
    'section',
    { class: 'fiveg-optimiser', 'aria-labelledby': 'fiveg-optimise-heading' },
    heading,
    el('div', { class: 'fiveg-field' }, kLabel, k),
    el('div', { class: 'fiveg-field' }, poolLabel, pool),
    button,
    jobProgress.element,
    status,
    chartBox,
  );

  let state: Status = { kind: 'idle' };
  let lang: Language = store.state.lang;
  let controller: AbortController | undefined;

  const render = (next: Language) => {
    lang = next;
    const t = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
    heading.textContent = t('fiveg.optimiseHeading');
    kLabel.textContent = t('fiveg.optimiseK');
    poolLabel.textContent = t('fiveg.optimiseCandidates');
    button.textContent = t('fiveg.optimiseRun');
    button.disabled = state.kind === 'running';
    status.classList.toggle('error', state.kind === 'failed' || state.kind === 'invalid');
    status.dataset.state = state.kind;
    jobProgress.update(state.kind === 'running', state.kind === 'running' ? state.progress : undefined, t);
    if (state.kind !== 'done') {
      status.textContent = state.kind === 'running' ? t('fiveg.optimiseRunning') : state.kind === 'failed' ? t('fiveg.optimiseFailed') : state.kind === 'invalid' ? t('fiveg.optimiseInvalid') : state.kind === 'cancelled' ? t('jobs.cancelled') : '';
      if (state.kind !== 'running') chartBox.replaceChildren();
      return;
    }
    const data = optimiseChartData(state.response);
    const before = formatNumber(lang, data.beforePercent);
    status.textContent =
      data.bars.length === 0
        ? t('fiveg.optimiseNone', { before })
        : t('fiveg.optimiseDone', { k: data.bars.length, before, after: formatNumber(lang, data.afterPercent), threshold: state.thresholdDbm, points: formatNumber(lang, data.gainPoints) });
    chartBox.replaceChildren(...(data.bars.length > 0 ? [createOptimiseChart(lang, data, state.thresholdDbm)] : []));
  };

  const set = (next: Status) => {
    state = next;
    render(lang);
  };

  button.addEventListener('click', async () => {
    const thresholdDbm = fivegThresholdOf(store.state);
    const body = optimiseRequestBody({ k: Number(k.value), rooftopCandidates: Number(pool.value), thresholdDbm, useStoredAntennas: useStoredAntennas() });
    if (body === undefined) return set({ kind: 'invalid' });
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    set({ kind: 'running' });
    try {
      const response = await runOptimise(body, mine.signal, (progress) => {
        if (!mine.signal.aborted) set({ kind: 'running', progress });
      });
      if (mine.signal.aborted) return;
      store.update({ fivegCandidates: withOptimisedCandidates(fivegCandidatesOf(store.state), response.sites, rdToLonLatDeg, lonLatDegToRd) });
      set({ kind: 'done', response, thresholdDbm });
    } catch (error) {
      if (mine.signal.aborted || (error as Error)?.name === 'AbortError') return;
      console.warn('Site optimisation failed', error);
      set({ kind: 'failed' });
    }
  });

  return { element, render };
}
