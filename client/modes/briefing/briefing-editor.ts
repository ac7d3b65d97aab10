// A minimal briefing editor for planners (`/?mode=briefing-edit[&briefing=ID]`): the planner panels stay, so the
// planner sets up the view as usual and adds it as a step (title + text); steps can be removed and moved; saving
// creates or updates the briefing.
import type { Briefing, Scenario } from '../../../server/contracts/workspace.ts';
import { createBriefing, fetchBriefing, listScenarios, ProblemError, updateBriefing } from '../../api/briefing-api.ts';
import { translate } from '../../i18n/i18n.ts';
import { el } from '../../panels/dom.ts';
import type { ModeContext } from '../mode-context.ts';
import { modeUrl } from '../mode-from-url.ts';
import { ensureSignedIn } from '../shared/sign-in-form.ts';
import { savedViewOf } from '../shared/saved-view.ts';

type Step = Briefing['steps'][number];

export function startBriefingEditor(ctx: ModeContext, briefingId: string | null): void {
  const { store } = ctx;
  const t = (key: string, params?: Record<string, string | number>) => translate(store.state.lang, key, params);
  const panel = el('section', { class: 'panel briefing-editor', id: 'briefing-editor', 'aria-labelledby': 'briefing-editor-heading' });
  ctx.sidebar.prepend(panel);

  void (async () => {
    const session = await ensureSignedIn(store, panel, ['planner']);
    let id = briefingId;
    let steps: Step[] = [];
    let title = '';
    let summary = '';
    if (id) {
      try {
        const existing = await fetchBriefing(id);
        ({ title, summary } = existing);
        steps = [...existing.steps];
      } catch {
        id = null;
      }
    }
    const scenarios: Scenario[] = await listScenarios().catch(() => []);

    const heading = el('h2', { id: 'briefing-editor-heading' }, t('brief.editor.heading'));
    const titleInput = el('input', { id: 'briefing-edit-title', maxlength: '160', required: true, value: title });
    const summaryInput = el('textarea', { id: 'briefing-edit-summary', maxlength: '4000', rows: '2' });
    summaryInput.value = summary;
    const list = el('ol', { class: 'briefing-edit-steps', id: 'briefing-edit-steps' });
    const stepTitle = el('input', { id: 'briefing-step-title', maxlength: '120' });
    const stepText = el('textarea', { id: 'briefing-step-text', maxlength: '2000', rows: '3' });
    const scenarioSelect = el(
      'select',
      { id: 'briefing-step-scenario' },
      el('option', { value: '' }, t('brief.editor.noScenario')),
      ...scenarios.map((s) => el('option', { value: s.id }, s.name)),
    );
    const add = el('button', { type: 'button', id: 'briefing-add-step' }, t('brief.editor.addStep'));
    const save = el('button', { type: 'button', id: 'briefing-save', class: 'mode-primary' }, t('brief.editor.save'));
    const message = el('p', { class: 'mode-message', role: 'status', 'aria-live': 'polite' });
    const error = el('p', { class: 'mode-error', role: 'alert' });
    const links = el('p', { class: 'briefing-edit-links' });

    const renderLinks = () => {
      links.replaceChildren(
        ...(id
          ? [
              el('a', { href: modeUrl({ kind: 'briefing', briefingId: id }) }, t('brief.editor.present')),
              ' · ',
              el('a', { href: modeUrl({ kind: 'briefing-print', briefingId: id }) }, t('brief.export')),
            ]
          : []),
      );
    };
    const renderSteps = () => {
      list.replaceChildren(
        ...steps.map((step, i) => {
          // The arrow and cross are decoration; the hidden text is the name (and says which step).
          const up = el('button', { type: 'button', disabled: i === 0 }, el('span', { 'aria-hidden': 'true' }, '↑ '), el('span', { class: 'visually-hidden' }, t('brief.editor.moveUp', { title: step.title })));
          const remove = el('button', { type: 'button' }, el('span', { 'aria-hidden': 'true' }, '✕ '), el('span', { class: 'visually-hidden' }, t('brief.editor.remove', { title: step.title })));
          up.addEventListener('click', () => {
            [steps[i - 1], steps[i]] = [steps[i], steps[i - 1]];
            renderSteps();
          });
          remove.addEventListener('click', () => {
            steps.splice(i, 1);
            renderSteps();
            add.focus();
          });
          return el('li', {}, el('span', { class: 'briefing-edit-step-title' }, step.title), ' ', up, ' ', remove);
        }),
      );
      if (steps.length === 0) list.append(el('li', { class: 'empty' }, t('brief.editor.noSteps')));
    };

    add.addEventListener('click', () => {
      error.textContent = '';
      const name = stepTitle.value.trim();
      if (!name) {
        error.textContent = t('brief.editor.stepTitleMissing');
        stepTitle.focus();
        return;
      }
      const view = savedViewOf(ctx.scene.camera, store.state, ctx.layers);
      steps.push({ title: name, text: stepText.value.trim(), view: scenarioSelect.value ? { ...view, scenarioId: scenarioSelect.value } : view });
      stepTitle.value = '';
      stepText.value = '';
      renderSteps();
      message.textContent = t('brief.editor.added', { n: steps.length, title: name });
      stepTitle.focus();
    });
    save.addEventListener('click', () => {
      error.textContent = '';
      const input = { title: titleInput.value.trim(), summary: summaryInput.value.trim(), steps };
      if (!input.title || steps.length === 0) {
        error.textContent = t('brief.editor.incomplete');
        return;
      }
      const request = id ? updateBriefing(id, input, session) : createBriefing(input, session);
      request
        .then((saved) => {
          id = saved.id;
          history.replaceState(null, '', `${modeUrl({ kind: 'briefing-edit', briefingId: id })}${location.hash}`);
          message.textContent = t('brief.editor.saved');
          renderLinks();
        })
        .catch((e: unknown) => {
          error.textContent = e instanceof ProblemError && e.detail ? `${t('brief.editor.saveFailed')} ${e.detail}` : t('mode.error.network');
        });
    });

    panel.append(
      heading,
      el('label', { for: titleInput.id }, t('brief.editor.title')),
      titleInput,
      el('label', { for: summaryInput.id }, t('brief.editor.summary')),
      summaryInput,
      el('h3', {}, t('brief.editor.steps')),
      list,
      el(
        'fieldset',
        { class: 'briefing-edit-new' },
        el('legend', {}, t('brief.editor.newStep')),
        el('label', { for: stepTitle.id }, t('brief.editor.stepTitle')),
        stepTitle,
        el('label', { for: stepText.id }, t('brief.editor.stepText')),
        stepText,
        el('label', { for: scenarioSelect.id }, t('brief.editor.scenario')),
        scenarioSelect,
        add,
      ),
      save,
      message,
      error,
      links,
    );
    renderSteps();
    renderLinks();
  })();
}
