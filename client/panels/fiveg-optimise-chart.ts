// Coverage gain of the optimiser's sites: one bar per added site (cumulative share of addresses at or above the
// threshold after adding it) and a dashed line at the current network's share, as SVG built with DOM APIs.
import type { OptimiseChartData } from '../fiveg/fiveg-optimise.ts';
import { formatNumber, translate, type Language } from '../i18n/i18n.ts';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH_PX = 232;
const HEIGHT_PX = 120;
const TOP_PX = 14;
const BOTTOM_PX = 16;
const LEFT_PX = 4;
const BAR_COLOUR = '#2171b5';
const LINE_COLOUR = '#1b2631';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

export function createOptimiseChart(lang: Language, data: OptimiseChartData, thresholdDbm: number): SVGSVGElement {
  const plotH = HEIGHT_PX - TOP_PX - BOTTOM_PX;
  const yOf = (percent: number) => TOP_PX + plotH * (1 - Math.max(0, Math.min(100, percent)) / 100);
  const slot = (WIDTH_PX - LEFT_PX) / Math.max(1, data.bars.length);
  const barW = Math.min(36, slot * 0.7);
  const chart = svg('svg', { class: 'fiveg-chart fiveg-optimise-chart', width: WIDTH_PX, height: HEIGHT_PX, viewBox: `0 0 ${WIDTH_PX} ${HEIGHT_PX}`, role: 'img' });
  chart.append(svg('title', {}, translate(lang, 'fiveg.optimiseChartTitle', { threshold: thresholdDbm })));
  data.bars.forEach((bar, i) => {
    const x = LEFT_PX + i * slot + (slot - barW) / 2;
    const y = yOf(bar.percent);
    const text = translate(lang, 'fiveg.optimiseBar', { site: bar.siteId, percent: formatNumber(lang, bar.percent) });
    const g = svg('g', { class: 'fiveg-optimise-bar', 'data-site': bar.siteId, 'data-percent': bar.percent });
    g.append(svg('title', {}, text));
    g.append(svg('rect', { x: x.toFixed(1), y: y.toFixed(1), width: barW.toFixed(1), height: Math.max(1, TOP_PX + plotH - y).toFixed(1), fill: BAR_COLOUR }));
    g.append(svg('text', { x: (x + barW / 2).toFixed(1), y: (y - 3).toFixed(1), 'text-anchor': 'middle', class: 'fiveg-chart-value' }, `${formatNumber(lang, bar.percent)}%`));
    g.append(svg('text', { x: (x + barW / 2).toFixed(1), y: HEIGHT_PX - 4, 'text-anchor': 'middle', class: 'fiveg-chart-label' }, bar.siteId));
    chart.append(g);
  });
  const baseY = yOf(data.beforePercent).toFixed(1);
  const line = svg('g', { class: 'fiveg-optimise-current', 'data-percent': data.beforePercent });
  line.append(svg('title', {}, `${translate(lang, 'fiveg.optimiseCurrent')}: ${formatNumber(lang, data.beforePercent)}%`));
  line.append(svg('line', { x1: 0, x2: WIDTH_PX, y1: baseY, y2: baseY, stroke: LINE_COLOUR, 'stroke-width': 1.5, 'stroke-dasharray': '4 3' }));
  chart.append(line);
  return chart;
}
