// The 5G scenario tool in the sidebar: switch it on, click a roof or a street to add a candidate antenna, edit or
// remove candidates, and run the coverage calculation; the results (legend, per-buurt chart and table) and each
// candidate's siting verdict show here, the heatmap and antennas on the map (fiveg-overlay.ts).
import { fetchJson } from '../api/twin-api.ts';
import { createCandidate, MAX_CANDIDATES, type FivegCandidate } from '../fiveg/fiveg-candidate.ts';
import { BUILDING_COLOURINGS, type BuildingColouring, type FivegSession } from '../fiveg/fiveg-session.ts';
import { EXPOSURE_CLASSES, NO_EXPOSURE_COLOUR } from '../fiveg/exposure-classes.ts';
import { formatNumber, translate, type Language } from '../i18n/i18n.ts';
import { FIVEG_THRESHOLDS_DBM, fivegCandidatesOf, fivegThresholdOf, type AppState, type LonLat, type StateStore } from '../state/app-state.ts';
import { el, swatch } from './dom.ts';
import { createCandidateEditor, type CandidateEditor } from './fiveg-candidate-editor.ts';
import { createJobProgress } from './fiveg-job-progress.ts';
import { createFivegOptimiser } from './fiveg-optimiser.ts';
import { renderFivegResults, rsrpLegendList } from './fiveg-results.ts';

/** Heatmap cell sizes offered; 20 m answers in about a second on the demo town, 10 m takes about four. */
const GRID_CELLS_M = [10, 20, 40] as const;
const DEFAULT_GRID_CELL_M = 20;

export interface FivegPanel {
  element: HTMLElement;
  /** Adds a candidate where the map was clicked: on the roof of `buildingId`, or a street mast on the ground. */
  placeAt(lonLat: LonLat, buildingId?: string): Promise<void>;
}

/** Centre of a building's footprint (vertex mean of its outer ring), CRS84; undefined when it cannot be read. */
async function roofCentre(buildingId: string): Promise<LonLat | undefined> {
  try {
    const item = await fetchJson<{ geometry?: { type: string; coordinates: unknown } }>(`/ogc/collections/buildings/items/${encodeURIComponent(buildingId)}`);
    const g = item.geometry;
    const ring = g?.type === 'Polygon' ? (g.coordinates as number[][][])[0] : g?.type === 'MultiPolygon' ? (g.coordinates as number[][][][])[0]?.[0] : undefined;
    if (!ring || ring.length < 4) return undefined;
    const points = ring.slice(0, -1);
    return [points.reduce((s, p) => s + p[0], 0) / points.length, points.reduce((s, p) => s + p[1], 0) / points.length];
  } catch {
    return undefined;
  }
}

export function createFivegPanel(store: StateStore, session: FivegSession): FivegPanel {
  const heading = el('h2', { id: 'fiveg-heading' });
  const intro = el('p', { class: 'panel-intro' });
  const toolButton = el('button', { type: 'button', id: 'tool-fiveg', 'aria-pressed': 'false', 'aria-controls': 'fiveg-body' });
  toolButton.addEventListener('click', () => store.update({ tool: store.state.tool === 'fiveg' ? 'none' : 'fiveg' }));

  const hint = el('p', { class: 'check-hint', id: 'fiveg-hint' });
  const list = el('ol', { class: 'fiveg-candidates', id: 'fiveg-candidates' });
  const existingBox = el('input', { type: 'checkbox', id: 'fiveg-existing', checked: true });
  const existingLabel = el('label', { for: 'fiveg-existing' });
  const cellLabel = el('label', { for: 'fiveg-cell' });
  const cell = el('select', { id: 'fiveg-cell' });
  const cellOptions = GRID_CELLS_M.map((m) => el('option', { value: String(m), selected: m === DEFAULT_GRID_CELL_M }));
  cell.append(...cellOptions);
  const runButton = el('button', { type: 'button', id: 'fiveg-run', class: 'fiveg-run' });
  const status = el('p', { class: 'fiveg-status', id: 'fiveg-status', role: 'status', 'aria-live': 'polite' });
  const jobProgress = createJobProgress('fiveg-run', () => {
    session.cancel();
    runButton.focus();
  });
  const thresholdLabel = el('label', { for: 'fiveg-threshold' });
  const threshold = el('select', { id: 'fiveg-threshold' });
  threshold.append(...FIVEG_THRESHOLDS_DBM.map((v) => el('option', { value: String(v) }, `≥ ${v} dBm`)));
  threshold.addEventListener('change', () => store.update({ fivegThresholdDbm: Number(threshold.value) }));
  const colourByLabel = el('label', { for: 'fiveg-colour-by' });
  const colourBy = el('select', { id: 'fiveg-colour-by' });
  colourBy.addEventListener('change', () => {
    if (isBuildingColouring(colourBy.value)) session.setColourBy(colourBy.value);
  });
  const legendHeading = el('h3', {});
  const legendBox = el('div', { class: 'fiveg-legend-box' });
  const legendNote = el('p', { class: 'panel-intro' });
  const results = el('div', { class: 'fiveg-results', id: 'fiveg-results' });
  const optimiser = createFivegOptimiser(store, () => existingBox.checked);
  const body = el(
    'div',
    { class: 'fiveg-body', id: 'fiveg-body', hidden: true },
    hint,
    list,
    el('p', { class: 'fiveg-existing' }, existingBox, ' ', existingLabel),
    el('div', { class: 'fiveg-threshold' }, cellLabel, cell),
    runButton,
    jobProgress.element,
    status,
    el('div', { class: 'fiveg-threshold' }, thresholdLabel, threshold),
    optimiser.element,
    el('div', { class: 'fiveg-threshold' }, colourByLabel, colourBy),
    legendHeading,
    legendBox,
    legendNote,
    results,
  );

  const editors: CandidateEditor[] = [];
  const setCandidates = (next: FivegCandidate[]) => store.update({ fivegCandidates: next });
  const onChange = (index: number, candidate: FivegCandidate) => {
    const next = [...fivegCandidatesOf(store.state)];
    next[index] = candidate;
    setCandidates(next);
  };
  const onRemove = (index: number) => {
    const next = fivegCandidatesOf(store.state).filter((_, i) => i !== index);
    setCandidates(next);
    // Keep keyboard focus in the list: on the next candidate's remove button, or on the run button.
    (document.getElementById(`fiveg-c${Math.min(index, next.length - 1) + 1}-remove`) ?? runButton).focus();
  };
  runButton.addEventListener('click', () => void session.run(existingBox.checked, Number(cell.value)));

  const render = (state: AppState) => {
    const t = (key: string, params?: Record<string, string | number>) => translate(state.lang, key, params);
    heading.textContent = t('fiveg.heading');
    intro.textContent = t('fiveg.intro');
    toolButton.textContent = t('fiveg.tool');
    toolButton.setAttribute('aria-pressed', String(state.tool === 'fiveg'));
    body.hidden = state.tool !== 'fiveg';
    const candidates = fivegCandidatesOf(state);
    hint.textContent = candidates.length >= MAX_CANDIDATES ? t('fiveg.full', { max: MAX_CANDIDATES }) : t('fiveg.hint');
    while (editors.length < candidates.length) {
      const editor = createCandidateEditor(editors.length, onChange, onRemove);
      editors.push(editor);
      list.append(editor.element);
    }
    while (editors.length > candidates.length) editors.pop()?.element.remove();
    candidates.forEach((c, i) => editors[i].update(state.lang, c, session.siting(c)));
    existingLabel.textContent = t('fiveg.includeExisting');
    cellLabel.textContent = t('fiveg.cell');
    GRID_CELLS_M.forEach((m, i) => {
      cellOptions[i].textContent = t(m === DEFAULT_GRID_CELL_M ? 'fiveg.cellDefault' : 'fiveg.cellSize', { size: m });
    });
    runButton.textContent = t('fiveg.run');
    runButton.disabled = session.status === 'running';
    status.textContent =
      session.status === 'running'
        ? t('fiveg.running')
        : session.status === 'failed'
          ? t('fiveg.failed')
          : session.status === 'done'
            ? t('fiveg.done', { runs: session.runs })
            : session.status === 'cancelled'
              ? t('jobs.cancelled')
              : '';
    jobProgress.update(session.status === 'running', session.progress, t);
    status.classList.toggle('error', session.status === 'failed');
    status.dataset.runs = String(session.runs);
    thresholdLabel.textContent = t('fiveg.threshold');
    const thresholdDbm = fivegThresholdOf(state);
    threshold.value = String(thresholdDbm);
    colourByLabel.textContent = t('fiveg.colourBy');
    colourBy.replaceChildren(...BUILDING_COLOURINGS.map((mode) => el('option', { value: mode, selected: mode === session.colourBy }, t(`fiveg.colourBy.${mode}`))));
    const exposure = session.colourBy === 'exposure';
    legendHeading.textContent = t(exposure ? 'fiveg.exposureLegend' : 'fiveg.legend');
    legendNote.textContent = t(exposure ? 'legend.fivegExposure' : 'legend.fivegBuildings');
    legendBox.replaceChildren(exposure ? exposureLegendList(state.lang) : rsrpLegendList(state.lang, session.coverage?.options?.thresholdsDbm));
    optimiser.render(state.lang);
    results.replaceChildren(...(session.coverage ? renderFivegResults(state.lang, session.coverage, session.previous, thresholdDbm) : []));
  };

  store.subscribe((state) => render(state));
  session.subscribe(() => render(store.state));

  return {
    element: el('section', { class: 'panel fiveg-panel', 'aria-labelledby': 'fiveg-heading' }, heading, intro, el('div', { class: 'tool-buttons' }, toolButton), body),
    async placeAt(lonLat, buildingId) {
      if (fivegCandidatesOf(store.state).length >= MAX_CANDIDATES) return;
      // On a roof the antenna stands at the roof's centre; the click ray only meets the ground behind the roof.
      const at = buildingId ? ((await roofCentre(buildingId)) ?? lonLat) : lonLat;
      setCandidates([...fivegCandidatesOf(store.state), createCandidate(at, buildingId)]);
    },
  };
}

function isBuildingColouring(value: string): value is BuildingColouring {
  return (BUILDING_COLOURINGS as readonly string[]).includes(value);
}

/** Legend of the exposure map: classes in percent of the ICNIRP reference level. */
function exposureLegendList(lang: Language): HTMLUListElement {
  const t = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
  return el(
    'ul',
    { class: 'legend-list', 'data-legend': 'exposure', id: 'fiveg-exposure-legend' },
    ...EXPOSURE_CLASSES.map((c, i) => {
      const next = EXPOSURE_CLASSES[i + 1];
      const label = next
        ? t('fiveg.exposureRange', { from: formatNumber(lang, c.fromPercent, 2), to: formatNumber(lang, next.fromPercent, 2) })
        : t('fiveg.exposureAbove', { value: formatNumber(lang, c.fromPercent, 0) });
      return el('li', {}, swatch(c.colour), label);
    }),
    el('li', {}, swatch(NO_EXPOSURE_COLOUR), t('fiveg.exposureNone')),
  );
}
