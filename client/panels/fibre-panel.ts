// The fibre roll-out planner in the sidebar: choose a POP and target buurten, adjust unit costs, take rate and
// yearly budget, and run the design; the cost breakdown, phasing timeline, cabinets and per-buurt table show
// here, the network and homes on the map (fibre-overlay.ts).
import {
  designFibre,
  fetchBuurten,
  fetchFibreAddresses,
  fetchFibreDefaults,
  type Buurt,
  type FibreAddress,
  type FibreDefaults,
  type FibreDesign,
} from '../api/fibre-api.ts';
import { costBreakdown, designBody, EDITABLE_UNIT_COSTS, HOME_STATUSES, unitCostAt, type EditableUnitCost } from '../fibre/fibre-request.ts';
import type { JobProgress } from '../api/scenario-job.ts';
import { formatNumber, translate, type Language } from '../i18n/i18n.ts';
import { HOME_COLOURS, ROUTE_COLOUR } from '../layers/fibre-layers.ts';
import type { AppState, StateStore } from '../state/app-state.ts';
import { el, swatch } from './dom.ts';
import { createCostChart, createPhasingTimeline, euros } from './fibre-charts.ts';
import { createJobProgress } from './fiveg-job-progress.ts';

type Status = 'idle' | 'loading' | 'ready' | 'running' | 'failed' | 'done' | 'cancelled';

const DEFAULT_YEARLY_BUDGET_EUR = 1_000_000;

export function createFibrePanel(store: StateStore, onDesign: (design: FibreDesign, addresses: readonly FibreAddress[], targeted: readonly string[]) => void): HTMLElement {
  const heading = el('h2', { id: 'fibre-heading' });
  const intro = el('p', { class: 'panel-intro' });
  const toolButton = el('button', { type: 'button', id: 'tool-fibre', 'aria-pressed': 'false', 'aria-controls': 'fibre-body' });
  toolButton.addEventListener('click', () => store.update({ tool: store.state.tool === 'fibre' ? 'none' : 'fibre' }));

  const popLabel = el('label', { for: 'fibre-pop' });
  const pop = el('select', { id: 'fibre-pop' });
  pop.addEventListener('change', () => store.update({ fibrePop: pop.value || undefined }));
  const buurtLegend = el('legend', {});
  const buurtList = el('div', { class: 'fibre-buurten-list' });
  const buurtBox = el('fieldset', { class: 'fibre-buurten', id: 'fibre-buurten-choice' }, buurtLegend, buurtList);
  const costSummary = el('summary', {});
  const costFields = el('div', { class: 'fibre-cost-fields' });
  const costBox = el('details', { class: 'fibre-costs', id: 'fibre-costs' }, costSummary, costFields);
  const takeLabel = el('label', { for: 'fibre-take' });
  const take = el('input', { type: 'number', id: 'fibre-take', min: '0', max: '100', step: '5', inputmode: 'numeric' });
  const budgetLabel = el('label', { for: 'fibre-budget' });
  const budget = el('input', { type: 'number', id: 'fibre-budget', min: '10000', step: '50000', value: String(DEFAULT_YEARLY_BUDGET_EUR), inputmode: 'numeric' });
  const runButton = el('button', { type: 'button', id: 'fibre-run', class: 'fiveg-run' });
  const status = el('p', { class: 'fiveg-status', id: 'fibre-status', role: 'status', 'aria-live': 'polite' });
  const results = el('div', { class: 'fibre-results', id: 'fibre-results' });
  const jobView = createJobProgress('fibre-run', () => {
    if (progress !== 'running') return;
    controller?.abort();
    controller = undefined;
    progress = 'cancelled';
    render(store.state);
    runButton.focus();
  });
  const body = el(
    'div',
    { class: 'fiveg-body', id: 'fibre-body', hidden: true },
    el('div', { class: 'fiveg-field' }, popLabel, pop),
    buurtBox,
    costBox,
    el('div', { class: 'fiveg-field' }, takeLabel, take),
    el('div', { class: 'fiveg-field' }, budgetLabel, budget),
    runButton,
    jobView.element,
    status,
    results,
  );

  let progress: Status = 'idle';
  let defaults: FibreDefaults | undefined;
  let buurten: Buurt[] = [];
  let design: FibreDesign | undefined;
  let runs = 0;
  let controller: AbortController | undefined;
  let jobProgress: JobProgress | undefined;
  let addresses: Promise<FibreAddress[]> | undefined;
  const costInputs = new Map<EditableUnitCost, { label: HTMLLabelElement; input: HTMLInputElement }>();
  const buurtChecks = new Map<string, { box: HTMLInputElement; label: HTMLLabelElement }>();

  const selectedBuurten = (state: AppState) => state.fibreBuurten ?? [];

  const buildForm = () => {
    if (!defaults) return;
    pop.replaceChildren(el('option', { value: '' }, '—'), ...defaults.popSites.map((p) => el('option', { value: p.id }, p.name)));
    take.value = String(Math.round((defaults.takeRate ?? 0.5) * 100));
    for (const path of EDITABLE_UNIT_COSTS) {
      const id = `fibre-cost-${path.replace('.', '-')}`;
      const input = el('input', { type: 'number', id, min: '0', step: '1', inputmode: 'decimal', value: String(unitCostAt(defaults.unitCosts, path) ?? '') });
      const label = el('label', { for: id });
      costInputs.set(path, { label, input });
      costFields.append(el('div', { class: 'fiveg-field' }, label, input));
    }
    for (const b of buurten.filter((x) => x.households > 0)) {
      const id = `fibre-bu-${b.code}`;
      const box = el('input', { type: 'checkbox', id, value: b.code });
      const label = el('label', { for: id });
      box.addEventListener('change', () => {
        const chosen = new Set(selectedBuurten(store.state));
        if (box.checked) chosen.add(b.code);
        else chosen.delete(b.code);
        store.update({ fibreBuurten: [...chosen].sort() });
      });
      buurtChecks.set(b.code, { box, label });
      buurtList.append(el('div', { class: 'fibre-buurt' }, box, ' ', label));
    }
  };

  const load = () => {
    if (progress !== 'idle') return;
    progress = 'loading';
    // The homes to colour after a design: fetched while the planner chooses, not after the run.
    addresses ??= fetchFibreAddresses();
    Promise.all([fetchFibreDefaults(), fetchBuurten()]).then(
      ([d, b]) => {
        defaults = d;
        buurten = b;
        progress = 'ready';
        buildForm();
        render(store.state);
      },
      (error: unknown) => {
        console.warn('Fibre defaults could not be loaded', error);
        progress = 'failed';
        render(store.state);
      },
    );
  };

  const run = async () => {
    const state = store.state;
    if (!defaults || !state.fibrePop || selectedBuurten(state).length === 0) return;
    const edited: Partial<Record<EditableUnitCost, number>> = {};
    for (const [path, { input }] of costInputs) if (input.value !== '') edited[path] = Number(input.value);
    const targeted = selectedBuurten(state);
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    progress = 'running';
    jobProgress = undefined;
    render(state);
    try {
      const result = await designFibre(
        designBody({
          popId: state.fibrePop,
          buurten: targeted,
          defaults: defaults.unitCosts,
          edited,
          takeRate: Number(take.value) / 100,
          yearlyBudgetEur: Math.max(10_000, Number(budget.value) || DEFAULT_YEARLY_BUDGET_EUR),
        }),
        mine.signal,
        (p) => {
          if (mine.signal.aborted) return;
          jobProgress = p;
          render(store.state);
        },
      );
      if (mine.signal.aborted) return;
      addresses ??= fetchFibreAddresses();
      const homes = await addresses.catch(() => [] as FibreAddress[]);
      design = result;
      runs++;
      progress = 'done';
      onDesign(result, homes, targeted);
    } catch (error) {
      if (mine.signal.aborted || (error as Error)?.name === 'AbortError') return;
      console.warn('Fibre design failed', error);
      progress = 'failed';
    }
    render(store.state);
    // The results change only with a run (and the language), not with every state change.
    renderResults(store.state.lang);
  };
  runButton.addEventListener('click', () => void run());

  const renderResults = (lang: Language) => {
    if (!design) return results.replaceChildren();
    const t = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
    const s = design.summary;
    const names = new Map(buurten.map((b) => [b.code, b.name]));
    const fact = (key: string, value: string, name: string) => [el('dt', {}, t(key)), el('dd', { 'data-fact': name }, value)];
    const cabinets = design.network.features.filter((f) => f.properties.kind === 'cabinet');
    results.replaceChildren(
      el('h3', {}, t('fibre.resultHeading')),
      el(
        'dl',
        { class: 'building-attributes fibre-facts', id: 'fibre-summary' },
        ...fact('fibre.homesPassed', formatNumber(lang, s.homesPassed, 0), 'homesPassed'),
        ...fact('fibre.homesConnected', formatNumber(lang, s.homesConnected, 0), 'homesConnected'),
        ...fact('fibre.routeM', `${formatNumber(lang, s.routeM, 0)} m`, 'routeM'),
        ...fact('fibre.trenchM', `${formatNumber(lang, s.trenchM, 0)} m`, 'trenchM'),
        ...fact('fibre.capexTotal', euros(lang, s.capexTotalEur), 'capexTotalEur'),
        ...fact('fibre.perHomePassed', s.costPerHomePassedEur === null ? '–' : euros(lang, s.costPerHomePassedEur), 'costPerHomePassedEur'),
      ),
      el('h4', {}, t('fibre.costChart')),
      createCostChart(lang, costBreakdown(design.costs)),
      el('h4', {}, t('fibre.trenchBySurface')),
      el('ul', { class: 'fibre-trench' }, ...Object.entries(design.trenchMBySurface).filter(([, m]) => m > 0).map(([surface, m]) => el('li', {}, `${surface}: ${formatNumber(lang, m, 0)} m`))),
      el('h4', {}, t('fibre.timeline')),
      createPhasingTimeline(lang, design.phases, names),
      el('h4', {}, t('fibre.cabinets', { count: design.cabinets.count })),
      el(
        'ul',
        { class: 'check-reasons', id: 'fibre-cabinets' },
        ...cabinets.map((c, i) => {
          const verdict = c.properties.siteVerdict ?? 'allowed';
          return el(
            'li',
            { 'data-verdict': verdict },
            `${t('fibre.cabinet', { n: i + 1, homes: c.properties.homes ?? 0 })} `,
            el('span', { class: `verdict verdict-${verdict}`, 'data-verdict': verdict }, t(`verdict.${verdict}`)),
            c.properties.siteReasons ? el('span', { class: 'fibre-reason', lang: 'nl' }, ` ${c.properties.siteReasons}`) : null,
          );
        }),
      ),
      el(
        'table',
        { class: 'fiveg-table', id: 'fibre-buurten' },
        el('caption', {}, t('fibre.tableCaption')),
        el('thead', {}, el('tr', {}, ...['fiveg.buurt', 'fibre.colPassed', 'fibre.colCost', 'fibre.colPerHome'].map((k) => el('th', { scope: 'col' }, t(k))))),
        el(
          'tbody',
          {},
          ...design.buurten.map((b) =>
            el(
              'tr',
              { 'data-buurt': b.code },
              el('th', { scope: 'row' }, b.name ?? names.get(b.code) ?? b.code),
              el('td', {}, formatNumber(lang, b.homesPassed, 0)),
              // Amounts without the € sign (the header says €): the sidebar is narrow.
              el('td', { 'data-eur': String(b.capexTotalEur) }, formatNumber(lang, b.capexTotalEur, 0)),
              el('td', {}, b.costPerHomePassedEur === null ? '–' : formatNumber(lang, b.costPerHomePassedEur, 0)),
            ),
          ),
        ),
      ),
      el('h4', {}, t('fibre.legend')),
      el(
        'ul',
        { class: 'legend-list', 'data-legend': 'fibre' },
        el('li', {}, swatch(ROUTE_COLOUR), t('fibre.route')),
        ...HOME_STATUSES.map((h) => el('li', { 'data-status': h }, swatch(HOME_COLOURS[h]), t(`fibre.home.${h}`))),
      ),
      el('p', { class: 'panel-intro' }, design.disclaimer?.[lang] ?? ''),
    );
  };

  const render = (state: AppState) => {
    const t = (key: string, params?: Record<string, string | number>) => translate(state.lang, key, params);
    heading.textContent = t('fibre.heading');
    intro.textContent = t('fibre.intro');
    toolButton.textContent = t('fibre.tool');
    toolButton.setAttribute('aria-pressed', String(state.tool === 'fibre'));
    body.hidden = state.tool !== 'fibre';
    if (state.tool === 'fibre') load();
    popLabel.textContent = t('fibre.pop');
    if (defaults) pop.value = state.fibrePop ?? '';
    buurtLegend.textContent = t('fibre.buurten');
    const chosen = new Set(selectedBuurten(state));
    for (const b of buurten) {
      const check = buurtChecks.get(b.code);
      if (!check) continue;
      check.box.checked = chosen.has(b.code);
      check.label.textContent = t('fibre.buurtOption', { name: b.name, households: b.households });
    }
    costSummary.textContent = t('fibre.unitCosts');
    for (const [path, { label }] of costInputs) label.textContent = t(`fibre.unit.${path}`);
    takeLabel.textContent = t('fibre.takeRate');
    budgetLabel.textContent = t('fibre.budget');
    runButton.textContent = t('fibre.run');
    runButton.disabled = progress === 'running' || !defaults || !state.fibrePop || chosen.size === 0;
    status.textContent =
      progress === 'loading' ? t('fibre.loading') : progress === 'running' ? t('fibre.running') : progress === 'failed' ? t('fibre.failed') : progress === 'done' ? t('fibre.done', { runs }) : progress === 'cancelled' ? t('jobs.cancelled') : '';
    status.dataset.runs = String(runs);
    jobView.update(progress === 'running', jobProgress, t);
  };

  store.subscribe((state, previous) => {
    render(state);
    if (state.lang !== previous.lang || state === previous) renderResults(state.lang);
  });
  return el('section', { class: 'panel fibre-panel', 'aria-labelledby': 'fibre-heading' }, heading, intro, el('div', { class: 'tool-buttons' }, toolButton), body);
}
