// Minimal GLB reader: enough of glTF 2.0 to check what writeGlb produced (and small third-party samples).
// Not a loader: no external buffers, no sparse accessors, no data URIs.
import { CHUNK_BIN, CHUNK_JSON, GLB_MAGIC } from './glb.ts';

export interface GltfJson {
  asset: { version: string };
  accessors?: { bufferView?: number; byteOffset?: number; componentType: number; count: number; type: string; min?: number[]; max?: number[] }[];
  bufferViews?: { buffer: number; byteOffset?: number; byteLength: number; byteStride?: number }[];
  meshes?: { primitives: { attributes: Record<string, number>; indices?: number; extensions?: Record<string, any> }[] }[];
  extensions?: Record<string, any>;
  extensionsUsed?: string[];
  extensionsRequired?: string[];
  [key: string]: unknown;
}

export interface ParsedGlb {
  version: number;
  /** Total length from the header. */
  byteLength: number;
  jsonChunkLength: number;
  json: GltfJson;
  /** BIN chunk payload; empty when the file has none. */
  bin: Uint8Array;
}

export function readGlb(bytes: Uint8Array): ParsedGlb {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 20 || dv.getUint32(0, true) !== GLB_MAGIC) throw new Error('Not a GLB: bad magic');
  const version = dv.getUint32(4, true);
  const byteLength = dv.getUint32(8, true);
  if (byteLength !== bytes.byteLength) throw new Error(`GLB header says ${byteLength} bytes, file has ${bytes.byteLength}`);
  const jsonChunkLength = dv.getUint32(12, true);
  if (dv.getUint32(16, true) !== CHUNK_JSON) throw new Error('First GLB chunk is not JSON');
  const json = JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + jsonChunkLength))) as GltfJson;
  let bin: Uint8Array = new Uint8Array(0);
  const binAt = 20 + jsonChunkLength;
  if (binAt + 8 <= byteLength) {
    const binLength = dv.getUint32(binAt, true);
    if (dv.getUint32(binAt + 4, true) !== CHUNK_BIN) throw new Error('Second GLB chunk is not BIN');
    if (binAt + 8 + binLength > byteLength) throw new Error('BIN chunk runs past the end of the file');
    bin = bytes.subarray(binAt + 8, binAt + 8 + binLength);
  }
  return { version, byteLength, jsonChunkLength, json, bin };
}

/** The bytes of one buffer view (copied, so typed arrays over it are always aligned). */
export function readBufferView(glb: ParsedGlb, index: number): Uint8Array {
  const view = glb.json.bufferViews?.[index];
  if (!view) throw new Error(`No bufferView ${index}`);
  const start = view.byteOffset ?? 0;
  return glb.bin.slice(start, start + view.byteLength);
}

const COMPONENTS: Record<string, number> = { SCALAR: 1, VEC2: 2, VEC3: 3, VEC4: 4, MAT4: 16 };
const READERS: Record<number, { size: number; get: (dv: DataView, at: number) => number }> = {
  5120: { size: 1, get: (dv, at) => dv.getInt8(at) },
  5121: { size: 1, get: (dv, at) => dv.getUint8(at) },
  5122: { size: 2, get: (dv, at) => dv.getInt16(at, true) },
  5123: { size: 2, get: (dv, at) => dv.getUint16(at, true) },
  5125: { size: 4, get: (dv, at) => dv.getUint32(at, true) },
  5126: { size: 4, get: (dv, at) => dv.getFloat32(at, true) },
};

/** An accessor's values flattened (count × components), as plain numbers. */
export function readAccessor(glb: ParsedGlb, index: number): number[] {
  const accessor = glb.json.accessors?.[index];
  if (!accessor || accessor.bufferView === undefined) throw new Error(`No accessor ${index} with a bufferView`);
  const view = glb.json.bufferViews![accessor.bufferView];
  const reader = READERS[accessor.componentType];
  const components = COMPONENTS[accessor.type];
  const stride = view.byteStride ?? reader.size * components;
  const dv = new DataView(glb.bin.buffer, glb.bin.byteOffset, glb.bin.byteLength);
  const base = (view.byteOffset ?? 0) + (accessor.byteOffset ?? 0);
  const out: number[] = [];
  for (let i = 0; i < accessor.count; i++) {
    for (let k = 0; k < components; k++) out.push(reader.get(dv, base + i * stride + k * reader.size));
  }
  return out;
}

const SCALAR_READERS: Record<string, { size: number; get: (dv: DataView, at: number) => number }> = {
  UINT8: { size: 1, get: (dv, at) => dv.getUint8(at) },
  UINT16: { size: 2, get: (dv, at) => dv.getUint16(at, true) },
  UINT32: { size: 4, get: (dv, at) => dv.getUint32(at, true) },
  INT32: { size: 4, get: (dv, at) => dv.getInt32(at, true) },
  FLOAT32: { size: 4, get: (dv, at) => dv.getFloat32(at, true) },
  FLOAT64: { size: 8, get: (dv, at) => dv.getFloat64(at, true) },
};

/** Decodes an EXT_structural_metadata property table (STRING and SCALAR properties) into columns. */
export function readPropertyTable(glb: ParsedGlb, tableIndex = 0): Record<string, (string | number)[]> {
  const metadata = glb.json.extensions?.EXT_structural_metadata;
  const table = metadata?.propertyTables?.[tableIndex];
  if (!table) throw new Error(`No property table ${tableIndex}`);
  const classDef = metadata.schema.classes[table.class];
  const columns: Record<string, (string | number)[]> = {};
  for (const [name, prop] of Object.entries<any>(table.properties)) {
    const def = classDef.properties[name];
    const values = readBufferView(glb, prop.values);
    if (def.type === 'STRING') {
      if ((prop.stringOffsetType ?? 'UINT32') !== 'UINT32') throw new Error('Only UINT32 string offsets are read');
      const offsetBytes = readBufferView(glb, prop.stringOffsets);
      const offsets = new Uint32Array(offsetBytes.buffer, offsetBytes.byteOffset, table.count + 1);
      const decoder = new TextDecoder();
      columns[name] = Array.from({ length: table.count }, (_, i) => decoder.decode(values.subarray(offsets[i], offsets[i + 1])));
    } else if (def.type === 'SCALAR') {
      const reader = SCALAR_READERS[def.componentType];
      const dv = new DataView(values.buffer, values.byteOffset, values.byteLength);
      columns[name] = Array.from({ length: table.count }, (_, i) => reader.get(dv, i * reader.size));
    } else {
      throw new Error(`Property type ${def.type} is not read`);
    }
  }
  return columns;
}
