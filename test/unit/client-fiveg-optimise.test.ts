// The 5G panel's optimiser: request body, chosen sites → candidates, and the coverage-gain chart data.
import { describe, expect, it } from 'vitest';
import { createCandidate, MAX_CANDIDATES } from '../../client/fiveg/fiveg-candidate.ts';
import { optimiseChartData, optimiseRequestBody, withOptimisedCandidates, type OptimiseResponse, type OptimisedSite } from '../../client/fiveg/fiveg-optimise.ts';
import { lonLatDegToRd, rdToLonLatDeg } from '../../client/geo/rd.ts';

function createSite(overrides: Partial<OptimisedSite> = {}): OptimisedSite {
  return { id: 'R-001', kind: 'rooftop', x: 155000, y: 463000, heightM: 4, buildingId: 'NL.IMBAG.Pand.1', bands: ['n78'], azimuthsDeg: [0, 120, 240], downtiltDeg: 6, eirpDbm: 70, ...overrides };
}

function createResponse(overrides: Partial<OptimiseResponse> = {}): OptimiseResponse {
  return {
    selected: [
      { candidateId: 'R-007', gainAddresses: 300, cumulativeCovered: 800, cumulativePercent: 40 },
      { candidateId: 'R-002', gainAddresses: 100, cumulativeCovered: 900, cumulativePercent: 45 },
    ],
    sites: [createSite({ id: 'R-007' }), createSite({ id: 'R-002', buildingId: 'NL.IMBAG.Pand.2' })],
    coveredBefore: 500,
    coveredAfter: 900,
    addresses: 2000,
    percentBefore: 25,
    percentAfter: 45,
    feasibleCandidates: 150,
    thresholdDbm: -100,
    ...overrides,
  };
}

describe('optimiseRequestBody', () => {
  it('asks for k rooftop sites at the panel threshold, without a street grid', () => {
    expect(optimiseRequestBody({ k: 3, rooftopCandidates: 200, thresholdDbm: -90, useStoredAntennas: true })).toEqual({
      k: 3,
      rooftopCandidates: 200,
      thresholdDbm: -90,
      useStoredAntennas: true,
      options: { gridCellM: 0 },
    });
  });

  it.each([
    [0, 200],
    [11, 200],
    [2.5, 200],
    [Number.NaN, 200],
    [3, 0],
    [3, 1001],
    [5, 4],
  ])('refuses k = %s with %s rooftop candidates', (k, rooftopCandidates) => {
    expect(optimiseRequestBody({ k, rooftopCandidates, thresholdDbm: -100, useStoredAntennas: false })).toBeUndefined();
  });
});

describe('withOptimisedCandidates', () => {
  it('appends the chosen rooftop sites as rooftop candidates at their RD position', () => {
    const current = [createCandidate([5.24, 51.99])];
    const next = withOptimisedCandidates(current, [createSite()], rdToLonLatDeg, lonLatDegToRd);
    expect(next).toHaveLength(2);
    expect(next[0]).toBe(current[0]);
    expect(next[1]).toMatchObject({ kind: 'rooftop', buildingId: 'NL.IMBAG.Pand.1', heightM: 4, azimuthsDeg: [0, 120, 240], downtiltDeg: 6, eirpDbm: 70, band: 'n78' });
    const [x, y] = lonLatDegToRd(next[1].lonLat);
    expect(Math.hypot(x - 155000, y - 463000)).toBeLessThan(0.01);
  });

  it('adds a mast as a mast and skips a site already in the list', () => {
    const mast = createSite({ id: 'M', kind: 'mast', buildingId: undefined, heightM: 30, bands: ['n3'] });
    const once = withOptimisedCandidates([], [mast, createSite()], rdToLonLatDeg, lonLatDegToRd);
    expect(once.map((c) => c.kind)).toEqual(['mast', 'rooftop']);
    expect(once[0]).toMatchObject({ heightM: 30, band: 'n3' });
    expect(withOptimisedCandidates(once, [mast, createSite()], rdToLonLatDeg, lonLatDegToRd)).toHaveLength(2);
  });

  it('stops at the panel maximum', () => {
    const sites = Array.from({ length: 12 }, (_, i) => createSite({ id: `R-${i}`, buildingId: `B${i}`, x: 155000 + 10 * i }));
    expect(withOptimisedCandidates([], sites, rdToLonLatDeg, lonLatDegToRd)).toHaveLength(MAX_CANDIDATES);
  });
});

describe('optimiseChartData', () => {
  it('has one cumulative bar per added site and the gain over the current network', () => {
    expect(optimiseChartData(createResponse())).toEqual({
      beforePercent: 25,
      bars: [
        { siteId: 'R-007', percent: 40, gainAddresses: 300 },
        { siteId: 'R-002', percent: 45, gainAddresses: 100 },
      ],
      afterPercent: 45,
      gainPoints: 20,
    });
  });

  it('rounds the gain to one decimal and has no bars when nothing was chosen', () => {
    const data = optimiseChartData(createResponse({ selected: [], sites: [], percentBefore: 33.3, percentAfter: 33.3 }));
    expect(data.bars).toEqual([]);
    expect(data.gainPoints).toBe(0);
    expect(optimiseChartData(createResponse({ percentBefore: 10.1, percentAfter: 30.3 })).gainPoints).toBe(20.2);
  });
});
