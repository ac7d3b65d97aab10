// One candidate antenna in the 5G panel: its labelled inputs (height, azimuths, tilt, EIRP, band), a remove button,
// and its siting verdict (colour and words) with the reasons. Updated in place, so focus and typing survive
// re-renders; a changed input reports the whole edited candidate.
import type { SitingEntry } from '../fiveg/fiveg-session.ts';
import { MOVE_DIRECTIONS, MOVE_STEP_M, stepCandidate, type MoveDirection } from '../fiveg/candidate-drag.ts';
import { BANDS, CANDIDATE_LIMITS, parseAzimuths, type Band, type FivegCandidate } from '../fiveg/fiveg-candidate.ts';
import { formatNumber, translate, type Language } from '../i18n/i18n.ts';
import { el } from './dom.ts';

export interface CandidateEditor {
  element: HTMLLIElement;
  update(lang: Language, candidate: FivegCandidate, siting: SitingEntry | undefined): void;
}

function setIfIdle(input: HTMLInputElement | HTMLSelectElement, value: string): void {
  // Never overwrite what the user is typing.
  if (document.activeElement !== input && input.value !== value) input.value = value;
}

export function createCandidateEditor(
  index: number,
  onChange: (index: number, candidate: FivegCandidate) => void,
  onRemove: (index: number) => void,
): CandidateEditor {
  const id = (name: string) => `fiveg-c${index + 1}-${name}`;
  const title = el('h3', { class: 'fiveg-candidate-title', id: id('title') });
  const field = (name: string, input: HTMLInputElement | HTMLSelectElement) => {
    const label = el('label', { for: id(name) });
    return { label, input, wrap: el('div', { class: 'fiveg-field' }, label, input) };
  };
  const number = (name: string, limits: { min: number; max: number }, step: string) =>
    field(name, el('input', { type: 'number', id: id(name), min: String(limits.min), max: String(limits.max), step, inputmode: 'decimal' }));
  const height = number('height', CANDIDATE_LIMITS.heightM, '0.5');
  const azimuths = field('azimuths', el('input', { type: 'text', id: id('azimuths'), inputmode: 'numeric', autocomplete: 'off' }));
  const tilt = number('tilt', CANDIDATE_LIMITS.downtiltDeg, '1');
  const eirp = number('eirp', CANDIDATE_LIMITS.eirpDbm, '1');
  const bandSelect = el('select', { id: id('band') });
  bandSelect.append(...BANDS.map((b) => el('option', { value: b }, b)));
  const band = field('band', bandSelect);
  const remove = el('button', { type: 'button', id: id('remove'), class: 'fiveg-remove' });
  const error = el('p', { class: 'error fiveg-input-error', role: 'alert' });
  const siting = el('div', { class: 'fiveg-siting', id: id('siting'), 'aria-live': 'polite' });
  // The keyboard (and precise) alternative to dragging the marker on the map: fixed steps along the compass.
  const ARROWS: Record<MoveDirection, string> = { north: '↑', east: '→', south: '↓', west: '←' };
  const directions = Object.keys(MOVE_DIRECTIONS) as MoveDirection[];
  const moveButtons = directions.map((d) => el('button', { type: 'button', id: id(`move-${d}`), class: `fiveg-move-${d}`, 'data-direction': d }, ARROWS[d]));
  const moveLabel = el('span', { class: 'fiveg-move-label', id: id('move-label') });
  const moveHint = el('p', { class: 'panel-intro fiveg-move-hint' });
  const move = el('div', { class: 'fiveg-move', role: 'group', 'aria-labelledby': id('move-label') }, moveLabel, ...moveButtons);
  const element = el(
    'li',
    { class: 'fiveg-candidate', 'data-index': String(index), 'aria-labelledby': id('title') },
    el('div', { class: 'panel-head' }, title, remove),
    el('div', { class: 'fiveg-fields' }, height.wrap, azimuths.wrap, tilt.wrap, eirp.wrap, band.wrap),
    move,
    moveHint,
    error,
    siting,
  );

  let current: FivegCandidate | undefined;
  let lang: Language = 'nl';

  const read = (): FivegCandidate | undefined => {
    if (!current) return undefined;
    const values = { heightM: Number(height.input.value), downtiltDeg: Number(tilt.input.value), eirpDbm: Number(eirp.input.value) };
    const inRange = (v: number, l: { min: number; max: number }) => Number.isFinite(v) && v >= l.min && v <= l.max;
    const azimuthsDeg = parseAzimuths(azimuths.input.value);
    if (!inRange(values.heightM, CANDIDATE_LIMITS.heightM) || !inRange(values.downtiltDeg, CANDIDATE_LIMITS.downtiltDeg) || !inRange(values.eirpDbm, CANDIDATE_LIMITS.eirpDbm) || !azimuthsDeg) {
      return undefined;
    }
    return { ...current, ...values, azimuthsDeg, band: bandSelect.value as Band };
  };

  for (const input of [height.input, azimuths.input, tilt.input, eirp.input, bandSelect]) {
    input.addEventListener('change', () => {
      const next = read();
      error.textContent = next ? '' : translate(lang, 'fiveg.invalid');
      input.setAttribute('aria-invalid', String(!next));
      if (next) onChange(index, next);
    });
  }
  remove.addEventListener('click', () => onRemove(index));
  moveButtons.forEach((button, i) => button.addEventListener('click', () => current && onChange(index, stepCandidate(current, directions[i]))));

  const renderSiting = (entry: SitingEntry | undefined) => {
    const t = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
    if (!entry || entry.status === 'checking') return siting.replaceChildren(el('p', {}, t('fiveg.sitingChecking')));
    if (entry.status === 'failed') return siting.replaceChildren(el('p', { class: 'error' }, t('fiveg.sitingFailed')));
    const { result } = entry;
    // Every reason, also the "allowed" ones: they say why (e.g. permit-free up to 5 m on a roof).
    const reasons = [...(result.placement?.reasons ?? []), ...result.reasons];
    const badge = (verdict: string) => el('span', { class: `verdict verdict-${verdict}`, 'data-verdict': verdict }, t(`verdict.${verdict}`));
    siting.replaceChildren(
      el('p', { class: 'verdict-line' }, `${t('fiveg.siting')} `, badge(result.verdict)),
      el('p', { class: 'fiveg-safety' }, t('fiveg.safetyDistance', { distance: formatNumber(lang, result.emf.safetyDistanceM) })),
      el('ul', { class: 'check-reasons' }, ...reasons.map((r) => el('li', { 'data-verdict': r.verdict }, badge(r.verdict), ' ', lang === 'en' && r.textEn ? r.textEn : r.text))),
    );
  };

  return {
    element,
    update(nextLang, candidate, sitingEntry) {
      lang = nextLang;
      current = candidate;
      const t = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
      title.textContent = t('fiveg.candidateTitle', { n: index + 1, kind: t(`fiveg.kind.${candidate.kind}`) });
      height.label.textContent = t(candidate.kind === 'rooftop' ? 'fiveg.heightRooftop' : 'fiveg.heightMast');
      azimuths.label.textContent = t('fiveg.azimuths');
      tilt.label.textContent = t('fiveg.tilt');
      eirp.label.textContent = t('fiveg.eirp');
      band.label.textContent = t('fiveg.band');
      remove.textContent = t('fiveg.remove');
      remove.setAttribute('aria-label', t('fiveg.removeLabel', { n: index + 1 }));
      moveLabel.textContent = t('fiveg.move', { step: MOVE_STEP_M });
      moveHint.textContent = t('fiveg.dragHint');
      moveButtons.forEach((button, i) => {
        const label = t(`fiveg.move.${directions[i]}`, { n: index + 1, step: MOVE_STEP_M });
        button.setAttribute('aria-label', label);
        button.title = label;
      });
      setIfIdle(height.input, String(candidate.heightM));
      setIfIdle(azimuths.input, candidate.azimuthsDeg.join(', '));
      setIfIdle(tilt.input, String(candidate.downtiltDeg));
      setIfIdle(eirp.input, String(candidate.eirpDbm));
      setIfIdle(bandSelect, candidate.band);
      renderSiting(sitingEntry);
    },
  };
}
