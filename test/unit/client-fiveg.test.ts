import { describe, expect, it } from 'vitest';
import en from '../../client/i18n/en.json';
import nl from '../../client/i18n/nl.json';
import { coverageBody } from '../../client/api/fiveg-api.ts';
import { coverageImage, gridCornersRd, type CoverageGrid } from '../../client/fiveg/coverage-image.ts';
import { bestRsrpPerBuilding, buildingCoverageColours, buurtRows, percentAtLeast, type BuurtCoverage } from '../../client/fiveg/coverage-summary.ts';
import {
  candidateFromText,
  candidatePayload,
  candidatesFromText,
  candidatesToText,
  createCandidate,
  MAX_CANDIDATES,
  parseAzimuths,
  type FivegCandidate,
} from '../../client/fiveg/fiveg-candidate.ts';
import { RSRP_COLOURS, rsrpClass, rsrpColour, rsrpLegend } from '../../client/fiveg/rsrp-classes.ts';
import { safetyVolumeSpanM, sectorRing } from '../../client/fiveg/sector-geometry.ts';
import { lonLatDegToRd, rdToLonLatDeg } from '../../client/geo/rd.ts';
import { createDefaultState, stateFromHash, stateToHash, type AppState } from '../../client/state/app-state.ts';

function createMast(overrides: Partial<FivegCandidate> = {}): FivegCandidate {
  return { ...createCandidate([5.241633, 51.99365]), ...overrides };
}

function createBuurt(code: string, percentAt80: number): BuurtCoverage {
  return {
    code,
    name: `Buurt ${code}`,
    addresses: 100,
    atLeast: [
      { thresholdDbm: -80, count: percentAt80, percent: percentAt80 },
      { thresholdDbm: -90, count: 90, percent: 90 },
    ],
    medianRsrpDbm: -85,
    addressesOverEmfLimit: 0,
  };
}

describe('RSRP classes (DOMAIN.md §2.3)', () => {
  it('classes at the boundaries: a threshold belongs to the better class', () => {
    expect(rsrpClass(-80)).toBe('excellent');
    expect(rsrpClass(-80.1)).toBe('good');
    expect(rsrpClass(-90)).toBe('good');
    expect(rsrpClass(-99.9)).toBe('fair');
    expect(rsrpClass(-110)).toBe('poor');
    expect(rsrpClass(-110.1)).toBe('none');
  });

  it('treats no signal in range (null, −∞) as none, not as an error', () => {
    expect(rsrpClass(null)).toBe('none');
    expect(rsrpClass(Number.NEGATIVE_INFINITY)).toBe('none');
    expect(rsrpColour(null)).toBe(RSRP_COLOURS.none);
  });

  it('follows configured thresholds', () => {
    expect(rsrpClass(-95, [-70, -80, -90, -100])).toBe('poor');
  });

  it('gives every class a distinct colour and a legend with bounds', () => {
    expect(new Set(Object.values(RSRP_COLOURS)).size).toBe(5);
    const legend = rsrpLegend();
    expect(legend.map((e) => e.id)).toEqual(['excellent', 'good', 'fair', 'poor', 'none']);
    expect(legend[0]).toMatchObject({ minDbm: -80 });
    expect(legend[0].maxDbm).toBeUndefined();
    expect(legend[4]).toMatchObject({ maxDbm: -110 });
    expect(legend[4].minDbm).toBeUndefined();
  });

  it('has every legend label in both languages', () => {
    for (const e of rsrpLegend()) {
      expect(nl).toHaveProperty(`fiveg.class.${e.id}`);
      expect(en).toHaveProperty(`fiveg.class.${e.id}`);
    }
  });
});

describe('coverage heatmap image', () => {
  const grid: CoverageGrid = { originRd: [1000, 2000], cellM: 10, cols: 3, rows: 2, bestRsrpDbm: [-75, -85, null, -95, -105, -120] };

  it('flips rows (grid from the south-west, image from the top) and leaves cells inside buildings transparent', () => {
    const image = coverageImage(grid, [-80, -90, -100, -110], 200);
    expect([image.width, image.height]).toEqual([3, 2]);
    const px = (col: number, row: number) => [...image.data.slice((row * 3 + col) * 4, (row * 3 + col) * 4 + 4)];
    // Grid row 0 (south) is image row 1 (bottom).
    expect(px(0, 1)).toEqual([44, 123, 182, 200]);
    expect(px(2, 1)[3]).toBe(0);
    expect(px(2, 0)).toEqual([215, 25, 28, 200]);
  });

  it('puts the corners at the grid edges in BitmapLayer order', () => {
    expect(gridCornersRd(grid)).toEqual([
      [1000, 2000],
      [1000, 2020],
      [1030, 2020],
      [1030, 2000],
    ]);
  });
});

describe('candidate antennas', () => {
  it('round-trips masts and rooftops through the hash text', () => {
    const list = [createMast(), { ...createCandidate([5.23, 51.99], 'NL.IMBAG.Pand.9999100000000001'), azimuthsDeg: [30, 150], band: 'n3' as const }];
    expect(candidatesFromText(candidatesToText(list))).toEqual(list);
  });

  it('drops malformed or out-of-range candidates and keeps the rest', () => {
    const good = candidatesToText([createMast()]);
    expect(candidatesFromText(`x,1,2;${good};m,5,52,999,0,6,70,n78;m,5,52,25,0,6,70,n99;r,5,52,4,0,6,70,n78`)).toEqual([createMast()]);
    expect(candidateFromText('m,5,52,25,,6,70,n78')).toBeUndefined();
    expect(candidateFromText("r,5,52,4,0,6,70,n78,<script>")).toBeUndefined();
    expect(candidatesFromText(null)).toEqual([]);
  });

  it('keeps at most the panel maximum from a hash', () => {
    const many = Array.from({ length: MAX_CANDIDATES + 5 }, () => createMast());
    expect(candidatesFromText(candidatesToText(many))).toHaveLength(MAX_CANDIDATES);
  });

  it('reads azimuths as free text and folds them into 0–360', () => {
    expect(parseAzimuths('0, 120, 240')).toEqual([0, 120, 240]);
    expect(parseAzimuths('360 -90 45.25')).toEqual([0, 270, 45.3]);
    expect(parseAzimuths('')).toBeUndefined();
    expect(parseAzimuths('1 2 3 4 5 6 7')).toBeUndefined();
    expect(parseAzimuths('north')).toBeUndefined();
  });

  it('builds the server body: RD position, one band, building only on a rooftop', () => {
    const toRd = () => [145000.123, 445000.456] as [number, number];
    expect(candidatePayload(createMast(), 1, toRd)).toEqual({
      id: 'kandidaat-2',
      operator: 'Kandidaat',
      x: 145000.12,
      y: 445000.46,
      kind: 'mast',
      heightM: 25,
      bands: ['n78'],
      azimuthsDeg: [0, 120, 240],
      downtiltDeg: 6,
      eirpDbm: 70,
    });
    const roof = candidatePayload(createCandidate([5.2, 52], 'NL.IMBAG.Pand.1'), 0, toRd);
    expect(roof).toMatchObject({ kind: 'rooftop', buildingId: 'NL.IMBAG.Pand.1', heightM: 4 });
  });

  it('asks the server for addresses and the street grid at the chosen cell size', () => {
    expect(coverageBody({ candidates: [], useStoredAntennas: false, gridCellM: 20 })).toEqual({
      candidates: [],
      options: { gridCellM: 20 },
      useStoredAntennas: false,
      include: { addresses: true, grid: true },
    });
  });
});

describe('5G state in the URL hash', () => {
  it('round-trips candidates and the threshold next to the other fields', () => {
    const state: AppState = { ...createDefaultState(), tool: 'fiveg', fivegCandidates: [createMast()], fivegThresholdDbm: -100 };
    const hash = stateToHash(state);
    expect(hash).toContain('tool=fiveg');
    expect(stateFromHash(hash)).toEqual(state);
  });

  it('leaves the fields out when empty or default, so older links read the same', () => {
    expect(stateToHash({ ...createDefaultState(), fivegCandidates: [], fivegThresholdDbm: -90 })).toBe('');
    expect(stateFromHash('#rsrp=-85&ant=garbage')).toEqual(createDefaultState());
  });
});

describe('coverage per buurt and per building', () => {
  it('reads the share at a threshold, undefined when the run did not count it', () => {
    expect(percentAtLeast(createBuurt('BU1', 40).atLeast, -80)).toBe(40);
    expect(percentAtLeast(createBuurt('BU1', 40).atLeast, -100)).toBeUndefined();
  });

  it('reports the change in percentage points against the previous run', () => {
    const rows = buurtRows([createBuurt('BU1', 45.5), createBuurt('BU2', 10)], [createBuurt('BU1', 40)], -80);
    expect(rows.map((r) => [r.code, r.percent, r.changePoints])).toEqual([
      ['BU1', 45.5, 5.5],
      ['BU2', 10, undefined],
    ]);
    expect(buurtRows([createBuurt('BU1', 45.5)], undefined, -80)[0].changePoints).toBeUndefined();
  });

  it('colours a building by its best address; no signal anywhere is "none"', () => {
    const owner = new Map([
      ['a1', 'b1'],
      ['a2', 'b1'],
      ['a3', 'b2'],
      ['a4', 'b3'],
    ]);
    const best = bestRsrpPerBuilding(['a1', 'a2', 'a3', 'a4', 'a5'], [-95, -78, null, -101, -70], owner);
    expect(best).toEqual(new Map([
      ['b1', -78],
      ['b2', null],
      ['b3', -101],
    ]));
    const colours = buildingCoverageColours(best);
    expect(colours.get('b1')).toBe(RSRP_COLOURS.excellent);
    expect(colours.get('b2')).toBe(RSRP_COLOURS.none);
    expect(colours.get('b3')).toBe(RSRP_COLOURS.poor);
  });
});

describe('antenna geometry', () => {
  it('draws a wedge towards the azimuth, clockwise from north', () => {
    const east = sectorRing([0, 0], 90, 10, 60, 2);
    expect(east[0]).toEqual([0, 0]);
    expect(east.at(-1)).toEqual([0, 0]);
    const middle = east[2];
    expect(middle[0]).toBeCloseTo(10, 9);
    expect(middle[1]).toBeCloseTo(0, 9);
    const north = sectorRing([5, 5], 0, 10, 60, 2)[2];
    expect(north[0]).toBeCloseTo(5, 9);
    expect(north[1]).toBeCloseTo(15, 9);
  });

  it('sizes the safety volume by the beam at the safety distance, at least a metre each way', () => {
    const span = safetyVolumeSpanM(10, 10, 6);
    expect(span.belowM).toBeCloseTo(10 * Math.tan((11 * Math.PI) / 180), 9);
    expect(span.aboveM).toBe(1);
  });
});

describe('RD New in the browser', () => {
  it('matches the server conversion at Amersfoort (RD origin) and round-trips', () => {
    const [lon, lat] = rdToLonLatDeg(155000, 463000);
    expect(lon).toBeCloseTo(5.38720621, 4);
    expect(lat).toBeCloseTo(52.15517440, 4);
    const [x, y] = lonLatDegToRd([lon, lat]);
    expect(x).toBeCloseTo(155000, 3);
    expect(y).toBeCloseTo(463000, 3);
  });
});
