import { describe, expect, it } from 'vitest';
import { actionForKey } from '../../client/modes/briefing/briefing-keys.ts';
import { createPosition, indexFromStepParam, isFirst, isLast, navigate, stepCounter } from '../../client/modes/briefing/briefing-navigator.ts';
import { modeFromUrl, modeUrl } from '../../client/modes/mode-from-url.ts';

const ID = '0b7c8f2e-4a51-4c7e-9d0a-2f3b4c5d6e7f';

describe('briefing step navigation', () => {
  it('walks forward and back between the ends and counts like people do', () => {
    let p = createPosition(7);
    expect(stepCounter(p)).toBe('1 / 7');
    p = navigate(navigate(p, 'next'), 'next');
    expect(stepCounter(p)).toBe('3 / 7');
    p = navigate(p, 'previous');
    expect(p.index).toBe(1);
  });

  it('stays put at either end (a clicker pressed once too often does nothing)', () => {
    const first = createPosition(3);
    expect(navigate(first, 'previous')).toBe(first);
    const last = navigate(first, 'last');
    expect(isLast(last)).toBe(true);
    expect(navigate(last, 'next')).toBe(last);
    expect(isFirst(navigate(last, 'first'))).toBe(true);
  });

  it('clamps a direct jump and a step number from the URL', () => {
    expect(navigate(createPosition(5), { goTo: 99 }).index).toBe(4);
    expect(navigate(createPosition(5), { goTo: -3 }).index).toBe(0);
    expect(indexFromStepParam('3', 5)).toBe(2);
    expect(indexFromStepParam('9', 5)).toBe(4);
    expect(indexFromStepParam('x', 5)).toBe(0);
    expect(indexFromStepParam(null, 5)).toBe(0);
  });

  it('refuses a briefing without steps (a programming error)', () => {
    expect(() => createPosition(0)).toThrow(RangeError);
  });
});

describe('briefing keys (keyboard and presentation clicker)', () => {
  it('maps arrows, PageUp/PageDown, Home and End', () => {
    expect(actionForKey({ key: 'ArrowRight' })).toBe('next');
    expect(actionForKey({ key: 'PageDown' })).toBe('next');
    expect(actionForKey({ key: 'ArrowLeft' })).toBe('previous');
    expect(actionForKey({ key: 'PageUp' })).toBe('previous');
    expect(actionForKey({ key: 'Home' })).toBe('first');
    expect(actionForKey({ key: 'End' })).toBe('last');
  });

  it('leaves other keys, modified keys and typing in form fields to the browser', () => {
    expect(actionForKey({ key: 'Enter' })).toBeUndefined();
    expect(actionForKey({ key: 'Tab' })).toBeUndefined();
    expect(actionForKey({ key: 'ArrowLeft', altKey: true })).toBeUndefined();
    expect(actionForKey({ key: 'ArrowRight', ctrlKey: true })).toBeUndefined();
    expect(actionForKey({ key: 'ArrowRight' }, true)).toBeUndefined();
    expect(actionForKey({ key: 'toString' })).toBeUndefined();
  });
});

describe('mode from the URL', () => {
  it('reads briefing, print, editor, participation and moderation', () => {
    expect(modeFromUrl(`?mode=briefing&briefing=${ID}`)).toEqual({ kind: 'briefing', briefingId: ID });
    expect(modeFromUrl(`?mode=briefing-print&briefing=${ID}`)).toEqual({ kind: 'briefing-print', briefingId: ID });
    expect(modeFromUrl('?mode=briefing-edit')).toEqual({ kind: 'briefing-edit', briefingId: null });
    expect(modeFromUrl(`?mode=participation&session=${ID}`)).toEqual({ kind: 'participation', sessionId: ID });
    expect(modeFromUrl('?mode=moderation')).toEqual({ kind: 'moderation', sessionId: null });
  });

  it('ignores unknown modes and ids that are not UUIDs', () => {
    expect(modeFromUrl('')).toBeUndefined();
    expect(modeFromUrl('?mode=admin')).toBeUndefined();
    expect(modeFromUrl('?mode=participation&session=../../etc')).toBeUndefined();
    expect(modeFromUrl('?mode=briefing&briefing=1')).toEqual({ kind: 'briefing', briefingId: null });
    expect(modeFromUrl('?mode=briefing-print')).toEqual({ kind: 'briefing', briefingId: null });
  });

  it('round-trips through modeUrl', () => {
    const mode = { kind: 'briefing-print', briefingId: ID } as const;
    expect(modeFromUrl(modeUrl(mode).slice(1))).toEqual(mode);
  });
});
