import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../../support/paths.js';

export const SCREENSHOTS = path.join(REPO_ROOT, 'docs/screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
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
