// The layer catalogue: every layer with its provenance (source, licence, date, privacy class), a switch and,
// for overlays, an opacity slider. Native checkbox and range inputs, so all of it works from the keyboard.
import { hasOpacityControl, isDefaultVisible, type LayerInfo } from '../api/twin-api.ts';
import { translate } from '../i18n/i18n.ts';
import {
  isLayerVisible,
  layerOpacity,
  withLayerOpacity,
  withLayerVisibility,
  type AppState,
  type StateStore,
} from '../state/app-state.ts';
import { el } from './dom.ts';

export function createLayerPanel(store: StateStore, layers: LayerInfo[]): HTMLElement {
  const heading = el('h2', { id: 'layers-heading' });
  const list = el('ul', { class: 'layer-list' });
  const section = el('section', { class: 'panel layer-panel', 'aria-labelledby': 'layers-heading' }, heading, list);

  const rows = layers.map((layer) => {
    const defaultVisible = isDefaultVisible(layer);
    const checkboxId = `layer-${layer.id}`;
    const checkbox = el('input', { type: 'checkbox', id: checkboxId, 'data-layer': layer.id });
    checkbox.addEventListener('change', () =>
      store.set(withLayerVisibility(store.state, layer.id, checkbox.checked, defaultVisible)),
    );
    const label = el('label', { for: checkboxId, class: 'layer-title' });
    const meta = el('dl', { class: 'layer-meta' });
    let slider: HTMLInputElement | undefined;
    if (hasOpacityControl(layer)) {
      slider = el('input', {
        type: 'range',
        id: `opacity-${layer.id}`,
        class: 'layer-opacity',
        min: '0',
        max: '100',
        step: '5',
        'data-layer': layer.id,
      });
      const input = slider;
      input.addEventListener('input', () => store.set(withLayerOpacity(store.state, layer.id, Number(input.value))));
    }
    list.append(
      el('li', { class: 'layer', 'data-layer': layer.id }, el('div', { class: 'layer-head' }, checkbox, label), slider, meta),
    );
    return { layer, defaultVisible, checkbox, label, meta, slider };
  });

  const render = (state: AppState, languageChanged: boolean) => {
    heading.textContent = translate(state.lang, 'layers.heading');
    for (const { layer, defaultVisible, checkbox, label, meta, slider } of rows) {
      checkbox.checked = isLayerVisible(state, layer.id, defaultVisible);
      if (slider) {
        const percent = Math.round(layerOpacity(state, layer.id) * 100);
        slider.value = String(percent);
        slider.setAttribute('aria-valuetext', `${percent}%`);
        slider.disabled = !checkbox.checked;
      }
      if (!languageChanged) continue;
      const title = layer.title?.[state.lang] ?? layer.id;
      label.textContent = title;
      checkbox.setAttribute('aria-label', translate(state.lang, 'layers.show', { title }));
      slider?.setAttribute('aria-label', translate(state.lang, 'layers.opacity', { title }));
      const privacy = translate(state.lang, `privacy.${layer.privacyClass}`);
      const entries: [string, string][] = [
        ['layers.source', layer.source + (layer.synthetic ? ` (${translate(state.lang, 'layers.synthetic')})` : '')],
        ['layers.licence', layer.licence],
        ['layers.date', layer.date],
        ['layers.privacy', privacy],
      ];
      meta.replaceChildren(
        ...entries.flatMap(([key, value]) => [el('dt', {}, translate(state.lang, key)), el('dd', {}, value)]),
      );
    }
  };
  let first = true;
  store.subscribe((state, previous) => {
    render(state, first || state.lang !== previous.lang);
    first = false;
  });
  return section;
}
