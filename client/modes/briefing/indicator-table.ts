// A scenario's indicators as an accessible table (caption, header cells), shared by the presentation and the print.
import type { IndicatorKey } from '../../../server/contracts/workspace.ts';
import { formatNumber, translate, type Language } from '../../i18n/i18n.ts';
import { el } from '../../panels/dom.ts';

const DIGITS: Partial<Record<IndicatorKey, number>> = { coveragePct: 1, maxExposurePctIcnirp: 1 };

export function indicatorTable(lang: Language, caption: string, rows: readonly { key: IndicatorKey; value: number }[]): HTMLTableElement {
  return el(
    'table',
    { class: 'indicator-table' },
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, translate(lang, 'brief.indicator')), el('th', { scope: 'col' }, translate(lang, 'brief.value')))),
    el(
      'tbody',
      {},
      ...rows.map((row) =>
        el('tr', {}, el('th', { scope: 'row' }, translate(lang, `brief.ind.${row.key}`)), el('td', {}, formatNumber(lang, row.value, DIGITS[row.key] ?? 0))),
      ),
    ),
  );
}
