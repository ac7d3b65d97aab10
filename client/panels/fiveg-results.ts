// The results of a coverage run: the town-wide share, the RSRP legend, and per buurt a bar chart and a table with
// the share of addresses at or above the chosen threshold and its change against the previous run.
import type { CoverageResponse } from '../api/fiveg-api.ts';
import { buurtRows, percentAtLeast } from '../fiveg/coverage-summary.ts';
import { exposureRows, percentDecimals } from '../fiveg/exposure-rows.ts';
import { DEFAULT_RSRP_THRESHOLDS_DBM, rsrpLegend } from '../fiveg/rsrp-classes.ts';
import { formatNumber, translate, type Language } from '../i18n/i18n.ts';
import { el, swatch } from './dom.ts';
import { createFivegChart } from './fiveg-chart.ts';

export function rsrpLegendList(lang: Language, thresholdsDbm: readonly number[] = DEFAULT_RSRP_THRESHOLDS_DBM): HTMLUListElement {
  const t = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
  return el(
    'ul',
    { class: 'legend-list', 'data-legend': 'rsrp', id: 'fiveg-legend' },
    ...rsrpLegend(thresholdsDbm).map((entry) => {
      const range =
        entry.minDbm === undefined ? t('fiveg.rsrpBelow', { value: entry.maxDbm ?? '' }) : t('fiveg.rsrpAtLeast', { value: entry.minDbm });
      return el('li', { 'data-class': entry.id }, swatch(entry.colour), `${t(`fiveg.class.${entry.id}`)} (${range})`);
    }),
  );
}

/** Percentage points with an explicit sign ("+4,2", "−1", "±0"); empty without a previous run. */
function changeText(lang: Language, points: number | undefined): string {
  if (points === undefined) return '';
  const sign = points > 0 ? '+' : points < 0 ? '−' : '±';
  return `${sign}${formatNumber(lang, Math.abs(points))}`;
}

export function renderFivegResults(lang: Language, coverage: CoverageResponse, previous: CoverageResponse | undefined, thresholdDbm: number): HTMLElement[] {
  const t = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
  const rows = buurtRows(coverage.buurten, previous?.buurten, thresholdDbm);
  const total = percentAtLeast(coverage.summary.addresses.atLeast, thresholdDbm);
  const totalBefore = previous ? percentAtLeast(previous.summary.addresses.atLeast, thresholdDbm) : undefined;
  const summary = t('fiveg.summary', {
    percent: total === undefined ? '–' : formatNumber(lang, total),
    threshold: thresholdDbm,
    addresses: formatNumber(lang, coverage.summary.addresses.total, 0),
    sites: coverage.summary.sites,
  });
  const change =
    total !== undefined && totalBefore !== undefined ? ` ${t('fiveg.summaryChange', { points: changeText(lang, Math.round((total - totalBefore) * 10) / 10) })}` : '';
  const header = el(
    'tr',
    {},
    el('th', { scope: 'col' }, t('fiveg.buurt')),
    el('th', { scope: 'col' }, t('fiveg.addresses')),
    el('th', { scope: 'col' }, t('fiveg.share', { threshold: thresholdDbm })),
    el('th', { scope: 'col' }, t('fiveg.change')),
  );
  const body = rows.map((row) =>
    el(
      'tr',
      { 'data-buurt': row.code },
      el('th', { scope: 'row' }, row.name),
      el('td', {}, formatNumber(lang, row.addresses, 0)),
      el('td', { class: 'fiveg-percent', 'data-percent': row.percent === undefined ? '' : String(row.percent) }, row.percent === undefined ? '–' : `${formatNumber(lang, row.percent)}%`),
      el('td', { class: 'fiveg-change', 'data-change': row.changePoints === undefined ? '' : String(row.changePoints) }, changeText(lang, row.changePoints)),
    ),
  );
  return [
    el('p', { class: 'fiveg-summary', id: 'fiveg-summary' }, summary + change),
    el('div', { class: 'fiveg-chart-box', id: 'fiveg-chart' }, createFivegChart(lang, rows, thresholdDbm)),
    el(
      'table',
      { class: 'fiveg-table', id: 'fiveg-buurten' },
      el('caption', {}, t('fiveg.tableCaption', { threshold: thresholdDbm })),
      el('thead', {}, header),
      el('tbody', {}, ...body),
    ),
    ...(coverage.exposure ? exposureTable(lang, coverage.exposure) : []),
    el('p', { class: 'panel-intro' }, t('fiveg.note')),
  ];
}

function formatPercentOfLimit(lang: Language, percent: number): string {
  return formatNumber(lang, percent, percentDecimals(percent));
}

/** Highest exposure per buurt, as a percentage of the ICNIRP reference level (TER × 100), highest first. */
function exposureTable(lang: Language, exposure: NonNullable<CoverageResponse['exposure']>): HTMLElement[] {
  const t = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
  const rows = exposureRows(exposure.perBuurt).map((row) =>
    el(
      'tr',
      { 'data-buurt': row.code },
      el('th', { scope: 'row' }, row.name),
      el('td', { class: 'fiveg-percent', 'data-percent-of-limit': String(row.percentOfLimit) }, `${formatPercentOfLimit(lang, row.percentOfLimit)}%`),
      el('td', {}, row.addressId ?? '–'),
    ),
  );
  return [
    el('h3', { class: 'fiveg-exposure-heading' }, t('fiveg.exposureHeading')),
    el('p', { class: 'fiveg-exposure-total' }, t('fiveg.exposureTotal', { percent: formatPercentOfLimit(lang, exposure.maxTer * 100) })),
    el(
      'table',
      { class: 'fiveg-table', id: 'fiveg-exposure' },
      el('caption', {}, t('fiveg.exposureCaption')),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('fiveg.buurt')), el('th', { scope: 'col' }, t('fiveg.exposurePercent')), el('th', { scope: 'col' }, t('fiveg.exposureAddress')))),
      el('tbody', {}, ...rows),
    ),
  ];
}
