// Binary encoding of a building mesh for the building_meshes table: about 13 bytes per vertex-and-triangle
// instead of ~60 as JSON. Positions are Float32 offsets from a Float64 origin (RD values are ~10^5 m, and
// Float32 alone would round them to centimetres; offsets within a building keep well under a millimetre).
import type { BuildingMesh } from '../../contracts/model.ts';

const VERSION = 1;

export function encodeMesh(mesh: BuildingMesh): Buffer {
  const vertexCount = mesh.positions.length / 3;
  const lod = Buffer.from(mesh.lod, 'utf8');
  const header = 4 * 4 + 3 * 8;
  const out = Buffer.alloc(header + lod.byteLength + vertexCount * 12 + mesh.indices.length * 4 + mesh.surface.length);
  let at = 0;
  at = out.writeUInt32LE(VERSION, at);
  at = out.writeUInt32LE(lod.byteLength, at);
  at = out.writeUInt32LE(vertexCount, at);
  at = out.writeUInt32LE(mesh.indices.length, at);
  const origin = [0, 1, 2].map((k) => (vertexCount > 0 ? Math.floor(mesh.positions[k]) : 0));
  for (const o of origin) at = out.writeDoubleLE(o, at);
  at += lod.copy(out, at);
  for (let i = 0; i < mesh.positions.length; i++) at = out.writeFloatLE(mesh.positions[i] - origin[i % 3], at);
  for (const index of mesh.indices) at = out.writeUInt32LE(index, at);
  for (const s of mesh.surface) at = out.writeUInt8(s, at);
  return out;
}

export function decodeMesh(bytes: Buffer): BuildingMesh {
  let at = 0;
  const version = bytes.readUInt32LE(at);
  if (version !== VERSION) throw new Error(`building mesh encoding ${version} is not supported`);
  const lodLength = bytes.readUInt32LE((at += 4));
  const vertexCount = bytes.readUInt32LE((at += 4));
  const indexCount = bytes.readUInt32LE((at += 4));
  at += 4;
  const origin = [bytes.readDoubleLE(at), bytes.readDoubleLE(at + 8), bytes.readDoubleLE(at + 16)];
  at += 24;
  const lod = bytes.toString('utf8', at, at + lodLength);
  at += lodLength;
  const positions = new Array<number>(vertexCount * 3);
  for (let i = 0; i < positions.length; i++, at += 4) positions[i] = origin[i % 3] + bytes.readFloatLE(at);
  const indices = new Array<number>(indexCount);
  for (let i = 0; i < indexCount; i++, at += 4) indices[i] = bytes.readUInt32LE(at);
  const surface = new Array<number>(indexCount / 3);
  for (let i = 0; i < surface.length; i++, at++) surface[i] = bytes.readUInt8(at);
  return { lod, positions, indices, surface };
}
