import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../core/inspector/support/inspector-fixtures.js';
import { GOLDEN } from '../support/paths.js';
import { runCliCaptured } from '../support/run-cli-in-process.js';

describe('convert --json', () => {
  it('prints convert.run\'s result: counts beside the damaged ranges it left out, and the same on stderr for a person', async () => {
    const out = path.join(tempDir('convert-'), 'zero-run.jsonl');
    const r = await runCliCaptured(['convert', path.join(GOLDEN, 'damaged-zero-run.wal'), out, '--to', 'jsonl', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      path: out, entries: 29, skipped_damage: 2,
      skipped: [
        { segment: 'damaged-zero-run.wal', offset: 2184, length: 142, damage: 'crc-mismatch', detail: expect.any(String) },
        { segment: 'damaged-zero-run.wal', offset: 2326, length: 143, damage: 'undecodable', detail: expect.any(String) },
      ],
      bytes: fs.statSync(out).size, lossy_ids: 0,
    });
    expect(r.stderr).toMatch(/^wrote 29 entries \(\d+ bytes\) to .*zero-run\.jsonl\nskipped crc-mismatch at damaged-zero-run\.wal:2184, 142 bytes: .+\nskipped undecodable at damaged-zero-run\.wal:2326, 143 bytes: .+\n$/);
  });

  it('counts the entries whose ids JSON Lines can only hold lossily', async () => {
    const out = path.join(tempDir('convert-'), 'edge-ids.jsonl');
    const r = await runCliCaptured(['convert', path.join(GOLDEN, 'edge-ids.wal'), out, '--to', 'jsonl', '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ skipped_damage: 0, skipped: [], lossy_ids: 6 });
    expect(r.stderr).toContain('warning: 6 entries had ids that are not valid UTF-8; JSON Lines holds them with U+FFFD');
  });
});
