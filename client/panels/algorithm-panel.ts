// The algorithm register in the viewer: what each algorithm does, from what, under which assumptions and limits.
import type { AlgorithmInfo } from '../api/twin-api.ts';
import { translate } from '../i18n/i18n.ts';
import type { StateStore } from '../state/app-state.ts';
import { el } from './dom.ts';

export function createAlgorithmPanel(store: StateStore, algorithms: AlgorithmInfo[]): HTMLElement {
  const heading = el('h2', { id: 'algorithms-heading' });
  const intro = el('p', { class: 'panel-intro' });
  const list = el('div', { class: 'algorithm-list' });
  const section = el('section', { class: 'panel algorithm-panel', 'aria-labelledby': 'algorithms-heading' }, heading, intro, list);

  store.subscribe((state, previous) => {
    if (list.childElementCount > 0 && state.lang === previous.lang) return;
    const t = (key: string) => translate(state.lang, key);
    heading.textContent = t('algorithms.heading');
    intro.textContent = t('algorithms.intro');
    list.replaceChildren(
      ...algorithms.map((a) =>
        el(
          'details',
          { class: 'algorithm', 'data-algorithm': a.id },
          el('summary', {}, a.title[state.lang]),
          el('p', {}, a.purpose[state.lang]),
          el('h3', {}, t('algorithms.inputs')),
          el('ul', {}, ...a.inputs.map((i) => el('li', {}, i))),
          el('h3', {}, t('algorithms.assumptions')),
          el('ul', {}, ...a.assumptions.map((x) => el('li', {}, x[state.lang]))),
          el('h3', {}, t('algorithms.limits')),
          el('ul', {}, ...a.limits.map((x) => el('li', {}, x[state.lang]))),
          el('h3', {}, t('algorithms.code')),
          el('ul', {}, ...a.code.map((c) => el('li', {}, el('code', {}, c)))),
        ),
      ),
    );
  });
  return section;
}
