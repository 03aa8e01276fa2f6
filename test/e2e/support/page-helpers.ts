import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Where the run's screenshots go: `WAL_INSPECTOR_SCREENSHOTS_DIR` when set (`npm run screenshots`
 * sets it to a folder of its own, then copies the README's pictures into docs/), else `fallback`,
 * a temporary folder of the run — a test never writes into the checkout.
 */
export function screenshotDir(fallback: string): string {
  return process.env['WAL_INSPECTOR_SCREENSHOTS_DIR'] || fallback;
}

/** The page's colour scheme: `WAL_INSPECTOR_E2E_COLOR_SCHEME=dark` to look at the dark theme, else light. */
export function e2eColorScheme(): 'light' | 'dark' {
  return process.env['WAL_INSPECTOR_E2E_COLOR_SCHEME'] === 'dark' ? 'dark' : 'light';
}

/** The page's size: `WAL_INSPECTOR_E2E_VIEWPORT=<width>x<height>` (the screenshot script's sizes), else 1440×900. */
export function e2eViewport(): { width: number; height: number } {
  const raw = process.env['WAL_INSPECTOR_E2E_VIEWPORT'];
  if (!raw) return { width: 1440, height: 900 };
  const m = /^(\d{3,4})x(\d{3,4})$/.exec(raw);
  if (!m) throw new Error(`WAL_INSPECTOR_E2E_VIEWPORT: "${raw}" is not <width>x<height>, e.g. 1024x640`);
  return { width: Number(m[1]), height: Number(m[2]) };
}

export async function screenshot(page: Page, dir: string, name: string): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Body rows of the entries grid currently in the DOM. */
export function gridRows(page: Page) {
  return page.locator('[role="grid"][aria-label="Entries"] [role="row"][data-index]');
}

/** The number the status line shows ("1,204 of 5,000 rows" → 1204). */
export async function shownRowCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('row-count').textContent()) ?? '';
  return Number(text.replace(/ of .*/, '').replace(/[^\d]/g, ''));
}

/** Waits until the row count differs from `before`, and returns it. */
export async function waitForRowCountChange(page: Page, before: number, timeout = 15_000): Promise<number> {
  await page.waitForFunction(
    (prev) => {
      const el = document.querySelector('[data-testid="row-count"]');
      if (!el || /loading/.test(el.textContent ?? '')) return false;
      const n = Number((el.textContent ?? '').replace(/ of .*/, '').replace(/[^\d]/g, ''));
      return n !== prev;
    },
    before,
    { timeout },
  );
  return shownRowCount(page);
}

/** Reads a document's data as the store wrote it: <collection dir>/<id>.json → .data */
export function readDocumentData(collectionDir: string, id: string): unknown {
  const file = path.join(collectionDir, `${id}.json`);
  if (!fs.existsSync(file)) return undefined;
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { data: unknown }).data;
}
