// "Which rules apply here?": the omgevingsplan rules at the spot in state.rulesAt, with their norms, activities
// and area designations. UI chrome is translated; rule texts are Dutch legal texts and are shown as they are.
import { fetchRulesAt, type PlanRule, type RulesAt } from '../api/plan-api.ts';
import { formatNumber, translate, type Language } from '../i18n/i18n.ts';
import type { AppState, StateStore } from '../state/app-state.ts';
import { el } from './dom.ts';

type Loaded = { status: 'loading' } | { status: 'failed' } | { status: 'loaded'; body: RulesAt };

function normText(lang: Language, n: NonNullable<PlanRule['normen']>[number]): string {
  const value = typeof n.waarde === 'number' ? formatNumber(lang, n.waarde) : (n.waarde ?? '');
  return `${n.naam}: ${value}${n.eenheid ? ` ${n.eenheid}` : ''}`;
}

function activityText(a: NonNullable<PlanRule['activiteiten']>[number]): string {
  return typeof a === 'string' ? a : (a.naam ?? a.identificatie ?? '');
}

function ruleElement(lang: Language, rule: PlanRule): HTMLElement {
  const t = (key: string) => translate(lang, key);
  const list = (titleKey: string, items: string[], name: string) =>
    items.length > 0 ? [el('h4', {}, t(titleKey)), el('ul', { class: `rule-${name}` }, ...items.map((i) => el('li', {}, i)))] : [];
  return el(
    'article',
    { class: 'rule', 'data-rule': rule.identificatie },
    el('h3', {}, rule.titel || rule.identificatie),
    rule.tekst ? el('p', { class: 'rule-text', lang: 'nl' }, rule.tekst) : null,
    ...list('rules.norms', (rule.normen ?? []).map((n) => normText(lang, n)), 'norms'),
    ...list('rules.activities', (rule.activiteiten ?? []).map(activityText).filter(Boolean), 'activities'),
    ...list(
      'rules.designations',
      (rule.gebiedsaanwijzingen ?? []).map((g) => [g.type, g.naam].filter(Boolean).join(': ')).filter(Boolean),
      'designations',
    ),
  );
}

export function createRulesPanel(store: StateStore): HTMLElement {
  const heading = el('h2', { id: 'rules-heading' });
  const close = el('button', { type: 'button', class: 'rules-close', id: 'rules-close' });
  close.addEventListener('click', () => store.update({ rulesAt: null }));
  const body = el('div', { class: 'rules-body' });
  const panel = el(
    'section',
    { class: 'floating-panel rules-panel', id: 'rules-panel', 'aria-labelledby': 'rules-heading', hidden: true },
    el('div', { class: 'panel-head' }, heading, close),
    body,
  );

  let loaded: Loaded = { status: 'loading' };
  let key = '';
  let controller: AbortController | undefined;

  const render = (state: AppState) => {
    const t = (k: string) => translate(state.lang, k);
    heading.textContent = t('rules.heading');
    close.textContent = t('rules.close');
    close.setAttribute('aria-label', t('rules.closeLabel'));
    if (loaded.status === 'loading') return body.replaceChildren(el('p', {}, t('rules.loading')));
    if (loaded.status === 'failed') return body.replaceChildren(el('p', { class: 'error' }, t('rules.failed')));
    const rules = loaded.body.regels;
    body.replaceChildren(
      rules.length === 0 ? el('p', {}, t('rules.none')) : el('p', { class: 'panel-intro' }, t('rules.textLanguage')),
      ...rules.map((r) => ruleElement(state.lang, r)),
      el('p', { class: 'rules-disclaimer' }, t('rules.disclaimer')),
    );
  };

  store.subscribe((state, previous) => {
    panel.hidden = state.rulesAt === null;
    if (!state.rulesAt) {
      controller?.abort();
      key = '';
      return;
    }
    const nextKey = state.rulesAt.join(',');
    if (nextKey !== key) {
      key = nextKey;
      controller?.abort();
      const current = new AbortController();
      controller = current;
      loaded = { status: 'loading' };
      fetchRulesAt(state.rulesAt, current.signal).then(
        (body) => {
          if (current.signal.aborted) return;
          loaded = { status: 'loaded', body };
          render(store.state);
        },
        (error: unknown) => {
          if (current.signal.aborted || (error as Error)?.name === 'AbortError') return;
          loaded = { status: 'failed' };
          render(store.state);
        },
      );
      render(state);
    } else if (state.lang !== previous.lang || previous.rulesAt === null) {
      render(state);
    }
  });
  return panel;
}
