// `/?mode=moderation[&session=ID]`: the planner's view with the participation panel on top of the sidebar.
import type { ModeContext } from '../mode-context.ts';
import { ensureSignedIn } from '../shared/sign-in-form.ts';
import { createModerationPanel } from './moderation-panel.ts';
import { el } from '../../panels/dom.ts';

export function startModerationMode(ctx: ModeContext, sessionId: string | null): void {
  document.body.classList.add('mode-moderation');
  const holder = el('div', { class: 'moderation-holder' });
  ctx.sidebar.prepend(holder);
  void ensureSignedIn(ctx.store, holder, ['planner']).then((info) => {
    holder.replaceChildren(createModerationPanel({ store: ctx.store, camera: ctx.scene.camera, credentials: info, sessionId }));
  });
}
