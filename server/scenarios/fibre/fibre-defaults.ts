// Unit costs and design settings of the fibre engine: DOMAIN.md Part A §5.3 (unit costs, unverified planning defaults)
// and §5.6 (take-rate). One zod schema per group so the API validates overrides with the same rules the engine assumes.
import { z } from 'zod';
import { SURFACES, STREET_CLASSES } from '../../contracts/model.ts';

const eur = z.number().finite().min(0, 'costs must be ≥ 0');

export const TRENCH_METHODS = ['open-trench', 'micro-trench', 'drilling'] as const;
export type TrenchMethod = (typeof TRENCH_METHODS)[number];

const perSurface = <T extends z.ZodType>(value: T) => z.object({ asfalt: value, klinkers: value, tegels: value, onverhard: value }).strict();

export const unitCostsSchema = z
  .object({
    /** Open trench incl. reinstatement, € per m, by surface (§5.3: unpaved 25, tiles/klinkers 45, asphalt 90). */
    trenchPerM: perSurface(eur),
    microTrenchPerM: eur,
    drillingPerM: eur,
    /** Every drilled run needs a launch and a reception pit; one pair per `drillingRunM` of drilling. */
    drillingPitPairEur: eur,
    roadCrossingEur: eur,
    /** Duct plus blown distribution cable, € per m of route. */
    ductAndCablePerM: eur,
    /** Cable blown into an existing free duct: no digging (our assumption, not in §5.3). */
    existingDuctPerM: eur,
    dropEur: eur,
    ontEur: eur,
    popPerHomePassed: eur,
    splitterEur: eur,
    /** Street cabinet; §5.3 includes the cabinet share in the splitter price, hence 0. */
    cabinetEur: eur,
  })
  .strict();
export type UnitCosts = z.infer<typeof unitCostsSchema>;

export const DEFAULT_UNIT_COSTS: UnitCosts = {
  trenchPerM: { asfalt: 90, klinkers: 45, tegels: 45, onverhard: 25 },
  microTrenchPerM: 35,
  drillingPerM: 60,
  drillingPitPairEur: 500,
  roadCrossingEur: 1000,
  ductAndCablePerM: 5,
  existingDuctPerM: 8,
  dropEur: 450,
  ontEur: 100,
  popPerHomePassed: 75,
  splitterEur: 800,
  cabinetEur: 0,
};

/** Partial overrides, deep for the per-surface table; unknown keys (e.g. a surface we do not know) are rejected. */
export const unitCostOverridesSchema = unitCostsSchema.extend({ trenchPerM: perSurface(eur).partial() }).partial().strict();
export type UnitCostOverrides = z.infer<typeof unitCostOverridesSchema>;

export function withOverrides(base: UnitCosts, overrides: UnitCostOverrides = {}): UnitCosts {
  const { trenchPerM, ...rest } = overrides;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  const trench = Object.fromEntries(Object.entries(trenchPerM ?? {}).filter(([, v]) => v !== undefined));
  return unitCostsSchema.parse({ ...base, ...defined, trenchPerM: { ...base.trenchPerM, ...trench } });
}

export const SPLITTER_RATIOS = [32, 64] as const;
export const ARCHITECTURES = ['gpon', 'p2p'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

export const designSettingsSchema = z
  .object({
    /** GPON: splitters (1:ratio) in street cabinets; P2P: one fibre per home from the POP (DOMAIN.md §5.1). */
    architecture: z.enum(ARCHITECTURES),
    splitterRatio: z.union([z.literal(32), z.literal(64)]),
    /** Splitters one street cabinet holds (our assumption: 8 × 1:32 ≈ 250 homes per cabinet). */
    splittersPerCabinet: z.number().int().min(1).max(64),
    /** Homes connected ÷ homes passed (§5.6 default 50 %). */
    takeRate: z.number().min(0).max(1),
    /** How each surface is dug (§5.3 lists micro-trenching only for asphalt). */
    trenchMethod: perSurface(z.enum(TRENCH_METHODS)),
    /** Maximum length of one drilled run; sets how many pit pairs drilling needs. */
    drillingRunM: z.number().positive().max(1000),
    /** Street classes whose carriageway a trench must cross to continue into a side street. */
    crossingClasses: z.array(z.enum(STREET_CLASSES)),
    /**
     * Expected road crossings where the route leaves a main road into a side street: the main-road trench runs on
     * one verge, so about half of the side streets lie across the road.
     */
    crossingsPerSideStreetJunction: z.number().min(0).max(2),
    /** Share of the trench cost still paid on streets that are opened anyway for planned works. */
    openAnywayShare: z.number().min(0).max(1),
    /** Addresses farther than this from every street are reported, not connected. */
    maxDropM: z.number().positive().max(2000),
  })
  .strict();
export type DesignSettings = z.infer<typeof designSettingsSchema>;

export const DEFAULT_DESIGN_SETTINGS: DesignSettings = {
  architecture: 'gpon',
  splitterRatio: 32,
  splittersPerCabinet: 8,
  takeRate: 0.5,
  trenchMethod: { asfalt: 'open-trench', klinkers: 'open-trench', tegels: 'open-trench', onverhard: 'open-trench' },
  drillingRunM: 150,
  crossingClasses: ['hoofdweg'],
  crossingsPerSideStreetJunction: 0.5,
  openAnywayShare: 0.3,
  maxDropM: 250,
};

export { SURFACES };
