// Public health per buurt: indicator selector, legend (classes + "insufficient data"), and a per-buurt bar chart.
// Reports each loaded indicator to `onData`, which recolours the choropleth on the map.
import {
  fetchIndicators,
  fetchIndicatorValues,
  type HealthIndicator,
  type IndicatorValues,
} from '../api/health-api.ts';
import { formatNumber, translate, type Language } from '../i18n/i18n.ts';
import { classify, SUPPRESSED_COLOUR, SUPPRESSED_HATCH_COLOUR, type HealthClassification } from '../layers/health-classes.ts';
import type { AppState, StateStore } from '../state/app-state.ts';
import { el, swatch } from './dom.ts';
import { createHealthChart } from './health-chart.ts';

export interface HealthData {
  values: IndicatorValues;
  classification: HealthClassification;
}

type Loaded = { status: 'loading' } | { status: 'failed' } | { status: 'loaded'; data: HealthData };

function hatchedSwatch(): HTMLSpanElement {
  const s = swatch(SUPPRESSED_COLOUR);
  s.classList.add('swatch-hatched');
  s.style.backgroundImage = `repeating-linear-gradient(45deg, ${SUPPRESSED_HATCH_COLOUR} 0 1px, transparent 1px 4px)`;
  return s;
}

export function createHealthPanel(store: StateStore, showLayer: () => void, onData: (data: HealthData | undefined) => void): HTMLElement {
  const heading = el('h2', { id: 'health-heading' });
  const label = el('label', { for: 'health-indicator' });
  const select = el('select', { id: 'health-indicator', disabled: true });
  const about = el('p', { class: 'health-about panel-intro' });
  const legend = el('ul', { class: 'legend-list', 'data-legend': 'health' });
  const note = el('p', { class: 'health-note panel-intro' });
  const chart = el('div', { class: 'health-chart-box', id: 'health-chart' });
  const section = el('section', { class: 'panel health-panel', 'aria-labelledby': 'health-heading' }, heading, label, select, about, legend, note, chart);

  let indicators: HealthIndicator[] = [];
  let threshold: number | undefined;
  let loaded: Loaded = { status: 'loading' };
  let loadedId = '';
  let controller: AbortController | undefined;

  select.addEventListener('change', () => {
    store.update({ healthIndicator: select.value });
    showLayer();
  });

  const current = (state: AppState) => indicators.find((i) => i.id === state.healthIndicator) ?? indicators[0];

  const render = (lang: Language) => {
    const t = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
    heading.textContent = t('health.heading');
    label.textContent = t('health.indicator');
    select.replaceChildren(...indicators.map((i) => el('option', { value: i.id }, i.title[lang])));
    const indicator = current(store.state);
    if (indicator) select.value = indicator.id;
    select.disabled = indicators.length === 0;
    note.textContent = threshold ? t('health.suppressedNote', { threshold }) : '';
    if (loaded.status !== 'loaded' || !indicator) {
      about.textContent = loaded.status === 'failed' ? t('health.failed') : t('health.loading');
      legend.replaceChildren();
      chart.replaceChildren();
      return;
    }
    const { values, classification } = loaded.data;
    about.textContent = `${indicator.description[lang]} ${t('health.source', { source: indicator.source, year: indicator.year })}`;
    const range = (min: number, max: number) => `${formatNumber(lang, min)} – ${formatNumber(lang, max)} ${indicator.unit}`;
    legend.replaceChildren(
      ...classification.classes.map((c) => el('li', {}, swatch(c.colour), range(c.min, c.max))),
      el('li', { 'data-suppressed': 'true' }, hatchedSwatch(), t('health.suppressed')),
    );
    chart.replaceChildren(createHealthChart(lang, indicator.title[lang], indicator.unit, values.buurten, indicator.higherIsBetter, classification));
  };

  const load = (indicator: HealthIndicator) => {
    if (indicator.id === loadedId) return;
    loadedId = indicator.id;
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    loaded = { status: 'loading' };
    render(store.state.lang);
    fetchIndicatorValues(indicator.id, mine.signal).then(
      (values) => {
        if (mine.signal.aborted) return;
        const classification = classify(values.buurten, indicator.higherIsBetter, values.classes);
        loaded = { status: 'loaded', data: { values, classification } };
        onData(loaded.data);
        render(store.state.lang);
      },
      (error: unknown) => {
        if (mine.signal.aborted || (error as Error)?.name === 'AbortError') return;
        loaded = { status: 'failed' };
        onData(undefined);
        render(store.state.lang);
      },
    );
  };

  fetchIndicators().then(
    (body) => {
      indicators = body.indicators;
      threshold = body.threshold;
      const indicator = current(store.state);
      if (indicator) load(indicator);
      else render(store.state.lang);
    },
    () => {
      loaded = { status: 'failed' };
      render(store.state.lang);
    },
  );

  store.subscribe((state, previous) => {
    const indicator = current(state);
    if (indicator && indicator.id !== loadedId) load(indicator);
    else if (state.lang !== previous.lang || !heading.textContent) render(state.lang);
  });
  return section;
}
