// Legend for the current building colour mode, the visible omgevingsplan overlays and the basemap.
// Every swatch has a text label. (The health choropleth has its legend in the health panel, next to its chart.)
import { isDefaultVisible } from '../api/twin-api.ts';
import { translate } from '../i18n/i18n.ts';
import { buildingLegend } from '../layers/building-style.ts';
import { AREA_COLOURS, STREET_SYMBOLS } from '../layers/basemap-style.ts';
import { ENVELOPE_FILL, EXCEEDANCE_COLOUR, heritageLegend, zoneLegend } from '../layers/plan-style.ts';
import type { ThematicLayers } from '../layers/thematic-catalogue.ts';
import { isLayerVisible, type AppState, type StateStore } from '../state/app-state.ts';
import { el, swatch } from './dom.ts';

export function createLegendPanel(store: StateStore, thematic: ThematicLayers = {}): HTMLElement {
  const heading = el('h2', { id: 'legend-heading' });
  const body = el('div', { class: 'legend-body' });
  const shown = (state: AppState, role: keyof ThematicLayers) => {
    const layer = thematic[role];
    return layer !== undefined && isLayerVisible(state, layer.id, isDefaultVisible(layer));
  };
  store.subscribe((state) => {
    const t = (key: string) => translate(state.lang, key);
    heading.textContent = t('legend.heading');
    const item = (colour: string, labelKey: string) => el('li', {}, swatch(colour), t(labelKey));
    const section = (titleKey: string, id: string, items: HTMLElement[]) => [
      el('h3', {}, t(titleKey)),
      el('ul', { class: 'legend-list', 'data-legend': id }, ...items),
    ];
    const buildings = buildingLegend(state.colourMode).map((e) => item(e.colour, e.labelKey));
    if (shown(state, 'heights')) buildings.push(item(EXCEEDANCE_COLOUR, 'legend.exceeding'));
    const basemap = [
      ...Object.entries(AREA_COLOURS).map(([kind, colour]) => item(colour, `area.${kind}`)),
      ...Object.entries(STREET_SYMBOLS).map(([cls, s]) => item(s.colour, `street.${cls}`)),
    ];
    body.replaceChildren(
      el('h3', {}, `${t('legend.buildings')} — ${t(`colour.${state.colourMode}`)}`),
      el('ul', { class: 'legend-list', 'data-legend': 'buildings' }, ...buildings),
      ...(shown(state, 'zones') ? section('legend.zones', 'zones', zoneLegend().map((e) => item(e.colour, e.labelKey))) : []),
      ...(shown(state, 'heights') ? section('legend.envelopes', 'envelopes', [item(ENVELOPE_FILL, 'legend.envelope')]) : []),
      ...(shown(state, 'heritage') ? section('legend.heritage', 'heritage', heritageLegend().map((e) => item(e.colour, e.labelKey))) : []),
      ...section('legend.basemap', 'basemap', basemap),
    );
  });
  return el('section', { class: 'panel legend-panel', 'aria-labelledby': 'legend-heading' }, heading, body);
}
