import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ElectronArgs {
  /** A path to open on start (the first argument that names an existing path). */
  readonly open: string | null;
  /** `--demo-store=<dir>` (given by scripts/start.ts). */
  readonly demoStore: string | null;
}

/** Reads the app's own arguments (after the Electron binary and, unpackaged, the app path). */
export function parseElectronArgs(argv: readonly string[], packaged: boolean, cwd = process.cwd()): ElectronArgs {
  const args = argv.slice(packaged ? 1 : 2);
  let open: string | null = null;
  let demoStore: string | null = null;
  for (const a of args) {
    if (a.startsWith('--demo-store=')) demoStore = path.resolve(cwd, a.slice('--demo-store='.length));
    else if (!a.startsWith('-') && open === null && fs.existsSync(path.resolve(cwd, a))) open = path.resolve(cwd, a);
  }
  return { open, demoStore };
}
