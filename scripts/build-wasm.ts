// Compiles the WebAssembly text of pipelines/ into the binary beside it, which is committed (so
// neither `npm start` nor CI needs a compiler). Run after editing a .wat: npm run build:wasm.
// pipelines/pseudonym/hmac-sha256x4.test.ts fails when the two differ.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileWat, WAT_SOURCES } from './wasm.ts';

for (const wat of WAT_SOURCES) {
  const path = fileURLToPath(new URL(`../${wat}`, import.meta.url));
  const binary = await compileWat(path);
  writeFileSync(path.replace(/\.wat$/, '.wasm'), binary);
  console.log(`${wat} → ${binary.length} byte`);
}
