import { describe, expect, it } from 'vitest';
import { buildingExposureColours, EXPOSURE_CLASSES, exposureColour, maxTerPerBuilding, NO_EXPOSURE_COLOUR } from '../../client/fiveg/exposure-classes.ts';

describe('exposure map classes', () => {
  it('steps by factors of ten and turns red at the reference level', () => {
    const colours = [0.00005, 0.0005, 0.005, 0.05, 0.5, 1, 3].map(exposureColour);
    expect(new Set(colours).size).toBe(6);
    expect(colours[5]).toBe(EXPOSURE_CLASSES[EXPOSURE_CLASSES.length - 1].colour);
    expect(colours[6]).toBe(colours[5]);
    expect(exposureColour(null)).toBe(NO_EXPOSURE_COLOUR);
    expect(exposureColour(Number.NaN)).toBe(NO_EXPOSURE_COLOUR);
  });

  it('colours a building by the highest exposure of its addresses', () => {
    const buildingOf = new Map([
      ['a1', 'B1'],
      ['a2', 'B1'],
      ['a3', 'B2'],
      ['a4', 'B3'],
    ]);
    const max = maxTerPerBuilding(['a1', 'a2', 'a3', 'a4', 'a5'], [0.002, 0.02, null, 0.0001], buildingOf);
    expect([...max]).toEqual([
      ['B1', 0.02],
      ['B2', null],
      ['B3', 0.0001],
    ]);
    const colours = buildingExposureColours(max);
    expect(colours.get('B1')).toBe(exposureColour(0.02));
    expect(colours.get('B2')).toBe(NO_EXPOSURE_COLOUR);
  });
});
