// Per-buurt bar chart of the share of addresses at or above the RSRP threshold, as SVG built with DOM APIs. The
// previous run, when there is one, is a dark tick on each bar, so a coverage change is visible at a glance.
import type { BuurtRow } from '../fiveg/coverage-summary.ts';
import { formatNumber, translate, type Language } from '../i18n/i18n.ts';

const SVG = 'http://www.w3.org/2000/svg';
const ROW_PX = 17;
const LABEL_PX = 92;
const WIDTH_PX = 232;
const VALUE_PX = 40;
const BAR_COLOUR = '#2171b5';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

export function createFivegChart(lang: Language, rows: BuurtRow[], thresholdDbm: number): SVGSVGElement {
  const barSpace = WIDTH_PX - LABEL_PX - VALUE_PX;
  const height = rows.length * ROW_PX + 4;
  const chart = svg('svg', { class: 'fiveg-chart', width: WIDTH_PX, height, viewBox: `0 0 ${WIDTH_PX} ${height}`, role: 'img' });
  chart.append(svg('title', {}, translate(lang, 'fiveg.chartTitle', { threshold: thresholdDbm })));
  rows.forEach((row, i) => {
    const y = i * ROW_PX + 2;
    const g = svg('g', { 'data-buurt': row.code });
    const name = row.name.length > 15 ? `${row.name.slice(0, 14)}…` : row.name;
    g.append(svg('text', { x: 0, y: y + 11, class: 'fiveg-chart-label' }, name));
    const percent = row.percent ?? 0;
    const w = Math.max(1, (percent / 100) * barSpace);
    g.append(svg('rect', { x: LABEL_PX, y: y + 2, width: w.toFixed(1), height: ROW_PX - 5, fill: BAR_COLOUR }));
    if (row.changePoints !== undefined && row.changePoints !== 0) {
      const before = Math.max(0, Math.min(100, percent - row.changePoints));
      const x = LABEL_PX + (before / 100) * barSpace;
      g.append(svg('rect', { x: x.toFixed(1), y: y + 1, width: 2, height: ROW_PX - 3, fill: '#1b2631', class: 'fiveg-chart-previous' }));
    }
    g.append(svg('text', { x: LABEL_PX + barSpace + 3, y: y + 11, class: 'fiveg-chart-value' }, row.percent === undefined ? '–' : `${formatNumber(lang, percent)}%`));
    g.prepend(svg('title', {}, `${row.name}: ${row.percent === undefined ? '–' : `${formatNumber(lang, percent)}%`}`));
    chart.append(g);
  });
  return chart;
}
