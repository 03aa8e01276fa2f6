import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLogBatches } from '../../../core/wal/read-log-batches.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { readLog } from '../../../core/wal/read-log.js';
import { GOLDEN } from '../../support/paths.js';

describe('readLogBatches', () => {
  it.each(['chain', 'basic.wal', 'basic.jsonl', 'damaged-garbage.wal', 'damaged-truncated.wal', 'damaged-lines.jsonl'])('gives readLog\'s records in readLog\'s order: %s', async (name) => {
    const location = await locateLog(join(GOLDEN, name));
    const want = [];
    for await (const r of readLog(location)) want.push(r);
    const got = [];
    for await (const batch of readLogBatches(location)) got.push(...batch);
    expect(got.length).toBeGreaterThan(0);
    expect(got).toEqual(want);
  });
});
