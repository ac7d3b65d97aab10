// The one model of what the user sees. Cesium objects and panels follow it; it round-trips through the URL hash.
import { candidatesFromText, candidatesToText, type FivegCandidate } from '../fiveg/fiveg-candidate.ts';
import { isLanguage, type Language } from '../i18n/i18n.ts';

export const COLOUR_MODES = ['function', 'height', 'year'] as const;
export type ColourMode = (typeof COLOUR_MODES)[number];

/**
 * What a click on the map does besides selecting a building: nothing more, ask the rules, place a structure, or
 * place a candidate antenna for the 5G scenario; 'fibre' opens the fibre planner (its clicks select as usual).
 */
export const TOOLS = ['none', 'rules', 'check', 'fiveg', 'fibre'] as const;
export type Tool = (typeof TOOLS)[number];

export const STRUCTURE_KINDS = ['antenna-mast', 'rooftop-antenna', 'street-cabinet', 'building'] as const;
export type StructureKind = (typeof STRUCTURE_KINDS)[number];

export type LonLat = readonly [lon: number, lat: number];

export interface AppState {
  readonly lang: Language;
  readonly colourMode: ColourMode;
  /** Default-visible layers the user switched off. Stored as the exception so a new layer shows by default. */
  readonly hiddenLayers: readonly string[];
  /** Default-hidden layers (thematic overlays) the user switched on. */
  readonly shownLayers: readonly string[];
  /** Layer opacity in whole percent, only where it differs from 100. */
  readonly opacity: Readonly<Record<string, number>>;
  /** BAG pand id of the selected building. */
  readonly selectedBuildingId: string | null;
  /** Public-health indicator shown in the choropleth and chart; null = the first one the server lists. */
  readonly healthIndicator: string | null;
  readonly tool: Tool;
  /** Where the rules were asked ("which rules apply here?"), CRS84 degrees; null = rules panel closed. */
  readonly rulesAt: LonLat | null;
  /** Candidate antenna sites of the 5G scenario; absent = none (optional so older states stay valid). */
  readonly fivegCandidates?: readonly FivegCandidate[];
  /** RSRP threshold (dBm) the 5G per-buurt table and chart count addresses at or above; absent = the default. */
  readonly fivegThresholdDbm?: number;
  /** Fibre planner: the POP site id and the target buurt codes; absent = not chosen. */
  readonly fibrePop?: string;
  readonly fibreBuurten?: readonly string[];
  /** Workspace: the chosen scenario (its id, a UUID) and what it is compared with ('current' = today's situation). */
  readonly scenarioId?: string;
  readonly compareId?: string;
}

/** The 5G per-buurt share is shown at ≥ −90 dBm ("good", DOMAIN.md §2.3) unless the user picks another class. */
export const DEFAULT_FIVEG_THRESHOLD_DBM = -90;
export const FIVEG_THRESHOLDS_DBM = [-80, -90, -100, -110] as const;

export function fivegCandidatesOf(state: AppState): readonly FivegCandidate[] {
  return state.fivegCandidates ?? [];
}

export function fivegThresholdOf(state: AppState): number {
  return state.fivegThresholdDbm ?? DEFAULT_FIVEG_THRESHOLD_DBM;
}

export function createDefaultState(): AppState {
  return {
    lang: 'nl',
    colourMode: 'function',
    hiddenLayers: [],
    shownLayers: [],
    opacity: {},
    selectedBuildingId: null,
    healthIndicator: null,
    tool: 'none',
    rulesAt: null,
  };
}

export function isColourMode(value: unknown): value is ColourMode {
  return typeof value === 'string' && (COLOUR_MODES as readonly string[]).includes(value);
}

export function isTool(value: unknown): value is Tool {
  return typeof value === 'string' && (TOOLS as readonly string[]).includes(value);
}

const LAYER_ID = /^[\w-]{1,64}$/;
const INDICATOR_ID = /^[\w.-]{1,64}$/;
const BUURT_CODE = /^BU\d{8}$/;
const SCENARIO_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function layerList(text: string | null): string[] {
  return text ? [...new Set(text.split(',').filter((id) => LAYER_ID.test(id)))].sort() : [];
}

/** `id:percent,id:percent` with percent 0–99 (100 is the default and never written). */
function opacityFromText(text: string | null): Record<string, number> {
  const result: Record<string, number> = {};
  for (const pair of text?.split(',') ?? []) {
    const [id, value] = pair.split(':');
    const percent = Number(value);
    if (!id || !LAYER_ID.test(id) || !/^\d{1,3}$/.test(value ?? '') || percent > 100) continue;
    if (percent < 100) result[id] = percent;
  }
  return result;
}

function opacityToText(opacity: Readonly<Record<string, number>>): string {
  return Object.keys(opacity)
    .sort()
    .filter((id) => opacity[id] < 100)
    .map((id) => `${id}:${Math.round(opacity[id])}`)
    .join(',');
}

/** Six decimals of a degree is ~0.1 m: enough to share a spot, short enough for a URL. */
function lonLatFromText(text: string | null): LonLat | null {
  const parts = text?.split(',').map(Number);
  if (!parts || parts.length !== 2) return null;
  const [lon, lat] = parts;
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) return null;
  return [lon, lat];
}

/**
 * `#lang=en&colour=height&hide=basemap&show=gezondheid&opacity=gezondheid:60&building=NL.IMBAG.Pand.1
 * &indicator=eenzaamheid&tool=rules&at=5.1,52.05&ant=m,5.1,52.05,25,0_120_240,6,70,n78&rsrp=-100`; default values are
 * left out.
 */
export function stateToHash(state: AppState): string {
  const defaults = createDefaultState();
  const params = new URLSearchParams();
  if (state.lang !== defaults.lang) params.set('lang', state.lang);
  if (state.colourMode !== defaults.colourMode) params.set('colour', state.colourMode);
  if (state.hiddenLayers.length > 0) params.set('hide', [...state.hiddenLayers].sort().join(','));
  if (state.shownLayers.length > 0) params.set('show', [...state.shownLayers].sort().join(','));
  const opacity = opacityToText(state.opacity);
  if (opacity) params.set('opacity', opacity);
  if (state.selectedBuildingId) params.set('building', state.selectedBuildingId);
  if (state.healthIndicator) params.set('indicator', state.healthIndicator);
  if (state.tool !== defaults.tool) params.set('tool', state.tool);
  if (state.rulesAt) params.set('at', state.rulesAt.map((d) => d.toFixed(6)).join(','));
  if (state.fivegCandidates && state.fivegCandidates.length > 0) params.set('ant', candidatesToText(state.fivegCandidates));
  if (state.fivegThresholdDbm !== undefined && state.fivegThresholdDbm !== DEFAULT_FIVEG_THRESHOLD_DBM) params.set('rsrp', String(state.fivegThresholdDbm));
  if (state.fibrePop) params.set('fpop', state.fibrePop);
  if (state.fibreBuurten && state.fibreBuurten.length > 0) params.set('fbu', [...state.fibreBuurten].sort().join(','));
  if (state.scenarioId) params.set('scenario', state.scenarioId);
  if (state.compareId) params.set('compare', state.compareId);
  const text = params.toString();
  return text ? `#${text}` : '';
}

/** Reads a hash written by stateToHash; anything unknown or malformed falls back to the default. */
export function stateFromHash(hash: string): AppState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const defaults = createDefaultState();
  const lang = params.get('lang');
  const colour = params.get('colour');
  const building = params.get('building');
  const indicator = params.get('indicator');
  const tool = params.get('tool');
  const candidates = candidatesFromText(params.get('ant'));
  const threshold = Number(params.get('rsrp'));
  const fibrePop = params.get('fpop');
  const scenarioId = params.get('scenario');
  const compareId = params.get('compare');
  const fibreBuurten = [...new Set((params.get('fbu') ?? '').split(',').filter((c) => BUURT_CODE.test(c)))].sort();
  return {
    lang: isLanguage(lang) ? lang : defaults.lang,
    colourMode: isColourMode(colour) ? colour : defaults.colourMode,
    hiddenLayers: layerList(params.get('hide')),
    shownLayers: layerList(params.get('show')),
    opacity: opacityFromText(params.get('opacity')),
    selectedBuildingId: building && building.length <= 64 ? building : null,
    healthIndicator: indicator && INDICATOR_ID.test(indicator) ? indicator : null,
    tool: isTool(tool) ? tool : defaults.tool,
    rulesAt: lonLatFromText(params.get('at')),
    // Only present when set, so a hash without them reads as exactly the default state.
    ...(candidates.length > 0 ? { fivegCandidates: candidates } : {}),
    ...((FIVEG_THRESHOLDS_DBM as readonly number[]).includes(threshold) && threshold !== DEFAULT_FIVEG_THRESHOLD_DBM ? { fivegThresholdDbm: threshold } : {}),
    ...(fibrePop && LAYER_ID.test(fibrePop) ? { fibrePop } : {}),
    ...(fibreBuurten.length > 0 ? { fibreBuurten } : {}),
    ...(SCENARIO_ID.test(scenarioId ?? '') ? { scenarioId: scenarioId! } : {}),
    ...(SCENARIO_ID.test(compareId ?? '') || compareId === 'current' ? { compareId: compareId! } : {}),
  };
}

/** `defaultVisible` is the layer's visibility when the user has not touched it (thematic overlays start hidden). */
export function isLayerVisible(state: AppState, layerId: string, defaultVisible = true): boolean {
  return defaultVisible ? !state.hiddenLayers.includes(layerId) : state.shownLayers.includes(layerId);
}

export function withLayerVisibility(state: AppState, layerId: string, visible: boolean, defaultVisible = true): AppState {
  const hidden = state.hiddenLayers.filter((id) => id !== layerId);
  const shown = state.shownLayers.filter((id) => id !== layerId);
  if (defaultVisible && !visible) hidden.push(layerId);
  if (!defaultVisible && visible) shown.push(layerId);
  return { ...state, hiddenLayers: hidden.sort(), shownLayers: shown.sort() };
}

/** Layer opacity as a fraction 0–1. */
export function layerOpacity(state: AppState, layerId: string): number {
  return Object.hasOwn(state.opacity, layerId) ? state.opacity[layerId] / 100 : 1;
}

export function withLayerOpacity(state: AppState, layerId: string, percent: number): AppState {
  const rest = Object.fromEntries(Object.entries(state.opacity).filter(([id]) => id !== layerId));
  const clamped = Math.max(0, Math.min(100, Math.round(percent)));
  return { ...state, opacity: clamped < 100 ? { ...rest, [layerId]: clamped } : rest };
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
