// Chooses what the building colours mean: function, height or construction year.
import { translate } from '../i18n/i18n.ts';
import { COLOUR_MODES, isColourMode, type StateStore } from '../state/app-state.ts';
import { el } from './dom.ts';

export function createColourModeControl(store: StateStore): HTMLElement {
  const heading = el('h2', { id: 'colour-heading' });
  const label = el('label', { for: 'colour-mode' });
  const select = el('select', { id: 'colour-mode' });
  const options = COLOUR_MODES.map((mode) => el('option', { value: mode }));
  select.append(...options);
  select.addEventListener('change', () => {
    if (isColourMode(select.value)) store.update({ colourMode: select.value });
  });
  store.subscribe((state) => {
    heading.textContent = translate(state.lang, 'colour.heading');
    label.textContent = translate(state.lang, 'colour.label');
    COLOUR_MODES.forEach((mode, i) => {
      options[i].textContent = translate(state.lang, `colour.${mode}`);
    });
    select.value = state.colourMode;
  });
  return el('section', { class: 'panel colour-panel', 'aria-labelledby': 'colour-heading' }, heading, label, select);
}
