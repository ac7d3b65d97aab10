// A tiny, hand-built 3D Tiles 1.1 tileset (one glb with EXT_mesh_features + EXT_structural_metadata) and a
// matching basemap, so the browser tests can run without the server's tiler. Boxes on a grid in a local
// east-north-up frame whose origin sits on the ground at `groundHeightM`.

export interface FixtureBuilding {
  identificatie: string;
  functie: string;
  bouwjaar: number;
  hoogte: number;
  maaiveld: number;
  daktype: string;
  woningen: number;
  buurt: string;
  /** Footprint centre and size in the local frame, metres. */
  eastM: number;
  northM: number;
  sizeM: number;
}

export interface FixtureTwin {
  centerLonLat: [number, number];
  groundHeightM: number;
  extentLonLat: [number, number, number, number];
  buildings: FixtureBuilding[];
  tilesetJson: unknown;
  glb: Buffer;
  basemap: unknown;
}

const FUNCTIONS = ['woning', 'winkel', 'kantoor', 'industrie', 'maatschappelijk', 'monument'];
const ROOFS = ['plat', 'zadeldak', 'schilddak', 'lessenaarsdak', 'sheddak'];
const WGS84_A = 6378137;
const WGS84_F = 1 / 298.257223563;
const METRES_PER_DEGREE = 111_320;

/** 4×4 column-major matrix from a local east-north-up frame at (lon, lat, h) to ECEF. */
export function enuToEcef(lonDeg: number, latDeg: number, heightM: number): number[] {
  const lon = (lonDeg * Math.PI) / 180;
  const lat = (latDeg * Math.PI) / 180;
  const e2 = WGS84_F * (2 - WGS84_F);
  const n = WGS84_A / Math.sqrt(1 - e2 * Math.sin(lat) ** 2);
  const x = (n + heightM) * Math.cos(lat) * Math.cos(lon);
  const y = (n + heightM) * Math.cos(lat) * Math.sin(lon);
  const z = (n * (1 - e2) + heightM) * Math.sin(lat);
  const east = [-Math.sin(lon), Math.cos(lon), 0];
  const north = [-Math.sin(lat) * Math.cos(lon), -Math.sin(lat) * Math.sin(lon), Math.cos(lat)];
  const up = [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
  return [...east, 0, ...north, 0, ...up, 0, x, y, z, 1];
}

function createBuildings(): FixtureBuilding[] {
  const buildings: FixtureBuilding[] = [];
  let i = 0;
  for (let row = 0; row < 5; row++) {
    for (let column = 0; column < 7; column++) {
      buildings.push({
        identificatie: `NL.IMBAG.Pand.99991000000${String(i + 1).padStart(5, '0')}`,
        functie: FUNCTIONS[i % FUNCTIONS.length],
        bouwjaar: 1880 + ((i * 37) % 140),
        hoogte: 4 + ((i * 7) % 30),
        maaiveld: 2.1,
        daktype: ROOFS[i % ROOFS.length],
        woningen: i % FUNCTIONS.length === 0 ? 1 + (i % 12) : 0,
        buurt: `BU9999000${row}`,
        eastM: (column - 3) * 60,
        northM: (row - 2) * 60,
        sizeM: 28 + (i % 3) * 6,
      });
      i++;
    }
  }
  return buildings;
}

/** glTF is y-up; 3D Tiles rotates it to z-up, so local (east, north, up) is written as (east, up, -north). */
function boxMesh(buildings: FixtureBuilding[]) {
  const positions: number[] = [];
  const normals: number[] = [];
  const featureIds: number[] = [];
  const indices: number[] = [];
  buildings.forEach((b, id) => {
    const h = b.sizeM / 2;
    const [e0, e1, n0, n1, u0, u1] = [b.eastM - h, b.eastM + h, b.northM - h, b.northM + h, 0, b.hoogte];
    // Each face: 4 corners (east, north, up) counter-clockwise seen from outside, and its outward normal.
    const faces: [number[][], number[]][] = [
      [[[e0, n0, u1], [e1, n0, u1], [e1, n1, u1], [e0, n1, u1]], [0, 0, 1]],
      [[[e0, n1, u0], [e1, n1, u0], [e1, n0, u0], [e0, n0, u0]], [0, 0, -1]],
      [[[e0, n0, u0], [e1, n0, u0], [e1, n0, u1], [e0, n0, u1]], [0, -1, 0]],
      [[[e1, n1, u0], [e0, n1, u0], [e0, n1, u1], [e1, n1, u1]], [0, 1, 0]],
      [[[e1, n0, u0], [e1, n1, u0], [e1, n1, u1], [e1, n0, u1]], [1, 0, 0]],
      [[[e0, n1, u0], [e0, n0, u0], [e0, n0, u1], [e0, n1, u1]], [-1, 0, 0]],
    ];
    for (const [corners, [ne, nn, nu]] of faces) {
      const base = positions.length / 3;
      for (const [e, n, u] of corners) {
        positions.push(e, u, -n);
        normals.push(ne, nu, -nn);
        featureIds.push(id);
      }
      indices.push(base, base + 1, base + 2, base, base + 2, base + 3);
    }
  });
  return { positions, normals, featureIds, indices };
}

class BinaryBuilder {
  readonly chunks: Buffer[] = [];
  readonly bufferViews: { buffer: 0; byteOffset: number; byteLength: number; target?: number }[] = [];
  length = 0;

  add(data: Buffer, target?: number): number {
    const padding = (8 - (this.length % 8)) % 8;
    if (padding) this.chunks.push(Buffer.alloc(padding));
    this.length += padding;
    this.bufferViews.push({ buffer: 0, byteOffset: this.length, byteLength: data.length, ...(target ? { target } : {}) });
    this.chunks.push(data);
    this.length += data.length;
    return this.bufferViews.length - 1;
  }

  strings(values: string[]): { values: number; stringOffsets: number } {
    const encoded = values.map((v) => Buffer.from(v, 'utf8'));
    const offsets = new Uint32Array(values.length + 1);
    encoded.forEach((b, i) => (offsets[i + 1] = offsets[i] + b.length));
    return { values: this.add(Buffer.concat(encoded)), stringOffsets: this.add(Buffer.from(offsets.buffer)) };
  }
}

function floatBuffer(values: number[]): Buffer {
  return Buffer.from(new Float32Array(values).buffer);
}

export function buildGlb(buildings: FixtureBuilding[]): Buffer {
  const mesh = boxMesh(buildings);
  const bin = new BinaryBuilder();
  const ARRAY_BUFFER = 34962;
  const ELEMENT_ARRAY_BUFFER = 34963;
  const positionView = bin.add(floatBuffer(mesh.positions), ARRAY_BUFFER);
  const normalView = bin.add(floatBuffer(mesh.normals), ARRAY_BUFFER);
  const featureIdView = bin.add(floatBuffer(mesh.featureIds), ARRAY_BUFFER);
  const indexView = bin.add(Buffer.from(new Uint32Array(mesh.indices).buffer), ELEMENT_ARRAY_BUFFER);
  const column = <K extends keyof FixtureBuilding>(key: K) => buildings.map((b) => b[key]);
  const properties = {
    identificatie: bin.strings(column('identificatie')),
    functie: bin.strings(column('functie')),
    daktype: bin.strings(column('daktype')),
    buurt: bin.strings(column('buurt')),
    bouwjaar: { values: bin.add(Buffer.from(new Int32Array(column('bouwjaar')).buffer)) },
    woningen: { values: bin.add(Buffer.from(new Int32Array(column('woningen')).buffer)) },
    hoogte: { values: bin.add(floatBuffer(column('hoogte'))) },
    maaiveld: { values: bin.add(floatBuffer(column('maaiveld'))) },
  };
  const min = [0, 1, 2].map((axis) => Math.min(...mesh.positions.filter((_, i) => i % 3 === axis)));
  const max = [0, 1, 2].map((axis) => Math.max(...mesh.positions.filter((_, i) => i % 3 === axis)));
  const vertexCount = mesh.positions.length / 3;
  const gltf = {
    asset: { version: '2.0', generator: 'tweeling e2e fixture' },
    extensionsUsed: ['EXT_mesh_features', 'EXT_structural_metadata'],
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0 }],
    meshes: [
      {
        primitives: [
          {
            attributes: { POSITION: 0, NORMAL: 1, _FEATURE_ID_0: 2 },
            indices: 3,
            material: 0,
            mode: 4,
            extensions: {
              EXT_mesh_features: { featureIds: [{ featureCount: buildings.length, attribute: 0, propertyTable: 0 }] },
            },
          },
        ],
      },
    ],
    materials: [{ pbrMetallicRoughness: { baseColorFactor: [1, 1, 1, 1], metallicFactor: 0, roughnessFactor: 1 } }],
    accessors: [
      { bufferView: positionView, componentType: 5126, count: vertexCount, type: 'VEC3', min, max },
      { bufferView: normalView, componentType: 5126, count: vertexCount, type: 'VEC3' },
      { bufferView: featureIdView, componentType: 5126, count: vertexCount, type: 'SCALAR' },
      { bufferView: indexView, componentType: 5125, count: mesh.indices.length, type: 'SCALAR' },
    ],
    bufferViews: bin.bufferViews,
    buffers: [{ byteLength: 0 }],
    extensions: {
      EXT_structural_metadata: {
        schema: {
          id: 'tweeling',
          classes: {
            pand: {
              properties: {
                identificatie: { type: 'STRING' },
                functie: { type: 'STRING' },
                daktype: { type: 'STRING' },
                buurt: { type: 'STRING' },
                bouwjaar: { type: 'SCALAR', componentType: 'INT32' },
                woningen: { type: 'SCALAR', componentType: 'INT32' },
                hoogte: { type: 'SCALAR', componentType: 'FLOAT32' },
                maaiveld: { type: 'SCALAR', componentType: 'FLOAT32' },
              },
            },
          },
        },
        propertyTables: [{ class: 'pand', count: buildings.length, properties }],
      },
    },
  };
  const binary = Buffer.concat(bin.chunks);
  const binPadded = Buffer.concat([binary, Buffer.alloc((4 - (binary.length % 4)) % 4)]);
  gltf.buffers[0].byteLength = binPadded.length;
  const json = Buffer.from(JSON.stringify(gltf), 'utf8');
  const jsonPadded = Buffer.concat([json, Buffer.alloc((4 - (json.length % 4)) % 4, 0x20)]);
  const header = Buffer.alloc(12);
  const total = 12 + 8 + jsonPadded.length + 8 + binPadded.length;
  header.writeUInt32LE(0x46546c67, 0);
  header.writeUInt32LE(2, 4);
  header.writeUInt32LE(total, 8);
  const chunkHeader = (length: number, type: number) => {
    const b = Buffer.alloc(8);
    b.writeUInt32LE(length, 0);
    b.writeUInt32LE(type, 4);
    return b;
  };
  return Buffer.concat([
    header,
    chunkHeader(jsonPadded.length, 0x4e4f534a),
    jsonPadded,
    chunkHeader(binPadded.length, 0x004e4942),
    binPadded,
  ]);
}

export function createFixtureTwin(): FixtureTwin {
  const centerLonLat: [number, number] = [5.1, 52.05];
  const groundHeightM = 45.5;
  const buildings = createBuildings();
  const metresPerDegreeLon = METRES_PER_DEGREE * Math.cos((centerLonLat[1] * Math.PI) / 180);
  const toLonLat = (eastM: number, northM: number): [number, number] => [
    centerLonLat[0] + eastM / metresPerDegreeLon,
    centerLonLat[1] + northM / METRES_PER_DEGREE,
  ];
  const [west, south] = toLonLat(-300, -200);
  const [east, north] = toLonLat(300, 200);
  const maxHeight = Math.max(...buildings.map((b) => b.hoogte));
  const tilesetJson = {
    asset: { version: '1.1' },
    geometricError: 200,
    root: {
      transform: enuToEcef(centerLonLat[0], centerLonLat[1], groundHeightM),
      boundingVolume: { box: [0, 0, maxHeight / 2, 230, 0, 0, 0, 150, 0, 0, 0, maxHeight / 2 + 1] },
      geometricError: 0,
      refine: 'ADD',
      content: { uri: 'buildings.glb' },
    },
  };
  const line = (points: [number, number][]) => points.map(([e, n]) => toLonLat(e, n));
  const ring = (points: [number, number][]) => [...line(points), toLonLat(...points[0])];
  const street = (name: string, cls: string, points: [number, number][]) => ({
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: line(points) },
    properties: { layer: 'streets', name, class: cls, surface: 'asfalt' },
  });
  const area = (layer: string, name: string, points: [number, number][]) => ({
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [ring(points)] },
    properties: { layer, name },
  });
  const basemap = {
    type: 'FeatureCollection',
    features: [
      area('groen', 'Stadspark', [[-290, -190], [-220, -190], [-220, 190], [-290, 190]]),
      area('water', 'Singel', [[220, -190], [290, -190], [290, 190], [220, 190]]),
      street('Hoofdstraat', 'hoofdweg', [[-300, -150], [300, -150]]),
      street('Kerkstraat', 'wijkweg', [[-30, -200], [-30, 200]]),
      street('Molenweg', 'woonstraat', [[-300, 90], [300, 90]]),
      street('Erfje', 'erf', [[150, -200], [150, 200]]),
      street('Fietspad', 'fietspad', [[-300, -175], [300, -175]]),
    ],
  };
  return { centerLonLat, groundHeightM, extentLonLat: [west, south, east, north], buildings, tilesetJson, glb: buildGlb(buildings), basemap };
}
