// Colour classes per measured quantity, anchored on public reference values so a colour means something:
// the WHO 2021 air-quality guidelines and the EU limit values (Directive 2008/50/EC), WHO 2018 for noise.
// Hourly values are compared with 24-hour or annual values only as an indication; the legend says so, and raw
// citizen-sensor values are never presented as a legal assessment (that is Luchtmeetnet's job).

export interface SensorClass {
  /** Upper bound (exclusive); the last class has Infinity. */
  below: number;
  colour: string;
  /** i18n key of the label. */
  labelKey: string;
  params?: Record<string, number>;
}

export interface QuantityStyle {
  quantity: string;
  unit: string;
  classes: SensorClass[];
  /** i18n key of the sentence naming the reference values the classes use. */
  basisKey: string;
}

const GREEN = '#2e9e4f';
const YELLOW_GREEN = '#a6c83a';
const YELLOW = '#f2c230';
const ORANGE = '#ee7d2b';
const RED = '#d7303b';
const PURPLE = '#7d2a8f';

const AIR = (quantity: string, whoAnnual: number, who24h: number, euLimit: number, high: number): QuantityStyle => ({
  quantity,
  unit: 'µg/m³',
  basisKey: `sensors.basis.${quantity}`,
  classes: [
    { below: whoAnnual, colour: GREEN, labelKey: 'sensors.class.belowWhoAnnual', params: { v: whoAnnual } },
    { below: who24h, colour: YELLOW_GREEN, labelKey: 'sensors.class.belowWho24h', params: { v: who24h } },
    { below: euLimit, colour: YELLOW, labelKey: 'sensors.class.belowEu', params: { v: euLimit } },
    { below: high, colour: ORANGE, labelKey: 'sensors.class.aboveEu', params: { v: euLimit } },
    { below: Infinity, colour: RED, labelKey: 'sensors.class.above', params: { v: high } },
  ],
});

/** PM2.5: WHO annual 5, 24-h 15; EU annual limit 25. PM10: WHO 15 / 45; EU 24-h limit 50. NO2: WHO 10 / 25; EU annual 40. */
export const QUANTITY_STYLES: Record<string, QuantityStyle> = {
  pm25: AIR('pm25', 5, 15, 25, 50),
  pm25_kal: { ...AIR('pm25', 5, 15, 25, 50), quantity: 'pm25_kal' },
  pm10: AIR('pm10', 15, 45, 50, 100),
  no2: AIR('no2', 10, 25, 40, 200),
  laeq: {
    quantity: 'laeq',
    unit: 'dB(A)',
    basisKey: 'sensors.basis.laeq',
    classes: [
      { below: 50, colour: GREEN, labelKey: 'sensors.class.below', params: { v: 50 } },
      { below: 55, colour: YELLOW_GREEN, labelKey: 'sensors.class.range', params: { a: 50, b: 55 } },
      { below: 60, colour: YELLOW, labelKey: 'sensors.class.range', params: { a: 55, b: 60 } },
      { below: 65, colour: ORANGE, labelKey: 'sensors.class.range', params: { a: 60, b: 65 } },
      { below: 70, colour: RED, labelKey: 'sensors.class.range', params: { a: 65, b: 70 } },
      { below: Infinity, colour: PURPLE, labelKey: 'sensors.class.above', params: { v: 70 } },
    ],
  },
  footfall: {
    quantity: 'footfall',
    unit: '/h',
    basisKey: 'sensors.basis.footfall',
    classes: [
      { below: 100, colour: GREEN, labelKey: 'sensors.class.below', params: { v: 100 } },
      { below: 500, colour: YELLOW_GREEN, labelKey: 'sensors.class.range', params: { a: 100, b: 500 } },
      { below: 1000, colour: YELLOW, labelKey: 'sensors.class.range', params: { a: 500, b: 1000 } },
      { below: 2000, colour: ORANGE, labelKey: 'sensors.class.range', params: { a: 1000, b: 2000 } },
      { below: Infinity, colour: RED, labelKey: 'sensors.class.above', params: { v: 2000 } },
    ],
  },
};

export const NO_VALUE_COLOUR = '#9a9a9a';

/** The layers a user can choose in the sensor panel, in order. */
export const SENSOR_QUANTITIES = ['pm25', 'pm25_kal', 'pm10', 'no2', 'laeq', 'footfall'] as const;
export type SensorQuantity = (typeof SENSOR_QUANTITIES)[number];

export function isSensorQuantity(value: unknown): value is SensorQuantity {
  return typeof value === 'string' && (SENSOR_QUANTITIES as readonly string[]).includes(value);
}

export function classIndex(style: QuantityStyle, value: number): number | null {
  if (!Number.isFinite(value)) return null;
  const i = style.classes.findIndex((c) => value < c.below);
  return i === -1 ? style.classes.length - 1 : i;
}

export function colourOf(style: QuantityStyle, value: number): string {
  const i = classIndex(style, value);
  return i === null ? NO_VALUE_COLOUR : style.classes[i].colour;
}
