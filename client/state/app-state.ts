// The one model of what the user sees. Cesium objects and panels follow it; it round-trips through the URL hash.
import { isLanguage, type Language } from '../i18n/i18n.ts';

export const COLOUR_MODES = ['function', 'height', 'year'] as const;
export type ColourMode = (typeof COLOUR_MODES)[number];

export interface AppState {
  readonly lang: Language;
  readonly colourMode: ColourMode;
  /** Layers the user switched off. Stored as the exception so that a newly added layer shows by default. */
  readonly hiddenLayers: readonly string[];
  /** BAG pand id of the selected building. */
  readonly selectedBuildingId: string | null;
}

export function createDefaultState(): AppState {
  return { lang: 'nl', colourMode: 'function', hiddenLayers: [], selectedBuildingId: null };
}

export function isColourMode(value: unknown): value is ColourMode {
  return typeof value === 'string' && (COLOUR_MODES as readonly string[]).includes(value);
}

/** `#lang=en&colour=height&hide=basemap&building=NL.IMBAG.Pand.1`; default values are left out. */
export function stateToHash(state: AppState): string {
  const defaults = createDefaultState();
  const params = new URLSearchParams();
  if (state.lang !== defaults.lang) params.set('lang', state.lang);
  if (state.colourMode !== defaults.colourMode) params.set('colour', state.colourMode);
  if (state.hiddenLayers.length > 0) params.set('hide', [...state.hiddenLayers].sort().join(','));
  if (state.selectedBuildingId) params.set('building', state.selectedBuildingId);
  const text = params.toString();
  return text ? `#${text}` : '';
}

/** Reads a hash written by stateToHash; anything unknown or malformed falls back to the default. */
export function stateFromHash(hash: string): AppState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const defaults = createDefaultState();
  const lang = params.get('lang');
  const colour = params.get('colour');
  const hide = params.get('hide');
  const building = params.get('building');
  return {
    lang: isLanguage(lang) ? lang : defaults.lang,
    colourMode: isColourMode(colour) ? colour : defaults.colourMode,
    hiddenLayers: hide ? [...new Set(hide.split(',').filter((id) => /^[\w-]{1,64}$/.test(id)))].sort() : [],
    selectedBuildingId: building && building.length <= 64 ? building : null,
  };
}

export function isLayerVisible(state: AppState, layerId: string): boolean {
  return !state.hiddenLayers.includes(layerId);
}

export function withLayerVisibility(state: AppState, layerId: string, visible: boolean): AppState {
  const others = state.hiddenLayers.filter((id) => id !== layerId);
  return { ...state, hiddenLayers: visible ? others : [...others, layerId].sort() };
}

export type StateListener = (state: AppState, previous: AppState) => void;

/** Holds the state; listeners run after every change and compare with `previous` to update incrementally. */
export class StateStore {
  #state: AppState;
  readonly #listeners = new Set<StateListener>();

  constructor(initial: AppState) {
    this.#state = initial;
  }

  get state(): AppState {
    return this.#state;
  }

  set(next: AppState): void {
    const previous = this.#state;
    if (stateToHash(previous) === stateToHash(next)) return;
    this.#state = next;
    for (const listener of this.#listeners) listener(next, previous);
  }

  update(patch: Partial<AppState>): void {
    this.set({ ...this.#state, ...patch });
  }

  /** Calls `listener` now (with previous = current) and after every change. */
  subscribe(listener: StateListener): () => void {
    this.#listeners.add(listener);
    listener(this.#state, this.#state);
    return () => this.#listeners.delete(listener);
  }
}
