// Briefing mode for council members: a story of saved views, one step at a time, large and calm. Each step flies the
// camera (or jumps, with reduced motion), sets the layers and shows its scenario's figures. Keyboard and clicker:
// → PageDown next, ← PageUp previous, Home End first and last.
import type { Briefing, Scenario, SessionInfo } from '../../../server/contracts/workspace.ts';
import { INDICATOR_KEYS } from '../../../server/contracts/workspace.ts';
import { fetchBriefing, fetchScenario, listBriefings, ProblemError } from '../../api/briefing-api.ts';
import { translate } from '../../i18n/i18n.ts';
import { el } from '../../panels/dom.ts';
import type { ModeContext } from '../mode-context.ts';
import { modeUrl } from '../mode-from-url.ts';
import { ensureSignedIn } from '../shared/sign-in-form.ts';
import { flyToView, withViewLayers } from '../shared/saved-view.ts';
import { actionForKey } from './briefing-keys.ts';
import { createPosition, indexFromStepParam, isFirst, isLast, navigate, stepCounter, type BriefingAction, type BriefingPosition } from './briefing-navigator.ts';
import { indicatorTable } from './indicator-table.ts';

export interface BriefingModeHandle {
  /** The step shown (0-based) and how many there are; for tests. */
  position(): BriefingPosition | undefined;
}

function isField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

export function startBriefingMode(ctx: ModeContext, briefingId: string | null): BriefingModeHandle {
  const { store } = ctx;
  const t = (key: string, params?: Record<string, string | number>) => translate(store.state.lang, key, params);
  document.body.classList.add('mode-briefing');
  const stage = el('section', { class: 'briefing-stage', id: 'briefing-stage', 'aria-labelledby': 'briefing-title' });
  document.body.append(stage);
  let position: BriefingPosition | undefined;

  void (async () => {
    const session = await ensureSignedIn(store, stage, ['council', 'planner']);
    if (!briefingId) {
      await showList(session);
      return;
    }
    let briefing: Briefing;
    try {
      briefing = await fetchBriefing(briefingId);
    } catch (e) {
      stage.append(el('p', { class: 'mode-error', role: 'alert' }, e instanceof ProblemError && e.status === 404 ? t('brief.notFound') : t('mode.error.network')));
      return;
    }
    present(briefing, session);
  })();

  async function showList(session: SessionInfo): Promise<void> {
    const briefings = await listBriefings().catch(() => []);
    const heading = el('h1', { id: 'briefing-title', tabindex: '-1', class: 'briefing-list-title' }, t('brief.listHeading'));
    stage.replaceChildren(
      heading,
      briefings.length === 0
        ? el('p', {}, t('brief.none'))
        : el('ul', { class: 'briefing-list' }, ...briefings.map((b) => el('li', {}, el('a', { href: modeUrl({ kind: 'briefing', briefingId: b.id }) }, b.title)))),
      ...(session.user?.role === 'council' ? [] : [el('p', {}, el('a', { href: modeUrl({ kind: 'briefing-edit', briefingId: null }) }, t('brief.newBriefing')))]),
    );
    heading.focus();
  }

  function present(briefing: Briefing, session: SessionInfo): void {
    const scenarios = new Map<string, Promise<Scenario | undefined>>();
    const scenarioOf = (id: string) => {
      if (!scenarios.has(id)) scenarios.set(id, fetchScenario(id).catch(() => undefined));
      return scenarios.get(id)!;
    };
    const heading = el('p', { class: 'briefing-name' });
    const counter = el('p', { class: 'briefing-counter', id: 'briefing-counter' });
    const title = el('h1', { class: 'briefing-step-title', id: 'briefing-title', tabindex: '-1' });
    const text = el('div', { class: 'briefing-step-text', id: 'briefing-step-text' });
    const figures = el('div', { class: 'briefing-figures' });
    const live = el('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
    const previous = el('button', { type: 'button', class: 'briefing-previous', id: 'briefing-previous' });
    const next = el('button', { type: 'button', class: 'briefing-next mode-primary', id: 'briefing-next' });
    const help = el('p', { class: 'briefing-help', id: 'briefing-help' });
    const printLink = el('a', { href: modeUrl({ kind: 'briefing-print', briefingId: briefing.id }), id: 'briefing-export', class: 'briefing-export' });
    const editLink =
      session.user?.role === 'council' ? null : el('a', { href: modeUrl({ kind: 'briefing-edit', briefingId: briefing.id }), class: 'briefing-edit-link' });
    const nav = el('nav', { class: 'briefing-nav', 'aria-label': 'x' }, previous, counter, next);
    stage.replaceChildren(heading, title, text, figures, nav, help, el('p', { class: 'briefing-links' }, printLink, editLink ? ' · ' : null, editLink), live);

    const renderStatic = () => {
      heading.textContent = briefing.title;
      previous.textContent = `← ${t('brief.previous')}`;
      next.textContent = `${t('brief.next')} →`;
      nav.setAttribute('aria-label', t('brief.navLabel'));
      help.textContent = t('brief.keysHelp');
      printLink.textContent = t('brief.export');
      if (editLink) editLink.textContent = t('brief.edit');
    };

    let shownIndex = -1;
    const show = (focusTitle: boolean) => {
      if (!position) return;
      const step = briefing.steps[position.index];
      const changed = shownIndex !== position.index;
      shownIndex = position.index;
      title.textContent = step.title;
      text.replaceChildren(...step.text.split(/\n{2,}/).map((para) => el('p', {}, para)));
      counter.textContent = stepCounter(position);
      counter.setAttribute('aria-label', t('brief.counterLabel', { n: position.index + 1, total: position.count }));
      const focused = document.activeElement;
      previous.disabled = isFirst(position);
      next.disabled = isLast(position);
      stage.dataset.step = String(position.index + 1);
      if (!changed) return;
      live.textContent = t('brief.announce', { n: position.index + 1, total: position.count, title: step.title });
      // A disabled button loses focus to <body>; hand it to the title so keyboard users stay in the briefing.
      if (focusTitle || ((focused === previous || focused === next) && (focused as HTMLButtonElement).disabled)) title.focus();
      store.set(withViewLayers(store.state, ctx.layers, step.view.layers));
      void flyToView(ctx.scene.camera, step.view.camera).then(() => ctx.scene.requestRender());
      figures.replaceChildren();
      if (step.view.time) figures.append(el('p', { class: 'briefing-time' }, t('brief.time', { time: new Date(step.view.time).toLocaleString(store.state.lang === 'nl' ? 'nl-NL' : 'en-GB') })));
      const scenarioId = step.view.scenarioId;
      if (scenarioId) {
        const index = position.index;
        void scenarioOf(scenarioId).then((scenario) => {
          if (!scenario || position?.index !== index) return;
          const rows = INDICATOR_KEYS.flatMap((key) => {
            const value = scenario.indicators?.[key];
            return typeof value === 'number' ? [{ key, value }] : [];
          });
          figures.append(
            el('p', { class: 'briefing-scenario' }, t('brief.scenario', { name: scenario.name })),
            rows.length > 0 ? indicatorTable(store.state.lang, t('brief.indicatorsCaption', { name: scenario.name }), rows) : el('p', {}, t('brief.noIndicators')),
          );
        });
      }
    };

    const go = (action: BriefingAction, focusTitle = false) => {
      if (!position) return;
      position = navigate(position, action);
      show(focusTitle);
    };
    previous.addEventListener('click', () => go('previous'));
    next.addEventListener('click', () => go('next'));
    document.addEventListener('keydown', (event) => {
      const action = actionForKey(event, isField(event.target));
      if (!action) return;
      event.preventDefault();
      go(action);
    });

    position = createPosition(briefing.steps.length, indexFromStepParam(new URLSearchParams(location.search).get('step'), briefing.steps.length));
    store.subscribe((state, before) => {
      const first = shownIndex < 0;
      if (!first && state.lang === before.lang) return;
      renderStatic();
      // Re-render the step in the new language (its table too); the camera is already there.
      shownIndex = -1;
      show(first);
    });
    void ctx.ready().then(() => {
      stage.dataset.ready = 'true';
    });
  }

  return { position: () => position };
}
