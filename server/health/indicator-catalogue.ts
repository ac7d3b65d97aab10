// The indicators Tweeling knows how to title, explain and colour: the GGD Gezondheidsmonitor Volwassenen en
// Ouderen set as RIVM publishes it per wijk and buurt (DOMAIN.md Part B §5.1). An import may only bring these,
// so every published layer has a reviewed bilingual definition and a known direction (higher is better or not).
import type { IndicatorDefinition } from './model.ts';

export const MONITOR_SOURCE = 'GGD\'en, CBS en RIVM — Gezondheidsmonitor Volwassenen en Ouderen (18+)';

type Entry = Omit<IndicatorDefinition, 'source' | 'unit'> & { unit?: IndicatorDefinition['unit'] };

const ENTRIES: readonly Entry[] = [
  {
    id: 'ervaren_gezondheid_goed',
    title: { nl: 'Ervaren gezondheid (zeer) goed', en: 'Self-rated health good or very good' },
    description: {
      nl: 'Percentage volwassenen dat de eigen gezondheid als goed of zeer goed beoordeelt.',
      en: 'Percentage of adults who rate their own health as good or very good.',
    },
    higherIsBetter: true,
  },
  {
    id: 'astma_copd',
    title: { nl: 'Astma of COPD', en: 'Asthma or COPD' },
    description: {
      nl: 'Percentage volwassenen met astma of COPD (chronische bronchitis, longemfyseem) in de afgelopen 12 maanden.',
      en: 'Percentage of adults with asthma or COPD (chronic bronchitis, emphysema) in the past 12 months.',
    },
    higherIsBetter: false,
  },
  {
    id: 'eenzaamheid_ernstig',
    title: { nl: 'Ernstig eenzaam', en: 'Severely lonely' },
    description: {
      nl: 'Percentage volwassenen dat (zeer) ernstig eenzaam is volgens de De Jong-Gierveld-schaal.',
      en: 'Percentage of adults who are severely or very severely lonely on the De Jong Gierveld scale.',
    },
    higherIsBetter: false,
  },
  {
    id: 'geluidhinder_verkeer',
    title: { nl: 'Ernstige geluidhinder door wegverkeer', en: 'Severe annoyance from road-traffic noise' },
    description: {
      nl: 'Percentage volwassenen dat thuis ernstig gehinderd wordt door geluid van wegverkeer.',
      en: 'Percentage of adults severely annoyed at home by road-traffic noise.',
    },
    higherIsBetter: false,
  },
  {
    id: 'overgewicht',
    title: { nl: 'Overgewicht', en: 'Overweight' },
    description: {
      nl: 'Percentage volwassenen met overgewicht (BMI 25 of hoger, inclusief obesitas).',
      en: 'Percentage of adults who are overweight (BMI 25 or more, obesity included).',
    },
    higherIsBetter: false,
  },
  {
    id: 'beweegrichtlijn',
    title: { nl: 'Voldoet aan de beweegrichtlijn', en: 'Meets the physical activity guideline' },
    description: {
      nl: 'Percentage volwassenen dat voldoet aan de Beweegrichtlijnen 2017 van de Gezondheidsraad.',
      en: 'Percentage of adults who meet the 2017 physical activity guidelines of the Health Council of the Netherlands.',
    },
    higherIsBetter: true,
  },
  {
    id: 'roken',
    title: { nl: 'Rookt', en: 'Smokes' },
    description: { nl: 'Percentage volwassenen dat rookt.', en: 'Percentage of adults who smoke.' },
    higherIsBetter: false,
  },
  {
    id: 'psychische_klachten',
    title: { nl: 'Hoog risico op angststoornis of depressie', en: 'High risk of anxiety disorder or depression' },
    description: {
      nl: 'Percentage volwassenen met een hoog risico op een angststoornis of depressie (Kessler-10).',
      en: 'Percentage of adults at high risk of an anxiety disorder or depression (Kessler-10).',
    },
    higherIsBetter: false,
  },
  {
    id: 'langdurige_aandoening',
    title: { nl: 'Eén of meer langdurige aandoeningen', en: 'One or more long-term conditions' },
    description: {
      nl: 'Percentage volwassenen met één of meer langdurige ziekten of aandoeningen.',
      en: 'Percentage of adults with one or more long-term illnesses or conditions.',
    },
    higherIsBetter: false,
  },
  {
    id: 'obesitas',
    title: { nl: 'Ernstig overgewicht (obesitas)', en: 'Obesity' },
    description: { nl: 'Percentage volwassenen met een BMI van 30 of hoger.', en: 'Percentage of adults with a BMI of 30 or more.' },
    higherIsBetter: false,
  },
  {
    id: 'alcohol_overmatig',
    title: { nl: 'Overmatige drinker', en: 'Excessive drinker' },
    description: {
      nl: 'Percentage volwassenen dat overmatig alcohol drinkt (mannen > 21, vrouwen > 14 glazen per week).',
      en: 'Percentage of adults who drink excessively (men > 21, women > 14 glasses a week).',
    },
    higherIsBetter: false,
  },
  {
    id: 'mantelzorg',
    title: { nl: 'Geeft mantelzorg', en: 'Provides informal care' },
    description: {
      nl: 'Percentage volwassenen dat mantelzorg geeft (minstens 3 maanden en/of 8 uur per week).',
      en: 'Percentage of adults who give informal care (at least 3 months and/or 8 hours a week).',
    },
    higherIsBetter: true,
  },
  {
    id: 'moeite_rondkomen',
    title: { nl: 'Moeite met rondkomen', en: 'Difficulty making ends meet' },
    description: {
      nl: 'Percentage volwassenen dat (enige) moeite heeft om rond te komen van het huishoudinkomen.',
      en: 'Percentage of adults who have (some) difficulty making ends meet on their household income.',
    },
    higherIsBetter: false,
  },
];

/** Every known indicator with the monitor as its source; an import replaces `source` with where it came from. */
export const INDICATOR_CATALOGUE: readonly IndicatorDefinition[] = ENTRIES.map((e) => ({ ...e, unit: e.unit ?? '%', source: MONITOR_SOURCE }));

export function knownIndicator(id: string): IndicatorDefinition | undefined {
  return INDICATOR_CATALOGUE.find((d) => d.id === id);
}
