// Per-antenna constants for the coverage hot loop, computed once per run: everything about a sector that does not
// depend on the receiver. Sectors are grouped by site position so each receiver casts one ray per site.
import type { Antenna } from './antenna.ts';
import { BANDS, txPowerDbm } from './antenna.ts';
import { referenceLevel, type EmfGuideline } from './emf.ts';
import { noisePerResourceElementDbm, powerPerResourceElementDbm } from './link-budget.ts';
import { throughWallLossDb } from './o2i-penetration.ts';

export interface LinkTable {
  /** Per site: RD x, y, antenna z (NAP m), height above ground (m), first sector index, sector count. */
  siteX: Float64Array;
  siteY: Float64Array;
  siteZ: Float64Array;
  siteH: Float64Array;
  siteFirst: Int32Array;
  siteCount: Int32Array;
  /**
   * Distinct carrier frequencies per site (path loss depends on the frequency, not on the sector): site s owns
   * slots siteSlotFirst[s] … + siteSlotCount[s] − 1; sector k uses slot sectorSlot[k].
   */
  siteSlotFirst: Int32Array;
  siteSlotCount: Int32Array;
  slotFcGHz: Float64Array;
  slotLgFc: Float64Array;
  sectorSlot: Int32Array;
  /** Per sector, in site order; `order[k]` is the index of the k-th sector in the caller's antenna list. */
  order: Int32Array;
  azimuthDeg: Float64Array;
  downtiltDeg: Float64Array;
  maxGainDbi: Float64Array;
  hBeamwidthDeg: Float64Array;
  vBeamwidthDeg: Float64Array;
  pReDbm: Float64Array;
  /** Conducted power in W, for exposure (EIRP toward a point = P·G(θ, φ)). */
  txPowerW: Float64Array;
  /** 1 / S_lim(f), m²/W. */
  invLimit: Float64Array;
  /** Through-wall loss low / high, dB. */
  wallLowDb: Float64Array;
  wallHighDb: Float64Array;
  /** Co-channel group (same operator and band): only these interfere with each other. */
  group: Int32Array;
  groupNoiseMw: Float64Array;
  operatorIndex: Int32Array;
  operators: string[];
  /** 1 where the sector's band may serve (options.bands); others still interfere and count for exposure. */
  serves: Uint8Array;
}

export function buildLinkTable(antennas: readonly Antenna[], servingBands: readonly string[], noiseFigureDb: number, guideline: EmfGuideline): LinkTable {
  const siteKey = (a: Antenna) => `${a.position[0]}|${a.position[1]}|${a.groundM + a.heightM}`;
  const bySite = new Map<string, number[]>();
  antennas.forEach((a, i) => {
    const k = siteKey(a);
    const list = bySite.get(k);
    if (list) list.push(i);
    else bySite.set(k, [i]);
  });
  const nSites = bySite.size;
  const n = antennas.length;
  const t: LinkTable = {
    siteX: new Float64Array(nSites),
    siteY: new Float64Array(nSites),
    siteZ: new Float64Array(nSites),
    siteH: new Float64Array(nSites),
    siteFirst: new Int32Array(nSites),
    siteCount: new Int32Array(nSites),
    siteSlotFirst: new Int32Array(nSites),
    siteSlotCount: new Int32Array(nSites),
    slotFcGHz: new Float64Array(0),
    slotLgFc: new Float64Array(0),
    sectorSlot: new Int32Array(n),
    order: new Int32Array(n),
    azimuthDeg: new Float64Array(n),
    downtiltDeg: new Float64Array(n),
    maxGainDbi: new Float64Array(n),
    hBeamwidthDeg: new Float64Array(n),
    vBeamwidthDeg: new Float64Array(n),
    pReDbm: new Float64Array(n),
    txPowerW: new Float64Array(n),
    invLimit: new Float64Array(n),
    wallLowDb: new Float64Array(n),
    wallHighDb: new Float64Array(n),
    group: new Int32Array(n),
    groupNoiseMw: new Float64Array(0),
    operatorIndex: new Int32Array(n),
    operators: [],
    serves: new Uint8Array(n),
  };
  const groups = new Map<string, number>();
  const groupNoise: number[] = [];
  const operators = new Map<string, number>();
  const slotFc: number[] = [];
  let k = 0;
  let s = 0;
  for (const list of bySite.values()) {
    const a0 = antennas[list[0]];
    t.siteX[s] = a0.position[0];
    t.siteY[s] = a0.position[1];
    t.siteZ[s] = a0.groundM + a0.heightM;
    t.siteH[s] = a0.heightM;
    t.siteFirst[s] = k;
    t.siteCount[s] = list.length;
    t.siteSlotFirst[s] = slotFc.length;
    for (const i of list) {
      const a = antennas[i];
      const band = BANDS[a.band];
      const fc = band.frequencyMHz / 1000;
      let slot = slotFc.indexOf(fc, t.siteSlotFirst[s]);
      if (slot < 0) {
        slot = slotFc.length;
        slotFc.push(fc);
      }
      t.sectorSlot[k] = slot;
      t.order[k] = i;
      t.azimuthDeg[k] = a.azimuthDeg;
      t.downtiltDeg[k] = a.downtiltDeg;
      t.maxGainDbi[k] = a.maxGainDbi;
      t.hBeamwidthDeg[k] = a.hBeamwidthDeg;
      t.vBeamwidthDeg[k] = a.vBeamwidthDeg;
      t.pReDbm[k] = powerPerResourceElementDbm(txPowerDbm(a), band.resourceBlocks);
      t.txPowerW[k] = 10 ** (txPowerDbm(a) / 10) / 1000;
      t.invLimit[k] = 1 / referenceLevel(band.frequencyMHz, guideline).powerDensityWPerM2;
      t.wallLowDb[k] = throughWallLossDb('low', fc);
      t.wallHighDb[k] = throughWallLossDb('high', fc);
      const gk = `${a.operator}|${a.band}`;
      if (!groups.has(gk)) {
        groups.set(gk, groups.size);
        groupNoise.push(10 ** (noisePerResourceElementDbm(band.subcarrierSpacingKHz * 1000, noiseFigureDb) / 10));
      }
      t.group[k] = groups.get(gk)!;
      if (!operators.has(a.operator)) operators.set(a.operator, operators.size);
      t.operatorIndex[k] = operators.get(a.operator)!;
      t.serves[k] = servingBands.includes(a.band) ? 1 : 0;
      k++;
    }
    t.siteSlotCount[s] = slotFc.length - t.siteSlotFirst[s];
    s++;
  }
  t.slotFcGHz = Float64Array.from(slotFc);
  t.slotLgFc = t.slotFcGHz.map((f) => Math.log10(f));
  t.groupNoiseMw = Float64Array.from(groupNoise);
  t.operators = [...operators.keys()];
  return t;
}
