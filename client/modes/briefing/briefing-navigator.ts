// The briefing's step navigation as a small state machine: where we are, what the next action leads to. Pure.

export type BriefingAction = 'next' | 'previous' | 'first' | 'last' | { goTo: number };

export interface BriefingPosition {
  /** 0-based index of the step shown. */
  readonly index: number;
  readonly count: number;
}

export function createPosition(count: number, index = 0): BriefingPosition {
  if (!Number.isInteger(count) || count < 1) throw new RangeError('a briefing has at least one step');
  return { index: clampIndex(index, count), count };
}

function clampIndex(index: number, count: number): number {
  return Number.isFinite(index) ? Math.max(0, Math.min(count - 1, Math.trunc(index))) : 0;
}

/** The position after an action; stays put at either end (a clicker pressed once too often does nothing). */
export function navigate(position: BriefingPosition, action: BriefingAction): BriefingPosition {
  const { index, count } = position;
  let next: number;
  if (action === 'next') next = index + 1;
  else if (action === 'previous') next = index - 1;
  else if (action === 'first') next = 0;
  else if (action === 'last') next = count - 1;
  else next = action.goTo;
  const clamped = clampIndex(next, count);
  return clamped === index ? position : { index: clamped, count };
}

export function isFirst(position: BriefingPosition): boolean {
  return position.index === 0;
}

export function isLast(position: BriefingPosition): boolean {
  return position.index === position.count - 1;
}

/** "3 / 7": 1-based, as people count. */
export function stepCounter(position: BriefingPosition): string {
  return `${position.index + 1} / ${position.count}`;
}

/** The step in the URL (`step=3`, 1-based) → 0-based index; anything odd gives the first step. */
export function indexFromStepParam(value: string | null, count: number): number {
  if (!value || !/^\d{1,3}$/.test(value)) return 0;
  return clampIndex(Number(value) - 1, count);
}
