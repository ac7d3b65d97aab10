// Small hand-made municipalities for store and API tests. Factories, not shared fixtures: every call is fresh.
import type { Address, Building, Municipality, PointRd, PolygonRd } from '../../server/contracts/model.ts';
import type { Antenna } from '../../server/scenarios/fiveg/antenna.ts';

export function createSquare(x: number, y: number, size: number): PolygonRd {
  return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size]]];
}

export function createBuilding(n: number, x: number, y: number, overrides: Partial<Building> = {}): Building {
  return {
    id: `NL.IMBAG.Pand.99991000000${String(n).padStart(5, '0')}`,
    footprint: createSquare(x, y, 10),
    groundM: 2,
    heightM: 9,
    roofType: 'zadeldak',
    year: 1930 + n,
    function: 'woning',
    dwellings: 1,
    buurtCode: 'BU99990101',
    ...overrides,
  };
}

export function createAddress(n: number, building: Building): Address {
  const [x, y] = building.footprint[0][0];
  return {
    id: `9999200000${String(n).padStart(6, '0')}`,
    position: [x + 1, y + 1],
    postcode: '9999AB',
    houseNumber: n,
    houseLetter: null,
    street: 'Kerkstraat',
    buildingId: building.id,
    buurtCode: building.buurtCode,
  };
}

/** A 3 × 3 grid of buildings 100 m apart around RD (145000, 445000), each with one address. */
export function createMunicipality(): Municipality {
  const buildings: Building[] = [];
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) buildings.push(createBuilding(i * 3 + j + 1, 145000 + i * 100, 445000 + j * 100));
  return {
    meta: {
      name: 'Teststad',
      municipalityCode: 'GM9999',
      source: 'test factory',
      licence: 'CC0-1.0',
      date: '2026-01-01',
      synthetic: true,
      geoidHeightM: 43,
    },
    buildings,
    addresses: buildings.map((b, i) => createAddress(i + 1, b)),
    streets: [
      { id: 's1', line: [[144990, 444990], [145300, 444990]], name: 'Kerkstraat', class: 'woonstraat', surface: 'klinkers' },
    ],
    areas: [{ id: 'w1', kind: 'water', name: 'Gracht', polygon: createSquare(145400, 445000, 50) }],
    buurten: [
      { code: 'BU99990101', name: 'Centrum', polygon: createSquare(144900, 444900, 500), population: 20, households: 9 },
    ],
  };
}

/** A three-sector n78 mast of 25 m (EIRP 70 dBm per sector) standing at `position`. */
export function createMastAntennas(position: PointRd): Antenna[] {
  return [0, 120, 240].map((azimuthDeg, i) => ({
    id: `M1-A-n78-${i + 1}`,
    siteId: 'M1',
    operator: 'Operator A',
    kind: 'mast',
    position,
    groundM: 2,
    heightM: 25,
    buildingId: null,
    band: 'n78',
    azimuthDeg,
    downtiltDeg: 6,
    eirpDbm: 70,
    maxGainDbi: 17,
    hBeamwidthDeg: 65,
    vBeamwidthDeg: 10,
  }));
}

const OM_MEASUREMENT = 'http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement';

/** A SensorThings deep-insert body: one Thing on a lamp post with one PM10 Datastream (its Sensor and property). */
export function createPm10StationBody(name: string, description: string) {
  return {
    name,
    description,
    Locations: [{ name: 'paal', description: 'lantaarnpaal', encodingType: 'application/geo+json', location: { type: 'Point', coordinates: [5.12, 52.09] } }],
    Datastreams: [
      {
        name: 'pm10',
        description: 'PM10',
        unitOfMeasurement: { name: 'microgram per cubic metre', symbol: 'µg/m³', definition: 'http://unitsofmeasure.org/ucum.html' },
        observationType: OM_MEASUREMENT,
        Sensor: { name: 'SDS011', description: 'Nova Fitness', encodingType: 'application/pdf', metadata: 'https://example.org/sds011.pdf' },
        ObservedProperty: { name: 'pm10', definition: 'https://example.org/pm10', description: 'PM10' },
      },
    ],
  };
}
