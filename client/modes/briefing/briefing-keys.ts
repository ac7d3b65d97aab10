// Keys of a keyboard or a presentation clicker → briefing actions. Clickers send PageDown/PageUp (most), or the
// arrow keys, sometimes "." or "b" (blank screen) which we leave to the browser. Pure.
import type { BriefingAction } from './briefing-navigator.ts';

export interface KeyLike {
  key: string;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
}

const KEY_ACTIONS: Readonly<Record<string, BriefingAction>> = {
  ArrowRight: 'next',
  PageDown: 'next',
  ArrowLeft: 'previous',
  PageUp: 'previous',
  Home: 'first',
  End: 'last',
};

/**
 * The action for a key press, or undefined to let the browser handle it. Keys with a modifier (Alt+← is "back")
 * and keys typed into a form field (`inField`) are never taken.
 */
export function actionForKey(event: KeyLike, inField = false): BriefingAction | undefined {
  if (inField || event.altKey || event.ctrlKey || event.metaKey) return undefined;
  return Object.hasOwn(KEY_ACTIONS, event.key) ? KEY_ACTIONS[event.key] : undefined;
}
