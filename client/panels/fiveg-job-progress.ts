// A running scenario job in a panel: a labelled <progress>, a polite live status line (phase changes only, so a
// screen reader is not read every percent) and a Cancel button. Hidden while nothing runs. Used by the 5G run,
// the 5G optimiser and the fibre design.
import type { JobProgress } from '../api/scenario-job.ts';
import { progressFraction, progressPercent } from '../api/scenario-job.ts';
import { el } from './dom.ts';

export interface JobProgressView {
  readonly element: HTMLElement;
  /** `progress` undefined while running = not started yet (indeterminate bar). */
  update(running: boolean, progress: JobProgress | undefined, t: (key: string, params?: Record<string, string | number>) => string): void;
}

export function createJobProgress(idPrefix: string, onCancel: () => void): JobProgressView {
  const label = el('label', { for: `${idPrefix}-progress` });
  const bar = el('progress', { id: `${idPrefix}-progress`, max: '1' });
  const live = el('span', { class: 'job-progress-status', id: `${idPrefix}-progress-status`, role: 'status', 'aria-live': 'polite' });
  const cancel = el('button', { type: 'button', id: `${idPrefix}-cancel`, class: 'job-cancel' });
  cancel.addEventListener('click', onCancel);
  const element = el('div', { class: 'job-progress', id: `${idPrefix}-job` }, label, bar, live, cancel);
  element.hidden = true;
  let lastPhase = '';
  return {
    element,
    update(running, progress, t) {
      element.hidden = !running;
      if (!running) {
        lastPhase = '';
        live.textContent = '';
        return;
      }
      const fraction = progressFraction(progress);
      if (fraction === null) bar.removeAttribute('value');
      else bar.value = fraction;
      const percent = progressPercent(progress);
      label.textContent = percent === null ? t('jobs.progress') : t('jobs.progressPercent', { percent });
      const phase = progress?.phase ?? 'queued';
      if (phase !== lastPhase) {
        lastPhase = phase;
        live.textContent = t('jobs.phase', { phase: t(`jobs.phases.${phase}`) });
      }
      cancel.textContent = t('jobs.cancel');
    },
  };
}
