// Algorithm-register entries for the public-health layer; the lead adds them to ALGORITHMS in algorithms/register.ts.
import type { AlgorithmEntry } from '../algorithms/register.ts';
import { DEFAULT_DISCLOSURE } from './model.ts';

const { minRespondents, roundCountsTo } = DEFAULT_DISCLOSURE;

export const HEALTH_ALGORITHMS: AlgorithmEntry[] = [
  {
    id: 'health-disclosure-control',
    title: { nl: 'Geheimhouding van gezondheidscijfers per buurt', en: 'Disclosure control of health figures per neighbourhood' },
    purpose: {
      nl: 'Bepaalt welke gezondheidscijfers per buurt getoond mogen worden, zodat niemand uit de kaart of de API iets over een kleine groep bewoners kan afleiden.',
      en: 'Decides which health figures per neighbourhood may be shown, so that nobody can learn anything about a small group of residents from the map or the API.',
    },
    inputs: ['indicator table per buurt: value, unit, respondents, year', `minimum respondents (default ${minRespondents})`, 'rounding: percent decimals (0), counts base (5)'],
    assumptions: [
      {
        nl: `Een waarde op minder dan ${minRespondents} respondenten wordt niet gepubliceerd ("onvoldoende gegevens"): geen waarde en ook geen aantal respondenten (GGD-praktijk; sommige GGD'en hanteren een hogere grens, daarom instelbaar).`,
        en: `A value based on fewer than ${minRespondents} respondents is not published ("onvoldoende gegevens"): no value and no respondent count either (GGD practice; some GGDs use a higher threshold, hence configurable).`,
      },
      {
        nl: `Aanvullende onderdrukking: de GGD publiceert het gemeentecijfer zelf, dus één onderdrukte buurt zou uit het verschil met de andere buurten te berekenen zijn. Per indicator en jaar worden daarom extra buurten (met de minste respondenten eerst) onderdrukt tot de onderdrukte buurten samen minstens ${minRespondents} respondenten hebben. Tweeling publiceert zelf geen gemeentetotalen.`,
        en: `Complementary suppression: the GGD publishes the municipality figure itself, so a single suppressed buurt could be derived by differencing with the other buurten. Per indicator and year further buurten (fewest respondents first) are therefore suppressed until the suppressed buurten together have at least ${minRespondents} respondents. Tweeling itself publishes no municipality totals.`,
      },
      {
        nl: `Gepubliceerde percentages afgerond op hele procenten, aantallen personen op ${roundCountsTo}-tallen (CBS), gemiddelde scores op één decimaal; het aantal respondenten van een getoonde waarde naar beneden afgerond op ${roundCountsTo}-tallen ("minstens n").`,
        en: `Published percentages rounded to whole percent, counts of persons to multiples of ${roundCountsTo} (CBS), mean scores to one decimal; the respondent count of a shown value rounded down to a multiple of ${roundCountsTo} ("at least n").`,
      },
      {
        nl: 'De ruwe tabel blijft op de server (document health/current); kaartlaag, OGC API en JSON-API worden alleen uit de gepubliceerde waarden opgebouwd. Buurten zonder gegevens (zonder bewoners) worden getoond als onderdrukt, nooit als 0.',
        en: 'The raw table stays on the server (document health/current); map layer, OGC API and JSON API are built from the published values only. Buurten without data (no residents) are shown as suppressed, never as 0.',
      },
    ],
    limits: [
      {
        nl: 'Beschermt tegen het terugrekenen uit gemeentetotalen en uit losse kleine buurten, niet tegen koppeling met willekeurige andere bronnen; cijfers worden daarom nooit op adres- of gebouwniveau getoond of herverdeeld over zelfgetekende gebieden.',
        en: 'Protects against derivation from municipality totals and from single small buurten, not against linkage with arbitrary other sources; figures are therefore never shown at address or building level or redistributed over user-drawn areas.',
      },
      {
        nl: 'Buurtcijfers van het RIVM zijn modelschattingen (kleine-domeinschattingen), geen gemeten prevalentie; gebruik ze met enige voorzichtigheid. Betrouwbaarheidsintervallen worden nog niet getoond.',
        en: 'RIVM neighbourhood figures are model estimates (small-area estimation), not measured prevalence; use them with some caution. Confidence intervals are not shown yet.',
      },
    ],
    owner: {
      nl: 'GGD (onderzoeker Gezondheidsmonitor) samen met Team Publieke Gezondheid; in de demo beheren de Tweeling-maintainers de code.',
      en: 'GGD (Gezondheidsmonitor researcher) together with the public health team; in the demo the Tweeling maintainers own the code.',
    },
    humanInTheLoop: {
      nl: 'De GGD bepaalt de drempel voor het minimum aantal respondenten en de afronding (instelbaar); Tweeling past ze daarna automatisch toe op elke publicatie, zonder uitzonderingen per buurt met de hand.',
      en: 'The GGD sets the minimum-respondents threshold and the rounding (configurable); Tweeling then applies them automatically to every publication, with no manual exceptions per buurt.',
    },
    code: ['server/health/disclosure.ts', 'server/health/health-collections.ts', 'server/api/public-health-router.ts'],
    references: ['DOMAIN.md Part B §5.1, §5.3, §5.4', 'https://www.cbs.nl/nl-nl/longread/diversen/2022/toelichting-wijk-en-buurtkaart-2020-2021-en-2022'],
  },
  {
    id: 'health-choropleth-classes',
    title: { nl: 'Klassenindeling van de gezondheidskaart', en: 'Class breaks of the health map' },
    purpose: {
      nl: 'Verdeelt de getoonde buurtwaarden van één indicator in vijf kleurklassen voor de kaartlegenda.',
      en: 'Divides the shown neighbourhood values of one indicator into five colour classes for the map legend.',
    },
    inputs: ['published (rounded, not suppressed) values of one indicator, latest year'],
    assumptions: [
      {
        nl: 'Kwantielen: elke klasse bevat ongeveer evenveel buurten; gelijke waarden vallen altijd in dezelfde klasse, dus bij weinig verschillende waarden zijn er minder dan vijf klassen. Ondergrens inclusief, bovengrens exclusief behalve in de laatste klasse.',
        en: 'Quantiles: every class holds about as many buurten; equal values always share a class, so with few distinct values there are fewer than five classes. Lower bound inclusive, upper bound exclusive except in the last class.',
      },
      {
        nl: 'Alleen gepubliceerde waarden tellen mee, dus de legenda verraadt niets over onderdrukte buurten. Donker betekent altijd "ongunstiger", ook bij indicatoren waar hoger beter is.',
        en: 'Only published values count, so the legend reveals nothing about suppressed buurten. Dark always means "less favourable", also for indicators where higher is better.',
      },
    ],
    limits: [
      {
        nl: 'Kwantielklassen vergroten kleine verschillen: twee buurten in verschillende klassen kunnen maar één procentpunt verschillen. Klassen gelden per indicator en zijn niet vergelijkbaar tussen gemeenten.',
        en: 'Quantile classes magnify small differences: two buurten in different classes may differ by only one percentage point. Classes are per indicator and not comparable between municipalities.',
      },
    ],
    owner: {
      nl: 'Team Publieke Gezondheid (beleidsmedewerker gezondheid); in de demo beheren de Tweeling-maintainers de code.',
      en: 'Public health team (health policy officer); in the demo the Tweeling maintainers own the code.',
    },
    humanInTheLoop: {
      nl: 'Geen beslissing per geval: de klassen zijn een weergavekeuze. Wie de kaart voor beleid gebruikt, leest de werkelijke buurtwaarden en het aantal respondenten, niet alleen de kleur.',
      en: 'No decision per case: the classes are a display choice. Anyone using the map for policy reads the actual buurt values and respondent counts, not just the colour.',
    },
    code: ['server/health/quantile-classes.ts'],
    references: ['DOMAIN.md Part B §5.3'],
  },
  {
    id: 'demo-health-generator',
    title: { nl: 'Synthetische gezondheidscijfers voor Demostad', en: 'Synthetic health figures for Demostad' },
    purpose: {
      nl: 'Maakt verzonnen maar geloofwaardige GGD-achtige cijfers per buurt om de gezondheidslaag zonder echte gegevens te kunnen tonen en testen.',
      en: 'Creates fictional but plausible GGD-style figures per neighbourhood so the health layer can be shown and tested without real data.',
    },
    inputs: ['seed (whole number)', 'the municipality: buurten, buildings (dwellings, year), main roads'],
    assumptions: [
      {
        nl: 'Niveaus zijn ronde landelijke cijfers van de Gezondheidsmonitor; buurten verschillen met flats en vroeg-naoorlogse bouw (als vervanger voor inkomen), huishoudgrootte, nabijheid van hoofdwegen (binnen 60 m) en van het centrum, plus toeval.',
        en: 'Levels are round national Gezondheidsmonitor figures; buurten differ with flats and early post-war housing (standing in for income), household size, closeness to main roads (within 60 m) and to the centre, plus chance.',
      },
      {
        nl: 'Respondenten: 6 % van de volwassenen wordt benaderd en 30–45 % reageert, minder bij vragenblokken die vaker worden overgeslagen; kleine buurten komen zo onder de 50. Buurten zonder inwoners krijgen geen cijfers.',
        en: 'Respondents: 6 % of adults are invited and 30–45 % answer, fewer for question blocks that are skipped more often; small buurten thus fall below 50. Buurten without residents get no figures.',
      },
    ],
    limits: [{ nl: 'Volledig synthetisch; zegt niets over een echte buurt.', en: 'Entirely synthetic; says nothing about any real neighbourhood.' }],
    owner: {
      nl: 'De Tweeling-maintainers (synthetische demogegevens; geen gemeentelijke rol).',
      en: 'The Tweeling maintainers (synthetic demo data; no municipal role).',
    },
    humanInTheLoop: {
      nl: 'Niemand neemt besluiten op basis van deze gegevens; de gezondheidslaag van Demostad is als synthetisch gemarkeerd.',
      en: 'Nobody takes decisions on this data; the Demostad health layer is marked synthetic.',
    },
    code: ['server/demo/health/generate-health.ts', 'server/demo/health/buurt-traits.ts'],
    references: ['DOMAIN.md Part B §5.1'],
  },
];
