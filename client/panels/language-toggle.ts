// Switches between Dutch and English. A real <button>, so it is reachable and operable by keyboard.
import { translate } from '../i18n/i18n.ts';
import type { StateStore } from '../state/app-state.ts';
import { el } from './dom.ts';

export function createLanguageToggle(store: StateStore): HTMLButtonElement {
  const button = el('button', { type: 'button', class: 'language-toggle', id: 'language-toggle' });
  button.addEventListener('click', () => store.update({ lang: store.state.lang === 'nl' ? 'en' : 'nl' }));
  store.subscribe((state, previous) => {
    if (state.lang === previous.lang && button.textContent) return;
    // The button names the *other* language, in that language.
    const other = state.lang === 'nl' ? 'en' : 'nl';
    button.textContent = translate(state.lang, 'language.toggle');
    button.lang = other;
    button.title = translate(state.lang, 'language.toggleLabel');
  });
  return button;
}
