import { describe, expect, it } from 'vitest';
import en from '../../client/i18n/en.json';
import nl from '../../client/i18n/nl.json';
import {
  cableWidthPx,
  COST_PARTS,
  costBreakdown,
  designBody,
  EDITABLE_UNIT_COSTS,
  HOME_STATUSES,
  homeStatus,
  unitCostAt,
  unitCostOverrides,
  type UnitCosts,
} from '../../client/fibre/fibre-request.ts';
import { createDefaultState, stateFromHash, stateToHash } from '../../client/state/app-state.ts';

function createDefaults(): UnitCosts {
  return {
    trenchPerM: { asfalt: 90, klinkers: 45, tegels: 45, onverhard: 25 },
    microTrenchPerM: 35,
    ductAndCablePerM: 5,
    roadCrossingEur: 1000,
    dropEur: 450,
    ontEur: 100,
    popPerHomePassed: 75,
    splitterEur: 800,
    cabinetEur: 0,
  };
}

describe('fibre design request', () => {
  it('reads nested and flat unit costs', () => {
    expect(unitCostAt(createDefaults(), 'trenchPerM.klinkers')).toBe(45);
    expect(unitCostAt(createDefaults(), 'dropEur')).toBe(450);
  });

  it('sends only the unit costs that differ from the defaults, nested like the server schema', () => {
    const overrides = unitCostOverrides(createDefaults(), { 'trenchPerM.klinkers': 60, 'trenchPerM.asfalt': 90, dropEur: 500, ontEur: Number.NaN, splitterEur: -1 });
    expect(overrides).toEqual({ trenchPerM: { klinkers: 60 }, dropEur: 500 });
  });

  it('builds the design body with sorted buurten, clamped take rate and cost-per-home phasing', () => {
    const body = designBody({ popId: 'pop-1', buurten: ['BU2', 'BU1'], defaults: createDefaults(), edited: {}, takeRate: 1.4, yearlyBudgetEur: 500_000 });
    expect(body).toEqual({
      pop: { id: 'pop-1' },
      buurten: ['BU1', 'BU2'],
      takeRate: 1,
      phasing: { order: 'cost-per-home', yearlyBudgetEur: 500_000 },
    });
  });

  it('lists the cost parts in chart order and drops zero parts', () => {
    const parts = costBreakdown({ trenchEur: 100, crossingEur: 0, cableEur: 20, popEur: null, splitterEur: 5, cabinetEur: 0, connectionsEur: 50, capexTotalEur: 175 });
    expect(parts).toEqual([
      { part: 'trenchEur', eur: 100 },
      { part: 'cableEur', eur: 20 },
      { part: 'splitterEur', eur: 5 },
      { part: 'connectionsEur', eur: 50 },
    ]);
  });

  it('classes each home: fibre already, passed, white spot outside the plan, unreachable inside it', () => {
    const targeted = new Set(['BU1']);
    const disconnected = new Set(['a3']);
    expect(homeStatus(true, 'BU1', targeted, disconnected, 'a1')).toBe('fibre');
    expect(homeStatus(false, 'BU1', targeted, disconnected, 'a2')).toBe('passed');
    expect(homeStatus(false, 'BU1', targeted, disconnected, 'a3')).toBe('unreachable');
    expect(homeStatus(false, 'BU2', targeted, disconnected, 'a4')).toBe('white-spot');
  });

  it('draws bigger cables wider, within 2–8 px', () => {
    expect(cableWidthPx(1)).toBe(2);
    expect(cableWidthPx(48)).toBeGreaterThan(cableWidthPx(12));
    expect(cableWidthPx(100_000)).toBe(8);
    expect(cableWidthPx(0)).toBe(2);
  });

  it('has every label it shows in both languages', () => {
    const keys = [
      ...EDITABLE_UNIT_COSTS.map((p) => `fibre.unit.${p}`),
      ...COST_PARTS.map((p) => `fibre.cost.${p}`),
      ...HOME_STATUSES.map((h) => `fibre.home.${h}`),
    ];
    for (const key of keys) {
      expect(nl).toHaveProperty([key]);
      expect(en).toHaveProperty([key]);
    }
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
  });
});

describe('fibre state in the URL hash', () => {
  it('round-trips the POP and the buurten', () => {
    const state = { ...createDefaultState(), tool: 'fibre' as const, fibrePop: 'pop-2', fibreBuurten: ['BU99990101', 'BU99990201'] };
    expect(stateFromHash(stateToHash(state))).toEqual(state);
  });

  it('drops malformed buurt codes and POP ids', () => {
    expect(stateFromHash('#fpop=<x>&fbu=BU1,BU99990101,nope,BU99990101')).toEqual({ ...createDefaultState(), fibreBuurten: ['BU99990101'] });
  });
});
