// Translations: every UI string comes from nl.json / en.json (plus one pair per mode: workspace, participation).
// Dutch is the default language.
import coreEn from './en.json';
import coreNl from './nl.json';
import participationEn from './participation.en.json';
import participationNl from './participation.nl.json';
import workspaceEn from './workspace.en.json';
import workspaceNl from './workspace.nl.json';

const nl = { ...coreNl, ...workspaceNl, ...participationNl };
const en = { ...coreEn, ...workspaceEn, ...participationEn };

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export type MessageKey = keyof typeof nl;

const CATALOGUES: Record<Language, Record<MessageKey, string>> = { nl, en };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Looks up `key` and fills `{name}` placeholders; an unknown key falls back to Dutch, then to the key itself. */
export function translate(lang: Language, key: string, params: Record<string, string | number> = {}): string {
  const message =
    (CATALOGUES[lang] as Record<string, string>)[key] ?? (CATALOGUES.nl as Record<string, string>)[key] ?? key;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** Formats a number for the language (decimal comma in Dutch). */
export function formatNumber(lang: Language, value: number, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits }).format(value);
}
