// Stands in for the `meshoptimizer` package inside Cesium (vite.config.ts aliases it here).
// Why: meshoptimizer's index compiles five WebAssembly modules on the main thread as soon as it is imported,
// which the page CSP (`script-src 'self'`, no 'wasm-unsafe-eval') forbids — a CSP violation on every page
// load although our tiles never use EXT_meshopt_compression. Cesium only needs the decoder, so the decoder
// is loaded on first use instead. Meshopt-compressed tiles would still need 'wasm-unsafe-eval' on the page;
// until then they fail with the error below rather than silently.
import { RuntimeError } from '@cesium/engine';

type RealDecoder = (typeof import('meshoptimizer/decoder'))['MeshoptDecoder'];

let decoder: RealDecoder | undefined;
let loading: Promise<void> | undefined;

function load(): Promise<void> {
  loading ??= import('meshoptimizer/decoder').then(async ({ MeshoptDecoder: real }) => {
    await real.ready;
    decoder = real;
  });
  return loading;
}

function loaded(): RealDecoder {
  if (!decoder) {
    void load();
    throw new RuntimeError(
      'EXT_meshopt_compression is not supported: the page policy does not allow compiling WebAssembly.',
    );
  }
  return decoder;
}

export const MeshoptDecoder = {
  supported: true,
  get ready(): Promise<void> {
    return load();
  },
  decodeVertexBuffer: (...args: Parameters<RealDecoder['decodeVertexBuffer']>) => loaded().decodeVertexBuffer(...args),
  decodeIndexBuffer: (...args: Parameters<RealDecoder['decodeIndexBuffer']>) => loaded().decodeIndexBuffer(...args),
  decodeIndexSequence: (...args: Parameters<RealDecoder['decodeIndexSequence']>) =>
    loaded().decodeIndexSequence(...args),
  decodeGltfBuffer: (...args: Parameters<RealDecoder['decodeGltfBuffer']>) => loaded().decodeGltfBuffer(...args),
};
