// The 3D view's text alternative in the page: a visually hidden, polite live region the viewer points at with
// aria-describedby. It is rewritten when the state changes or the camera comes to rest, at most once a second, so a
// screen reader hears the new situation once and not every frame.
import { el } from '../panels/dom.ts';
import type { Language } from '../i18n/i18n.ts';
import { describeView, type ViewFacts } from './view-description.ts';

export interface TextAlternative {
  element: HTMLElement;
  /** Schedules a rewrite from fresh facts. */
  update(): void;
  /** The text now (test hook). */
  text(): string;
}

export function createTextAlternative(facts: () => { lang: Language; facts: ViewFacts }, delayMs = 1000): TextAlternative {
  const element = el('div', { id: 'ws-view-description', class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = '';
  const write = () => {
    timer = undefined;
    const { lang, facts: f } = facts();
    const lines = describeView(lang, f);
    const joined = lines.join('\n');
    // Unchanged text is not rewritten: a live region re-announces any rewrite.
    if (joined === last) return;
    last = joined;
    element.replaceChildren(...lines.map((line) => el('p', {}, line)));
  };
  return {
    element,
    update() {
      if (!last) write();
      else timer ??= setTimeout(write, delayMs);
    },
    text: () => element.textContent ?? '',
  };
}
