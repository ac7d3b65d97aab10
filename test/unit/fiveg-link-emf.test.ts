// Oracles: DOMAIN.md Part A §2.1 (antenna pattern), §2.2 (link budget), §3.2 (reference levels), §3.4 (EMF).
import { describe, expect, it } from 'vitest';
import { ELEMENT_PATTERN_38901, MACRO_PANEL_PATTERN, antennaGainDbi, zenithAngleDeg } from '../../server/scenarios/fiveg/antenna-pattern.ts';
import { complianceDistanceM, fieldStrengthVPerM, powerDensityWPerM2, referenceLevel, totalExposureRatio } from '../../server/scenarios/fiveg/emf.ts';
import { coverageClass, noisePerResourceElementDbm, powerPerResourceElementDbm, rsrpDbm, sinrDb, wattToDbm } from '../../server/scenarios/fiveg/link-budget.ts';
import { throughWallLossDb } from '../../server/scenarios/fiveg/o2i-penetration.ts';
import { pathLoss } from '../../server/scenarios/fiveg/path-loss.ts';

const within = (actual: number, expected: number, tol: number) => expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol);

describe('38.901 antenna pattern (§2.1)', () => {
  it.each([
    [0, 90, 8.0],
    [32.5, 90, 5.0],
    [65, 90, -4.0],
    [90, 90, -15.01],
    [180, 90, -22.0],
    [0, 122.5, 5.0],
    [60, 100, -2.51],
  ])('element G(φ=%d, θ=%d) = %d dBi', (phi, theta, g) => {
    within(antennaGainDbi(ELEMENT_PATTERN_38901, phi, theta), g, 0.01);
  });

  it.each([
    [0, 96, 17.0],
    [0, 90, 12.68],
    [30, 96, 14.44],
    [0, 100, 15.08],
    [0, 116, -13.0],
    [180, 96, -13.0],
  ])('panel (17 dBi, θ3dB 10°, tilt 6°) G(φ=%d, θ=%d) = %d dBi', (phi, theta, g) => {
    within(antennaGainDbi(MACRO_PANEL_PATTERN, phi, theta, 6), g, 0.01);
  });

  it('is symmetric in azimuth and wraps beyond ±180°', () => {
    expect(antennaGainDbi(ELEMENT_PATTERN_38901, -40, 95)).toBeCloseTo(antennaGainDbi(ELEMENT_PATTERN_38901, 40, 95), 12);
    expect(antennaGainDbi(ELEMENT_PATTERN_38901, 350, 90)).toBeCloseTo(antennaGainDbi(ELEMENT_PATTERN_38901, -10, 90), 12);
  });
});

describe('n78 link budget (§2.2 worked table)', () => {
  const pRe = powerPerResourceElementDbm(wattToDbm(200), 273);
  const noise = noisePerResourceElementDbm(30e3, 7);
  const e1d2D = Math.sqrt(200 ** 2 - 23.5 ** 2);
  const cases = [
    { name: 'E1 UMa LOS d3D 200', d2D: e1d2D, los: true, o2i: 0, theta: 96.75, g: 16.93, pl: 89.5, rsrp: -54.71, snr: 67.51 },
    { name: 'E2 UMa NLOS d2D 200', d2D: 200, los: false, o2i: 0, theta: 96.7, g: 16.94, pl: 114.46, rsrp: -79.66, snr: 42.56 },
    { name: 'E2 + O2I low-loss', d2D: 200, los: false, o2i: 12.7, theta: 96.7, g: 16.94, pl: 114.46, rsrp: -92.36, snr: 29.87 },
    { name: 'E7 UMa NLOS d2D 500', d2D: 500, los: false, o2i: 0, theta: 92.69, g: 15.69, pl: 129.92, rsrp: -96.37, snr: 25.86 },
  ];

  it('P_tot 200 W = 53.01 dBm, P_RE = 17.86 dBm, noise per RE (NF 7) = −122.23 dBm', () => {
    within(wattToDbm(200), 53.01, 0.01);
    within(pRe, 17.86, 0.01);
    within(noise, -122.23, 0.01);
    within(noisePerResourceElementDbm(30e3, 0), -129.23, 0.01);
  });

  it.each(cases)('$name → RSRP $rsrp dBm, SNR $snr dB', (c) => {
    const theta = zenithAngleDeg(c.d2D, 23.5);
    within(theta, c.theta, 0.01);
    const g = antennaGainDbi(MACRO_PANEL_PATTERN, 0, theta, 6);
    within(g, c.g, 0.01);
    const pl = pathLoss('UMa', c.los, c.d2D, 25, 1.5, 3.5).pathLossDb;
    within(pl, c.pl, 0.01);
    const o2i = c.o2i === 0 ? 0 : throughWallLossDb('low', 3.5);
    within(o2i, c.o2i, 0.01);
    const rsrp = rsrpDbm(pRe, g, pl, { o2iLossDb: o2i });
    within(rsrp, c.rsrp, 0.01);
    within(rsrp - noise, c.snr, 0.01);
  });

  it('SINR without interferers equals SNR; an interferer as strong as the signal gives 0 dB', () => {
    within(sinrDb(-80, [], -122.23), 42.23, 1e-9);
    within(sinrDb(-80, [-80], -200), 0, 1e-6);
    // Two interferers 3.0103 dB weaker add up to one as strong as the signal.
    within(sinrDb(-80, [-83.0103, -83.0103], -200), 0, 1e-4);
  });

  it('classifies RSRP with the §2.3 thresholds', () => {
    expect([-79, -80, -85, -95, -105, -110, -111].map((r) => coverageClass(r))).toEqual(['excellent', 'excellent', 'good', 'fair', 'poor', 'poor', 'none']);
  });
});

describe('EMF far field (§3.4)', () => {
  it.each([
    [1, 159.1549, 244.95],
    [2, 39.7887, 122.47],
    [5, 6.3662, 48.99],
    [10, 1.5915, 24.49],
    [20, 0.3979, 12.25],
    [50, 0.0637, 4.9],
    [100, 0.0159, 2.45],
    [200, 0.004, 1.22],
  ])('EIRP 2000 W at %d m: S %d W/m², E %d V/m', (d, s, e) => {
    within(powerDensityWPerM2(2000, d), s, 1e-4);
    within(fieldStrengthVPerM(2000, d), e, 0.01);
    // S = E²/Z0 with Z0 = 120π, the relation the two formulas share.
    within(fieldStrengthVPerM(2000, d) ** 2 / (120 * Math.PI), powerDensityWPerM2(2000, d), 1e-9);
  });

  it('compliance distances for EIRP 2000 W, without and with the 2.56 reflection factor', () => {
    within(complianceDistanceM(2000, 10), 3.99, 0.01);
    within(complianceDistanceM(2000, 10, true), 6.38, 0.01);
    within(complianceDistanceM(2000, referenceLevel(700).powerDensityWPerM2), 6.74, 0.01);
    within(complianceDistanceM(2000, referenceLevel(700).powerDensityWPerM2, true), 10.79, 0.01);
    within(complianceDistanceM(2000, referenceLevel(1800).powerDensityWPerM2), 4.21, 0.01);
    within(complianceDistanceM(2000, referenceLevel(1800).powerDensityWPerM2, true), 6.73, 0.01);
    within(complianceDistanceM(2000, 2), 8.92, 0.01);
    within(complianceDistanceM(2000, 2, true), 14.27, 0.01);
  });

  it('macro AAU 200 W × 17 dBi: EIRP 10 023.7 W = 70.01 dBm, d_c 8.93 m', () => {
    const eirpW = 200 * 10 ** (17 / 10);
    within(eirpW, 10023.7, 0.05);
    within(wattToDbm(eirpW), 70.01, 0.01);
    within(complianceDistanceM(eirpW, 10), 8.93, 0.01);
  });

  it('TER of three sources = 0.2274', () => {
    const ter = totalExposureRatio([
      { eirpW: 2000, distanceM: 10, frequencyMHz: 3500 },
      { eirpW: 500, distanceM: 15, frequencyMHz: 700 },
      { eirpW: 800, distanceM: 20, frequencyMHz: 1800 },
    ]);
    within(ter, 0.2274, 1e-4);
  });

  it.each([
    [700, 3.5, 36.38],
    [800, 4.0, 38.89],
    [900, 4.5, 41.25],
    [1800, 9.0, 58.34],
    [2100, 10, 61],
    [3500, 10, 61],
    [26000, 10, 61],
  ])('ICNIRP general-public reference level at %d MHz: %d W/m², %d V/m', (f, s, e) => {
    const r = referenceLevel(f);
    within(r.powerDensityWPerM2, s, 0.01);
    within(r.fieldStrengthVPerM, e, 0.01);
  });
});
