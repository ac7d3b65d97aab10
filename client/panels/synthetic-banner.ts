// States plainly that the demo municipality is made up, so nobody mistakes it for a real place.
import { translate } from '../i18n/i18n.ts';
import type { StateStore } from '../state/app-state.ts';
import { el } from './dom.ts';

export function createSyntheticBanner(store: StateStore, name: string): HTMLParagraphElement {
  const banner = el('p', { class: 'synthetic-banner', id: 'synthetic-banner', role: 'note' });
  store.subscribe((state) => {
    banner.textContent = translate(state.lang, 'banner.synthetic', { name });
  });
  return banner;
}
