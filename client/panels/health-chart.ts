// A per-buurt bar chart as SVG, built with DOM APIs. Suppressed buurten get a label, never a zero-length bar.
import type { BuurtValue } from '../api/health-api.ts';
import { formatNumber, translate, type Language } from '../i18n/i18n.ts';
import { isSuppressed, SUPPRESSED_COLOUR, type HealthClassification } from '../layers/health-classes.ts';

const SVG = 'http://www.w3.org/2000/svg';
const ROW_PX = 18;
const LABEL_PX = 92;
const WIDTH_PX = 232;
const VALUE_PX = 34;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** Values first (sorted, worst on top), then the suppressed buurten by name. */
export function chartOrder(buurten: BuurtValue[], higherIsBetter: boolean): BuurtValue[] {
  const ok = buurten.filter((b) => !isSuppressed(b)).sort((a, b) => ((a.value as number) - (b.value as number)) * (higherIsBetter ? 1 : -1));
  const suppressed = buurten.filter(isSuppressed).sort((a, b) => a.name.localeCompare(b.name));
  return [...ok, ...suppressed];
}

export function createHealthChart(
  lang: Language,
  title: string,
  unit: string,
  buurten: BuurtValue[],
  higherIsBetter: boolean,
  classification: HealthClassification,
): SVGSVGElement {
  const rows = chartOrder(buurten, higherIsBetter);
  const max = Math.max(0, ...rows.filter((b) => !isSuppressed(b)).map((b) => b.value as number));
  const barSpace = WIDTH_PX - LABEL_PX - VALUE_PX;
  const height = rows.length * ROW_PX + 4;
  const chart = svg('svg', { class: 'health-chart', width: WIDTH_PX, height, viewBox: `0 0 ${WIDTH_PX} ${height}`, role: 'img' });
  chart.append(svg('title', {}, translate(lang, 'health.chart', { title })));
  rows.forEach((b, i) => {
    const y = i * ROW_PX + 2;
    const row = svg('g', { class: 'health-row', 'data-buurt': b.code, 'data-suppressed': String(isSuppressed(b)) });
    const name = b.name.length > 15 ? `${b.name.slice(0, 14)}…` : b.name;
    row.append(svg('text', { x: LABEL_PX - 4, y: y + 12, 'text-anchor': 'end', class: 'health-label' }, name));
    if (isSuppressed(b)) {
      row.append(
        svg('text', { x: LABEL_PX, y: y + 12, class: 'health-suppressed', fill: '#44525f', 'font-style': 'italic' }, translate(lang, 'health.suppressed')),
      );
    } else {
      const value = b.value as number;
      const cls = classification.classOf(b);
      const colour = cls === null ? SUPPRESSED_COLOUR : classification.classes[cls].colour;
      const w = max > 0 ? Math.max(1, (value / max) * barSpace) : 1;
      row.append(
        svg('rect', { x: LABEL_PX, y: y + 2, width: w.toFixed(1), height: ROW_PX - 5, fill: colour, stroke: '#44525f', 'stroke-width': 0.5 }),
        svg('text', { x: LABEL_PX + w + 3, y: y + 12, class: 'health-value' }, `${formatNumber(lang, value)}${unit === '%' ? '%' : ''}`),
      );
    }
    row.prepend(svg('title', {}, `${b.name}: ${isSuppressed(b) ? translate(lang, 'health.suppressed') : `${formatNumber(lang, b.value as number)} ${unit}`}`));
    chart.append(row);
  });
  return chart;
}
