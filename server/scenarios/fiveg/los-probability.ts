// 3GPP TR 38.901 Table 7.4.2-1 LOS probability (DOMAIN.md Part A §1.4): the statistical alternative to ray
// casting, for when building geometry is missing or an expected (averaged) loss is wanted. Pure.
import type { PathLossModel } from './path-loss.ts';

/** Probability that the link BS→UT is line of sight; d2D is the outdoor horizontal distance in metres. */
export function losProbability(model: PathLossModel, d2DOutM: number, hUtM: number): number {
  if (d2DOutM <= 18) return 1;
  const near = 18 / d2DOutM;
  if (model === 'UMi') return near + Math.exp(-d2DOutM / 36) * (1 - near);
  const c = hUtM <= 13 ? 0 : ((Math.min(hUtM, 23) - 13) / 10) ** 1.5;
  return (near + Math.exp(-d2DOutM / 63) * (1 - near)) * (1 + c * 1.25 * (d2DOutM / 100) ** 3 * Math.exp(-d2DOutM / 150));
}

/**
 * Expected loss Pr_LOS·PL_LOS + (1 − Pr_LOS)·PL_NLOS. Averaging in dB is the modelling shortcut §1.4 names; it is
 * used only where geometry is unavailable.
 */
export function expectedPathLossDb(pLos: number, losDb: number, nlosDb: number): number {
  return pLos * losDb + (1 - pLos) * nlosDb;
}
