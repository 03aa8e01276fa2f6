/**
 * `npm start`: the desktop app where the Electron binary exists; elsewhere one line saying
 * so, then the browser mode (`wal-inspector serve`) with the bundled demo store, printing the
 * URL. The demo store is made fresh (deterministic bytes) in a temporary directory each time.
 * Run: npx tsx scripts/start.ts [path to open]
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { endWithRelaunchingParent, hasAllocatorEnv, relaunchWithAllocatorEnv } from '../cli/allocator-env.js';
import { runCli } from '../cli/run-cli.js';
import { makeDemoStore } from './make-demo-store.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The Electron binary, or why there is none (read from path.txt: requiring electron would try to download it). */
export function findElectron(): { path: string } | { reason: string } {
  let pkg: string;
  try {
    pkg = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const pathFile = path.join(pkg, 'path.txt');
  if (!override && !fs.existsSync(pathFile)) return { reason: 'the Electron binary is not installed (it cannot be downloaded on this machine)' };
  const exe = override ? path.join(override, process.platform === 'win32' ? 'electron.exe' : 'electron') : path.join(pkg, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(exe) ? { path: exe } : { reason: `the Electron binary ${exe} is missing` };
}

async function freshDemoStore(): Promise<string> {
  const dir = path.join(os.tmpdir(), `wal-inspector-demo-${process.pid}`);
  await fs.promises.rm(dir, { recursive: true, force: true });
  return (await makeDemoStore(dir)).root;
}

async function main(): Promise<number> {
  // The app and the browser mode live long and open log after log: start them with the
  // allocator settings that give a closed session's memory back (cli/allocator-env.ts).
  if (!hasAllocatorEnv()) return relaunchWithAllocatorEnv();
  endWithRelaunchingParent();
  const demo = await freshDemoStore();
  const userPath = process.argv[2] ? path.resolve(process.argv[2]) : null;
  const electron = findElectron();
  const built = fs.existsSync(path.join(root, 'dist/electron/main.js')) && fs.existsSync(path.join(root, 'dist/electron/preload.cjs'));
  if ('path' in electron && built) {
    const child = spawn(electron.path, [root, `--demo-store=${demo}`, ...(userPath ? [userPath] : [])], { stdio: 'inherit' });
    return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
  }
  const why = 'reason' in electron ? electron.reason : 'the desktop app is not built (npm run build, npx tsx scripts/build-electron.ts)';
  process.stderr.write(`Desktop app unavailable: ${why} — starting the browser mode with the demo store instead.\n`);
  const controller = new AbortController();
  process.on('SIGINT', () => controller.abort());
  try {
    return await runCli(['serve', ...(userPath ? [userPath] : []), '--demo-store', demo], {
      stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), signal: controller.signal,
    });
  } finally {
    await fs.promises.rm(demo, { recursive: true, force: true });
  }
}

process.exitCode = await main();
