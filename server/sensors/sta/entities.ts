// The SensorThings v1.1 Sensing entity model as data: which table and columns hold each property, and how each
// navigation property joins. Every identifier that reaches SQL comes from here (an allow-list), never from input.
export const ENTITY_SETS = [
  'Things',
  'Locations',
  'HistoricalLocations',
  'Datastreams',
  'Sensors',
  'ObservedProperties',
  'Observations',
  'FeaturesOfInterest',
  // The MultiDatastream extension (conformance class multi-datastream).
  'MultiDatastreams',
] as const;
export type EntitySet = (typeof ENTITY_SETS)[number];

/**
 * How a property is stored: `text` a TEXT column; `json` JSON text; `geojson` JSON text plus lon/lat columns of
 * its point; `instant` epoch ms; `interval` two epoch ms columns (start, end); `timeOrInterval` start plus an
 * optional end; `result` a number/string column plus a JSON flag.
 */
export type PropertyKind = 'text' | 'json' | 'geojson' | 'instant' | 'interval' | 'timeOrInterval' | 'result';

export interface PropertyDef {
  name: string;
  kind: PropertyKind;
  /** The column; for intervals the start column. */
  column: string;
  /** End column of `interval` / `timeOrInterval`, flag column of `result`. */
  column2?: string;
  /** Server-computed properties cannot be set by a client (they are accepted in create bodies and ignored). */
  nullable: boolean;
}

export interface NavigationDef {
  target: EntitySet;
  many: boolean;
  /** SQL condition selecting the targets (alias `child`) of the entity whose id is the SQL expression `parentId`. */
  where(child: string, parentId: string): string;
  /** Default order of the targets when the client gives no $orderby (before the id tiebreak); same arguments. */
  order?(child: string, parentId: string): string;
  /** For an optional to-one link: whether a row (read with the entity's columns) has it; otherwise no link is shown. */
  present?(row: Record<string, unknown>): boolean;
}

export interface EntityDef {
  set: EntitySet;
  singular: string;
  table: string;
  properties: PropertyDef[];
  navigations: Record<string, NavigationDef>;
  /** Columns read besides the properties' (foreign keys the formatter needs). */
  extraColumns?: string[];
}

const p = (name: string, kind: PropertyKind, column: string, nullable = false, column2?: string): PropertyDef => ({
  name,
  kind,
  column,
  nullable,
  ...(column2 ? { column2 } : {}),
});

export const ENTITIES: Record<EntitySet, EntityDef> = {
  Things: {
    set: 'Things',
    singular: 'Thing',
    table: 'things',
    properties: [p('name', 'text', 'name'), p('description', 'text', 'description'), p('properties', 'json', 'properties', true)],
    navigations: {
      Locations: { target: 'Locations', many: true, where: (c, id) => `${c}.id IN (SELECT location_id FROM thing_locations WHERE thing_id = ${id})` },
      HistoricalLocations: { target: 'HistoricalLocations', many: true, where: (c, id) => `${c}.thing_id = ${id}` },
      Datastreams: { target: 'Datastreams', many: true, where: (c, id) => `${c}.thing_id = ${id}` },
      MultiDatastreams: { target: 'MultiDatastreams', many: true, where: (c, id) => `${c}.thing_id = ${id}` },
    },
  },
  Locations: {
    set: 'Locations',
    singular: 'Location',
    table: 'locations',
    properties: [
      p('name', 'text', 'name'),
      p('description', 'text', 'description'),
      p('encodingType', 'text', 'encoding_type'),
      p('location', 'geojson', 'location'),
      p('properties', 'json', 'properties', true),
    ],
    navigations: {
      Things: { target: 'Things', many: true, where: (c, id) => `${c}.id IN (SELECT thing_id FROM thing_locations WHERE location_id = ${id})` },
      HistoricalLocations: {
        target: 'HistoricalLocations',
        many: true,
        where: (c, id) => `${c}.id IN (SELECT historical_location_id FROM historical_location_locations WHERE location_id = ${id})`,
      },
    },
  },
  HistoricalLocations: {
    set: 'HistoricalLocations',
    singular: 'HistoricalLocation',
    table: 'historical_locations',
    properties: [p('time', 'instant', 'time')],
    navigations: {
      Thing: { target: 'Things', many: false, where: (c, id) => `${c}.id = (SELECT thing_id FROM historical_locations WHERE id = ${id})` },
      Locations: {
        target: 'Locations',
        many: true,
        where: (c, id) => `${c}.id IN (SELECT location_id FROM historical_location_locations WHERE historical_location_id = ${id})`,
      },
    },
  },
  Datastreams: {
    set: 'Datastreams',
    singular: 'Datastream',
    table: 'datastreams',
    properties: [
      p('name', 'text', 'name'),
      p('description', 'text', 'description'),
      p('unitOfMeasurement', 'json', 'unit_of_measurement'),
      p('observationType', 'text', 'observation_type'),
      p('observedArea', 'json', 'observed_area', true),
      p('phenomenonTime', 'interval', 'phenomenon_time_start', true, 'phenomenon_time_end'),
      p('resultTime', 'interval', 'result_time_start', true, 'result_time_end'),
      p('properties', 'json', 'properties', true),
    ],
    navigations: {
      Thing: { target: 'Things', many: false, where: (c, id) => `${c}.id = (SELECT thing_id FROM datastreams WHERE id = ${id})` },
      Sensor: { target: 'Sensors', many: false, where: (c, id) => `${c}.id = (SELECT sensor_id FROM datastreams WHERE id = ${id})` },
      ObservedProperty: {
        target: 'ObservedProperties',
        many: false,
        where: (c, id) => `${c}.id = (SELECT observed_property_id FROM datastreams WHERE id = ${id})`,
      },
      Observations: { target: 'Observations', many: true, where: (c, id) => `${c}.datastream_id = ${id}` },
    },
  },
  Sensors: {
    set: 'Sensors',
    singular: 'Sensor',
    table: 'sensors',
    properties: [
      p('name', 'text', 'name'),
      p('description', 'text', 'description'),
      p('encodingType', 'text', 'encoding_type'),
      p('metadata', 'text', 'metadata'),
      p('properties', 'json', 'properties', true),
    ],
    navigations: {
      Datastreams: { target: 'Datastreams', many: true, where: (c, id) => `${c}.sensor_id = ${id}` },
      MultiDatastreams: { target: 'MultiDatastreams', many: true, where: (c, id) => `${c}.sensor_id = ${id}` },
    },
  },
  ObservedProperties: {
    set: 'ObservedProperties',
    singular: 'ObservedProperty',
    table: 'observed_properties',
    properties: [
      p('name', 'text', 'name'),
      p('definition', 'text', 'definition'),
      p('description', 'text', 'description'),
      p('properties', 'json', 'properties', true),
    ],
    navigations: {
      Datastreams: { target: 'Datastreams', many: true, where: (c, id) => `${c}.observed_property_id = ${id}` },
      MultiDatastreams: {
        target: 'MultiDatastreams',
        many: true,
        where: (c, id) => `${c}.id IN (SELECT multi_datastream_id FROM multi_datastream_observed_properties WHERE observed_property_id = ${id})`,
      },
    },
  },
  Observations: {
    set: 'Observations',
    singular: 'Observation',
    table: 'observations',
    extraColumns: ['datastream_id', 'multi_datastream_id'],
    properties: [
      p('phenomenonTime', 'timeOrInterval', 'phenomenon_time', false, 'phenomenon_time_end'),
      p('resultTime', 'instant', 'result_time', true),
      p('result', 'result', 'result', true, 'result_json'),
      p('resultQuality', 'json', 'result_quality', true),
      p('validTime', 'interval', 'valid_time_start', true, 'valid_time_end'),
      p('parameters', 'json', 'parameters', true),
    ],
    navigations: {
      // An Observation belongs to a Datastream or to a MultiDatastream; only the link it has is shown.
      Datastream: {
        target: 'Datastreams',
        many: false,
        where: (c, id) => `${c}.id = (SELECT datastream_id FROM observations WHERE id = ${id})`,
        present: (row) => row.datastream_id !== null && row.datastream_id !== undefined,
      },
      MultiDatastream: {
        target: 'MultiDatastreams',
        many: false,
        where: (c, id) => `${c}.id = (SELECT multi_datastream_id FROM observations WHERE id = ${id})`,
        present: (row) => row.multi_datastream_id !== null && row.multi_datastream_id !== undefined,
      },
      FeatureOfInterest: {
        target: 'FeaturesOfInterest',
        many: false,
        where: (c, id) => `${c}.id = (SELECT feature_of_interest_id FROM observations WHERE id = ${id})`,
      },
    },
  },
  FeaturesOfInterest: {
    set: 'FeaturesOfInterest',
    singular: 'FeatureOfInterest',
    table: 'features_of_interest',
    properties: [
      p('name', 'text', 'name'),
      p('description', 'text', 'description'),
      p('encodingType', 'text', 'encoding_type'),
      p('feature', 'geojson', 'feature'),
      p('properties', 'json', 'properties', true),
    ],
    navigations: {
      Observations: { target: 'Observations', many: true, where: (c, id) => `${c}.feature_of_interest_id = ${id}` },
    },
  },
  MultiDatastreams: {
    set: 'MultiDatastreams',
    singular: 'MultiDatastream',
    table: 'multi_datastreams',
    properties: [
      p('name', 'text', 'name'),
      p('description', 'text', 'description'),
      p('unitOfMeasurements', 'json', 'unit_of_measurements'),
      p('observationType', 'text', 'observation_type'),
      p('multiObservationDataTypes', 'json', 'multi_observation_data_types'),
      p('observedArea', 'json', 'observed_area', true),
      p('phenomenonTime', 'interval', 'phenomenon_time_start', true, 'phenomenon_time_end'),
      p('resultTime', 'interval', 'result_time_start', true, 'result_time_end'),
      p('properties', 'json', 'properties', true),
    ],
    navigations: {
      Thing: { target: 'Things', many: false, where: (c, id) => `${c}.id = (SELECT thing_id FROM multi_datastreams WHERE id = ${id})` },
      Sensor: { target: 'Sensors', many: false, where: (c, id) => `${c}.id = (SELECT sensor_id FROM multi_datastreams WHERE id = ${id})` },
      // Ordered: the n-th ObservedProperty describes the n-th member of every result array.
      ObservedProperties: {
        target: 'ObservedProperties',
        many: true,
        where: (c, id) => `${c}.id IN (SELECT observed_property_id FROM multi_datastream_observed_properties WHERE multi_datastream_id = ${id})`,
        order: (c, id) =>
          `(SELECT position FROM multi_datastream_observed_properties WHERE multi_datastream_id = ${id} AND observed_property_id = ${c}.id)`,
      },
      Observations: { target: 'Observations', many: true, where: (c, id) => `${c}.multi_datastream_id = ${id}` },
    },
  },
};

export function isEntitySet(name: string): name is EntitySet {
  return (ENTITY_SETS as readonly string[]).includes(name);
}

export function propertyOf(entity: EntityDef, name: string): PropertyDef | undefined {
  return entity.properties.find((q) => q.name === name);
}

export function navigationOf(entity: EntityDef, name: string): NavigationDef | undefined {
  return Object.hasOwn(entity.navigations, name) ? entity.navigations[name] : undefined;
}

/** All columns a row of this entity is read with (for the JSON formatter). */
export function selectColumns(entity: EntityDef, alias: string): string {
  const cols = new Set<string>(['id', ...(entity.extraColumns ?? [])]);
  for (const q of entity.properties) {
    cols.add(q.column);
    if (q.column2) cols.add(q.column2);
  }
  return [...cols].map((c) => `${alias}.${c}`).join(', ');
}
