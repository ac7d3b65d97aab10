// The printable briefing (`/?mode=briefing-print&briefing=ID`): a print-CSS page with, per step on its own page,
// the title, text, a picture of the view, the scenario's indicators and the algorithms and assumptions behind them.
// The pictures are rendered one by one in the page's own globe before the document is shown.
import type { Briefing, Scenario } from '../../../server/contracts/workspace.ts';
import { fetchBriefing, fetchScenario, ProblemError } from '../../api/briefing-api.ts';
import { translate } from '../../i18n/i18n.ts';
import { el } from '../../panels/dom.ts';
import type { ModeContext } from '../mode-context.ts';
import { modeUrl } from '../mode-from-url.ts';
import { ensureSignedIn } from '../shared/sign-in-form.ts';
import { buildPrintModel, type PrintModel } from './briefing-print-model.ts';
import { indicatorTable } from './indicator-table.ts';
import { captureView } from './step-capture.ts';

export function startBriefingPrint(ctx: ModeContext, briefingId: string): void {
  const { store } = ctx;
  const t = (key: string, params?: Record<string, string | number>) => translate(store.state.lang, key, params);
  document.body.classList.add('mode-briefing-print');
  const status = el('p', { class: 'briefing-print-status', role: 'status', 'aria-live': 'polite' });
  const root = el('div', { class: 'briefing-print', id: 'briefing-print' }, status);
  document.body.append(root);

  void (async () => {
    await ensureSignedIn(store, root, ['council', 'planner']);
    let briefing: Briefing;
    try {
      briefing = await fetchBriefing(briefingId);
    } catch (e) {
      root.append(el('p', { class: 'mode-error', role: 'alert' }, e instanceof ProblemError && e.status === 404 ? t('brief.notFound') : t('mode.error.network')));
      return;
    }
    const scenarioIds = [...new Set(briefing.steps.flatMap((s) => (s.view.scenarioId ? [s.view.scenarioId] : [])))];
    const scenarios = new Map<string, Scenario>();
    for (const scenario of await Promise.all(scenarioIds.map((id) => fetchScenario(id).catch(() => undefined)))) {
      if (scenario) scenarios.set(scenario.id, scenario);
    }
    const model = buildPrintModel({ briefing, scenarios, algorithms: ctx.algorithms, lang: store.state.lang, twin: ctx.twin });
    await ctx.ready();
    const pictures: string[] = [];
    for (const [i, step] of briefing.steps.entries()) {
      status.textContent = t('brief.print.rendering', { n: i + 1, total: briefing.steps.length });
      pictures.push(await captureView(ctx, step.view));
    }
    root.replaceChildren(renderDocument(model, pictures, briefing.id));
    document.body.classList.add('briefing-print-done');
    document.body.dataset.briefingPrintReady = 'true';
    root.querySelector<HTMLElement>('h1')?.focus();
  })();

  function renderDocument(model: PrintModel, pictures: readonly string[], id: string): HTMLElement {
    const lang = store.state.lang;
    const printButton = el('button', { type: 'button', class: 'mode-primary' }, t('brief.print.print'));
    printButton.addEventListener('click', () => window.print());
    const cover = el(
      'section',
      { class: 'print-page print-cover' },
      model.synthetic ? el('p', { class: 'print-synthetic', role: 'note' }, t('brief.print.synthetic', { name: model.twinName })) : null,
      el('h1', { tabindex: '-1' }, model.title),
      model.summary ? el('p', { class: 'print-summary' }, model.summary) : null,
      el('p', { class: 'print-meta' }, t('brief.print.meta', { steps: model.steps.length, date: new Date().toLocaleDateString(lang === 'nl' ? 'nl-NL' : 'en-GB') })),
      el('p', { class: 'print-actions' }, printButton, ' ', el('a', { href: modeUrl({ kind: 'briefing', briefingId: id }) }, t('brief.print.back'))),
    );
    const pages = model.steps.map((step, i) =>
      el(
        'section',
        { class: 'print-page print-step', 'aria-labelledby': `print-step-${step.number}` },
        model.synthetic ? el('p', { class: 'print-synthetic' }, t('brief.print.syntheticShort', { name: model.twinName })) : null,
        el('p', { class: 'print-step-number' }, t('brief.print.step', { n: step.number, total: model.steps.length })),
        el('h2', { id: `print-step-${step.number}` }, step.title),
        ...step.text.split(/\n{2,}/).filter(Boolean).map((para) => el('p', { class: 'print-text' }, para)),
        el('img', { class: 'print-picture', src: pictures[i], alt: t('brief.print.pictureAlt', { title: step.title, layers: step.layers.join(', ') || '–' }) }),
        step.time ? el('p', {}, t('brief.time', { time: new Date(step.time).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB') })) : null,
        step.scenarioName ? el('p', { class: 'print-scenario' }, t('brief.scenario', { name: step.scenarioName })) : null,
        step.indicators.length > 0 ? indicatorTable(lang, t('brief.indicatorsCaption', { name: step.scenarioName ?? '' }), step.indicators) : null,
        step.algorithms.length > 0
          ? el(
              'div',
              { class: 'print-algorithms' },
              el('h3', {}, t('brief.print.algorithms')),
              el(
                'ul',
                {},
                ...step.algorithms.map((a) =>
                  el(
                    'li',
                    {},
                    el('a', { href: a.href }, a.title),
                    el('span', { class: 'print-algorithm-id' }, ` (${a.id})`),
                    a.assumptions.length > 0 ? el('ul', { class: 'print-assumptions' }, ...a.assumptions.map((s) => el('li', {}, s))) : null,
                  ),
                ),
              ),
            )
          : el('p', { class: 'print-no-algorithms' }, t('brief.print.noAlgorithms')),
      ),
    );
    return el('article', { class: 'print-document', lang }, cover, ...pages);
  }
}
