// Binary glTF 2.0 writer for one-primitive tile content with per-feature metadata
// (EXT_mesh_features + EXT_structural_metadata, as 3D Tiles 1.1 uses them). Pure: bytes in, bytes out.

export const GLB_MAGIC = 0x46546c67; // 'glTF'
export const CHUNK_JSON = 0x4e4f534a; // 'JSON'
export const CHUNK_BIN = 0x004e4942; // 'BIN\0'

const FLOAT = 5126;
const UNSIGNED_BYTE = 5121;
const UNSIGNED_SHORT = 5123;
const UNSIGNED_INT = 5125;
const ARRAY_BUFFER = 34962;
const ELEMENT_ARRAY_BUFFER = 34963;
const TRIANGLES = 4;
/** EXT_structural_metadata wants buffer views 8-byte aligned (FLOAT64/INT64 columns). */
const ALIGN = 8;

export type ScalarComponentType = 'UINT8' | 'UINT16' | 'UINT32' | 'INT32' | 'FLOAT32' | 'FLOAT64';

export type PropertyColumn =
  | { type: 'STRING'; values: readonly string[]; description?: string }
  | {
      type: 'SCALAR';
      componentType: ScalarComponentType;
      values: ArrayLike<number>;
      description?: string;
      /** Value that stands for "no value" in this column (e.g. an attribute only some buildings have). */
      noData?: number;
    };

export interface GlbMetadata {
  schemaId: string;
  className: string;
  /** One value per feature id, in row order; insertion order is kept in the schema. */
  properties: Record<string, PropertyColumn>;
}

export interface GlbInput {
  /** Float32 x, y, z per vertex in glTF's y-up frame. */
  positions: Float32Array;
  normals: Float32Array;
  /** Row into the property table per vertex. Float because glTF forbids UNSIGNED_INT custom attributes. */
  featureIds: Float32Array;
  indices: Uint32Array;
  featureCount: number;
  /**
   * Optional RGBA bytes per vertex (COLOR_0, normalised), multiplied with the base colour: roofs vs walls.
   * With colours the base colour defaults to white so the vertex colours show as they are.
   */
  colors?: Uint8Array;
  /** Optional surface class per vertex (`_SURFACE`: 0 ground, 1 wall, 2 roof), for client styling and picking. */
  surfaces?: Float32Array;
  /** Linear RGBA; default light grey. */
  baseColor?: [number, number, number, number];
  metadata?: GlbMetadata;
}

const TYPED: Record<ScalarComponentType, { new (n: number): ArrayLike<number> & { buffer: ArrayBufferLike; byteLength: number; [i: number]: number } }> = {
  UINT8: Uint8Array,
  UINT16: Uint16Array,
  UINT32: Uint32Array,
  INT32: Int32Array,
  FLOAT32: Float32Array,
  FLOAT64: Float64Array,
};

/** Serialises a single-mesh glTF as GLB. Indices are written as Uint16 when every index fits. */
export function writeGlb(input: GlbInput): Uint8Array {
  const vertexCount = input.positions.length / 3;
  const bin = new BinBuilder();
  const bufferViews: Record<string, unknown>[] = [];
  const view = (bytes: Uint8Array, target?: number): number => {
    const byteOffset = bin.append(bytes);
    bufferViews.push({ buffer: 0, byteOffset, byteLength: bytes.byteLength, ...(target ? { target } : {}) });
    return bufferViews.length - 1;
  };

  const { min, max } = positionBounds(input.positions);
  const smallIndices = vertexCount <= 0xffff;
  const indexBytes = smallIndices ? asBytes(Uint16Array.from(input.indices)) : asBytes(input.indices);
  const accessors = [
    { bufferView: view(asBytes(input.positions), ARRAY_BUFFER), componentType: FLOAT, count: vertexCount, type: 'VEC3', min, max },
    { bufferView: view(asBytes(input.normals), ARRAY_BUFFER), componentType: FLOAT, count: vertexCount, type: 'VEC3' },
    { bufferView: view(asBytes(input.featureIds), ARRAY_BUFFER), componentType: FLOAT, count: vertexCount, type: 'SCALAR' },
    {
      bufferView: view(indexBytes, ELEMENT_ARRAY_BUFFER),
      componentType: smallIndices ? UNSIGNED_SHORT : UNSIGNED_INT,
      count: input.indices.length,
      type: 'SCALAR',
    },
  ];

  const attributes: Record<string, number> = { POSITION: 0, NORMAL: 1, _FEATURE_ID_0: 2 };
  if (input.colors) {
    // VEC4 of bytes keeps every element 4-byte aligned, as glTF requires for vertex attributes.
    accessors.push({ bufferView: view(input.colors, ARRAY_BUFFER), componentType: UNSIGNED_BYTE, count: vertexCount, type: 'VEC4', normalized: true } as (typeof accessors)[number]);
    attributes.COLOR_0 = accessors.length - 1;
  }
  if (input.surfaces) {
    accessors.push({ bufferView: view(asBytes(input.surfaces), ARRAY_BUFFER), componentType: FLOAT, count: vertexCount, type: 'SCALAR' });
    attributes._SURFACE = accessors.length - 1;
  }

  const extensionsUsed = ['EXT_mesh_features'];
  const rootExtensions: Record<string, unknown> = {};
  const featureId: Record<string, unknown> = { featureCount: input.featureCount, attribute: 0 };
  if (input.metadata) {
    extensionsUsed.push('EXT_structural_metadata');
    rootExtensions.EXT_structural_metadata = encodeMetadata(input.metadata, input.featureCount, view);
    featureId.propertyTable = 0;
  }

  const json = {
    asset: { version: '2.0', generator: 'tweeling' },
    extensionsUsed,
    ...(input.metadata ? { extensions: rootExtensions } : {}),
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0 }],
    meshes: [
      {
        primitives: [
          {
            attributes,
            indices: 3,
            material: 0,
            mode: TRIANGLES,
            extensions: { EXT_mesh_features: { featureIds: [featureId] } },
          },
        ],
      },
    ],
    materials: [
      {
        pbrMetallicRoughness: { baseColorFactor: input.baseColor ?? (input.colors ? [1, 1, 1, 1] : [0.8, 0.8, 0.8, 1]), metallicFactor: 0, roughnessFactor: 1 },
        doubleSided: false,
      },
    ],
    accessors,
    bufferViews,
    buffers: [{ byteLength: bin.byteLength }],
  };
  return assembleGlb(json, bin.toBytes());
}

function encodeMetadata(metadata: GlbMetadata, count: number, view: (bytes: Uint8Array) => number): unknown {
  const classProperties: Record<string, unknown> = {};
  const tableProperties: Record<string, unknown> = {};
  for (const [name, column] of Object.entries(metadata.properties)) {
    if (column.values.length !== count) {
      throw new Error(`Property ${name} has ${column.values.length} values for ${count} features`);
    }
    const description = column.description ? { description: column.description } : {};
    if (column.type === 'STRING') {
      const { values, offsets } = encodeStrings(column.values);
      classProperties[name] = { type: 'STRING', ...description };
      // glTF forbids empty buffer views; a column of empty strings points its zero offsets at one unused byte.
      tableProperties[name] = { values: view(values.byteLength > 0 ? values : new Uint8Array(1)), stringOffsets: view(asBytes(offsets)), stringOffsetType: 'UINT32' };
    } else {
      const typed = new TYPED[column.componentType](count);
      for (let i = 0; i < count; i++) typed[i] = column.values[i];
      const noData = column.noData !== undefined ? { noData: column.noData } : {};
      classProperties[name] = { type: 'SCALAR', componentType: column.componentType, ...description, ...noData };
      tableProperties[name] = { values: view(asBytes(typed)) };
    }
  }
  return {
    schema: { id: metadata.schemaId, classes: { [metadata.className]: { properties: classProperties } } },
    propertyTables: [{ class: metadata.className, count, properties: tableProperties }],
  };
}

/** UTF-8 bytes of all strings back to back, and count + 1 byte offsets delimiting them. */
export function encodeStrings(strings: readonly string[]): { values: Uint8Array; offsets: Uint32Array } {
  const encoder = new TextEncoder();
  const parts = strings.map((s) => encoder.encode(s));
  const offsets = new Uint32Array(strings.length + 1);
  for (let i = 0; i < parts.length; i++) offsets[i + 1] = offsets[i] + parts[i].byteLength;
  const values = new Uint8Array(offsets[strings.length]);
  parts.forEach((part, i) => values.set(part, offsets[i]));
  return { values, offsets };
}

function positionBounds(positions: Float32Array): { min: number[]; max: number[] } {
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < positions.length; i += 3) {
    for (let k = 0; k < 3; k++) {
      // Read back from the Float32Array so min/max equal the stored values exactly, as validators demand.
      const v = positions[i + k];
      if (v < min[k]) min[k] = v;
      if (v > max[k]) max[k] = v;
    }
  }
  if (positions.length === 0) return { min: [0, 0, 0], max: [0, 0, 0] };
  return { min, max };
}

function asBytes(array: ArrayLike<number> & { buffer: ArrayBufferLike; byteOffset?: number; byteLength: number }): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset ?? 0, array.byteLength);
}

class BinBuilder {
  private parts: Uint8Array[] = [];
  byteLength = 0;

  /** Appends at the next 8-byte boundary and returns the offset. */
  append(bytes: Uint8Array): number {
    const offset = this.byteLength;
    this.parts.push(bytes);
    this.byteLength += bytes.byteLength;
    const pad = (ALIGN - (this.byteLength % ALIGN)) % ALIGN;
    if (pad > 0) {
      this.parts.push(new Uint8Array(pad));
      this.byteLength += pad;
    }
    return offset;
  }

  toBytes(): Uint8Array {
    const out = new Uint8Array(this.byteLength);
    let at = 0;
    for (const part of this.parts) {
      out.set(part, at);
      at += part.byteLength;
    }
    return out;
  }
}

/** 12-byte header, JSON chunk padded with spaces, BIN chunk (already 8-byte padded). */
function assembleGlb(json: unknown, bin: Uint8Array): Uint8Array {
  let jsonBytes = new TextEncoder().encode(JSON.stringify(json));
  // Pad JSON so the BIN payload starts 8-byte aligned in the file: 12 header + 8 chunk header + JSON ≡ 0 (mod 8)
  // (chunks themselves only need 4), so typed-array views over the file never fault on FLOAT64 columns.
  const jsonPadded = jsonBytes.byteLength + ((ALIGN - ((20 + jsonBytes.byteLength) % ALIGN)) % ALIGN);
  if (jsonPadded !== jsonBytes.byteLength) {
    const padded = new Uint8Array(jsonPadded).fill(0x20);
    padded.set(jsonBytes);
    jsonBytes = padded;
  }
  const hasBin = bin.byteLength > 0;
  const total = 12 + 8 + jsonBytes.byteLength + (hasBin ? 8 + bin.byteLength : 0);
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, GLB_MAGIC, true);
  dv.setUint32(4, 2, true);
  dv.setUint32(8, total, true);
  dv.setUint32(12, jsonBytes.byteLength, true);
  dv.setUint32(16, CHUNK_JSON, true);
  out.set(jsonBytes, 20);
  if (hasBin) {
    const at = 20 + jsonBytes.byteLength;
    dv.setUint32(at, bin.byteLength, true);
    dv.setUint32(at + 4, CHUNK_BIN, true);
    out.set(bin, at + 8);
  }
  return out;
}
