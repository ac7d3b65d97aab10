// Finds personal data that citizens sometimes type into a comment (RELIABILITY.md #16, AVG data minimisation):
// e-mail addresses, Dutch phone numbers, postcode + house number and BSN-like numbers. Pure; the caller refuses the
// text and tells the citizen which kind was found, never echoing the data itself.
import { InvalidParameter } from '../errors.ts';

export const PERSONAL_DATA_KINDS = ['email', 'phone', 'postcode-house-number', 'bsn'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;

/**
 * Digit runs that may be separated by spaces, dashes, dots or brackets, optionally with + or 00 in front; each run is
 * then judged on its digits alone, so "06-12345678", "+31 6 1234 5678" and "020 123 45 67" look the same.
 */
const NUMBER_RUN = /(?:\+|(?<!\d))\d(?:[ \-.()/]{0,2}\d)*/g;

/** Dutch postcode (4 digits, no leading 0, 2 letters) followed by a house number. Lowercase letters only when
 * written against the digits ("3511ab 12"), so ordinary sentences like "in 2024 we 12 …" are not caught. */
const POSTCODE_HOUSE_NUMBER = /(?<!\d)[1-9]\d{3}(?: ?[A-Z]{2}|[a-z]{2})(?![\p{L}])[ ,]*(?:(?:nr|no|huisnummer)\.? ?)?\d{1,5}(?!\d)/u;

/** Whether one run of digits (separators removed) is a Dutch phone number: 10 digits starting with 0 nationally,
 * or 31 + 9 digits after + or 00 (a "(0)" after the country code allowed). */
function isDutchPhone(run: string): boolean {
  const international = /^(?:\+|00)31/.test(run);
  let digits = run.replace(/\D/g, '');
  if (international) {
    digits = digits.replace(/^(?:00)?31/, '');
    if (digits.startsWith('0')) digits = digits.slice(1);
    digits = `0${digits}`;
  }
  return /^0[1-9]\d{8}$/.test(digits);
}

/** Exactly nine digits on their own (possibly written 1234.56.789 or 1234 56 789) looks like a BSN. */
function isBsnLike(run: string): boolean {
  if (run.startsWith('+')) return false;
  const digits = run.replace(/\D/g, '');
  return digits.length === 9;
}

/** The kinds of personal data found in `text`, in PERSONAL_DATA_KINDS order, each at most once. */
export function findPersonalData(original: string): PersonalDataKind[] {
  // NFKC folds look-alikes such as full-width digits and ＠ into the ASCII the patterns expect.
  const text = original.normalize('NFKC');
  const found = new Set<PersonalDataKind>();
  if (EMAIL.test(text)) found.add('email');
  if (POSTCODE_HOUSE_NUMBER.test(text)) found.add('postcode-house-number');
  for (const match of text.matchAll(NUMBER_RUN)) {
    const run = match[0];
    if (isDutchPhone(run)) found.add('phone');
    else if (isBsnLike(run)) found.add('bsn');
  }
  return PERSONAL_DATA_KINDS.filter((k) => found.has(k));
}

const LABELS: Record<PersonalDataKind, { nl: string; en: string }> = {
  email: { nl: 'een e-mailadres', en: 'an e-mail address' },
  phone: { nl: 'een telefoonnummer', en: 'a phone number' },
  'postcode-house-number': { nl: 'een postcode met huisnummer', en: 'a postcode with a house number' },
  bsn: { nl: 'een nummer dat op een burgerservicenummer (BSN) lijkt', en: 'a number that looks like a citizen service number (BSN)' },
};

function joinList(items: string[], and: string): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

/** Plain-language explanation in Dutch and English naming what was found (not the data itself). */
export function personalDataExplanation(kinds: readonly PersonalDataKind[]): { nl: string; en: string } {
  const nl = joinList(kinds.map((k) => LABELS[k].nl), 'en');
  const en = joinList(kinds.map((k) => LABELS[k].en), 'and');
  return {
    nl:
      `Uw reactie bevat ${nl}. Reacties zijn openbaar en anoniem, daarom slaan we geen persoonsgegevens op. ` +
      'Haal deze gegevens weg en plaats uw reactie opnieuw.',
    en:
      `Your comment contains ${en}. Comments are public and anonymous, so we do not store personal data. ` +
      'Please remove it and post your comment again.',
  };
}

/** 400 with code 'personal-data': the comment was not stored. */
export class PersonalDataInText extends InvalidParameter {
  override readonly code = 'personal-data';
  constructor(kinds: readonly PersonalDataKind[]) {
    const explanation = personalDataExplanation(kinds);
    super(explanation.en, { field: 'text', kinds: [...kinds], explanation });
  }
}
