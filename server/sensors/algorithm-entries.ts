// Algorithm-register entries for the sensor layer; the lead adds them to ALGORITHMS in algorithms/register.ts.
import type { AlgorithmEntry } from '../algorithms/register.ts';
import { DEFAULT_CRITERIA } from './calibration/fit-calibration.ts';

const { minHours, minR2, gainRange, maxRepeats } = DEFAULT_CRITERIA;

export const SENSOR_ALGORITHMS: AlgorithmEntry[] = [
  {
    id: 'sensor-pm-calibration',
    title: { nl: 'Kalibratie van fijnstofsensoren van burgers', en: 'Calibration of citizen particulate-matter sensors' },
    purpose: {
      nl: 'Schat wat een officieel meetstation zou meten op de plek van een goedkope fijnstofsensor (PM2.5), zodat de kaart ruwe en gekalibreerde waarden naast elkaar kan tonen. De uitkomst is indicatief.',
      en: 'Estimates what an official monitoring station would measure at the place of a low-cost particulate sensor (PM2.5), so the map can show raw and calibrated values side by side. The result is indicative.',
    },
    inputs: [
      'hourly raw PM2.5 of each citizen sensor (µg/m³)',
      'hourly PM2.5 of the nearest reference station (µg/m³)',
      'hourly relative humidity at that reference station (%)',
      'sensor and station positions (WGS84)',
    ],
    assumptions: [
      {
        nl: 'Model per sensor: pm25_kal = β0 + β1·ruw + β2·RV (RV = relatieve luchtvochtigheid), met kleinste kwadraten geschat over de uren waarin sensor, referentiestation en vochtmeting alle drie een waarde hebben. Zonder vochtmeting: β0 + β1·ruw.',
        en: 'Model per sensor: pm25_kal = β0 + β1·raw + β2·RH (RH = relative humidity), fitted by least squares over the hours in which sensor, reference station and humidity all have a value. Without humidity data: β0 + β1·raw.',
      },
      {
        nl: 'Fijnstof is op de schaal van een gemeente tamelijk gelijkmatig verdeeld, zodat het dichtstbijzijnde referentiestation een bruikbare maat is (dezelfde aanname als de RIVM-kalibratie in Samen Meten).',
        en: 'Particulate matter is fairly uniform at the scale of a municipality, so the nearest reference station is a usable yardstick (the same assumption as RIVM’s calibration in Samen Meten).',
      },
      {
        nl: `Een sensor geldt als onbetrouwbaar (geen gekalibreerde waarden) bij minder dan ${minHours} overlappende uren, R² na kalibratie onder ${minR2}, een versterking β1 buiten ${gainRange[0]}–${gainRange[1]}, of ${maxRepeats} of meer gelijke waarden achter elkaar (vastgelopen).`,
        en: `A sensor counts as untrustworthy (no calibrated values) with fewer than ${minHours} overlapping hours, R² after calibration below ${minR2}, a gain β1 outside ${gainRange[0]}–${gainRange[1]}, or ${maxRepeats} or more identical values in a row (stuck).`,
      },
      {
        nl: 'RMSE en R² voor en na kalibratie worden berekend op dezelfde uren waarop het model is geschat (in-sample); de werkelijke fout op nieuwe uren is groter, zeker bij sensoren die verlopen (drift).',
        en: 'RMSE and R² before and after calibration are computed on the same hours the model was fitted on (in-sample); the real error on new hours is larger, especially for drifting sensors.',
      },
    ],
    limits: [
      {
        nl: 'Indicatief: gekalibreerde sensorwaarden mogen nooit met wettelijke grenswaarden worden vergeleken; de wettelijke toetsing gebeurt met Luchtmeetnet en het NSL-monitoringsmodel.',
        en: 'Indicative: calibrated sensor values must never be compared with legal limit values; legal assessment uses Luchtmeetnet and the NSL monitoring model.',
      },
      {
        nl: 'Een lineaire vochtterm corrigeert de niet-lineaire aangroei van deeltjes bij hoge luchtvochtigheid maar ten dele; bij mist blijven pieken over (zoals ook het RIVM meldt).',
        en: 'A linear humidity term only partly corrects the non-linear growth of particles at high humidity; in fog peaks remain (as RIVM also notes).',
      },
      {
        nl: 'Anders dan de operationele RIVM-methode (verhouding van het groepsgemiddelde van sensoren tot het referentiestation, per uur) kalibreert Tweeling elke sensor afzonderlijk met vaste coëfficiënten over de periode.',
        en: 'Unlike RIVM’s operational method (ratio of the group average of sensors to the reference station, per hour), Tweeling calibrates each sensor on its own with fixed coefficients over the period.',
      },
    ],
    owner: {
      nl: 'Team Milieu (adviseur luchtkwaliteit), in overleg met de omgevingsdienst; in de demo beheren de Tweeling-maintainers de code.',
      en: 'Environment team (air quality adviser), in consultation with the environmental service; in the demo the Tweeling maintainers own the code.',
    },
    humanInTheLoop: {
      nl: 'De adviseur luchtkwaliteit stelt de criteria in (minimale uren, R², bereik van de versterking) en beoordeelt sensoren die als onbetrouwbaar zijn gemarkeerd; gekalibreerde waarden worden nooit automatisch gebruikt voor een wettelijke toets of handhaving.',
      en: 'The air quality adviser sets the criteria (minimum hours, R², gain range) and reviews sensors flagged as untrustworthy; calibrated values are never used automatically for a legal assessment or enforcement.',
    },
    code: ['server/sensors/calibration/fit-calibration.ts', 'server/sensors/calibration/least-squares.ts', 'server/sensors/calibration/calibrate-stored-sensors.ts'],
    references: [
      'DOMAIN.md Part B §2.10',
      'https://www.samenmetenaanluchtkwaliteit.nl/dataportaal/kalibratie-van-fijnstofsensoren',
      'https://www.samenmeten.nl/zelf-meten/testen-en-kalibreren-van-sensoren',
    ],
  },
  {
    id: 'sensor-demo-network',
    title: { nl: 'Synthetisch sensornetwerk van Demostad', en: 'Synthetic sensor network of Demostad' },
    purpose: {
      nl: 'Maakt verzonnen maar realistische meetreeksen (fijnstof, NO2, vocht, geluid, drukte) om de sensorlaag zonder echte gegevens te kunnen tonen en testen.',
      en: 'Creates fictional but realistic measurement series (particulate matter, NO2, humidity, noise, footfall) so the sensor layer can be shown and tested without real data.',
    },
    inputs: ['municipality (buildings, streets)', 'seed (whole number)', 'number of days'],
    assumptions: [
      {
        nl: 'Burgersensoren wijken af zoals goedkope optische sensoren doen: versterking en nulpunt per sensor, overschatting bij hoge luchtvochtigheid, soms verloop, uitval en enkele kapotte sensoren.',
        en: 'Citizen sensors err the way low-cost optical sensors do: per-sensor gain and offset, overestimation at high humidity, sometimes drift, outages and a few broken sensors.',
      },
    ],
    limits: [{ nl: 'Alles is synthetisch; niet gebruiken voor conclusies over een echte gemeente.', en: 'Everything is synthetic; do not use it for conclusions about a real municipality.' }],
    owner: {
      nl: 'De Tweeling-maintainers (synthetische demogegevens; geen gemeentelijke rol).',
      en: 'The Tweeling maintainers (synthetic demo data; no municipal role).',
    },
    humanInTheLoop: {
      nl: 'Niemand neemt besluiten op basis van deze gegevens; de meetreeksen van Demostad zijn als synthetisch gemarkeerd.',
      en: 'Nobody takes decisions on this data; the Demostad series are marked synthetic.',
    },
    code: ['server/demo/sensors/generate-sensors.ts', 'server/demo/sensors/series.ts'],
    references: ['DOMAIN.md Part B §2.7–§2.10'],
  },
];
