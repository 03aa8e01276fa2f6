/**
 * `npm run screenshots`: refreshes the pictures the README shows, on purpose. The end-to-end
 * test (test/e2e/inspector-ui.test.ts) takes its screenshots into a temporary folder on every
 * run and never touches docs/; this runs it once per picture size, with the window size and a
 * folder of its own given through the environment, then replaces each picture of
 * docs/screenshots the README shows (atomically, keeping the file's mode; git holds the old
 * ones). `--dry-run` takes the pictures and says where they are without replacing anything.
 * Needs Chromium (the e2e skips itself without it, and then this fails, saying so).
 * Run: npx tsx scripts/take-screenshots.ts [--dry-run]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../core/fs/atomic-file.js';
import { readmePictures, VIEWPORTS, type Placement, type ReadmePicture } from './readme-pictures.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const E2E = 'test/e2e/inspector-ui.test.ts';

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(() => true, () => false);
}

/** Runs the e2e at one window size; returns the folder it took its screenshots into. */
async function takeAt(placement: Placement): Promise<string> {
  const { width, height } = VIEWPORTS[placement];
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `wal-inspector-screenshots-${width}x${height}-`));
  process.stderr.write(`taking the ${placement === 'full' ? 'full-width' : 'table-cell'} pictures at ${width}×${height} (${E2E})…\n`);
  const run = spawnSync(path.join(root, 'node_modules/.bin/vitest'), ['run', E2E], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, WAL_INSPECTOR_E2E_VIEWPORT: `${width}x${height}`, WAL_INSPECTOR_SCREENSHOTS_DIR: dir },
  });
  if (run.status !== 0) {
    await fs.rm(dir, { recursive: true, force: true });
    throw new Error(`${E2E} failed at ${width}×${height} (exit ${run.status ?? run.signal}); no picture was replaced`);
  }
  return dir;
}

async function main(dryRun: boolean): Promise<void> {
  const pictures = readmePictures(await fs.readFile(path.join(root, 'README.md'), 'utf8'));
  if (pictures.length === 0) throw new Error('the README shows no docs/screenshots/*.png');
  const taken = new Map<Placement, string>();
  try {
    for (const placement of new Set(pictures.map((p) => p.placement))) taken.set(placement, await takeAt(placement));
    await replace(pictures, taken, dryRun);
  } finally {
    // A dry run leaves its pictures to look at; otherwise nothing is left in the temporary folder.
    if (!dryRun) for (const dir of taken.values()) await fs.rm(dir, { recursive: true, force: true });
  }
}

async function replace(pictures: readonly ReadmePicture[], taken: ReadonlyMap<Placement, string>, dryRun: boolean): Promise<void> {
  // Everything is taken before anything is replaced, so a failed run changes nothing.
  const plan = [];
  for (const p of pictures) {
    const from = path.join(taken.get(p.placement)!, `${p.name}.png`);
    if (!(await exists(from))) throw new Error(`${E2E} took no screenshot named "${p.name}" (is Chromium available? the e2e skips itself without it); no picture was replaced`);
    plan.push({ ...p, from, to: path.join(root, p.file) });
  }
  for (const step of plan) {
    const { width, height } = VIEWPORTS[step.placement];
    const before = await fs.stat(step.to).catch(() => null);
    process.stderr.write(`${step.file}: ${before ? `${before.size} bytes` : 'new'} → ${(await fs.stat(step.from)).size} bytes (${width}×${height})\n`);
  }
  if (dryRun) {
    process.stderr.write(`dry run: nothing was replaced; the pictures are in ${[...taken.values()].join(' and ')}\n`);
    return;
  }
  for (const step of plan) {
    const mode = (await fs.stat(step.to).catch(() => null))?.mode;
    await fs.mkdir(path.dirname(step.to), { recursive: true });
    await writeFileAtomic(step.to, await fs.readFile(step.from));
    if (mode !== undefined) await fs.chmod(step.to, mode & 0o7777);
  }
  process.stderr.write(`replaced ${plan.length} picture${plan.length === 1 ? '' : 's'}; \`git diff --stat docs/screenshots\` shows them\n`);
}

const args = process.argv.slice(2);
if (args.some((a) => a !== '--dry-run')) {
  process.stderr.write('usage: npx tsx scripts/take-screenshots.ts [--dry-run]\n');
  process.exit(2);
}
main(args.includes('--dry-run')).catch((err: unknown) => {
  process.stderr.write(`take-screenshots: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
