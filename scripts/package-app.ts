/**
 * Packages what can be packaged on a machine without downloads: the unpacked Linux app
 * (electron-builder --dir --linux), given an Electron dist directory in ELECTRON_DIST.
 * The other targets of electron-builder.yml (AppImage, deb, dmg, nsis) need downloads: CI.
 * Run: npm run build && npx tsx scripts/build-electron.ts && ELECTRON_DIST=… npx tsx scripts/package-app.ts
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(message: string): never {
  process.stderr.write(`package-app: ${message}\n`);
  process.exit(2);
}

const dist = process.env['ELECTRON_DIST'];
if (!dist || !fs.existsSync(dist)) fail('set ELECTRON_DIST to an unpacked Electron 45 distribution (the directory holding the electron binary)');
for (const f of ['dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/core/inspector/index/index-worker.js', 'dist/renderer/index.html']) {
  if (!fs.existsSync(path.join(root, f))) fail(`${f} is missing: run npm run build and npx tsx scripts/build-electron.ts first`);
}
let cli: string;
try {
  cli = createRequire(import.meta.url).resolve('electron-builder/cli.js');
} catch {
  fail('electron-builder is not installed (npm install -D electron-builder@26.17)');
}
const version = (JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
const r = spawnSync(process.execPath, [cli, '--dir', '--linux', `-c.electronDist=${dist}`, `-c.electronVersion=${version}`], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
