import { readFileSync } from 'node:fs';
import wabtInit from 'wabt';

/** The WebAssembly sources, relative to the repository root. */
export const WAT_SOURCES = ['pipelines/pseudonym/hmac-sha256x4.wat', 'pipelines/read/cp1252.wat'];

/** The binary wabt makes of a .wat file (SIMD and bulk memory on; wabt is pinned, so it is byte-stable). */
export async function compileWat(path: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const module = wabt.parseWat(path, readFileSync(path, 'utf8'), { simd: true, bulk_memory: true });
  try {
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}
