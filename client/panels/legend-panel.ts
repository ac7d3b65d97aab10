// Legend for the current building colour mode and for the basemap. Every swatch has a text label.
import { translate } from '../i18n/i18n.ts';
import { buildingLegend } from '../layers/building-style.ts';
import { AREA_COLOURS, STREET_SYMBOLS } from '../layers/basemap-style.ts';
import type { StateStore } from '../state/app-state.ts';
import { el, swatch } from './dom.ts';

export function createLegendPanel(store: StateStore): HTMLElement {
  const heading = el('h2', { id: 'legend-heading' });
  const body = el('div', { class: 'legend-body' });
  store.subscribe((state) => {
    const t = (key: string) => translate(state.lang, key);
    heading.textContent = t('legend.heading');
    const item = (colour: string, labelKey: string) => el('li', {}, swatch(colour), t(labelKey));
    const buildings = buildingLegend(state.colourMode).map((e) => item(e.colour, e.labelKey));
    const basemap = [
      ...Object.entries(AREA_COLOURS).map(([kind, colour]) => item(colour, `area.${kind}`)),
      ...Object.entries(STREET_SYMBOLS).map(([cls, s]) => item(s.colour, `street.${cls}`)),
    ];
    body.replaceChildren(
      el('h3', {}, `${t('legend.buildings')} — ${t(`colour.${state.colourMode}`)}`),
      el('ul', { class: 'legend-list', 'data-legend': 'buildings' }, ...buildings),
      el('h3', {}, t('legend.basemap')),
      el('ul', { class: 'legend-list', 'data-legend': 'basemap' }, ...basemap),
    );
  });
  return el('section', { class: 'panel legend-panel', 'aria-labelledby': 'legend-heading' }, heading, body);
}
