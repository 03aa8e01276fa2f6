/**
 * End to end: the query box in Chromium against the real `serve` on a generated log — typing
 * shows completion of data paths seen in the log, a malformed query shows the service's message
 * under the box, a valid one the complete count ("matched N of M scanned") and the table's rows.
 * Screenshots of the box at 1400 and 1024 px go to a temporary folder.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBinaryEntry } from '../../core/wal/binary-codec.js';
import { createEntry } from '../../core/wal/new-entry.js';
import { browserUnavailable, launchChromium } from './support/browser.js';
import { buildRenderer } from './support/build-renderer.js';
import { e2eColorScheme, screenshot, screenshotDir, shownRowCount } from './support/page-helpers.js';
import { startServe, type ServeProcess } from './support/serve-process.js';

const unavailable = browserUnavailable();
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`);

const N = 3000;

function writeLog(file: string): number {
  const parts: Uint8Array[] = [];
  let matching = 0;
  for (let i = 0; i < N; i++) {
    const type = i % 3 === 0 ? 'Insert' : 'Update';
    const views = (i * 37) % 100_000;
    const active = i % 2 === 0;
    if (type === 'Update' && views > 40000 && active) matching++;
    parts.push(encodeBinaryEntry(createEntry({
      entryType: type, transactionId: `tx-${i}`, collection: 'inventory', documentId: `item-${i % 200}`,
      timestamp: 1_732_400_000_000n + BigInt(i), data: JSON.stringify({ name: `Item ${i}`, counters: { views, likes: i % 7 }, active }),
    })));
  }
  fs.writeFileSync(file, Buffer.concat(parts));
  return matching;
}

describe.skipIf(unavailable !== null)('the query box in Chromium against `serve`', () => {
  let tmp: string;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let shots: string;
  let matching = 0;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-ui-query-'));
    shots = screenshotDir(path.join(tmp, 'screenshots'));
    const rendererDir = path.join(tmp, 'renderer');
    await buildRenderer(rendererDir);
    const log = path.join(tmp, 'inventory.wal');
    matching = writeLog(log);
    serve = await startServe([log, '--port', '0', '--renderer-dir', rendererDir], { HOME: tmp, XDG_CONFIG_HOME: path.join(tmp, 'config') });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme: e2eColorScheme() });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('completes, shows an error under the box, then the complete count', async () => {
    await page.goto(serve.url);
    await page.locator('[data-kind="entry"]').first().waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => !document.querySelector('.index-progress'), undefined, { timeout: 30_000 });
    const box = page.getByRole('combobox', { name: 'Query' });
    await box.click();
    await box.pressSequentially('data.cou');
    const list = page.getByRole('listbox', { name: 'Completions' });
    await list.waitFor();
    expect(await list.getByRole('option').allTextContents()).toEqual(['data.counters']);
    await box.press('Tab');
    await box.pressSequentially('.');
    expect(await list.getByRole('option').allTextContents()).toEqual(['data.counters.likes', 'data.counters.views']);
    await screenshot(page, shots, 'query-completion-1400');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, shots, 'query-completion-1024');
    await page.setViewportSize({ width: 1400, height: 900 });
    await box.press('Escape');

    await box.fill('entry_type == "Update" && data.counters.views >> 40000');
    await box.press('Enter');
    const alert = page.locator('#query-message[role="alert"]');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toBe('column 48: found ">": expected a value or a field');
    await screenshot(page, shots, 'query-error-1400');

    await box.fill('entry_type == "Update" && data.counters.views > 40000 && data.active == true');
    await box.press('Enter');
    const message = page.locator('#query-message');
    await page.waitForFunction(() => /^matched/.test(document.querySelector('#query-message')?.textContent ?? ''), undefined, { timeout: 60_000 });
    expect(await message.textContent()).toBe(`matched ${matching.toLocaleString('en-US')} of ${N.toLocaleString('en-US')} scanned`);
    expect(await shownRowCount(page)).toBe(matching);
    // Shareable: the view's address holds the query.
    expect(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('where')).toBe('entry_type == "Update" && data.counters.views > 40000 && data.active == true');
    await screenshot(page, shots, 'query-result-1400');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, shots, 'query-result-1024');
  }, 120_000);
});
