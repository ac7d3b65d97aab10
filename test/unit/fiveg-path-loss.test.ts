// Oracles: DOMAIN.md Part A §1.1 (breakpoints), §1.4 (LOS probability), §1.5 (O2I), §1.6 (worked examples) and
// §1.7 (ns-3 test vectors). Every expected number is copied from the document, never computed here.
import { describe, expect, it } from 'vitest';
import { losProbability } from '../../server/scenarios/fiveg/los-probability.ts';
import { o2iLossDb, o2iModelForBuildingYear, throughWallLossDb } from '../../server/scenarios/fiveg/o2i-penetration.ts';
import { breakpointDistanceM, freeSpacePathLossDb, pathLoss, pathLossDbFast } from '../../server/scenarios/fiveg/path-loss.ts';

const within = (actual: number, expected: number, tol: number) => expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol);

describe('breakpoint distance (§1.1)', () => {
  it.each([
    [25, 0.7, 112.0],
    [25, 1.8, 288.0],
    [25, 3.5, 560.0],
    [25, 26, 4160.0],
    [10, 3.5, 210.0],
    [10, 26, 1560.0],
  ])('hBS %d m at %d GHz → %d m', (hBs, fc, expected) => {
    within(breakpointDistanceM(hBs, 1.5, fc), expected, 0.01);
  });
});

describe('worked examples (§1.6)', () => {
  it('E1 UMa LOS, d3D 200 m at 3.5 GHz: d2D 198.61, PL1 89.50 (FSPL 89.35)', () => {
    const d2D = Math.sqrt(200 ** 2 - 23.5 ** 2);
    within(d2D, 198.61, 0.01);
    const r = pathLoss('UMa', true, d2D, 25, 1.5, 3.5);
    within(r.d3DM, 200, 1e-9);
    within(r.breakpointM, 560.0, 0.01);
    expect(r.branch).toBe('PL1');
    within(r.pathLossDb, 89.5, 0.01);
    within(freeSpacePathLossDb(3.5, 200), 89.35, 0.01);
  });

  it('E2 UMa NLOS, d2D 200 m: d3D 201.38, LOS 89.57, PL 114.46', () => {
    const r = pathLoss('UMa', false, 200, 25, 1.5, 3.5);
    within(r.d3DM, 201.38, 0.01);
    within(r.losPathLossDb, 89.57, 0.01);
    within(r.pathLossDb, 114.46, 0.01);
    expect(r.branch).toBe('NLOS');
  });

  it('E3 UMi NLOS, d2D 150 m: d3D 150.24, LOS 88.99, PL 110.83; E3b LOS 88.99', () => {
    const r = pathLoss('UMi', false, 150, 10, 1.5, 3.5);
    within(r.d3DM, 150.24, 0.01);
    within(r.losPathLossDb, 88.99, 0.01);
    within(r.pathLossDb, 110.83, 0.01);
    const los = pathLoss('UMi', true, 150, 10, 1.5, 3.5);
    within(los.breakpointM, 210.0, 0.01);
    expect(los.branch).toBe('PL1');
    within(los.pathLossDb, 88.99, 0.01);
  });

  it('E4 UMi LOS beyond the breakpoint, d2D 500 m: d3D 500.07, PL2 107.11', () => {
    const r = pathLoss('UMi', true, 500, 10, 1.5, 3.5);
    within(r.d3DM, 500.07, 0.01);
    expect(r.branch).toBe('PL2');
    within(r.pathLossDb, 107.11, 0.01);
  });

  it('E4b UMa LOS beyond the breakpoint at 0.7 GHz, d2D 1000 m: d3D 1000.28, d\'BP 112, PL2 107.85', () => {
    const r = pathLoss('UMa', true, 1000, 25, 1.5, 0.7);
    within(r.d3DM, 1000.28, 0.01);
    within(r.breakpointM, 112.0, 0.01);
    expect(r.branch).toBe('PL2');
    within(r.pathLossDb, 107.85, 0.01);
  });

  it('E5 UMi mmWave at 26 GHz, d2D 100 m: d3D 100.36, LOS 102.73, NLOS 123.19', () => {
    const los = pathLoss('UMi', true, 100, 10, 1.5, 26);
    within(los.d3DM, 100.36, 0.01);
    within(los.breakpointM, 1560, 0.01);
    within(los.pathLossDb, 102.73, 0.01);
    within(pathLoss('UMi', false, 100, 10, 1.5, 26).pathLossDb, 123.19, 0.01);
  });

  it('E6 UMa mmWave LOS at 26 GHz, d2D 300 m: d3D 300.92, d\'BP 4160, PL1 110.83', () => {
    const r = pathLoss('UMa', true, 300, 25, 1.5, 26);
    within(r.d3DM, 300.92, 0.01);
    within(r.breakpointM, 4160, 0.01);
    expect(r.branch).toBe('PL1');
    within(r.pathLossDb, 110.83, 0.01);
  });

  it('E7 UMa NLOS far, d2D 500 m: d3D 500.55, LOS 98.27, PL 129.92', () => {
    const r = pathLoss('UMa', false, 500, 25, 1.5, 3.5);
    within(r.d3DM, 500.55, 0.01);
    within(r.losPathLossDb, 98.27, 0.01);
    within(r.pathLossDb, 129.92, 0.01);
  });
});

describe('ns-3 test vectors at 5 GHz, hUT 1.5 m (§1.7), received power −PL to 1e-3 dB', () => {
  const vectors: [model: 'UMa' | 'UMi', hBs: number, los: boolean, d: number, prDbm: number][] = [
    ['UMa', 25, true, 10, -72.938],
    ['UMa', 25, true, 100, -86.2362],
    ['UMa', 25, true, 1000, -109.7252],
    ['UMa', 25, true, 5000, -137.6794],
    ['UMa', 25, false, 10, -82.5131],
    ['UMa', 25, false, 100, -106.1356],
    ['UMa', 25, false, 1000, -144.7641],
    ['UMa', 25, false, 5000, -172.0753],
    ['UMi', 10, true, 10, -69.8591],
    ['UMi', 10, true, 100, -88.4122],
    ['UMi', 10, true, 1000, -119.3114],
    ['UMi', 10, true, 5000, -147.2696],
    ['UMi', 10, false, 10, -76.7563],
    ['UMi', 10, false, 100, -107.9432],
    ['UMi', 10, false, 1000, -143.1886],
    ['UMi', 10, false, 5000, -167.8617],
  ];
  it.each(vectors)('%s (hBS %d) los=%s d=%d m → %d dBm', (model, hBs, los, d, pr) => {
    const r = pathLoss(model, los, d, hBs, 1.5, 5);
    within(-r.pathLossDb, pr, 1e-3);
    expect(r.withinValidity).toBe(true);
    // The allocation-free variant used by the coverage loop gives the same number.
    within(pathLossDbFast(model === 'UMa', los, d, hBs, 1.5, 5, Math.log10(5)), r.pathLossDb, 1e-9);
  });

  it('uses PL2 beyond the breakpoint of 800 m (UMa) and 300 m (UMi)', () => {
    expect(pathLoss('UMa', true, 1000, 25, 1.5, 5)).toMatchObject({ branch: 'PL2' });
    within(pathLoss('UMa', true, 1000, 25, 1.5, 5).breakpointM, 800, 1e-9);
    within(pathLoss('UMi', true, 1000, 10, 1.5, 5).breakpointM, 300, 1e-9);
  });
});

describe('model properties', () => {
  it('PL1 and PL2 meet at the breakpoint (continuity)', () => {
    for (const [model, hBs] of [['UMa', 25], ['UMi', 10]] as const) {
      const bp = breakpointDistanceM(hBs, 1.5, 3.5);
      within(pathLoss(model, true, bp * (1 - 1e-9), hBs, 1.5, 3.5).pathLossDb, pathLoss(model, true, bp * (1 + 1e-9), hBs, 1.5, 3.5).pathLossDb, 1e-6);
    }
  });

  it('flags out-of-range inputs and evaluates below 10 m as at 10 m, without throwing', () => {
    const close = pathLoss('UMa', true, 3, 25, 1.5, 3.5);
    expect(close.withinValidity).toBe(false);
    expect(close.pathLossDb).toBe(pathLoss('UMa', true, 10, 25, 1.5, 3.5).pathLossDb);
    expect(pathLoss('UMi', false, 200, 10, 1.5, 0.3).validityNotes.join()).toMatch(/fcGHz/);
    expect(pathLoss('UMa', false, 6000, 25, 1.5, 3.5).withinValidity).toBe(false);
    expect(pathLoss('UMa', false, 200, 25, 30, 3.5).validityNotes.join()).toMatch(/hUtM/);
    expect(pathLoss('UMa', false, 200, 30, 1.5, 3.5)).toMatchObject({ withinValidity: true, nominalBsHeight: false });
  });
});

describe('LOS probability (§1.4)', () => {
  it.each([
    [10, 1.0, 1.0, 1.0],
    [18, 1.0, 1.0, 1.0],
    [50, 0.6494, 0.5196, 0.692],
    [100, 0.3477, 0.231, 0.4783],
    [200, 0.128, 0.0935, 0.3257],
    [500, 0.0363, 0.036, 0.155],
  ])('d2D %d m: UMa(1.5 m) %d, UMi %d, UMa(20 m) %d', (d, uma, umi, uma20) => {
    within(losProbability('UMa', d, 1.5), uma, 1e-4);
    within(losProbability('UMi', d, 1.5), umi, 1e-4);
    within(losProbability('UMa', d, 20), uma20, 1e-4);
  });
});

describe('O2I penetration (§1.5)', () => {
  it.each([
    [0.7, 10.24, 17.75],
    [1.8, 11.65, 21.74],
    [3.5, 12.7, 26.85],
    [26, 17.43, 37.35],
  ])('PL_tw at %d GHz: low %d, high %d dB', (fc, low, high) => {
    within(throughWallLossDb('low', fc), low, 0.01);
    within(throughWallLossDb('high', fc), high, 0.01);
  });

  it('adds 0.5 dB per indoor metre: 10 m at 3.5 GHz gives low 17.70, high 31.85 dB', () => {
    within(o2iLossDb('low', 3.5, 10), 17.7, 0.01);
    within(o2iLossDb('high', 3.5, 10), 31.85, 0.01);
  });

  it('maps buildings from 2006 on to high-loss, older stock to low-loss', () => {
    expect(o2iModelForBuildingYear(2005)).toBe('low');
    expect(o2iModelForBuildingYear(2006)).toBe('high');
  });
});
