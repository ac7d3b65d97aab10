// Omgevingsplan tools in the sidebar: "Regels hier" (rules at a clicked spot) and the placement check — a small
// form (what, how big) whose structure is placed by clicking the map. The verdict is colour *and* words.
import { checkPlacement, type CheckResult, type Verdict } from '../api/plan-api.ts';
import { formatNumber, translate, type Language } from '../i18n/i18n.ts';
import { STRUCTURE_KINDS, type AppState, type LonLat, type StateStore, type StructureKind, type Tool } from '../state/app-state.ts';
import { el } from './dom.ts';

export interface PlanPanel {
  element: HTMLElement;
  /** Runs the placement check for a structure placed at `lonLat` (optionally on a building). */
  placeAt(lonLat: LonLat, buildingId?: string): Promise<void>;
}

type Outcome =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'failed' }
  | { status: 'done'; result: CheckResult; lonLat: LonLat; buildingId?: string };

const SIZED_KINDS: readonly StructureKind[] = ['street-cabinet', 'building'];

function numberInput(id: string, value: string, min: string, max: string, step: string): HTMLInputElement {
  return el('input', { type: 'number', id, value, min, max, step, inputmode: 'decimal' });
}

export function createPlanPanel(store: StateStore): PlanPanel {
  const heading = el('h2', { id: 'plan-heading' });
  const intro = el('p', { class: 'panel-intro' });
  const toolButton = (tool: Tool) => {
    const button = el('button', { type: 'button', id: `tool-${tool}`, 'aria-pressed': 'false' });
    button.addEventListener('click', () => store.update({ tool: store.state.tool === tool ? 'none' : tool }));
    return button;
  };
  const rulesButton = toolButton('rules');
  const checkButton = toolButton('check');

  const kindLabel = el('label', { for: 'check-kind' });
  const kind = el('select', { id: 'check-kind' });
  const kindOptions = STRUCTURE_KINDS.map((k) => el('option', { value: k }));
  kind.append(...kindOptions);
  const heightLabel = el('label', { for: 'check-height' });
  const height = numberInput('check-height', '12', '0.1', '300', '0.1');
  const widthLabel = el('label', { for: 'check-width' });
  const width = numberInput('check-width', '1', '0.1', '200', '0.1');
  const depthLabel = el('label', { for: 'check-depth' });
  const depth = numberInput('check-depth', '0.5', '0.1', '200', '0.1');
  const sized = el('div', { class: 'check-sized' }, widthLabel, width, depthLabel, depth);
  const hint = el('p', { class: 'check-hint' });
  const output = el('div', { class: 'check-result', id: 'check-result', role: 'status', 'aria-live': 'polite' });
  const form = el('form', { class: 'check-form', id: 'check-form', hidden: true }, kindLabel, kind, heightLabel, height, sized, hint);
  form.addEventListener('submit', (event) => event.preventDefault());
  kind.addEventListener('change', () => {
    sized.hidden = !SIZED_KINDS.includes(kind.value as StructureKind);
  });
  sized.hidden = true;

  let outcome: Outcome = { status: 'idle' };
  let controller: AbortController | undefined;

  const renderOutcome = (lang: Language) => {
    const t = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
    if (outcome.status === 'idle') return output.replaceChildren();
    if (outcome.status === 'checking') return output.replaceChildren(el('p', {}, t('plan.checking')));
    if (outcome.status === 'failed') return output.replaceChildren(el('p', { class: 'error' }, t('plan.checkFailed')));
    const { result, lonLat, buildingId } = outcome;
    const badge = (verdict: Verdict) => el('span', { class: `verdict verdict-${verdict}`, 'data-verdict': verdict }, t(`verdict.${verdict}`));
    const where = t('plan.checkedAt', { lat: formatNumber(lang, lonLat[1], 5), lon: formatNumber(lang, lonLat[0], 5) });
    output.replaceChildren(
      el('h3', {}, t('verdict.heading')),
      el('p', { class: 'verdict-line' }, badge(result.verdict)),
      el('p', { class: 'check-where' }, buildingId ? `${where} ${t('plan.onBuilding', { id: buildingId })}` : where),
      el(
        'ul',
        { class: 'check-reasons' },
        ...(result.reasons ?? []).map((r) =>
          el('li', { 'data-verdict': r.verdict }, badge(r.verdict), ' ', lang === 'en' && r.textEn ? r.textEn : r.text),
        ),
      ),
    );
  };

  store.subscribe((state: AppState, previous: AppState) => {
    const t = (key: string) => translate(state.lang, key);
    heading.textContent = t('plan.heading');
    intro.textContent = t('plan.intro');
    rulesButton.textContent = t('plan.rulesTool');
    checkButton.textContent = t('plan.checkTool');
    rulesButton.setAttribute('aria-pressed', String(state.tool === 'rules'));
    checkButton.setAttribute('aria-pressed', String(state.tool === 'check'));
    kindLabel.textContent = t('plan.kind');
    STRUCTURE_KINDS.forEach((k, i) => {
      kindOptions[i].textContent = t(`structure.${k}`);
    });
    heightLabel.textContent = t('plan.height');
    widthLabel.textContent = t('plan.width');
    depthLabel.textContent = t('plan.depth');
    hint.textContent = t('plan.placeHint');
    form.hidden = state.tool !== 'check';
    if (state.lang !== previous.lang || state.tool !== previous.tool) renderOutcome(state.lang);
  });

  const positive = (input: HTMLInputElement) => {
    const value = Number(input.value);
    return Number.isFinite(value) && value > 0 ? value : undefined;
  };

  return {
    element: el(
      'section',
      { class: 'panel plan-panel', 'aria-labelledby': 'plan-heading' },
      heading,
      intro,
      el('div', { class: 'tool-buttons' }, rulesButton, checkButton),
      form,
      output,
    ),
    async placeAt(lonLat, buildingId) {
      controller?.abort();
      controller = new AbortController();
      const structureKind = kind.value as StructureKind;
      const heightM = positive(height) ?? 1;
      const structure = SIZED_KINDS.includes(structureKind)
        ? { kind: structureKind, heightM, widthM: positive(width), depthM: positive(depth) }
        : { kind: structureKind, heightM };
      outcome = { status: 'checking' };
      renderOutcome(store.state.lang);
      try {
        const result = await checkPlacement(
          { structure, lon: lonLat[0], lat: lonLat[1], ...(buildingId ? { buildingId } : {}) },
          controller.signal,
        );
        outcome = { status: 'done', result, lonLat, buildingId };
      } catch (error) {
        if ((error as Error)?.name === 'AbortError') return;
        outcome = { status: 'failed' };
      }
      renderOutcome(store.state.lang);
    },
  };
}
