// Fibre design charts as SVG built with DOM APIs: the cost breakdown (one bar per cost part) and the phasing
// timeline (one block per year with its buurten and cost; a year over budget is flagged in words too).
import type { FibrePhase } from '../api/fibre-api.ts';
import type { CostPart } from '../fibre/fibre-request.ts';
import { formatNumber, translate, type Language } from '../i18n/i18n.ts';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH_PX = 232;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

export function euros(lang: Language, eur: number): string {
  return `€ ${formatNumber(lang, eur, 0)}`;
}

export function createCostChart(lang: Language, parts: { part: CostPart; eur: number }[]): SVGSVGElement {
  const rowPx = 17;
  const labelPx = 96;
  const valuePx = 62;
  const barSpace = WIDTH_PX - labelPx - valuePx;
  const max = Math.max(1, ...parts.map((p) => p.eur));
  const height = parts.length * rowPx + 4;
  const chart = svg('svg', { class: 'fibre-chart', id: 'fibre-cost-chart', width: WIDTH_PX, height, viewBox: `0 0 ${WIDTH_PX} ${height}`, role: 'img' });
  chart.append(svg('title', {}, translate(lang, 'fibre.costChart')));
  parts.forEach((p, i) => {
    const y = i * rowPx + 2;
    const g = svg('g', { 'data-part': p.part, 'data-eur': p.eur });
    g.append(
      svg('title', {}, `${translate(lang, `fibre.cost.${p.part}`)}: ${euros(lang, p.eur)}`),
      svg('text', { x: 0, y: y + 11 }, translate(lang, `fibre.cost.${p.part}`)),
      svg('rect', { x: labelPx, y: y + 2, width: Math.max(1, (p.eur / max) * barSpace).toFixed(1), height: rowPx - 5, fill: '#c2007a' }),
      svg('text', { x: labelPx + barSpace + 3, y: y + 11 }, euros(lang, p.eur)),
    );
    chart.append(g);
  });
  return chart;
}

export function createPhasingTimeline(lang: Language, phases: FibrePhase[], names: ReadonlyMap<string, string>): SVGSVGElement {
  const rowPx = 30;
  const height = phases.length * rowPx + 4;
  const chart = svg('svg', { class: 'fibre-chart', id: 'fibre-timeline', width: WIDTH_PX, height, viewBox: `0 0 ${WIDTH_PX} ${height}`, role: 'img' });
  chart.append(svg('title', {}, translate(lang, 'fibre.timeline')));
  const max = Math.max(1, ...phases.map((p) => p.costEur));
  phases.forEach((p, i) => {
    const y = i * rowPx + 2;
    const buurten = p.buurtCodes.map((c) => names.get(c) ?? c).join(', ');
    const g = svg('g', { 'data-year': p.year, 'data-over-budget': String(p.overBudget) });
    g.append(
      svg('title', {}, `${p.year}: ${buurten} — ${euros(lang, p.costEur)}${p.overBudget ? ` (${translate(lang, 'fibre.overBudget')})` : ''}`),
      svg('text', { x: 0, y: y + 11, 'font-weight': 600 }, String(p.year)),
      svg('rect', { x: 36, y: y + 2, width: Math.max(2, (p.costEur / max) * (WIDTH_PX - 40)).toFixed(1), height: 11, fill: p.overBudget ? '#8f1a1a' : '#2b83ba' }),
      svg('text', { x: 36, y: y + 25 }, `${buurten.length > 30 ? `${buurten.slice(0, 29)}…` : buurten} · ${euros(lang, p.costEur)}${p.overBudget ? ' !' : ''}`),
    );
    chart.append(g);
  });
  return chart;
}
