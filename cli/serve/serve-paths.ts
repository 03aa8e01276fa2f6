import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout / install root: the nearest directory above this file holding package.json. */
export function packageRoot(from = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return from;
    dir = up;
  }
}

/** Where `vite build --config renderer/vite.config.ts` puts the renderer. */
export function defaultRendererDir(): string {
  return path.join(packageRoot(), 'dist', 'renderer');
}

/** The recent list of the browser mode (XDG config directory). */
export function defaultRecentFile(): string {
  const base = process.env['XDG_CONFIG_HOME'] || path.join(os.homedir(), '.config');
  return path.join(base, 'wal-inspector', 'recent.json');
}
