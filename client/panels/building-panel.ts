// Details of the selected building: the attributes the tile carries, then the addresses from the API.
import { fetchBuilding, type BuildingAddress, type BuildingDetails } from '../api/twin-api.ts';
import { formatNumber, translate, type Language } from '../i18n/i18n.ts';
import type { AppState, StateStore } from '../state/app-state.ts';
import { el } from './dom.ts';

/** Attributes as read from a picked tile feature (EXT_structural_metadata names). */
export type TileAttributes = Record<string, unknown>;

interface Attributes {
  id: string;
  function?: string;
  year?: number;
  heightM?: number;
  groundM?: number;
  roofType?: string;
  dwellings?: number;
  buurtCode?: string | null;
}

type Addresses = { status: 'loading' } | { status: 'failed' } | { status: 'loaded'; list: BuildingAddress[] };

/** Long values (lists the importer kept as JSON text) are cut here; the API has them whole. */
const MAX_SOURCE_VALUE_CHARS = 80;

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function attributesFromTile(id: string, tile: TileAttributes | undefined): Attributes {
  return {
    id,
    function: str(tile?.functie),
    year: num(tile?.bouwjaar),
    heightM: num(tile?.hoogte),
    groundM: num(tile?.maaiveld),
    roofType: str(tile?.daktype),
    dwellings: num(tile?.woningen),
    buurtCode: str(tile?.buurt),
  };
}

function mergeDetails(base: Attributes, details: BuildingDetails): Attributes {
  return {
    id: base.id,
    function: base.function ?? details.function,
    year: base.year ?? details.year,
    heightM: base.heightM ?? details.heightM,
    groundM: base.groundM ?? details.groundM,
    roofType: base.roofType ?? details.roofType,
    dwellings: base.dwellings ?? details.dwellings,
    buurtCode: base.buurtCode ?? details.buurtCode,
  };
}

function formatAddress(a: BuildingAddress): string {
  return `${a.street} ${a.houseNumber}${a.houseLetter ?? ''}, ${a.postcode}`;
}

function rows(lang: Language, a: Attributes): [string, string, string][] {
  const t = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
  const list: [string, string, string][] = [['id', t('building.id'), a.id]];
  if (a.function) list.push(['function', t('building.function'), t(`function.${a.function}`)]);
  if (a.year !== undefined) list.push(['year', t('building.year'), String(a.year)]);
  if (a.heightM !== undefined) list.push(['height', t('building.height'), t('unit.m', { value: formatNumber(lang, a.heightM) })]);
  if (a.groundM !== undefined) list.push(['ground', t('building.ground'), t('unit.mNap', { value: formatNumber(lang, a.groundM, 2) })]);
  if (a.roofType) list.push(['roof', t('building.roof'), t(`roof.${a.roofType}`)]);
  if (a.dwellings !== undefined) list.push(['dwellings', t('building.dwellings'), String(a.dwellings)]);
  if (a.buurtCode) list.push(['buurt', t('building.buurt'), a.buurtCode]);
  return list;
}

/**
 * The source attributes as [name, shown value] rows, in the source's order. Empty values (null, '') are left out:
 * 3D BAG carries many unset registration dates. Numbers are shown as written (ids and years, no digit grouping).
 */
export function sourceAttributeRows(lang: Language, attributes: unknown): [string, string][] {
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) return [];
  const list: [string, string][] = [];
  for (const [name, value] of Object.entries(attributes as Record<string, unknown>)) {
    let shown: string;
    if (typeof value === 'boolean') shown = translate(lang, value ? 'building.sourceTrue' : 'building.sourceFalse');
    else if (typeof value === 'number' && Number.isFinite(value)) shown = String(value);
    else if (typeof value === 'string' && value.length > 0) shown = value;
    else continue;
    list.push([name, shown.length > MAX_SOURCE_VALUE_CHARS ? `${shown.slice(0, MAX_SOURCE_VALUE_CHARS - 1)}…` : shown]);
  }
  return list;
}

export function createBuildingPanel(store: StateStore, tileAttributes: Map<string, TileAttributes>): HTMLElement {
  const heading = el('h2', { id: 'building-heading' });
  const close = el('button', { type: 'button', class: 'close-button' });
  close.addEventListener('click', () => store.update({ selectedBuildingId: null }));
  const attributeList = el('dl', { class: 'building-attributes' });
  const addressHeading = el('h3', {});
  const addressBody = el('div', { class: 'building-addresses' });
  const sourceHeading = el('h3', { id: 'building-source-heading' });
  const sourceList = el('dl', { class: 'building-attributes building-source-attributes', 'aria-labelledby': 'building-source-heading' });
  // One column: source names are long (oorspronkelijk_bouwjaar) and would squeeze the values to a few letters.
  const sourceSection = el('div', { class: 'building-source', hidden: true }, sourceHeading, sourceList);
  const panel = el(
    'section',
    { class: 'panel building-panel', id: 'building-panel', 'aria-labelledby': 'building-heading', 'aria-live': 'polite', hidden: true },
    el('div', { class: 'panel-head' }, heading, close),
    attributeList,
    addressHeading,
    addressBody,
    sourceSection,
  );

  let attributes: Attributes | undefined;
  let addresses: Addresses = { status: 'loading' };
  let sourceAttributes: unknown;
  let request: AbortController | undefined;

  const render = (state: AppState) => {
    const t = (key: string) => translate(state.lang, key);
    heading.textContent = t('building.heading');
    close.textContent = t('building.close');
    close.setAttribute('aria-label', t('building.closeLabel'));
    addressHeading.textContent = t('building.addresses');
    sourceHeading.textContent = t('building.sourceAttributes');
    panel.hidden = !attributes;
    if (!attributes) return;
    panel.dataset.buildingId = attributes.id;
    attributeList.replaceChildren(
      ...rows(state.lang, attributes).flatMap(([name, label, value]) => [
        el('dt', {}, label),
        el('dd', { 'data-attribute': name }, value),
      ]),
    );
    if (addresses.status === 'loaded') {
      addressBody.replaceChildren(
        addresses.list.length === 0
          ? el('p', {}, t('building.noAddresses'))
          : el('ul', {}, ...addresses.list.map((a) => el('li', {}, formatAddress(a)))),
      );
    } else {
      addressBody.replaceChildren(
        el('p', {}, t(addresses.status === 'loading' ? 'building.addressesLoading' : 'building.addressesFailed')),
      );
    }
    const sourceRows = sourceAttributeRows(state.lang, sourceAttributes);
    sourceSection.hidden = sourceRows.length === 0;
    sourceList.replaceChildren(
      ...sourceRows.flatMap(([name, value]) => {
        const dd = el('dd', { 'data-source-attribute': name }, value);
        return [el('dt', {}, name), dd];
      }),
    );
  };

  store.subscribe((state, previous) => {
    const id = state.selectedBuildingId;
    if (id !== previous.selectedBuildingId || (id && attributes?.id !== id)) {
      request?.abort();
      request = undefined;
      attributes = id ? attributesFromTile(id, tileAttributes.get(id)) : undefined;
      addresses = { status: 'loading' };
      sourceAttributes = undefined;
      if (id) {
        const controller = (request = new AbortController());
        fetchBuilding(id, controller.signal).then(
          (details) => {
            if (controller.signal.aborted || !attributes) return;
            attributes = mergeDetails(attributes, details);
            addresses = { status: 'loaded', list: details.addresses ?? [] };
            // Not in BuildingDetails yet (client/api/twin-api.ts); read as unknown and checked in sourceAttributeRows.
            sourceAttributes = (details as { attributes?: unknown }).attributes;
            render(store.state);
          },
          () => {
            if (controller.signal.aborted) return;
            addresses = { status: 'failed' };
            render(store.state);
          },
        );
      }
    }
    render(state);
  });
  return panel;
}
