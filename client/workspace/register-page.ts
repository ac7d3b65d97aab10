// The algorithm register and data provenance page, in the spirit of the municipal algorithm registers: every
// algorithm (purpose, inputs, assumptions, limits, owner, human in the loop) and every layer (source, licence, date,
// privacy class). A modal <dialog>: the browser gives it focus containment and Escape; the header button opens it.
import type { AlgorithmInfo, LayerInfo } from '../api/twin-api.ts';
import { translate, type Language } from '../i18n/i18n.ts';
import { el } from '../panels/dom.ts';
import type { StateStore } from '../state/app-state.ts';

type Bilingual = { nl: string; en: string };

/** Fields the register may carry beyond AlgorithmInfo; shown when the server sends them. */
interface RegisterExtras {
  owner?: string | Bilingual;
  humanInTheLoop?: string | boolean | Bilingual;
  references?: string[];
}

function textOf(lang: Language, value: string | boolean | Bilingual | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return translate(lang, value ? 'ws.register.yes' : 'ws.register.no');
  if (typeof value === 'string') return value;
  return value[lang] ?? value.nl;
}

function list(items: string[]): HTMLElement {
  return items.length > 0 ? el('ul', {}, ...items.map((i) => el('li', {}, i))) : el('p', {}, '—');
}

export function algorithmEntry(lang: Language, a: AlgorithmInfo & RegisterExtras): HTMLElement {
  const t = (key: string) => translate(lang, key);
  const missing = t('ws.register.notStated');
  const headingId = `ws-register-alg-${a.id}`;
  return el(
    'article',
    { class: 'ws-register-entry', 'data-algorithm': a.id, 'aria-labelledby': headingId },
    el('h4', { id: headingId }, a.title[lang]),
    el(
      'dl',
      {},
      el('dt', {}, t('ws.register.purpose')),
      el('dd', {}, a.purpose[lang]),
      el('dt', {}, t('algorithms.inputs')),
      el('dd', {}, list(a.inputs)),
      el('dt', {}, t('algorithms.assumptions')),
      el('dd', {}, list(a.assumptions.map((x) => x[lang]))),
      el('dt', {}, t('algorithms.limits')),
      el('dd', {}, list(a.limits.map((x) => x[lang]))),
      el('dt', {}, t('ws.register.owner')),
      el('dd', { 'data-field': 'owner' }, textOf(lang, a.owner) ?? missing),
      el('dt', {}, t('ws.register.human')),
      el('dd', { 'data-field': 'humanInTheLoop' }, textOf(lang, a.humanInTheLoop) ?? missing),
      el('dt', {}, t('algorithms.code')),
      el('dd', {}, a.code.length > 0 ? el('ul', {}, ...a.code.map((c) => el('li', {}, el('code', {}, c)))) : '—'),
      ...(a.references && a.references.length > 0 ? [el('dt', {}, t('ws.register.references')), el('dd', {}, list(a.references))] : []),
    ),
  );
}

export function layerTable(lang: Language, layers: readonly LayerInfo[]): HTMLTableElement {
  const t = (key: string) => translate(lang, key);
  return el(
    'table',
    { class: 'ws-register-layers', id: 'ws-register-layers' },
    el('caption', {}, t('ws.register.layersCaption')),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...['layer', 'source', 'licence', 'date', 'privacy', 'synthetic'].map((c) => el('th', { scope: 'col' }, t(`ws.register.col.${c}`))),
      ),
    ),
    el(
      'tbody',
      {},
      ...layers.map((l) =>
        el(
          'tr',
          { 'data-layer': l.id },
          el('th', { scope: 'row' }, l.title?.[lang] ?? l.id),
          el('td', {}, l.source || '—'),
          el('td', {}, l.licence || '—'),
          el('td', {}, l.date || '—'),
          el('td', {}, l.privacyClass ? translate(lang, `ws.privacy.${l.privacyClass}`).replace(/^ws\.privacy\./, '') : '—'),
          el('td', {}, t(l.synthetic ? 'ws.register.yes' : 'ws.register.no')),
        ),
      ),
    ),
  );
}

export interface RegisterPage {
  /** The header button that opens the page. */
  button: HTMLButtonElement;
  dialog: HTMLDialogElement;
}

export function createRegisterPage(store: StateStore, algorithms: readonly AlgorithmInfo[], layers: readonly LayerInfo[]): RegisterPage {
  const button = el('button', { type: 'button', id: 'ws-register-open', class: 'header-button' });
  const heading = el('h2', { id: 'ws-register-heading' });
  const close = el('button', { type: 'button', id: 'ws-register-close', class: 'ws-close' });
  const intro = el('p', { class: 'panel-intro' });
  const algHeading = el('h3', { id: 'ws-register-alg-heading' });
  const algList = el('div', { class: 'ws-register-list' });
  const layerHeading = el('h3', { id: 'ws-register-layer-heading' });
  const layerBlock = el('div', { class: 'ws-register-table-wrap' });
  const dialog = el(
    'dialog',
    { class: 'ws-register', id: 'ws-register', 'aria-labelledby': 'ws-register-heading' },
    el('div', { class: 'panel-head' }, heading, close),
    intro,
    el('section', { 'aria-labelledby': 'ws-register-alg-heading' }, algHeading, algList),
    el('section', { 'aria-labelledby': 'ws-register-layer-heading' }, layerHeading, layerBlock),
  );

  button.addEventListener('click', () => {
    if (!dialog.open) dialog.showModal();
    heading.focus();
  });
  heading.tabIndex = -1;
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => button.focus());

  store.subscribe((state, previous) => {
    if (state.lang === previous.lang && heading.textContent) return;
    const { lang } = state;
    const t = (key: string, params: Record<string, string | number> = {}) => translate(lang, key, params);
    button.textContent = t('ws.register.open');
    heading.textContent = t('ws.register.heading');
    close.textContent = t('ws.register.close');
    intro.textContent = t('ws.register.intro');
    algHeading.textContent = t('ws.register.algorithms', { count: algorithms.length });
    algList.replaceChildren(...algorithms.map((a) => algorithmEntry(lang, a)));
    layerHeading.textContent = t('ws.register.layers', { count: layers.length });
    layerBlock.replaceChildren(layerTable(lang, layers));
  });
  return { button, dialog };
}
