// The "Scenario's" panel: the list with status, a new scenario from what is on screen, and the chosen scenario's
// details (scenario-detail.ts). Which scenario is chosen lives in the app state (URL); the rest in the session.
import type { Scenario, ScenarioInputs } from '../../server/contracts/workspace.ts';
import { translate, type Language } from '../i18n/i18n.ts';
import { el } from '../panels/dom.ts';
import type { StateStore } from '../state/app-state.ts';
import { createScenarioDetail } from './scenario-detail.ts';
import type { WorkspaceSession } from './workspace-session.ts';

/** What the panels need from the rest of the app: the current inputs, and putting a scenario on screen. */
export interface ScenarioContext {
  currentInputs(): Promise<ScenarioInputs>;
  /** One line naming what a new scenario would take over (antennas, POP, camera). */
  describeCurrent(lang: Language): string;
  open(scenario: Scenario): void;
}

export function statusLabel(lang: Language, scenario: Pick<Scenario, 'status'>): string {
  return translate(lang, scenario.status === 'published' ? 'ws.status.badge.published' : 'ws.status.badge.draft');
}

export function createScenarioPanel(store: StateStore, session: WorkspaceSession, context: ScenarioContext): HTMLElement {
  const heading = el('h2', { id: 'ws-scenarios-heading' });
  const intro = el('p', { class: 'panel-intro' });
  const status = el('p', { id: 'ws-status', class: 'ws-status', role: 'status' });
  const alert = el('p', { id: 'ws-alert', class: 'error', role: 'alert' });
  const reload = el('button', { type: 'button', id: 'ws-reload', hidden: true });
  const list = el('ul', { id: 'ws-scenario-list', class: 'ws-scenario-list' });
  const empty = el('p', { class: 'panel-intro', id: 'ws-empty' });

  const createHeading = el('h3', { id: 'ws-create-heading' });
  const nameLabel = el('label', { for: 'ws-create-name' });
  const name = el('input', { id: 'ws-create-name', type: 'text', maxlength: '120', required: true });
  const descriptionLabel = el('label', { for: 'ws-create-description' });
  const description = el('textarea', { id: 'ws-create-description', rows: '2', maxlength: '4000' });
  const takes = el('p', { class: 'panel-intro', id: 'ws-create-takes' });
  const createButton = el('button', { type: 'submit', id: 'ws-create' });
  const createForm = el(
    'form',
    { class: 'ws-create', 'aria-labelledby': 'ws-create-heading', novalidate: true },
    createHeading,
    el('div', { class: 'ws-field' }, nameLabel, name),
    el('div', { class: 'ws-field' }, descriptionLabel, description),
    takes,
    createButton,
  );
  const detail = createScenarioDetail(store, session, context);
  const section = el(
    'section',
    { class: 'panel ws-scenarios', id: 'ws-scenarios', 'aria-labelledby': 'ws-scenarios-heading' },
    heading,
    intro,
    status,
    alert,
    reload,
    list,
    empty,
    createForm,
    detail,
  );

  createForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!name.value.trim()) {
      alert.textContent = translate(store.state.lang, 'ws.create.nameMissing');
      name.focus();
      return;
    }
    void (async () => {
      const inputs = await context.currentInputs();
      const created = await session.create({ name: name.value, description: description.value, inputs });
      if (created) {
        name.value = '';
        description.value = '';
        store.update({ scenarioId: created.id });
      }
    })();
  });
  reload.addEventListener('click', () => void session.refresh());

  const renderList = (lang: Language) => {
    const focusedId = (document.activeElement as HTMLElement | null)?.dataset?.scenario;
    const selected = store.state.scenarioId;
    list.replaceChildren(
      ...session.scenarios.map((s) => {
        const choose = el(
          'button',
          { type: 'button', class: 'ws-choose', 'data-scenario': s.id, 'aria-pressed': String(s.id === selected) },
          el('span', { class: 'ws-name' }, s.name),
          ' ',
          el('span', { class: `ws-badge ws-badge-${s.status}` }, statusLabel(lang, s)),
          ' ',
          el('span', { class: 'ws-version-tag' }, translate(lang, 'ws.versionShort', { version: s.version })),
        );
        choose.addEventListener('click', () => store.update({ scenarioId: s.id === store.state.scenarioId ? undefined : s.id }));
        return el('li', {}, choose);
      }),
    );
    if (focusedId) list.querySelector<HTMLElement>(`[data-scenario="${CSS.escape(focusedId)}"]`)?.focus();
  };

  const render = () => {
    const { lang } = store.state;
    const t = (key: string, params: Record<string, string | number> = {}) => translate(lang, key, params);
    heading.textContent = t('ws.scenarios.heading');
    intro.textContent = t(session.canEdit() ? 'ws.scenarios.intro' : session.canCompare() ? 'ws.scenarios.introCouncil' : 'ws.scenarios.introPublic');
    createHeading.textContent = t('ws.create.heading');
    nameLabel.textContent = t('ws.field.name');
    descriptionLabel.textContent = t('ws.field.description');
    takes.textContent = context.describeCurrent(lang);
    createButton.textContent = t('ws.create.submit');
    createButton.disabled = session.busy;
    createForm.hidden = !session.canEdit();
    const fb = session.feedback;
    status.textContent = fb?.kind === 'status' ? t(fb.key) : session.busy ? t('ws.busy') : '';
    // Sign-in failures are the sign-in form's to announce.
    alert.textContent = fb?.kind === 'error' && session.user ? `${t(fb.key)}${fb.detail && fb.key !== 'ws.error.conflict' ? ` (${fb.detail})` : ''}` : '';
    reload.hidden = fb?.key !== 'ws.error.conflict';
    reload.textContent = t('ws.reload');
    empty.textContent = session.scenarios.length === 0 ? t('ws.scenarios.empty') : '';
    empty.hidden = session.scenarios.length > 0;
    renderList(lang);
  };
  session.subscribe(render);
  store.subscribe((state, previous) => {
    if (state.lang !== previous.lang || state.scenarioId !== previous.scenarioId || !heading.textContent || state.fivegCandidates !== previous.fivegCandidates || state.fibrePop !== previous.fibrePop) render();
  });
  return section;
}
