import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { TtyProgress } from '../../cli/tty-progress.js';
import { locateLog, type LogLocation } from '../../core/wal/log-location.js';
import { readLog } from '../../core/wal/read-log.js';
import { GOLDEN } from '../support/paths.js';

async function run(isTTY: boolean, minBytes: number): Promise<string> {
  const err = Object.assign(new PassThrough(), { isTTY });
  let text = '';
  err.on('data', (c: Buffer) => (text += c.toString()));
  const location = await locateLog(path.join(GOLDEN, 'chain'));
  const progress = new TtyProgress(err, location, 10_000, minBytes);
  const realNow = Date.now;
  let t = 0;
  Date.now = () => (t += 1000); // every record is "later" than the throttle
  try {
    for await (const r of readLog(location, { onSegment: progress.onSegment })) progress.record(r);
  } finally {
    Date.now = realNow;
  }
  progress.done();
  return text;
}

describe('progress on stderr', () => {
  it('is shown on a terminal for a large log, naming the segment, and cleared at the end', async () => {
    const text = await run(true, 1);
    expect(text).toMatch(/\d+% of transactions\.\d+\.wal\.zst \(segment 1\/7\)/);
    expect(text).toMatch(/segment 7\/7/);
    expect(text.endsWith('\r\x1b[K')).toBe(true);
  });
  it('shows a segment name\'s control characters as escapes (its own \\r ESC [K stays)', () => {
    const err = Object.assign(new PassThrough(), { isTTY: true });
    let text = '';
    err.on('data', (c: Buffer) => (text += c.toString()));
    const location = { segments: [{ name: 'x' }] } as unknown as LogLocation;
    const progress = new TtyProgress(err, location, 10, 1);
    progress.onSegment(null, 0, 10);
    progress.at('seg\x1b]0;title\x07\u009b2J.wal', 5);
    expect(text).toBe('\r\x1b[K50% of seg\\x1b]0;title\\x07\\x9b2J.wal');
  });
  it('is silent when stderr is not a terminal, or the log is small', async () => {
    expect(await run(false, 1)).toBe('');
    expect(await run(true, 1 << 30)).toBe('');
  });
});
