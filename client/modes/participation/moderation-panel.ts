// The planners' participation panel: create a session on a published scenario (title, introduction, closing date)
// and share it (URL, QR code), moderate the queue (approve or hide, with an optional public answer; fly to the pin),
// and download the approved comments (GeoJSON, CSV) for the participation report.
import type { Comment, ParticipationSession, Scenario } from '../../../server/contracts/workspace.ts';
import { listScenarios, ProblemError, type WriteOptions } from '../../api/briefing-api.ts';
import {
  closeParticipationSession,
  createParticipationSession,
  listComments,
  listParticipationSessions,
  moderateComment,
  sessionExportUrl,
  sessionQrUrl,
} from '../../api/participation-api.ts';
import { translate } from '../../i18n/i18n.ts';
import { el } from '../../panels/dom.ts';
import type { StateStore } from '../../state/app-state.ts';
import { flyToPoint } from '../shared/fly-to-point.ts';
import { buttonWithContext } from './comment-list.ts';
import type { Camera } from '@cesium/engine';

export interface ModerationPanelDeps {
  store: StateStore;
  camera: Camera;
  credentials: WriteOptions;
  /** Session to open first (from the URL). */
  sessionId?: string | null;
}

/** `YYYY-MM-DDTHH:mm` in local time, what <input type=datetime-local> wants, four weeks from now. */
function defaultClosingLocal(now = new Date()): string {
  const d = new Date(now.getTime() + 28 * 24 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function createModerationPanel({ store, camera, credentials, sessionId = null }: ModerationPanelDeps): HTMLElement {
  const t = (key: string, params?: Record<string, string | number>) => translate(store.state.lang, key, params);
  const panel = el('section', { class: 'panel moderation-panel', id: 'moderation-panel', 'aria-labelledby': 'moderation-heading' });
  let sessions: ParticipationSession[] = [];
  let scenarios: Scenario[] = [];
  let selected: string | null = sessionId;

  const heading = el('h2', { id: 'moderation-heading' });
  const sessionLabel = el('label', { for: 'moderation-session' });
  const sessionSelect = el('select', { id: 'moderation-session' });
  const sessionInfo = el('div', { class: 'moderation-session-info', id: 'moderation-session-info' });
  const queueHeading = el('h3', { id: 'moderation-queue-heading' });
  const queue = el('ul', { class: 'moderation-queue', id: 'moderation-queue', 'aria-labelledby': 'moderation-queue-heading' });
  const status = el('p', { class: 'mode-message', role: 'status', 'aria-live': 'polite' });
  const error = el('p', { class: 'mode-error', role: 'alert' });

  // New session form.
  const newSummary = el('summary', {});
  const newTitle = el('input', { id: 'session-new-title', maxlength: '160', required: true });
  const newIntro = el('textarea', { id: 'session-new-intro', maxlength: '4000', rows: '3' });
  const newScenario = el('select', { id: 'session-new-scenario', required: true });
  const newCloses = el('input', { id: 'session-new-closes', type: 'datetime-local', required: true, value: defaultClosingLocal() });
  const newSubmit = el('button', { type: 'submit', class: 'mode-primary', id: 'session-new-submit' });
  const labels = {
    title: el('label', { for: newTitle.id }),
    intro: el('label', { for: newIntro.id }),
    scenario: el('label', { for: newScenario.id }),
    closes: el('label', { for: newCloses.id }),
  };
  const newForm = el('form', { class: 'session-new-form' }, labels.title, newTitle, labels.intro, newIntro, labels.scenario, newScenario, labels.closes, newCloses, newSubmit);
  const newDetails = el('details', { class: 'session-new', id: 'session-new' }, newSummary, newForm);

  panel.append(heading, newDetails, sessionLabel, sessionSelect, sessionInfo, queueHeading, queue, status, error);

  function renderStatic(): void {
    heading.textContent = t('mod.heading');
    sessionLabel.textContent = t('mod.session');
    newSummary.textContent = t('mod.new.heading');
    labels.title.textContent = t('mod.new.title');
    labels.intro.textContent = t('mod.new.intro');
    labels.scenario.textContent = t('mod.new.scenario');
    labels.closes.textContent = t('mod.new.closes');
    newSubmit.textContent = t('mod.new.submit');
    const published = scenarios.filter((s) => s.status === 'published');
    newScenario.replaceChildren(
      ...(published.length === 0 ? [el('option', { value: '' }, t('mod.new.noScenario'))] : published.map((s) => el('option', { value: s.id }, s.name))),
    );
    sessionSelect.replaceChildren(
      ...(sessions.length === 0
        ? [el('option', { value: '' }, t('mod.noSessions'))]
        : sessions.map((s) => el('option', { value: s.id, selected: s.id === selected }, `${s.title}${s.status === 'closed' ? ` (${t('mod.closed')})` : ''}`))),
    );
  }

  function renderSessionInfo(): void {
    const session = sessions.find((s) => s.id === selected);
    if (!session) {
      sessionInfo.replaceChildren();
      return;
    }
    const absolute = new URL(session.url, location.origin).href;
    const close = el('button', { type: 'button', id: 'moderation-close-session', disabled: session.status !== 'open' }, t('mod.close'));
    close.addEventListener('click', () => {
      closeParticipationSession(session.id, credentials)
        .then((updated) => {
          sessions = sessions.map((s) => (s.id === updated.id ? updated : s));
          renderStatic();
          renderSessionInfo();
          status.textContent = t('mod.closedDone');
        })
        .catch(showError);
    });
    sessionInfo.replaceChildren(
      el('p', {}, t('mod.url'), ' ', el('a', { href: session.url, id: 'moderation-session-url' }, absolute)),
      el('img', { class: 'moderation-qr', src: sessionQrUrl(session.id), width: '160', height: '160', alt: t('mod.qrAlt', { title: session.title }) }),
      el(
        'p',
        {},
        t('mod.export'),
        ' ',
        el('a', { href: sessionExportUrl(session.id, 'geojson'), download: true, id: 'moderation-export-geojson' }, 'GeoJSON'),
        ' · ',
        el('a', { href: sessionExportUrl(session.id, 'csv'), download: true, id: 'moderation-export-csv' }, 'CSV'),
      ),
      close,
    );
  }

  async function loadQueue(): Promise<void> {
    queueHeading.textContent = t('mod.queue', { n: '…' });
    if (!selected) {
      queue.replaceChildren();
      return;
    }
    let pending: Comment[];
    try {
      pending = await listComments(selected, 'pending');
    } catch (e) {
      showError(e);
      return;
    }
    queueHeading.textContent = t('mod.queue', { n: pending.length });
    panel.dataset.pending = String(pending.length);
    queue.replaceChildren(...(pending.length === 0 ? [el('li', { class: 'empty' }, t('mod.queueEmpty'))] : pending.map(queueItem)));
  }

  function queueItem(comment: Comment): HTMLLIElement {
    const answerId = `moderation-answer-${comment.id}`;
    const answer = el('textarea', { id: answerId, maxlength: '2000', rows: '2' });
    const category = t(`part.category.${comment.category}`);
    const approve = buttonWithContext(t('mod.approve'), category, { class: 'mode-primary moderation-approve' });
    const hide = buttonWithContext(t('mod.hide'), category, { class: 'moderation-hide' });
    const fly = buttonWithContext(t('part.showOnMap'), category, { class: 'moderation-fly' });
    fly.addEventListener('click', () => flyToPoint(camera, comment.position.lonDeg, comment.position.latDeg, comment.position.heightM));
    const item = el(
      'li',
      { class: 'moderation-item', 'data-comment-id': comment.id },
      el('p', { class: 'comment-head' }, el('span', { class: `comment-category category-${comment.category}` }, category), ' ', el('time', { datetime: comment.createdAt }, new Date(comment.createdAt).toLocaleString(store.state.lang === 'nl' ? 'nl-NL' : 'en-GB'))),
      el('p', { class: 'comment-text' }, comment.text),
      el('p', { class: 'comment-where' }, comment.buildingId ? t('mod.onBuilding', { id: comment.buildingId }) : t('mod.atPoint', { lon: comment.position.lonDeg.toFixed(5), lat: comment.position.latDeg.toFixed(5) })),
      fly,
      el('label', { for: answerId }, t('mod.answer')),
      answer,
      el('p', { class: 'moderation-actions' }, approve, ' ', hide),
    );
    const act = (action: 'approve' | 'hide') => {
      approve.disabled = hide.disabled = true;
      moderateComment(comment.id, action, answer.value, credentials)
        .then(() => {
          status.textContent = t(action === 'approve' ? 'mod.approved' : 'mod.hidden');
          const next = (item.nextElementSibling ?? item.previousElementSibling) as HTMLElement | null;
          item.remove();
          const left = queue.querySelectorAll('.moderation-item').length;
          queueHeading.textContent = t('mod.queue', { n: left });
          panel.dataset.pending = String(left);
          // Keep keyboard users in the queue: the next item's first button, or the heading when it is empty.
          (next?.querySelector<HTMLElement>('button') ?? sessionSelect).focus();
          if (left === 0) queue.replaceChildren(el('li', { class: 'empty' }, t('mod.queueEmpty')));
        })
        .catch((e: unknown) => {
          approve.disabled = hide.disabled = false;
          showError(e);
        });
    };
    approve.addEventListener('click', () => act('approve'));
    hide.addEventListener('click', () => act('hide'));
    return item;
  }

  function showError(e: unknown): void {
    error.textContent = e instanceof ProblemError ? `${t('mod.failed')} ${e.detail || e.status}` : t('mode.error.network');
  }

  sessionSelect.addEventListener('change', () => {
    selected = sessionSelect.value || null;
    renderSessionInfo();
    void loadQueue();
  });

  newForm.addEventListener('submit', (event) => {
    event.preventDefault();
    error.textContent = '';
    const closesAt = new Date(newCloses.value);
    if (!newTitle.value.trim() || !newScenario.value || Number.isNaN(closesAt.getTime())) {
      error.textContent = t('mod.new.incomplete');
      return;
    }
    createParticipationSession({ title: newTitle.value, introduction: newIntro.value, scenarioId: newScenario.value, closesAt: closesAt.toISOString() }, credentials)
      .then((created) => {
        sessions = [created, ...sessions.filter((s) => s.id !== created.id)];
        selected = created.id;
        newTitle.value = '';
        newIntro.value = '';
        newDetails.open = false;
        renderStatic();
        renderSessionInfo();
        void loadQueue();
        status.textContent = t('mod.new.created', { title: created.title });
        sessionSelect.focus();
      })
      .catch(showError);
  });

  store.subscribe((state, before) => {
    if (state.lang === before.lang && heading.textContent) return;
    renderStatic();
    renderSessionInfo();
    void loadQueue();
  });

  void (async () => {
    [sessions, scenarios] = await Promise.all([listParticipationSessions().catch(() => []), listScenarios().catch(() => [])]);
    if (!selected || !sessions.some((s) => s.id === selected)) selected = sessions[0]?.id ?? null;
    renderStatic();
    renderSessionInfo();
    await loadQueue();
    panel.dataset.ready = 'true';
  })();
  return panel;
}
