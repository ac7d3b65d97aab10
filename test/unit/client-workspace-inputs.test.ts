import { describe, expect, it } from 'vitest';
import { scenarioInputsSchema } from '../../server/contracts/workspace.ts';
import { createCandidate } from '../../client/fiveg/fiveg-candidate.ts';
import { lonLatDegToRd, rdToLonLatDeg } from '../../client/geo/rd.ts';
import { stateFromHash, stateToHash, createDefaultState } from '../../client/state/app-state.ts';
import { swipePoints } from '../../client/workspace/compare-swipe.ts';
import { antennasFromCandidates, candidatesFromAntennas, inputsFromSelection, popSiteAt } from '../../client/workspace/scenario-inputs.ts';

const POP_SITES = [
  { id: 'pop-1', positionLonLat: [5.1, 52.08] as [number, number] },
  { id: 'pop-2', positionLonLat: [5.12, 52.09] as [number, number] },
];

describe('scenario inputs from the current selection', () => {
  it('turns each sector of a candidate into one antenna the contract accepts, and back into the same site', () => {
    const mast = { ...createCandidate([5.11, 52.085]), band: 'n3' as const };
    const antennas = antennasFromCandidates([mast], lonLatDegToRd);
    expect(antennas.map((a) => [a.id, a.azimuthDeg, a.frequencyGHz])).toEqual([
      ['k1-s1', 0, 1.8],
      ['k1-s2', 120, 1.8],
      ['k1-s3', 240, 1.8],
    ]);
    const [back] = candidatesFromAntennas(antennas, rdToLonLatDeg);
    expect(back).toMatchObject({ kind: 'mast', heightM: 25, azimuthsDeg: [0, 120, 240], downtiltDeg: 6, eirpDbm: 70, band: 'n3' });
    expect(back.lonLat[0]).toBeCloseTo(5.11, 6);
    expect(back.lonLat[1]).toBeCloseTo(52.085, 6);
  });

  it('builds inputs (antennas, fibre POP in RD, buurten, layers, camera view) that pass the server schema', () => {
    const inputs = inputsFromSelection(
      {
        candidates: [createCandidate([5.11, 52.085]), createCandidate([5.115, 52.086], 'NL.IMBAG.Pand.1')],
        fibrePop: 'pop-2',
        fibreBuurten: ['BU99990401'],
        visibleLayers: ['buildings', 'basemap'],
        camera: { lonDeg: 5.1, latDeg: 52.0, heightM: 900, headingDeg: 0, pitchDeg: -38 },
      },
      POP_SITES,
      lonLatDegToRd,
    );
    expect(scenarioInputsSchema.safeParse(inputs).success).toBe(true);
    expect(inputs.antennas).toHaveLength(6);
    expect(inputs.fibre?.buurtCodes).toEqual(['BU99990401']);
    expect(popSiteAt(inputs.fibre!.popPositionRd, POP_SITES, lonLatDegToRd)).toBe('pop-2');
    expect(inputs.views[0].camera.heightM).toBe(900);
  });

  it('leaves the fibre design out when no POP is chosen', () => {
    const inputs = inputsFromSelection({ candidates: [], visibleLayers: [] }, POP_SITES, lonLatDegToRd);
    expect(inputs).toEqual({ antennas: [], layers: [], views: [] });
  });

  it('draws one swipe point per antenna site and one for the POP', () => {
    const inputs = inputsFromSelection({ candidates: [createCandidate([5.11, 52.085])], fibrePop: 'pop-1', visibleLayers: [] }, POP_SITES, lonLatDegToRd);
    expect(swipePoints(inputs).map((p) => p.kind)).toEqual(['antenna', 'pop']);
    expect(swipePoints(undefined)).toEqual([]);
  });
});

describe('the scenario in the URL hash', () => {
  it('round-trips the chosen scenario and what it is compared with; rejects ids that are not UUIDs', () => {
    const id = '0b7d3c1e-8a55-4b8e-9d37-1f1e2d3c4b5a';
    const state = { ...createDefaultState(), scenarioId: id, compareId: 'current' };
    expect(stateToHash(state)).toBe(`#scenario=${id}&compare=current`);
    expect(stateFromHash(stateToHash(state))).toEqual(state);
    expect(stateFromHash('#scenario=1&compare=../x')).toEqual(createDefaultState());
  });
});
