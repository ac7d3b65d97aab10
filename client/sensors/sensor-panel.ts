// The sensor section of the side panel and what it drives: which quantity, which hour (time slider with play and
// pause), the columns and interpolated surface on the map, the legend, and a chart of the sensor a user clicks.
// Data come from our SensorThings API; series are fetched once per Datastream and kept for the session.
import type { Deck } from '@deck.gl/core';
import { formatNumber, translate, type Language } from '../i18n/i18n.ts';
import { el, swatch } from '../panels/dom.ts';
import type { LocalFrame } from '../viewer/local-frame.ts';
import { idwGrid } from './idw.ts';
import { isSensorQuantity, QUANTITY_STYLES, SENSOR_QUANTITIES, colourOf, type SensorQuantity } from './sensor-classes.ts';
import { createSensorChart, type ChartSeries } from './sensor-chart.ts';
import { SENSOR_COLUMNS_LAYER_ID, sensorLayers, surfaceCells, type SensorColumn } from './sensor-layers.ts';
import { fetchHourlySeries, fetchLatestTime, fetchSensorSites, HOUR_MS, type SensorSite, type SensorStream } from './sensors-api.ts';
import type { Layer } from '@deck.gl/core';

const PERIOD_DAYS = 30;
const PLAY_STEP_MS = 350;
const SURFACE_CELL_M = 60;
const CHART_WINDOW_H = 72;
/** Only air quality is interpolated: noise and footfall are local to their street and don't spread like PM. */
const INTERPOLATED: readonly SensorQuantity[] = ['pm25', 'pm25_kal'];

export interface SensorPanelDeps {
  lang(): Language;
  onLangChange(listener: () => void): void;
  frame: LocalFrame;
  groundHeightM: number;
  deck: Deck<never> | { pickObject(options: { x: number; y: number; radius?: number; layerIds?: string[] }): { object?: unknown } | null };
  setLayers(layers: Layer[]): void;
  /** deck.gl's projection of an ENU point to canvas CSS pixels (for the test hook screenPosition). */
  project(enu: [number, number, number]): [number, number] | undefined;
}

export interface SensorPanel {
  element: HTMLElement;
  /** Handles a click on the map; true when it hit a sensor (the caller then skips building picking). */
  click(canvasX: number, canvasY: number): boolean;
  /** Test hooks. */
  readonly state: { visible: boolean; quantity: SensorQuantity; hour: number; hours: number; selected: string | null };
  setHour(hour: number): void;
  show(visible: boolean): Promise<void>;
  /** Colour per site at the current hour, for tests ('' where the site has no value). */
  colours(): Record<string, string>;
  citizenSites(): string[];
  screenPosition(siteId: string): { x: number; y: number } | undefined;
  /** Resolves once the sensors (and the series for the shown quantity) have loaded after the first show(true). */
  readonly loaded: Promise<void>;
}

interface Loaded {
  sites: SensorSite[];
  startMs: number;
  hours: number;
}

/** The streams a quantity shows: calibrated citizen sensors plus the reference stations' PM2.5 for pm25_kal. */
export function streamsFor(site: SensorSite, quantity: SensorQuantity): SensorStream | undefined {
  if (quantity === 'pm25_kal') {
    return site.kind === 'reference' ? site.streams.find((s) => s.quantity === 'pm25' && !s.calibrated) : site.streams.find((s) => s.calibrated);
  }
  return site.streams.find((s) => s.quantity === quantity && !s.calibrated);
}

export function createSensorPanel(deps: SensorPanelDeps): SensorPanel {
  const state = { visible: false, quantity: 'pm25' as SensorQuantity, hour: 0, hours: 0, selected: null as string | null };
  const series = new Map<string, Float64Array>();
  let loaded: Loaded | undefined;
  let loading: Promise<void> | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let failed = false;
  let resolveLoaded: () => void = () => {};
  const loadedPromise = new Promise<void>((resolve) => (resolveLoaded = resolve));

  const t = (key: string, params?: Record<string, string | number>) => translate(deps.lang(), key, params);
  const heading = el('h2', { id: 'sensors-heading' });
  const quantity = el('select', { id: 'sensors-quantity' }) as HTMLSelectElement;
  const quantityLabel = el('label', { for: 'sensors-quantity' });
  const slider = el('input', { type: 'range', id: 'sensors-hour', min: '0', max: '0', step: '1', value: '0' }) as HTMLInputElement;
  const sliderLabel = el('label', { for: 'sensors-hour' });
  const time = el('output', { id: 'sensors-time', for: 'sensors-hour' });
  const play = el('button', { type: 'button', id: 'sensors-play', 'aria-pressed': 'false' });
  const legend = el('ul', { class: 'legend-list', 'data-legend': 'sensors' });
  const basis = el('p', { class: 'sensors-basis' });
  const status = el('p', { class: 'sensors-status', role: 'status' });
  const chart = el('div', { id: 'sensors-chart' });
  const controls = el('div', { class: 'sensors-controls', hidden: true }, quantityLabel, quantity, sliderLabel, slider, time, play, legend, basis, chart);
  // Shown while the sensor layer is switched on in the layer panel (the caller calls show()).
  const element = el('section', { class: 'panel sensors-panel', id: 'sensors-panel', 'aria-labelledby': 'sensors-heading', hidden: true }, heading, status, controls);

  const streamKey = (s: SensorStream) => String(s.id);

  const ensureSeries = async (streams: SensorStream[]) => {
    if (!loaded) return;
    const missing = streams.filter((s) => !series.has(streamKey(s)));
    // A few at a time: the server is local, but 50 parallel paged requests would still queue behind each other.
    for (let i = 0; i < missing.length; i += 6) {
      await Promise.all(
        missing.slice(i, i + 6).map(async (s) => series.set(streamKey(s), await fetchHourlySeries(s.id, loaded!.startMs, loaded!.hours))),
      );
    }
  };

  const columnsNow = (): SensorColumn[] => {
    if (!loaded) return [];
    const out: SensorColumn[] = [];
    for (const site of loaded.sites) {
      const stream = streamsFor(site, state.quantity);
      if (!stream) continue;
      const values = series.get(streamKey(stream));
      out.push({
        siteId: String(site.id),
        position: deps.frame.fromDegrees(site.lonLat[0], site.lonLat[1], deps.groundHeightM),
        value: values ? values[state.hour] : Number.NaN,
        reference: site.kind === 'reference',
      });
    }
    return out;
  };

  const renderMap = () => {
    if (!state.visible || !loaded) return deps.setLayers([]);
    const style = QUANTITY_STYLES[state.quantity];
    const columns = columnsNow();
    let surface = null;
    if (INTERPOLATED.includes(state.quantity)) {
      const pts = columns.filter((c) => Number.isFinite(c.value)).map((c) => ({ x: c.position[0], y: c.position[1], value: c.value }));
      if (pts.length >= 3) {
        const xs = columns.map((c) => c.position[0]);
        const ys = columns.map((c) => c.position[1]);
        const pad = 300;
        const grid = idwGrid(pts, [Math.min(...xs) - pad, Math.min(...ys) - pad, Math.max(...xs) + pad, Math.max(...ys) + pad], { cellM: SURFACE_CELL_M, maxDistanceM: 700 });
        surface = surfaceCells(grid, style, 0.5);
      }
    }
    deps.setLayers(sensorLayers(columns, surface, style, `${state.quantity}:${state.hour}`, true, 1));
  };

  const renderLegend = () => {
    const style = QUANTITY_STYLES[state.quantity];
    const lang = deps.lang();
    legend.replaceChildren(
      ...style.classes.map((c) => {
        const params = Object.fromEntries(Object.entries(c.params ?? {}).map(([k, v]) => [k, formatNumber(lang, v)]));
        return el('li', {}, swatch(c.colour), `${translate(lang, c.labelKey, params)} ${style.unit}`);
      }),
    );
    basis.textContent = t(style.basisKey);
  };

  const renderChart = () => {
    if (!loaded || !state.selected) return chart.replaceChildren();
    const site = loaded.sites.find((s) => String(s.id) === state.selected);
    if (!site) return chart.replaceChildren();
    const from = Math.max(0, state.hour - CHART_WINDOW_H);
    const to = Math.min(loaded.hours, state.hour + CHART_WINDOW_H);
    const lines: ChartSeries[] = [];
    const main = site.streams.find((s) => s.quantity === (state.quantity === 'pm25_kal' ? 'pm25' : state.quantity) && !s.calibrated);
    const kal = site.streams.find((s) => s.calibrated);
    const ref = nearestReference(loaded.sites, site);
    const refStream = ref?.streams.find((s) => s.quantity === 'pm25' && !s.calibrated);
    const add = (stream: SensorStream | undefined, labelKey: string, colour: string, dashed = false) => {
      const values = stream && series.get(streamKey(stream));
      if (values) lines.push({ labelKey, colour, values, dashed });
    };
    add(main, site.kind === 'reference' ? 'sensors.chart.reference' : 'sensors.chart.raw', site.kind === 'reference' ? '#1b2631' : '#d7303b');
    if (site.kind === 'citizen') {
      add(kal, 'sensors.chart.calibrated', '#0b5cad');
      if (ref && ref !== site) add(refStream, 'sensors.chart.reference', '#1b2631', true);
    }
    const unit = main?.unit ?? QUANTITY_STYLES[state.quantity].unit;
    chart.replaceChildren(el('h3', {}, site.name), createSensorChart(deps.lang(), site.name, unit, lines, from, to, state.hour));
  };

  const renderTime = () => {
    if (!loaded) return;
    const when = new Date(loaded.startMs + state.hour * HOUR_MS);
    const text = when.toLocaleString(deps.lang() === 'nl' ? 'nl-NL' : 'en-GB', { timeZone: 'Europe/Amsterdam', weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
    time.textContent = text;
    slider.setAttribute('aria-valuetext', text);
  };

  const renderChrome = () => {
    heading.textContent = t('sensors.heading');
    quantityLabel.textContent = t('sensors.quantity');
    sliderLabel.textContent = t('sensors.time');
    play.textContent = timer ? t('sensors.pause') : t('sensors.play');
    quantity.replaceChildren(...SENSOR_QUANTITIES.map((q) => el('option', { value: q, selected: q === state.quantity }, t(`sensors.q.${q}`))));
    status.textContent = failed ? t('sensors.failed') : state.visible && !loaded ? t('sensors.loading') : '';
    renderLegend();
    renderTime();
    renderChart();
  };

  const refresh = async () => {
    if (!loaded) return;
    const streams = loaded.sites.map((s) => streamsFor(s, state.quantity)).filter((s): s is SensorStream => s !== undefined);
    if (state.selected) {
      const site = loaded.sites.find((s) => String(s.id) === state.selected);
      const ref = site && nearestReference(loaded.sites, site);
      streams.push(...(site?.streams ?? []).filter((s) => s.quantity === 'pm25' || s.calibrated || s.quantity === state.quantity));
      streams.push(...(ref?.streams ?? []).filter((s) => s.quantity === 'pm25'));
    }
    await ensureSeries(streams);
    renderMap();
    renderChart();
  };

  const load = (): Promise<void> =>
    (loading ??= (async () => {
      try {
        const sites = await fetchSensorSites();
        const anchor = sites.find((s) => s.kind === 'reference')?.streams[0] ?? sites[0]?.streams[0];
        const latest = anchor ? await fetchLatestTime(anchor.id) : undefined;
        const end = Math.floor(((latest ?? Date.now()) + HOUR_MS) / HOUR_MS) * HOUR_MS;
        const hours = PERIOD_DAYS * 24;
        loaded = { sites, startMs: end - hours * HOUR_MS, hours };
        state.hours = hours;
        state.hour = openingHour(loaded.startMs, hours);
        slider.max = String(hours - 1);
        slider.value = String(state.hour);
        await refresh();
      } catch (error) {
        failed = true;
        console.warn('Sensors could not be loaded', error);
      }
      renderChrome();
    })());

  const setHour = (hour: number) => {
    if (!loaded) return;
    state.hour = Math.max(0, Math.min(loaded.hours - 1, Math.round(hour)));
    slider.value = String(state.hour);
    renderTime();
    renderMap();
    renderChart();
  };

  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    play.setAttribute('aria-pressed', 'false');
    play.textContent = t('sensors.play');
  };

  const show = async (visible: boolean) => {
    if (visible === state.visible && (loaded || !visible)) return;
    state.visible = visible;
    element.hidden = !visible;
    controls.hidden = !visible;
    if (!visible) stop();
    renderChrome();
    if (visible) {
      await load();
      resolveLoaded();
    }
    renderMap();
  };

  quantity.addEventListener('change', () => {
    if (!isSensorQuantity(quantity.value)) return;
    state.quantity = quantity.value;
    renderLegend();
    void refresh();
  });
  slider.addEventListener('input', () => setHour(Number(slider.value)));
  play.addEventListener('click', () => {
    if (timer) return stop();
    play.setAttribute('aria-pressed', 'true');
    play.textContent = t('sensors.pause');
    timer = setInterval(() => setHour(state.hour + 1 >= state.hours ? 0 : state.hour + 1), PLAY_STEP_MS);
  });
  deps.onLangChange(renderChrome);
  renderChrome();

  return {
    element,
    state,
    get loaded() {
      return loadedPromise;
    },
    citizenSites: () => (loaded?.sites ?? []).filter((s) => s.kind === 'citizen').map((s) => String(s.id)),
    screenPosition(siteId) {
      const site = loaded?.sites.find((s) => String(s.id) === siteId);
      if (!site) return undefined;
      // Aim at the middle of the column, where a click certainly hits it.
      const p = deps.project(deps.frame.fromDegrees(site.lonLat[0], site.lonLat[1], deps.groundHeightM + 12));
      return p ? { x: p[0], y: p[1] } : undefined;
    },
    setHour,
    show,
    click(x, y) {
      if (!state.visible || !loaded) return false;
      const info = (deps.deck as { pickObject(o: { x: number; y: number; radius?: number; layerIds?: string[] }): { object?: unknown } | null }).pickObject({ x, y, radius: 4, layerIds: [SENSOR_COLUMNS_LAYER_ID] });
      const hit = info?.object as SensorColumn | undefined;
      if (!hit) return false;
      state.selected = hit.siteId;
      void refresh();
      return true;
    },
    colours() {
      const style = QUANTITY_STYLES[state.quantity];
      return Object.fromEntries(columnsNow().map((c) => [c.siteId, Number.isFinite(c.value) ? colourOf(style, c.value) : '']));
    },
  };
}

/** The reference station closest to a site (by degrees scaled for latitude; the town is a few km across). */
export function nearestReference(sites: SensorSite[], site: SensorSite): SensorSite | undefined {
  const k = Math.cos((site.lonLat[1] * Math.PI) / 180);
  let best: SensorSite | undefined;
  let bestD = Infinity;
  for (const s of sites) {
    if (s.kind !== 'reference') continue;
    const d = ((s.lonLat[0] - site.lonLat[0]) * k) ** 2 + (s.lonLat[1] - site.lonLat[1]) ** 2;
    if (d < bestD) [best, bestD] = [s, d];
  }
  return best;
}

/** The last 14:00 UTC (afternoon in the Netherlands) of the period: a busy, readable first picture. */
export function openingHour(startMs: number, hours: number): number {
  for (let h = hours - 1; h >= Math.max(0, hours - 24); h--) if (new Date(startMs + h * HOUR_MS).getUTCHours() === 14) return h;
  return hours - 1;
}
