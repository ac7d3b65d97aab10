// What the citizen reads when a comment was not accepted: the server's own explanation of refused personal data (in
// the page's language), how long to wait after too many comments (from Retry-After), or a plain fallback. Pure.
import { ProblemError } from '../../api/briefing-api.ts';
import { translate, type Language } from '../../i18n/i18n.ts';

export function commentErrorMessage(error: unknown, lang: Language): string {
  const t = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
  if (!(error instanceof ProblemError)) return t('mode.error.network');
  if (error.code === 'personal-data') {
    // The server names what it found (e-mail address, phone number…) in both languages; else its detail.
    const explanation = error.extra.explanation as Partial<Record<string, unknown>> | undefined;
    const said = typeof explanation?.[lang] === 'string' ? (explanation[lang] as string) : error.detail;
    return said ? `${t('part.error.personalDataShort')} ${said}` : t('part.error.personalData');
  }
  if (error.status === 429) return t('part.error.rateLimit', { minutes: Math.max(1, Math.ceil((error.retryAfterS ?? 600) / 60)) });
  if (error.status === 400 || error.status === 413) return `${t('part.error.invalid')}${error.detail ? ` (${error.detail})` : ''}`;
  if (error.status === 404 || error.status === 409 || error.status === 403) return t('part.error.closed');
  return t('mode.error.network');
}
