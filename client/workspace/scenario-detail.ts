// The chosen scenario: its indicators, editing (a new version with a change note), run, duplicate, publish, delete
// (with an inline confirmation, no window.confirm) and the version history with restore. Edit controls exist only
// for planners; council members see the same scenario read-only.
import { INDICATOR_KEYS, type Scenario } from '../../server/contracts/workspace.ts';
import { progressPercent } from '../api/scenario-job.ts';
import { translate, type Language } from '../i18n/i18n.ts';
import { el } from '../panels/dom.ts';
import type { StateStore } from '../state/app-state.ts';
import { formatIndicator, indicatorLabel } from './indicator-table.ts';
import { statusLabel, type ScenarioContext } from './scenario-panel.ts';
import type { WorkspaceSession } from './workspace-session.ts';

export function formatWhen(lang: Language, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

function button(id: string, extra: Record<string, string> = {}): HTMLButtonElement {
  return el('button', { type: 'button', id, ...extra });
}

export function createScenarioDetail(store: StateStore, session: WorkspaceSession, context: ScenarioContext): HTMLElement {
  const title = el('h3', { id: 'ws-detail-heading', tabindex: '-1' });
  const meta = el('p', { class: 'ws-meta', id: 'ws-detail-meta' });
  const text = el('p', { class: 'ws-description' });
  const indicatorsHeading = el('h4', {});
  const indicators = el('dl', { class: 'ws-indicators', id: 'ws-indicators' });
  const runState = el('p', { class: 'ws-run-state', id: 'ws-run-state', role: 'status' });

  const open = button('ws-open');
  const run = button('ws-run');
  const compare = button('ws-compare-open');
  const duplicate = button('ws-duplicate');
  const publish = button('ws-publish');
  const remove = button('ws-delete');
  const confirmText = el('p', { id: 'ws-delete-question' });
  const confirmYes = button('ws-delete-confirm');
  const confirmNo = button('ws-delete-cancel');
  const confirm = el('div', { class: 'ws-confirm', role: 'group', 'aria-labelledby': 'ws-delete-question', hidden: true }, confirmText, confirmYes, confirmNo);
  const actions = el('div', { class: 'ws-actions' }, open, run, compare, duplicate, publish, remove);

  const editHeading = el('h4', { id: 'ws-edit-heading' });
  const nameLabel = el('label', { for: 'ws-edit-name' });
  const name = el('input', { id: 'ws-edit-name', type: 'text', maxlength: '120', required: true });
  const descriptionLabel = el('label', { for: 'ws-edit-description' });
  const description = el('textarea', { id: 'ws-edit-description', rows: '2', maxlength: '4000' });
  const noteLabel = el('label', { for: 'ws-edit-note' });
  const note = el('input', { id: 'ws-edit-note', type: 'text', maxlength: '500' });
  const takeCurrent = el('input', { id: 'ws-edit-current', type: 'checkbox' });
  const takeCurrentLabel = el('label', { for: 'ws-edit-current' });
  const save = el('button', { type: 'submit', id: 'ws-save' });
  const editForm = el(
    'form',
    { class: 'ws-edit', 'aria-labelledby': 'ws-edit-heading', novalidate: true },
    editHeading,
    el('div', { class: 'ws-field' }, nameLabel, name),
    el('div', { class: 'ws-field' }, descriptionLabel, description),
    el('div', { class: 'ws-field' }, noteLabel, note),
    el('div', { class: 'ws-check' }, takeCurrent, takeCurrentLabel),
    save,
  );

  const historyHeading = el('h4', { id: 'ws-history-heading' });
  const history = el('ol', { class: 'ws-history', id: 'ws-history', 'aria-labelledby': 'ws-history-heading' });
  const historyBlock = el('div', {}, historyHeading, history);

  const root = el(
    'div',
    { class: 'ws-detail', id: 'ws-detail', role: 'region', 'aria-labelledby': 'ws-detail-heading', hidden: true },
    title,
    meta,
    text,
    actions,
    confirm,
    runState,
    indicatorsHeading,
    indicators,
    editForm,
    historyBlock,
  );

  let filledFor = '';
  let versionsFor = '';
  const current = () => session.find(store.state.scenarioId);

  open.addEventListener('click', () => {
    const s = current();
    if (s) context.open(s);
  });
  run.addEventListener('click', () => {
    const s = current();
    if (s) void session.run(s.id);
  });
  compare.addEventListener('click', () => store.update({ compareId: store.state.compareId ?? 'current' }));
  duplicate.addEventListener('click', () => {
    const s = current();
    if (s) void session.duplicate(s.id).then((copy) => copy && store.update({ scenarioId: copy.id }));
  });
  publish.addEventListener('click', () => {
    const s = current();
    if (s) void session.setPublished(s.id, s.status !== 'published');
  });
  remove.addEventListener('click', () => {
    confirm.hidden = false;
    confirmNo.focus();
  });
  confirmNo.addEventListener('click', () => {
    confirm.hidden = true;
    remove.focus();
  });
  confirmYes.addEventListener('click', () => {
    const s = current();
    confirm.hidden = true;
    if (s) void session.remove(s.id).then((ok) => ok && store.update({ scenarioId: undefined, compareId: undefined }));
  });
  editForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const s = current();
    if (!s || !name.value.trim()) return;
    void (async () => {
      const inputs = takeCurrent.checked ? await context.currentInputs() : s.inputs;
      const saved = await session.save(s.id, { name: name.value, description: description.value, inputs, expectedVersion: s.version, changeNote: note.value });
      if (saved) {
        note.value = '';
        takeCurrent.checked = false;
      }
    })();
  });

  const renderIndicators = (lang: Language, s: Scenario) => {
    const values = s.indicators;
    if (!values) {
      indicators.replaceChildren(el('dt', {}, translate(lang, session.canEdit() ? 'ws.indicators.notRun' : 'ws.indicators.notRunViewer')), el('dd', {}, '—'));
      return;
    }
    indicators.replaceChildren(
      ...INDICATOR_KEYS.filter((key) => values[key] !== null).flatMap((key) => [
        el('dt', {}, indicatorLabel(lang, key)),
        el('dd', { 'data-indicator': key }, formatIndicator(lang, key, values[key])),
      ]),
    );
  };

  const renderHistory = (lang: Language, s: Scenario) => {
    const t = (key: string, params: Record<string, string | number> = {}) => translate(lang, key, params);
    history.replaceChildren(
      ...session.versions.map((v) => {
        // A field the catalogue has no word for is shown as the server names it.
        const changed = v.changed
          .map((field) => {
            const word = t(`ws.field.changed.${field}`);
            return word.startsWith('ws.') ? field : word;
          })
          .join(', ');
        const item = el(
          'li',
          { class: 'ws-version', 'data-version': String(v.version) },
          el('strong', {}, t('ws.versionShort', { version: v.version })),
          ` · ${v.author} · ${formatWhen(lang, v.time)}`,
          v.changeNote ? el('span', { class: 'ws-note' }, ` — ${v.changeNote}`) : null,
          v.version === 1 ? ` (${t('ws.history.created')})` : changed ? el('span', { class: 'ws-changed' }, ` (${t('ws.history.changed', { fields: changed })})`) : null,
        );
        if (session.canEdit() && v.version !== s.version) {
          const restore = el('button', { type: 'button', class: 'ws-restore', 'data-restore': String(v.version) }, t('ws.history.restore', { version: v.version }));
          restore.addEventListener('click', () => void session.restore(s.id, v.version));
          item.append(' ', restore);
        }
        return item;
      }),
    );
  };

  const render = () => {
    const { lang } = store.state;
    const t = (key: string, params: Record<string, string | number> = {}) => translate(lang, key, params);
    const s = current();
    root.hidden = !s;
    if (!s) return;
    if (versionsFor !== `${s.id}@${s.version}` && session.canCompare()) {
      versionsFor = `${s.id}@${s.version}`;
      void session.loadVersions(s.id);
    }
    const editable = session.canEdit();
    title.textContent = s.name;
    meta.textContent = `${statusLabel(lang, s)} · ${t('ws.versionShort', { version: s.version })} · ${t('ws.meta.updated', { who: s.updatedBy, when: formatWhen(lang, s.updatedAt) })}`;
    text.textContent = s.description;
    text.hidden = !s.description;
    open.textContent = t('ws.action.open');
    run.textContent = t('ws.action.run');
    compare.textContent = t('ws.action.compare');
    compare.hidden = !session.canCompare();
    duplicate.textContent = t('ws.action.duplicate');
    publish.textContent = t(s.status === 'published' ? 'ws.action.unpublish' : 'ws.action.publish');
    remove.textContent = t('ws.action.delete');
    for (const b of [run, duplicate, publish, remove]) {
      b.hidden = !editable;
      b.disabled = session.busy;
    }
    confirmText.textContent = t('ws.delete.question', { name: s.name });
    confirmYes.textContent = t('ws.delete.yes');
    confirmNo.textContent = t('ws.delete.no');
    if (!editable) confirm.hidden = true;
    const isRunning = session.running.has(s.id);
    const percent = progressPercent(session.runProgress);
    runState.textContent = isRunning ? (percent === null ? t('ws.run.running') : t('ws.run.progress', { percent })) : '';
    indicatorsHeading.textContent = t('ws.indicators.heading');
    renderIndicators(lang, s);

    editForm.hidden = !editable;
    editHeading.textContent = t('ws.edit.heading');
    nameLabel.textContent = t('ws.field.name');
    descriptionLabel.textContent = t('ws.field.description');
    noteLabel.textContent = t('ws.field.changeNote');
    takeCurrentLabel.textContent = t('ws.edit.takeCurrent');
    save.textContent = t('ws.edit.save');
    save.disabled = session.busy;
    // Fill the fields once per version, so typing is never overwritten by a re-render.
    if (filledFor !== `${s.id}@${s.version}`) {
      filledFor = `${s.id}@${s.version}`;
      name.value = s.name;
      description.value = s.description;
    }
    historyBlock.hidden = !session.canCompare();
    historyHeading.textContent = t('ws.history.heading');
    renderHistory(lang, s);
  };
  session.subscribe(render);
  store.subscribe((state, previous) => {
    if (state.lang !== previous.lang || state.scenarioId !== previous.scenarioId || state === previous) render();
  });
  return root;
}
