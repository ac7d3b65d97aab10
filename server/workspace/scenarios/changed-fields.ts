// Which parts of a scenario differ between two versions, for the version history ("what changed"). Pure.
import type { ScenarioInputs } from '../../contracts/workspace.ts';

export interface ScenarioContent {
  name: string;
  description: string;
  inputs: ScenarioInputs;
}

/** Top-level fields, and the inputs one level down: e.g. ['name', 'inputs.antennas']. */
export function changedFields(previous: ScenarioContent, next: ScenarioContent): string[] {
  const out: string[] = [];
  if (previous.name !== next.name) out.push('name');
  if (previous.description !== next.description) out.push('description');
  const keys = [...new Set([...Object.keys(previous.inputs), ...Object.keys(next.inputs)])].sort();
  for (const key of keys) {
    const a = (previous.inputs as Record<string, unknown>)[key];
    const b = (next.inputs as Record<string, unknown>)[key];
    if (canonical(a) !== canonical(b)) out.push(`inputs.${key}`);
  }
  return out;
}

/** True when the engines would compute the same indicators for both (layers and views do not count). */
export function sameComputationInputs(a: ScenarioInputs, b: ScenarioInputs): boolean {
  return canonical(a.antennas) === canonical(b.antennas) && canonical(a.fibre) === canonical(b.fibre);
}

/** JSON with object keys sorted, so key order never counts as a change. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v,
  ) ?? 'undefined';
}
