// A line chart of one sensor over a window of hours as SVG: raw, calibrated and the reference station, so a user
// sees how far a citizen sensor is from the official measurement and what the calibration did.
import { formatNumber, translate, type Language } from '../i18n/i18n.ts';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 232;
const HEIGHT = 120;
const PAD = { left: 30, right: 4, top: 6, bottom: 16 };

export interface ChartSeries {
  /** i18n key of the legend label. */
  labelKey: string;
  colour: string;
  values: Float64Array;
  dashed?: boolean;
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** SVG path data for values[from..to) scaled into the box; gaps (NaN) break the line instead of bridging it. */
export function linePath(values: ArrayLike<number>, from: number, to: number, yMax: number, box = { x: PAD.left, y: PAD.top, w: WIDTH - PAD.left - PAD.right, h: HEIGHT - PAD.top - PAD.bottom }): string {
  const n = Math.max(1, to - from - 1);
  let d = '';
  let pen = false;
  for (let i = from; i < to; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      pen = false;
      continue;
    }
    const x = box.x + ((i - from) / n) * box.w;
    const y = box.y + box.h - (Math.min(v, yMax) / yMax) * box.h;
    d += `${pen ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`;
    pen = true;
  }
  return d;
}

export function createSensorChart(lang: Language, title: string, unit: string, series: ChartSeries[], from: number, to: number, cursor: number): SVGSVGElement {
  let max = 0;
  for (const s of series) for (let i = from; i < to; i++) if (Number.isFinite(s.values[i])) max = Math.max(max, s.values[i]);
  const yMax = max > 0 ? niceCeil(max) : 1;
  const chart = svg('svg', { class: 'sensor-chart', width: WIDTH, height: HEIGHT + 14 * series.length, viewBox: `0 0 ${WIDTH} ${HEIGHT + 14 * series.length}`, role: 'img' });
  chart.append(svg('title', {}, `${title} (${unit})`));
  const bottom = HEIGHT - PAD.bottom;
  chart.append(svg('line', { x1: PAD.left, y1: bottom, x2: WIDTH - PAD.right, y2: bottom, stroke: '#555' }));
  chart.append(svg('text', { x: PAD.left - 3, y: PAD.top + 8, 'text-anchor': 'end', 'font-size': 9 }, formatNumber(lang, yMax, 0)));
  chart.append(svg('text', { x: PAD.left - 3, y: bottom, 'text-anchor': 'end', 'font-size': 9 }, '0'));
  chart.append(svg('text', { x: PAD.left, y: HEIGHT - 3, 'font-size': 9 }, translate(lang, 'sensors.chart.window', { days: Math.round((to - from) / 24) })));
  const cx = PAD.left + ((cursor - from) / Math.max(1, to - from - 1)) * (WIDTH - PAD.left - PAD.right);
  chart.append(svg('line', { class: 'sensor-chart-cursor', x1: cx, y1: PAD.top, x2: cx, y2: bottom, stroke: '#1b2631', 'stroke-dasharray': '2 2' }));
  series.forEach((s, i) => {
    const d = linePath(s.values, from, to, yMax);
    if (d) chart.append(svg('path', { d, fill: 'none', stroke: s.colour, 'stroke-width': 1.4, 'data-series': s.labelKey, ...(s.dashed ? { 'stroke-dasharray': '4 2' } : {}) }));
    const y = HEIGHT + 10 + i * 14;
    chart.append(svg('line', { x1: PAD.left, y1: y - 3, x2: PAD.left + 16, y2: y - 3, stroke: s.colour, 'stroke-width': 2 }));
    chart.append(svg('text', { x: PAD.left + 22, y, 'font-size': 10 }, translate(lang, s.labelKey)));
  });
  return chart;
}

function niceCeil(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * p) return m * p;
  return 10 * p;
}
