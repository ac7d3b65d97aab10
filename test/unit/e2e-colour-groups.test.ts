import { describe, expect, it } from 'vitest';
import { splitColourGroups, type Rgb } from '../e2e/support/colour-groups.ts';

/** One colour under several light levels, as Cesium's diffuse shading draws differently facing faces. */
function shaded(rgb: Rgb, levels: number[]): Rgb[] {
  return levels.map((l) => rgb.map((v) => Math.round(v * l)) as Rgb);
}

describe('splitColourGroups', () => {
  it('separates a terracotta roof from a light wall under the same style colour, whatever the shading', () => {
    const roof = shaded([158, 85, 38], [1, 0.82, 0.6]);
    const wall = shaded([168, 126, 66], [1, 0.8, 0.65, 0.5]);
    const split = splitColourGroups([...wall, ...roof]);
    expect(split?.groups.map((g) => g.count)).toEqual([3, 4]);
    // The redder group (the roof) comes first.
    expect(split!.groups[0].meanRgb[0]).toBeGreaterThan(split!.groups[0].meanRgb[1] * 1.5);
    expect(split!.separation).toBeGreaterThan(0.08);
  });

  it('finds no real separation in one colour under different light levels', () => {
    const split = splitColourGroups(shaded([168, 126, 66], [1, 0.9, 0.75, 0.6, 0.5]));
    expect(split!.separation).toBeLessThan(0.01);
  });

  it('drops a group smaller than minGroup as strays (a background pixel at the edge) and splits the rest', () => {
    const roof = shaded([158, 85, 38], [1, 0.8, 0.6]);
    const wall = shaded([168, 126, 66], [1, 0.8, 0.6]);
    const background: Rgb = [223, 228, 216];
    const split = splitColourGroups([background, ...wall, ...roof], { minGroup: 3 });
    expect(split?.strays).toBe(1);
    expect(split?.groups.map((g) => g.count)).toEqual([3, 3]);
    expect(split!.separation).toBeGreaterThan(0.08);
    // Without roofs the strays go and nothing splittable in two real groups is left.
    const wallOnly = splitColourGroups([background, ...wall], { minGroup: 2 });
    expect(wallOnly?.separation ?? 0).toBeLessThan(0.01);
  });

  it('ignores pixels too dark to have a colour, and gives up below two usable samples', () => {
    expect(splitColourGroups([])).toBeUndefined();
    expect(splitColourGroups([[200, 100, 50], [5, 3, 1]])).toBeUndefined();
  });
});
