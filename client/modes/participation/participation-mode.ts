// Participation mode for citizens (`/?mode=participation&session=ID`): the session's published scenario with the
// planner panels hidden, a plain-language introduction and privacy note, and a way to place a comment pin on a
// building or spot (a click, or the centre of the view for keyboard users) with a category and text. No account and
// no personal data: the server refuses texts with an e-mail address or phone number and explains why.
import { ScreenSpaceEventHandler, ScreenSpaceEventType, type Cartesian2 } from '@cesium/engine';
import { COMMENT_CATEGORIES, type Comment, type ParticipationSession, type Scenario } from '../../../server/contracts/workspace.ts';
import { fetchScenario, ProblemError } from '../../api/briefing-api.ts';
import { commentErrorMessage } from './comment-error.ts';
import { fetchParticipationSession, listComments, postComment } from '../../api/participation-api.ts';
import { translate } from '../../i18n/i18n.ts';
import { el } from '../../panels/dom.ts';
import type { ModeContext } from '../mode-context.ts';
import { flyToPoint } from '../shared/fly-to-point.ts';
import { flyToView, withViewLayers } from '../shared/saved-view.ts';
import { commentItem } from './comment-list.ts';
import { createCommentMarkers } from './comment-markers.ts';
import { mergeComments, readOwnComments, rememberOwnComment } from './own-comments.ts';
import { pinPlaceAt, type PinPlace } from './pin-position.ts';

const DRAFT_ID = 'draft';

export function startParticipationMode(ctx: ModeContext, sessionId: string): void {
  const { store, scene } = ctx;
  const t = (key: string, params?: Record<string, string | number>) => translate(store.state.lang, key, params);
  document.body.classList.add('mode-participation');
  const panel = el('section', { class: 'panel participation-panel', id: 'participation-panel', 'aria-labelledby': 'participation-title' });
  ctx.sidebar.prepend(panel);
  const markers = createCommentMarkers(scene);
  let draft: PinPlace | undefined;
  let session: ParticipationSession | undefined;
  let scenario: Scenario | undefined;
  let approved: Comment[] = [];

  // Built once; the texts are filled in by render() so a language switch re-labels everything in place.
  const title = el('h1', { id: 'participation-title', class: 'participation-title', tabindex: '-1' });
  const intro = el('div', { class: 'participation-intro' });
  const privacySummary = el('summary', {});
  const privacy = el('details', { class: 'participation-privacy', id: 'participation-privacy' }, privacySummary, el('div', {}));
  const placeHeading = el('h2', { id: 'participation-place-heading' });
  const placeHelp = el('p', { id: 'participation-place-help' });
  const centreButton = el('button', { type: 'button', id: 'participation-pin-centre' });
  const where = el('p', { id: 'participation-where', class: 'participation-where', role: 'status', 'aria-live': 'polite' });
  const legend = el('legend', {});
  const radios = COMMENT_CATEGORIES.map((category, i) =>
    el('input', { type: 'radio', name: 'participation-category', id: `participation-category-${category}`, value: category, checked: i === 0 }),
  );
  const radioLabels = COMMENT_CATEGORIES.map((category) => el('label', { for: `participation-category-${category}` }));
  const categories = el(
    'fieldset',
    { class: 'participation-categories' },
    legend,
    ...radios.flatMap((radio, i) => [el('span', { class: 'radio' }, radio, radioLabels[i])]),
  );
  const textLabel = el('label', { for: 'participation-text' });
  const textHint = el('p', { id: 'participation-text-hint', class: 'hint' });
  const text = el('textarea', { id: 'participation-text', maxlength: '1000', rows: '4', required: true, 'aria-describedby': 'participation-text-hint' });
  const submit = el('button', { type: 'submit', id: 'participation-submit', class: 'mode-primary' });
  const error = el('p', { class: 'mode-error', id: 'participation-error', role: 'alert' });
  const done = el('p', { class: 'mode-message', id: 'participation-done', role: 'status', 'aria-live': 'polite' });
  const form = el('form', { class: 'participation-form', id: 'participation-form', novalidate: true }, categories, textLabel, textHint, text, submit, error, done);
  const listHeading = el('h2', { id: 'participation-list-heading' });
  const list = el('ul', { class: 'comment-list', id: 'participation-comments', 'aria-labelledby': 'participation-list-heading' });
  const closed = el('p', { class: 'participation-closed', role: 'note' });
  panel.append(title, intro, privacy, closed, placeHeading, placeHelp, centreButton, where, form, listHeading, list);

  function renderTexts(): void {
    title.textContent = session?.title ?? t('part.loading');
    intro.replaceChildren(
      el('p', {}, t('part.introGeneric')),
      ...(session?.introduction ? session.introduction.split(/\n{2,}/).map((p) => el('p', {}, p)) : []),
      scenario ? el('p', { class: 'participation-scenario' }, t('part.scenario', { name: scenario.name })) : '',
      scenario?.description ? el('p', {}, scenario.description) : '',
    );
    privacySummary.textContent = t('part.privacyHeading');
    const retention = session ? new Date(session.retentionUntil).toLocaleDateString(store.state.lang === 'nl' ? 'nl-NL' : 'en-GB') : '–';
    const closes = session ? new Date(session.closesAt).toLocaleDateString(store.state.lang === 'nl' ? 'nl-NL' : 'en-GB') : '–';
    privacy.lastElementChild!.replaceChildren(
      el('p', {}, t('part.privacy.what', { closes })),
      el('p', {}, t('part.privacy.noAccount')),
      el('p', {}, t('part.privacy.retention', { date: retention })),
      el('p', {}, t('part.privacy.own')),
    );
    closed.textContent = session?.status === 'closed' ? t('part.closed') : '';
    closed.hidden = session?.status !== 'closed';
    placeHeading.textContent = t('part.placeHeading');
    placeHelp.textContent = t('part.placeHelp');
    centreButton.textContent = t('part.pinCentre');
    legend.textContent = t('part.categoryLegend');
    COMMENT_CATEGORIES.forEach((category, i) => (radioLabels[i].textContent = t(`part.category.${category}`)));
    textLabel.textContent = t('part.textLabel');
    textHint.textContent = t('part.textHint');
    submit.textContent = t('part.submit');
    listHeading.textContent = t('part.listHeading');
    renderWhere();
    renderComments();
  }

  function renderWhere(): void {
    where.textContent = draft ? (draft.buildingId ? t('part.where.building') : t('part.where.ground')) : t('part.where.none');
  }

  function renderComments(): void {
    const shown = mergeComments(approved, readOwnComments(sessionStorage, sessionId));
    for (const id of markers.ids()) if (id !== DRAFT_ID && !shown.some((s) => s.comment.id === id)) markers.remove(id);
    for (const s of shown) markers.set(s.comment.id, s.status, s.comment.position);
    list.replaceChildren(
      ...(shown.length === 0
        ? [el('li', { class: 'empty' }, t('part.noComments'))]
        : shown.map((s) => commentItem(store.state.lang, s, (c) => flyToPoint(scene.camera, c.position.lonDeg, c.position.latDeg, c.position.heightM)))),
    );
    panel.dataset.comments = String(shown.length);
  }

  function placeDraft(place: PinPlace | undefined): void {
    if (!place) {
      where.textContent = t('part.where.missed');
      return;
    }
    draft = place;
    markers.set(DRAFT_ID, 'draft', place.position);
    renderWhere();
  }

  const clicks = new ScreenSpaceEventHandler(scene.canvas);
  clicks.setInputAction((event: { position: Cartesian2 }) => {
    if (session?.status !== 'open') return;
    placeDraft(pinPlaceAt(scene, event.position.x, event.position.y, ctx.pickBuilding));
    text.focus();
  }, ScreenSpaceEventType.LEFT_CLICK);

  centreButton.addEventListener('click', () => {
    const canvas = scene.canvas;
    placeDraft(pinPlaceAt(scene, canvas.clientWidth / 2, canvas.clientHeight / 2, ctx.pickBuilding));
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.textContent = '';
    done.textContent = '';
    if (!session || session.status !== 'open') return;
    if (!draft) {
      error.textContent = t('part.error.noPin');
      centreButton.focus();
      return;
    }
    if (!text.value.trim()) {
      error.textContent = t('part.error.noText');
      text.focus();
      return;
    }
    const category = radios.find((r) => r.checked)?.value as Comment['category'];
    submit.disabled = true;
    postComment(sessionId, { category, text: text.value, position: draft.position, ...(draft.buildingId ? { buildingId: draft.buildingId } : {}) })
      .then((comment) => {
        rememberOwnComment(sessionStorage, comment);
        markers.remove(DRAFT_ID);
        draft = undefined;
        text.value = '';
        renderWhere();
        renderComments();
        done.textContent = t('part.sent');
      })
      .catch((e: unknown) => {
        error.textContent = commentErrorMessage(e, store.state.lang);
        text.focus();
      })
      .finally(() => {
        submit.disabled = false;
      });
  });

  store.subscribe((state, before) => {
    if (state.lang !== before.lang || !title.textContent) renderTexts();
  });

  void (async () => {
    try {
      session = await fetchParticipationSession(sessionId);
    } catch (e) {
      title.textContent = t('part.notFound');
      panel.dataset.failed = e instanceof ProblemError ? String(e.status) : 'network';
      form.hidden = true;
      centreButton.hidden = true;
      return;
    }
    scenario = await fetchScenario(session.scenarioId).catch(() => undefined);
    approved = await listComments(sessionId).catch(() => []);
    form.hidden = session.status !== 'open';
    centreButton.disabled = session.status !== 'open';
    renderTexts();
    if (scenario && scenario.inputs.layers.length > 0) store.set(withViewLayers(store.state, ctx.layers, scenario.inputs.layers));
    const firstView = scenario?.inputs.views[0];
    if (firstView) void flyToView(scene.camera, firstView.camera, true);
    panel.dataset.ready = 'true';
    title.focus();
  })();
  renderTexts();
}
