// Starts the mode the URL asks for on top of the viewer main.ts built (see mode-from-url.ts).
import { startBriefingEditor } from './briefing/briefing-editor.ts';
import { startBriefingMode } from './briefing/briefing-mode.ts';
import { startBriefingPrint } from './briefing/briefing-print.ts';
import type { ModeContext } from './mode-context.ts';
import type { Mode } from './mode-from-url.ts';
import { startModerationMode } from './participation/moderation-mode.ts';
import { startParticipationMode } from './participation/participation-mode.ts';

export function startMode(mode: Mode, ctx: ModeContext): void {
  document.body.dataset.mode = mode.kind;
  document.body.classList.add(`mode-${mode.kind}`);
  switch (mode.kind) {
    case 'briefing':
      startBriefingMode(ctx, mode.briefingId);
      break;
    case 'briefing-print':
      startBriefingPrint(ctx, mode.briefingId);
      break;
    case 'briefing-edit':
      startBriefingEditor(ctx, mode.briefingId);
      break;
    case 'participation':
      startParticipationMode(ctx, mode.sessionId);
      break;
    case 'moderation':
      startModerationMode(ctx, mode.sessionId);
      break;
  }
}
