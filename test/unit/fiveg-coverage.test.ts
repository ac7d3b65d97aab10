// The coverage core on hand-built towns, checked against the single-link formulas (a brute-force twin of the
// hot loop) and against what the geometry gives.
import { describe, expect, it } from 'vitest';
import type { Address, Building } from '../../server/contracts/model.ts';
import type { Antenna } from '../../server/scenarios/fiveg/antenna.ts';
import { MACRO_PANEL_PATTERN, antennaGainDbi, zenithAngleDeg } from '../../server/scenarios/fiveg/antenna-pattern.ts';
import { buildBuildingScene } from '../../server/scenarios/fiveg/building-scene.ts';
import { coverageOptions } from '../../server/scenarios/fiveg/coverage-options.ts';
import { runCoverage } from '../../server/scenarios/fiveg/coverage.ts';
import { facadesInSafetyVolume } from '../../server/scenarios/fiveg/emf-safety.ts';
import { powerDensityWPerM2, referenceLevel } from '../../server/scenarios/fiveg/emf.ts';
import { dbmToWatt, powerPerResourceElementDbm, rsrpDbm, sinrDb } from '../../server/scenarios/fiveg/link-budget.ts';
import { o2iLossDb } from '../../server/scenarios/fiveg/o2i-penetration.ts';
import { pathLoss } from '../../server/scenarios/fiveg/path-loss.ts';

function createBuilding(id: string, x: number, y: number, size: number, overrides: Partial<Building> = {}): Building {
  return {
    id,
    footprint: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size]]],
    groundM: 0,
    heightM: 9,
    roofType: 'plat',
    year: 1970,
    function: 'woning',
    dwellings: 1,
    buurtCode: 'BU99990101',
    ...overrides,
  };
}

function createAddress(id: string, b: Building, x: number, y: number, buurtCode = 'BU99990101'): Address {
  return { id, position: [x, y], postcode: '9999AA', houseNumber: 1, houseLetter: null, street: 'Teststraat', buildingId: b.id, buurtCode };
}

function createAntenna(overrides: Partial<Antenna> = {}): Antenna {
  return {
    id: 'A-n78-1',
    siteId: 'A',
    operator: 'Operator A',
    kind: 'mast',
    position: [145000, 445000],
    groundM: 0,
    heightM: 25,
    buildingId: null,
    band: 'n78',
    azimuthDeg: 90,
    downtiltDeg: 6,
    eirpDbm: 70,
    maxGainDbi: 17,
    hBeamwidthDeg: 65,
    vBeamwidthDeg: 10,
    ...overrides,
  };
}

const options = (o: Record<string, unknown> = {}) => coverageOptions.parse({ gridCellM: 0, ...o });

describe('runCoverage', () => {
  // One house 200 m east of the mast (boresight), address 2 m behind its western façade; built 1970 → low-loss.
  const house = createBuilding('H1', 145200, 444990, 20);
  const address = createAddress('adr-1', house, 145202, 445000);

  it('gives an indoor address the RSRP of the single-link formulas (LOS, O2I low-loss, 2 m indoors)', () => {
    const buildings = [house];
    const r = runCoverage({ buildings, addresses: [address], buurten: [{ code: 'BU99990101', name: 'Test' }], antennas: [createAntenna()], scene: buildBuildingScene(buildings), options: options() });
    const d2D = 202;
    const pl = pathLoss('UMa', true, d2D, 25, 1.5, 3.5).pathLossDb;
    const g = antennaGainDbi(MACRO_PANEL_PATTERN, 0, zenithAngleDeg(d2D, 25 - 1.5), 6);
    const pRe = powerPerResourceElementDbm(70 - 17, 273);
    const expected = rsrpDbm(pRe, g, pl, { o2iLossDb: o2iLossDb('low', 3.5, 2) });
    expect(r.addresses.bestRsrpDbm[0]).toBeCloseTo(expected, 3);
    expect(r.addresses.servingAntenna[0]).toBe(0);
    expect(r.summary.losLinks).toBe(1);
    // Exposure: EIRP toward the receiver (conducted power × pattern gain) in free space over the 3.5 GHz limit.
    const eirpTowardW = dbmToWatt(70 - 17 + g);
    const s = powerDensityWPerM2(eirpTowardW, Math.hypot(d2D, 23.5));
    expect(r.addresses.powerDensityWPerM2[0]).toBeCloseTo(s, 9);
    expect(r.addresses.ter[0]).toBeCloseTo(s / referenceLevel(3500).powerDensityWPerM2, 9);
  });

  it('uses high-loss O2I for buildings from 2006 on, and NLOS when a tall building stands in between', () => {
    const newHouse = { ...house, year: 2010 };
    const blocker = createBuilding('B1', 145100, 444995, 10, { heightM: 40 });
    const low = runCoverage({ buildings: [house], addresses: [address], buurten: [], antennas: [createAntenna()], scene: buildBuildingScene([house]), options: options() });
    const high = runCoverage({ buildings: [newHouse], addresses: [address], buurten: [], antennas: [createAntenna()], scene: buildBuildingScene([newHouse]), options: options() });
    expect(low.addresses.bestRsrpDbm[0] - high.addresses.bestRsrpDbm[0]).toBeCloseTo(o2iLossDb('high', 3.5, 0) - o2iLossDb('low', 3.5, 0), 3);
    const blocked = runCoverage({ buildings: [house, blocker], addresses: [address], buurten: [], antennas: [createAntenna()], scene: buildBuildingScene([house, blocker]), options: options() });
    expect(blocked.summary.losLinks).toBe(0);
    const nlos = pathLoss('UMa', false, 202, 25, 1.5, 3.5).pathLossDb - pathLoss('UMa', true, 202, 25, 1.5, 3.5).pathLossDb;
    expect(low.addresses.bestRsrpDbm[0] - blocked.addresses.bestRsrpDbm[0]).toBeCloseTo(nlos, 3);
  });

  it('picks the strongest sector as server and computes SINR against the co-channel sector only', () => {
    const serving = createAntenna();
    const sameOperator = createAntenna({ id: 'A-n78-2', azimuthDeg: 270 });
    const otherBand = createAntenna({ id: 'A-n28-1', band: 'n28', eirpDbm: 40 });
    const buildings = [house];
    const r = runCoverage({ buildings, addresses: [address], buurten: [], antennas: [sameOperator, otherBand, serving], scene: buildBuildingScene(buildings), options: options() });
    expect(r.addresses.servingAntenna[0]).toBe(2);
    const single = (a: Antenna) => runCoverage({ buildings, addresses: [address], buurten: [], antennas: [a], scene: buildBuildingScene(buildings), options: options() }).addresses.bestRsrpDbm[0];
    const s = single(serving);
    const i = single(sameOperator);
    expect(r.addresses.sinrDb[0]).toBeCloseTo(sinrDb(s, [i], -174 + 10 * Math.log10(30e3) + 7), 2);
  });

  it('ignores links beyond maxRangeM and reports per-buurt shares of addresses over the thresholds', () => {
    const far = createBuilding('F1', 147000, 444990, 20);
    const buildings = [house, far];
    const addresses = [address, createAddress('adr-2', far, 147002, 445000, 'BU99990102')];
    const r = runCoverage({
      buildings,
      addresses,
      buurten: [
        { code: 'BU99990101', name: 'Near' },
        { code: 'BU99990102', name: 'Far' },
      ],
      antennas: [createAntenna()],
      scene: buildBuildingScene(buildings),
      options: options({ maxRangeM: 1500 }),
    });
    expect(r.addresses.bestRsrpDbm[1]).toBe(-Infinity);
    expect(r.buurten.map((b) => [b.code, b.atLeast.find((s) => s.thresholdDbm === -100)!.percent])).toEqual([
      ['BU99990101', 100],
      ['BU99990102', 0],
    ]);
    expect(r.summary.addresses.atLeast.find((s) => s.thresholdDbm === -100)!.percent).toBe(50);
  });

  it('skips grid points inside buildings and covers the street', () => {
    const buildings = [house];
    const r = runCoverage({ buildings, addresses: [], buurten: [], antennas: [createAntenna()], scene: buildBuildingScene(buildings), options: options({ gridCellM: 5 }) });
    expect(r.grid!.cols * r.grid!.rows).toBe(16);
    // The grid spans the building's bbox only, so every 5 m cell centre lies inside the house.
    expect(r.grid!.outdoorPoints).toBe(0);
  });

  it('with the statistical LOS model, gives the expected loss between LOS and NLOS', () => {
    const buildings = [house];
    const run = (losMode: string) => runCoverage({ buildings, addresses: [address], buurten: [], antennas: [createAntenna()], scene: buildBuildingScene(buildings), options: options({ losMode }) }).addresses.bestRsrpDbm[0];
    const blocker = createBuilding('B1', 145100, 444995, 10, { heightM: 40 });
    const nlos = runCoverage({ buildings: [house, blocker], addresses: [address], buurten: [], antennas: [createAntenna()], scene: buildBuildingScene([house, blocker]), options: options() }).addresses.bestRsrpDbm[0];
    const p = run('probability');
    expect(p).toBeLessThan(run('raycast'));
    expect(p).toBeGreaterThan(nlos);
  });

  it('sums exposure and flags façades of other buildings inside the safety volume', () => {
    // A rooftop antenna 4 m above a 20 m roof; a neighbour's façade 3 m away on boresight at antenna height.
    const hostB = createBuilding('HOST', 145000, 445000, 10, { heightM: 20 });
    const neighbour = createBuilding('NB', 145013, 445000, 10, { heightM: 30 });
    const a = createAntenna({ kind: 'rooftop', position: [145010, 445005], heightM: 24, buildingId: 'HOST', downtiltDeg: 0 });
    const flags = facadesInSafetyVolume([a], [hostB, neighbour]);
    expect(flags.map((f) => f.buildingId)).toEqual(['NB']);
    expect(flags[0].exposureRatio).toBeGreaterThan(1);
    // Turned away, the same façade gets the 30 dB front-to-back and is outside.
    expect(facadesInSafetyVolume([{ ...a, azimuthDeg: 270 }], [hostB, neighbour])).toEqual([]);
    // The coverage run reports the flagged façade and the neighbour's address, and sums exposure there.
    const neighbourAddress = createAddress('adr-nb', neighbour, 145014, 445005);
    const r = runCoverage({ buildings: [hostB, neighbour], addresses: [neighbourAddress], buurten: [], antennas: [a], scene: buildBuildingScene([hostB, neighbour]), options: options() });
    expect(r.safety.facades.map((f) => f.buildingId)).toEqual(['NB']);
    expect(r.safety.addressIds).toEqual(['adr-nb']);
    expect(r.addresses.ter[0]).toBeGreaterThan(0);
  });
});
