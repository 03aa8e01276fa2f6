import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../core/inspector/support/inspector-fixtures.js';
import { concat, entryOfSize, layoutOf } from '../core/wal/repair/repair-fixtures.js';
import { GOLDEN } from '../support/paths.js';
import { runCliCaptured } from '../support/run-cli-in-process.js';

async function damageLines(file: string): Promise<Array<Record<string, unknown>>> {
  const r = await runCliCaptured(['dump', file, '--format', 'jsonl']);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((x) => x.kind === 'damage');
}

describe('dump --format jsonl marks what one flipped bit explains', () => {
  it('golden files: the flipped data bit and the flipped length varint are repairable; a zeroed run, a torn tail, garbage are not', async () => {
    expect((await damageLines(path.join(GOLDEN, 'damaged-data-bitflip.wal'))).map((d) => d.repairable))
      .toEqual([{ bit: 79 * 8 + 5, offset: 432, length: 214, field: 'data' }]);
    expect((await damageLines(path.join(GOLDEN, 'damaged-length-varint.wal'))).map((d) => d.repairable))
      .toEqual([{ bit: 75 * 8 + 7, offset: 1420, length: 120, field: 'data-length' }]);
    for (const name of ['damaged-zero-run.wal', 'damaged-truncated.wal', 'damaged-garbage.wal', 'damaged-inserted-garbage.wal', 'damaged-lines.jsonl']) {
      const lines = await damageLines(path.join(GOLDEN, name));
      expect(lines.length, name).toBeGreaterThan(0);
      expect(lines.map((d) => d.repairable), name).toEqual(lines.map(() => undefined));
    }
  });

  it('a shrunk data length splits the entry in two records: both carry the one repair, in the joined range', async () => {
    const before = entryOfSize(30, 1);
    const entry = entryOfSize(300, 2);
    const l = layoutOf(entry);
    const damaged = entry.slice();
    damaged[l.dataLenPos + 1] = damaged[l.dataLenPos + 1]! ^ 2; // 300 = ac 02 → ac 00: 44 bytes
    const file = path.join(tempDir('dump-repairable-'), 'split.wal');
    fs.writeFileSync(file, concat([before, damaged, entryOfSize(30, 3)]));
    const lines = await damageLines(file);
    expect(lines.length).toBe(2);
    const mark = { bit: (l.dataLenPos + 1) * 8 + 1, offset: before.length, length: entry.length, field: 'data-length' };
    expect(lines.map((d) => d.repairable)).toEqual([mark, mark]);
    expect((lines[0]!.offset as number) + (lines[0]!.length as number)).toBe(lines[1]!.offset);
  });
});
