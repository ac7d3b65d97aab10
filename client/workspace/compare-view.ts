// Compare two scenarios (or one with the current situation): pick A and B, read the indicator table with every
// difference marked better/worse in words and arrows (colour only repeats it), and swipe across the globe between
// A's and B's antennas and POP (compare-swipe.ts). A and B live in the app state (scenario=…&compare=…).
import type { Comparison } from '../../server/contracts/workspace.ts';
import { translate, type Language } from '../i18n/i18n.ts';
import { el } from '../panels/dom.ts';
import type { StateStore } from '../state/app-state.ts';
import type { CompareSwipe } from './compare-swipe.ts';
import { formatDifference, formatIndicator, indicatorLabel, indicatorRows, rowsFromComparison, verdictOf, verdictText, type IndicatorRow } from './indicator-table.ts';
import type { WorkspaceSession } from './workspace-session.ts';

export const CURRENT = 'current';

export interface CompareView {
  panel: HTMLElement;
  /** The divider and side labels over the globe. */
  overlay: HTMLElement;
}

export function createCompareView(
  store: StateStore,
  session: WorkspaceSession,
  compare: (a: string, b: string) => Promise<Comparison>,
  swipe: CompareSwipe,
): CompareView {
  const heading = el('h2', { id: 'ws-compare-heading', tabindex: '-1' });
  const close = el('button', { type: 'button', id: 'ws-compare-close', class: 'ws-close' });
  // The table can fold away so the split globe above it is seen in full.
  const toggle = el('button', { type: 'button', id: 'ws-compare-toggle', 'aria-expanded': 'true', 'aria-controls': 'ws-compare-body' });
  const aLabel = el('label', { for: 'ws-compare-a' });
  const aSelect = el('select', { id: 'ws-compare-a' });
  const bLabel = el('label', { for: 'ws-compare-b' });
  const bSelect = el('select', { id: 'ws-compare-b' });
  const status = el('p', { id: 'ws-compare-status', class: 'ws-status', role: 'status' });
  const caption = el('caption', {});
  const headRow = el('tr', {});
  const body = el('tbody', {});
  const table = el('table', { id: 'ws-compare-table', class: 'ws-compare-table' }, caption, el('thead', {}, headRow), body);
  const note = el('p', { class: 'panel-intro', id: 'ws-compare-omitted' });
  const swipeLabel = el('label', { for: 'ws-swipe' });
  const swipeInput = el('input', { id: 'ws-swipe', type: 'range', min: '0', max: '100', step: '5', value: '50' });
  const legend = el('p', { class: 'ws-swipe-legend' });
  const panel = el(
    'section',
    { class: 'ws-compare', id: 'ws-compare', 'aria-labelledby': 'ws-compare-heading', hidden: true },
    el('div', { class: 'panel-head' }, heading, el('div', { class: 'ws-head-buttons' }, toggle, close)),
    el('div', { class: 'ws-compare-controls' }, el('div', { class: 'ws-field' }, aLabel, aSelect), el('div', { class: 'ws-field' }, bLabel, bSelect), el('div', { class: 'ws-field' }, swipeLabel, swipeInput)),
    status,
    el('div', { id: 'ws-compare-body' }, legend, table, note),
  );
  const sideA = el('span', { class: 'ws-swipe-label ws-swipe-label-a' });
  const sideB = el('span', { class: 'ws-swipe-label ws-swipe-label-b' });
  const line = el('div', { class: 'ws-swipe-line' });
  const overlay = el('div', { class: 'ws-swipe', 'aria-hidden': 'true', hidden: true }, line, sideA, sideB);

  let rows: IndicatorRow[] = [];
  let loadedKey = '';
  let failed = false;
  let loading = false;

  toggle.addEventListener('click', () => {
    const expanded = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(expanded));
    document.getElementById('ws-compare-body')?.toggleAttribute('hidden', !expanded);
    toggle.textContent = translate(store.state.lang, expanded ? 'ws.compare.hideTable' : 'ws.compare.showTable');
  });
  close.addEventListener('click', () => {
    store.update({ compareId: undefined });
    document.getElementById('ws-compare-open')?.focus();
  });
  aSelect.addEventListener('change', () => store.update({ scenarioId: aSelect.value || undefined }));
  bSelect.addEventListener('change', () => store.update({ compareId: bSelect.value || CURRENT }));
  const placeLine = () => {
    const fraction = Number(swipeInput.value) / 100;
    swipe.setPosition(fraction);
    line.style.left = `${fraction * 100}%`;
  };
  swipeInput.addEventListener('input', placeLine);

  const nameOf = (lang: Language, id: string | undefined) =>
    id === CURRENT ? translate(lang, 'ws.compare.current') : (session.find(id)?.name ?? translate(lang, 'ws.compare.none'));

  const options = (select: HTMLSelectElement, lang: Language, selected: string | undefined, withCurrent: boolean) => {
    const items = [
      ...(withCurrent ? [el('option', { value: CURRENT }, translate(lang, 'ws.compare.current'))] : [el('option', { value: '' }, translate(lang, 'ws.compare.choose'))]),
      ...session.scenarios.map((s) => el('option', { value: s.id }, s.name)),
    ];
    select.replaceChildren(...items);
    select.value = selected ?? (withCurrent ? CURRENT : '');
  };

  const renderTable = (lang: Language) => {
    const t = (key: string, params: Record<string, string> = {}) => translate(lang, key, params);
    const { scenarioId: a, compareId: b } = store.state;
    caption.textContent = t('ws.compare.caption', { a: nameOf(lang, a), b: nameOf(lang, b) });
    headRow.replaceChildren(
      el('th', { scope: 'col' }, t('ws.compare.indicator')),
      el('th', { scope: 'col' }, `A: ${nameOf(lang, a)}`),
      el('th', { scope: 'col' }, `B: ${nameOf(lang, b)}`),
      el('th', { scope: 'col' }, t('ws.compare.difference')),
      el('th', { scope: 'col' }, t('ws.compare.verdict')),
    );
    // Indicators neither side computed (fibre figures of two antenna scenarios) are named once, not as empty rows.
    const shown = rows.filter((row) => row.a !== null || row.b !== null);
    const omitted = rows.filter((row) => row.a === null && row.b === null).map((row) => indicatorLabel(lang, row.key));
    note.textContent = omitted.length > 0 && shown.length > 0 ? t('ws.compare.omitted', { list: omitted.join(', ') }) : '';
    body.replaceChildren(
      ...shown.map((row) => {
        const verdict = verdictOf(row);
        const { arrow, text } = verdictText(lang, row);
        return el(
          'tr',
          { class: `ws-row ws-${verdict}`, 'data-indicator': row.key, 'data-verdict': verdict },
          el('th', { scope: 'row' }, indicatorLabel(lang, row.key)),
          el('td', {}, formatIndicator(lang, row.key, row.a)),
          el('td', {}, formatIndicator(lang, row.key, row.b)),
          el('td', {}, formatDifference(lang, row.key, row.difference)),
          el('td', { class: 'ws-verdict' }, arrow ? el('span', { 'aria-hidden': 'true' }, `${arrow} `) : null, text),
        );
      }),
    );
  };

  const load = async (a: string, b: string, key: string) => {
    try {
      const comparison = await compare(a, b);
      if (key !== loadedKey) return;
      loading = false;
      rows = rowsFromComparison(comparison);
      failed = false;
      table.dataset.pair = `${a}|${b}`;
    } catch {
      if (key !== loadedKey) return;
      loading = false;
      // The server could not compare (not reachable, not allowed): two scenarios can still be compared here.
      const sa = session.find(a);
      const sb = session.find(b);
      failed = !(sa && sb);
      rows = sa && sb ? indicatorRows(sa.indicators, sb.indicators) : [];
      if (sa && sb) table.dataset.pair = `${a}|${b}`;
    }
    table.removeAttribute('aria-busy');
    render();
  };

  const render = () => {
    const { lang, scenarioId: a, compareId: b } = store.state;
    const t = (key: string, params: Record<string, string> = {}) => translate(lang, key, params);
    const open = b !== undefined && session.canCompare();
    panel.hidden = !open;
    overlay.hidden = !open;
    if (!open) {
      swipe.hide();
      return;
    }
    heading.textContent = t('ws.compare.heading');
    close.textContent = t('ws.compare.close');
    toggle.textContent = t(toggle.getAttribute('aria-expanded') === 'true' ? 'ws.compare.hideTable' : 'ws.compare.showTable');
    aLabel.textContent = t('ws.compare.a');
    bLabel.textContent = t('ws.compare.b');
    options(aSelect, lang, a, false);
    options(bSelect, lang, b, true);
    swipeLabel.textContent = t('ws.compare.swipe');
    legend.textContent = t('ws.compare.legend', { a: nameOf(lang, a), b: nameOf(lang, b) });
    sideA.textContent = `A: ${nameOf(lang, a)}`;
    sideB.textContent = `B: ${nameOf(lang, b)}`;
    const sa = session.find(a);
    const sb = b === CURRENT ? undefined : session.find(b);
    swipe.show(sa?.inputs, sb?.inputs);
    placeLine();
    const key = `${a}@${sa?.version}:${sa?.indicators?.computedAt}|${b}@${sb?.version}:${sb?.indicators?.computedAt}`;
    if (a && key !== loadedKey) {
      loadedKey = key;
      loading = true;
      // Never show the previous pair's numbers under the new pair's names.
      rows = [];
      delete table.dataset.pair;
      table.setAttribute('aria-busy', 'true');
      void load(a, b, key);
    } else if (!a) {
      rows = [];
      loadedKey = '';
    }
    status.textContent = !a
      ? t('ws.compare.pickA')
      : loading
        ? t('ws.compare.loading')
        : failed
          ? t('ws.compare.failed')
          : rows.every((r) => r.difference === null)
            ? t('ws.compare.notRun')
            : '';
    renderTable(lang);
  };
  session.subscribe(render);
  store.subscribe((state, previous) => {
    if (state.lang !== previous.lang || state.scenarioId !== previous.scenarioId || state.compareId !== previous.compareId || state === previous) render();
  });
  return { panel, overlay };
}
