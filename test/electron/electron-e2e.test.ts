import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPERATIONS, splitOperation } from '../../core/contract/contract.js';
import { GOLDEN, REPO_ROOT } from '../support/paths.js';

/**
 * The Electron binary, or why it is not there. Read from the electron package's path.txt
 * directly: requiring the package would try to download the binary.
 */
function electronBinary(): { path: string } | { reason: string } {
  const pkg = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const pathFile = path.join(pkg, 'path.txt');
  if (!override && !fs.existsSync(pathFile)) {
    return { reason: 'no Electron binary on this machine (node_modules/electron/path.txt is missing: the binary download is not possible here)' };
  }
  const exe = override ? path.join(override, process.platform === 'win32' ? 'electron.exe' : 'electron') : path.join(pkg, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(exe) ? { path: exe } : { reason: `the Electron binary ${exe} does not exist` };
}

const built = fs.existsSync(path.join(REPO_ROOT, 'dist/electron/main.js')) && fs.existsSync(path.join(REPO_ROOT, 'dist/electron/preload.cjs'));

describe('Electron end to end (Playwright)', () => {
  it('opens the window, exposes exactly the contract and reads a WAL', async (ctx) => {
    const bin = electronBinary();
    if ('reason' in bin) {
      console.warn(`skipped: ${bin.reason}`);
      ctx.skip(bin.reason);
      return;
    }
    if (!built) {
      ctx.skip('the app is not built: npm run build:node && npx tsx scripts/build-electron.ts && npm run build:renderer');
      return;
    }
    const { _electron } = await import('playwright-core');
    const app = await _electron.launch({ executablePath: bin.path, args: [REPO_ROOT, path.join(GOLDEN, 'basic.wal')], cwd: REPO_ROOT });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(page.url()).toBe('app://renderer/index.html');
      const shape = await page.evaluate(() => {
        const api = (globalThis as unknown as { walInspector: Record<string, unknown> }).walInspector;
        return Object.fromEntries(Object.entries(api).map(([k, v]) => [k, typeof v === 'function' ? 'function' : Object.keys(v as object).sort()]));
      });
      const expected: Record<string, unknown> = { onEvent: 'function' };
      for (const op of OPERATIONS) {
        const [a, v] = splitOperation(op);
        expected[a] = [...((expected[a] as string[] | undefined) ?? []), v].sort();
      }
      expect(shape).toEqual(expected);
      const info = await page.evaluate(() => (globalThis as unknown as { walInspector: { app: { info(a: object): Promise<unknown> } } }).walInspector.app.info({}));
      expect(info).toMatchObject({ ok: true, value: { mode: 'electron', dialogs: true, file_browser: false, open_on_start: path.join(GOLDEN, 'basic.wal') } });
      const hasNode = await page.evaluate(() => typeof (globalThis as unknown as { require?: unknown }).require !== 'undefined' || typeof (globalThis as unknown as { process?: unknown }).process !== 'undefined');
      expect(hasNode).toBe(false);
      const forbidden = await page.evaluate(() => (globalThis as unknown as { walInspector: { session: { open(a: object): Promise<unknown> } } }).walInspector.session.open({ path: '/etc/passwd' }));
      expect(forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'electron-start.png') }).catch(() => {});
    } finally {
      await app.close();
    }
  });
});
