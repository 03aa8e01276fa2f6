/**
 * End to end, focused: a damage row of the demo store says what it cost in one sentence, its
 * detail pane tells the cause and the next steps, rings the flipped bit's byte, and writes a
 * repaired copy of the log that reads with no damage left from that bit, and opens clean in the app. Screenshots of the
 * detail pane at 1400 and 1024 px wide (WAL_INSPECTOR_SCREENSHOTS_DIR, else a temporary folder).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoStore } from '../../scripts/make-demo-store.js';
import { locateLog } from '../../core/wal/log-location.js';
import { readLog } from '../../core/wal/read-log.js';
import { browserUnavailable, launchChromium } from './support/browser.js';
import { buildRenderer } from './support/build-renderer.js';
import { e2eColorScheme, screenshot, screenshotDir } from './support/page-helpers.js';
import { startServe, type ServeProcess } from './support/serve-process.js';

const unavailable = browserUnavailable();
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`);

describe.skipIf(unavailable !== null)('damage that explains itself, in Chromium', () => {
  let tmp: string;
  let shots: string;
  let walDir: string;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-ui-impact-'));
    shots = screenshotDir(path.join(tmp, 'screenshots'));
    const rendererDir = path.join(tmp, 'renderer');
    await buildRenderer(rendererDir);
    const { collectionDir } = await makeDemoStore(path.join(tmp, 'demo-store'));
    walDir = path.join(collectionDir, '.wal');
    serve = await startServe([collectionDir, '--port', '0', '--renderer-dir', rendererDir], { HOME: tmp, XDG_CONFIG_HOME: path.join(tmp, 'config') });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme: e2eColorScheme() });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the damage row says it in a sentence; the detail pane offers the next steps and writes a repaired copy', async () => {
    await page.goto(serve.url);
    await page.locator('[data-kind="entry"]').first().waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => !document.querySelector('.index-progress'), undefined, { timeout: 30_000 });
    await page.getByRole('combobox', { name: 'Damage rows' }).selectOption('only');
    const damageRows = page.locator('[data-kind="damage"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-kind="damage"] .damage-sentence').length === 2, undefined, { timeout: 30_000 });
    const sentences = await damageRows.locator('.damage-sentence').allTextContents();
    expect(sentences).toHaveLength(2);
    expect(sentences[0]).toMatch(/^1 entry lost: an? (Insert|Update|Delete|Begin|Commit|Rollback) of \S+ at \d\d:\d\d:\d\d\.\d{3} in transaction \S+, bytes 0x[0-9a-f]+–0x[0-9a-f]+; its CRC differs in one bit, so it can be repaired$/);
    expect(sentences[1]).toMatch(/^about \d+ entr(y|ies) lost \(estimated from the size of the entries beside it\), bytes 0x[0-9a-f]+–0x[0-9a-f]+; the bytes hold no entry at all \(foreign data\)$/);

    await damageRows.first().click();
    const impact = page.getByTestId('damage-impact');
    await impact.waitFor();
    expect(await impact.textContent()).toContain('Likely cause: One bit differs');
    expect(await impact.textContent()).toMatch(/Between the intact entries of .* \(.* apart\)\./);
    for (const name of ['Show in context', 'Recover the intact entries…', 'Committed only…', 'Write a repaired copy…']) {
      expect(await impact.getByRole('button', { name }).count()).toBe(1);
    }
    expect(await page.locator('.hex-byte.hex-flipped').count()).toBe(1);
    // Show in context: the whole log again, the range selected among its neighbours.
    const row = await damageRows.first().getAttribute('data-row');
    await impact.getByRole('button', { name: 'Show in context' }).click();
    await page.locator(`[data-kind="damage"][data-row="${row}"][aria-selected="true"]`).waitFor();
    await page.locator('[data-kind="entry"]').first().waitFor();
    fs.mkdirSync(shots, { recursive: true });
    await page.locator('#detail-pane').screenshot({ path: path.join(shots, 'damage-detail-1400.png') });
    await screenshot(page, shots, 'damage-impact-1400');
    await page.locator('.hex-byte.hex-flipped').scrollIntoViewIfNeeded();
    await page.locator('#detail-pane').screenshot({ path: path.join(shots, 'damage-hex-1400.png') });
    await page.locator('#detail-pane').evaluate((el) => el.scrollTo(0, 0));
    await page.setViewportSize({ width: 1024, height: 640 });
    await impact.waitFor();
    await page.locator('#detail-pane').screenshot({ path: path.join(shots, 'damage-detail-1024.png') });
    await screenshot(page, shots, 'damage-impact-1024');
    await page.setViewportSize({ width: 1400, height: 900 });

    await impact.getByRole('button', { name: 'Write a repaired copy…' }).click();
    const dest = await impact.getByLabel('Path of the repaired copy').inputValue();
    expect(dest).toBe(`${walDir}-repaired`);
    await impact.getByRole('button', { name: 'Write' }).click();
    const result = impact.getByTestId('repair-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toMatch(/^Wrote .*: 1 entry repaired, 1 damaged range left out\.$/);
    // The copy on disk: the stray bytes are left out, the flipped entry is back; no damage is left.
    let damage = 0;
    let entries = 0;
    for await (const r of readLog(await locateLog(dest))) {
      if (r.kind === 'damage') damage++;
      else entries++;
    }
    expect(damage).toBe(0);
    expect(entries).toBeGreaterThan(0);

    // Re-opened in the app (the view's #log= address): the copy's rows are there, none damaged.
    // A new fragment alone is a same-document navigation: reload so that the page opens the address afresh.
    await page.goto(`${serve.url}&log=${encodeURIComponent(dest)}`);
    await page.reload();
    await page.locator('[data-kind="entry"]').first().waitFor({ timeout: 60_000 });
    expect(decodeURIComponent(new URL(page.url()).hash)).toContain(`log=${dest}`);
    await page.waitForFunction(() => !document.querySelector('.index-progress'), undefined, { timeout: 30_000 });
    expect(await page.locator('[data-kind="damage"]').count()).toBe(0);
    await page.getByRole('combobox', { name: 'Damage rows' }).selectOption('only');
    await page.waitForFunction(() => document.querySelectorAll('[data-kind="entry"]').length === 0, undefined, { timeout: 10_000 });
    expect(await page.locator('[data-kind="damage"]').count()).toBe(0);
  }, 180_000);
});
