import { describe, expect, it } from 'vitest';
import { compassOf, describeView, type ViewFacts } from '../../client/workspace/view-description.ts';

function createFacts(patch: Partial<ViewFacts> = {}): ViewFacts {
  return {
    twinName: 'Demostad',
    visibleLayers: ['3D-gebouwen', 'Ondergrond'],
    camera: { lonDeg: 5.12345, latDeg: 52.0812, heightM: 1240.4, headingDeg: 2, pitchDeg: -38.2 },
    buildingCount: 5321,
    candidateCount: 0,
    ...patch,
  };
}

describe('describeView: the text alternative of the 3D view', () => {
  it('says what is shown, from where, and how many buildings, in Dutch', () => {
    expect(describeView('nl', createFacts())).toEqual([
      '3D-kaart van Demostad. Zichtbaar: 3D-gebouwen, Ondergrond.',
      'Camera op 1.240 m hoogte boven 52,0812° N, 5,1235° O, kijkt naar het noorden, 38° omlaag.',
      '5.321 gebouwen in de tweeling.',
    ]);
  });

  it('reads a scenario with its key figures, only the computed ones, in English', () => {
    const lines = describeView(
      'en',
      createFacts({
        candidateCount: 2,
        scenario: {
          name: 'Drie masten',
          indicators: {
            computedAt: 'x',
            coveragePct: 91.26,
            addressesCovered: 100,
            addressesAboveExposureThreshold: 0,
            maxExposurePctIcnirp: null,
            antennaCount: 3,
            trenchM: null,
            homesPassed: null,
            costPerHomePassedEur: null,
            capexTotalEur: null,
          },
        },
        compare: { a: 'Drie masten', b: 'Current situation' },
      }),
    );
    expect(lines).toContain('2 candidate antenna sites on the map.');
    expect(lines).toContain('Comparison: scenario Drie masten on the left, Current situation on the right.');
    expect(lines).toContain('Scenario: Drie masten.');
    expect(lines.at(-1)).toBe('Key figures: Coverage (addresses indoors): 91.3%; Addresses above the exposure attention level: 0.');
  });

  it('says when a scenario has not been computed, and when no layer is visible', () => {
    const lines = describeView('nl', createFacts({ visibleLayers: [], camera: undefined, buildingCount: undefined, scenario: { name: 'Leeg', indicators: null } }));
    expect(lines).toEqual(['3D-kaart van Demostad. Er zijn geen lagen zichtbaar.', 'Scenario: Leeg.', 'Het scenario is nog niet berekend.']);
  });

  it('names the compass direction of a heading in eight sectors', () => {
    expect([0, 44, 46, 90, 180, 225, 315, 359, -90].map(compassOf)).toEqual(['n', 'ne', 'ne', 'e', 's', 'sw', 'nw', 'n', 'w']);
  });
});

describe('workspace translations', () => {
  it('has every Dutch workspace string in English too, and the other way round', async () => {
    const nl = (await import('../../client/i18n/workspace.nl.json')).default as Record<string, string>;
    const en = (await import('../../client/i18n/workspace.en.json')).default as Record<string, string>;
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    for (const [key, text] of Object.entries(en)) expect(text, key).not.toBe('');
  });
});
