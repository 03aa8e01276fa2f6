/**
 * Builds what Electron needs beyond `tsc -p tsconfig.node.json` (which emits dist/electron/main.js
 * and the core): the preload as ONE CommonJS file, since a sandboxed preload cannot load
 * other files. Run: npx tsx scripts/build-electron.ts
 */
import { build } from 'esbuild';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function buildPreload(outFile = path.join(root, 'dist', 'electron', 'preload.cjs')): Promise<string> {
  await build({
    entryPoints: [path.join(root, 'electron', 'preload.ts')],
    outfile: outFile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['electron'],
    sourcemap: true,
    logLevel: 'warning',
  });
  return outFile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await buildPreload();
  process.stdout.write(`preload bundled: ${path.relative(root, out)}\n`);
}
