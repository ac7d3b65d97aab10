// The coverage hot loop: every sector's RSRP at one receiver, best server, co-channel SINR and the total exposure
// ratio. Allocation-free per receiver (results go into a reused scratch object); formulas are those of
// path-loss.ts, antenna-pattern.ts, link-budget.ts and emf.ts, inlined where a call would allocate.
import type { LinkTable } from './link-table.ts';
import type { LineOfSightTester } from './line-of-sight.ts';
import { losProbability } from './los-probability.ts';
import { pathLossDbFast } from './path-loss.ts';

/** Model floor of d2D (Table 7.4.1-1); closer receivers are evaluated at 10 m. */
const MIN_D2D_M = 10;
const RAD_TO_DEG = 180 / Math.PI;
const FOUR_PI = 4 * Math.PI;
/** 10^(x/10) = exp(x·ln10/10); Math.exp is cheaper than ** with a fractional exponent. */
const DB_TO_EXP = Math.LN10 / 10;

export const O2I_NONE = 0;
export const O2I_LOW = 1;
export const O2I_HIGH = 2;

export interface ReceiverScratch {
  bestRsrpDbm: number;
  /** Index into the link table's sector order, −1 when nothing serves in range. */
  bestSector: number;
  sinrDb: number;
  /** Σ S_i / S_lim(f_i) over every sector in range, free space (no building or O2I attenuation: conservative). */
  ter: number;
  /** Σ S_i, W/m², same free-space assumption. */
  powerDensityWPerM2: number;
  /** Best RSRP per operator (table.operators order); −Infinity where the operator has no sector in range. */
  operatorBestDbm: Float64Array;
  losLinks: number;
  links: number;
}

export function createReceiverScratch(table: LinkTable): ReceiverScratch {
  return { bestRsrpDbm: -Infinity, bestSector: -1, sinrDb: -Infinity, ter: 0, powerDensityWPerM2: 0, operatorBestDbm: new Float64Array(table.operators.length), losLinks: 0, links: 0 };
}

export interface ReceiverEvaluator {
  /**
   * Evaluates a receiver at RD (x, y), NAP height z, hUtM above ground. ownBuilding: scene index of the building
   * an indoor receiver is in (−1 outdoors); o2i: O2I_NONE/LOW/HIGH; indoorM: distance to the façade.
   */
  evaluate(x: number, y: number, z: number, hUtM: number, ownBuilding: number, o2i: number, indoorM: number, out: ReceiverScratch): void;
}

export function createReceiverEvaluator(table: LinkTable, los: LineOfSightTester | null, maxRangeM: number): ReceiverEvaluator {
  const groupSumMw = new Float64Array(table.groupNoiseMw.length);
  const nSites = table.siteX.length;
  const maxRange2 = maxRangeM * maxRangeM;
  const { siteX, siteY, siteZ, siteH, siteFirst, siteCount, siteSlotFirst, siteSlotCount, slotFcGHz, slotLgFc, sectorSlot } = table;
  // Path loss per carrier slot of the current site: the same for every sector on that frequency.
  const slotPlDb = new Float64Array(slotFcGHz.length);
  const { azimuthDeg, downtiltDeg, maxGainDbi, hBeamwidthDeg, vBeamwidthDeg, pReDbm, txPowerW, invLimit, wallLowDb, wallHighDb, group, operatorIndex, serves } = table;
  return {
    evaluate(x, y, z, hUtM, ownBuilding, o2i, indoorM, out) {
      groupSumMw.fill(0);
      out.operatorBestDbm.fill(-Infinity);
      let best = -Infinity;
      let bestK = -1;
      let ter = 0;
      let sSum = 0;
      const indoorDb = o2i === O2I_NONE ? 0 : 0.5 * indoorM;
      for (let s = 0; s < nSites; s++) {
        const dx = x - siteX[s];
        const dy = y - siteY[s];
        const d2sq = dx * dx + dy * dy;
        if (d2sq > maxRange2) continue;
        const d2 = Math.sqrt(d2sq);
        const dz = siteZ[s] - z;
        out.links++;
        let pLos: number;
        if (los !== null) {
          pLos = los.isClear(siteX[s], siteY[s], siteZ[s], x, y, z, ownBuilding) ? 1 : 0;
          out.losLinks += pLos;
        } else pLos = losProbability('UMa', d2, hUtM);
        const dEval = d2 < MIN_D2D_M ? MIN_D2D_M : d2;
        const bearingDeg = Math.atan2(dx, dy) * RAD_TO_DEG;
        const zenithDeg = 90 + Math.atan2(dz, d2) * RAD_TO_DEG;
        const d3sq = d2sq + dz * dz;
        const hBs = siteH[s];
        const slotEnd = siteSlotFirst[s] + siteSlotCount[s];
        for (let j = siteSlotFirst[s]; j < slotEnd; j++) {
          const f = slotFcGHz[j];
          const lg = slotLgFc[j];
          if (pLos === 1) slotPlDb[j] = pathLossDbFast(true, true, dEval, hBs, hUtM, f, lg);
          else if (pLos === 0) slotPlDb[j] = pathLossDbFast(true, false, dEval, hBs, hUtM, f, lg);
          else slotPlDb[j] = pLos * pathLossDbFast(true, true, dEval, hBs, hUtM, f, lg) + (1 - pLos) * pathLossDbFast(true, false, dEval, hBs, hUtM, f, lg);
        }
        const end = siteFirst[s] + siteCount[s];
        for (let k = siteFirst[s]; k < end; k++) {
          // 38.901 Table 7.3-1 pattern with downtilt as a shift of the vertical cut (antenna-pattern.ts).
          let phi = bearingDeg - azimuthDeg[k];
          phi = phi - 360 * Math.floor((phi + 180) / 360);
          const v = (zenithDeg - 90 - downtiltDeg[k]) / vBeamwidthDeg[k];
          const h = phi / hBeamwidthDeg[k];
          let av = 12 * v * v;
          if (av > 30) av = 30;
          let ah = 12 * h * h;
          if (ah > 30) ah = 30;
          const att = av + ah > 30 ? 30 : av + ah;
          const gainDbi = maxGainDbi[k] - att;
          const sWPerM2 = (txPowerW[k] * Math.exp(gainDbi * DB_TO_EXP)) / (FOUR_PI * (d3sq > 1 ? d3sq : 1));
          sSum += sWPerM2;
          ter += sWPerM2 * invLimit[k];
          const pl = slotPlDb[sectorSlot[k]];
          const o2iDb = o2i === O2I_NONE ? 0 : (o2i === O2I_LOW ? wallLowDb[k] : wallHighDb[k]) + indoorDb;
          const rsrp = pReDbm[k] + gainDbi - pl - o2iDb;
          groupSumMw[group[k]] += Math.exp(rsrp * DB_TO_EXP);
          if (serves[k] === 0) continue;
          if (rsrp > best) {
            best = rsrp;
            bestK = k;
          }
          const op = operatorIndex[k];
          if (rsrp > out.operatorBestDbm[op]) out.operatorBestDbm[op] = rsrp;
        }
      }
      out.bestRsrpDbm = best;
      out.bestSector = bestK;
      out.ter = ter;
      out.powerDensityWPerM2 = sSum;
      if (bestK < 0) out.sinrDb = -Infinity;
      else {
        const g = group[bestK];
        const servingMw = 10 ** (best / 10);
        // Everything else on the serving carrier interferes (full load, SINR-lite); other carriers do not.
        const interferenceMw = Math.max(0, groupSumMw[g] - servingMw);
        out.sinrDb = best - 10 * Math.log10(interferenceMw + table.groupNoiseMw[g]);
      }
    },
  };
}
