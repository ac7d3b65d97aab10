// Which mode the page opens in, read from the query string (`/?mode=briefing&briefing=ID`). Pure: no DOM.
// The planner workspace is the default view and not a mode here; unknown or malformed values give undefined.

export type Mode =
  | { kind: 'briefing'; briefingId: string | null }
  | { kind: 'briefing-print'; briefingId: string }
  | { kind: 'briefing-edit'; briefingId: string | null }
  | { kind: 'participation'; sessionId: string }
  | { kind: 'moderation'; sessionId: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function idParam(params: URLSearchParams, name: string): string | null {
  const value = params.get(name);
  return value && UUID.test(value) ? value : null;
}

export function modeFromUrl(search: string): Mode | undefined {
  const params = new URLSearchParams(search);
  const briefingId = idParam(params, 'briefing');
  const sessionId = idParam(params, 'session');
  switch (params.get('mode')) {
    case 'briefing':
      return { kind: 'briefing', briefingId };
    case 'briefing-print':
      return briefingId ? { kind: 'briefing-print', briefingId } : { kind: 'briefing', briefingId: null };
    case 'briefing-edit':
      return { kind: 'briefing-edit', briefingId };
    case 'participation':
      return sessionId ? { kind: 'participation', sessionId } : undefined;
    case 'moderation':
      return { kind: 'moderation', sessionId };
    default:
      return undefined;
  }
}

/** The URL of a mode (for links between modes), relative to the site root. */
export function modeUrl(mode: Mode): string {
  const params = new URLSearchParams({ mode: mode.kind });
  if ('briefingId' in mode && mode.briefingId) params.set('briefing', mode.briefingId);
  if ('sessionId' in mode && mode.sessionId) params.set('session', mode.sessionId);
  return `/?${params.toString()}`;
}
