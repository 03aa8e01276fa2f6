import type { ByteSource } from './byte-source.js';
import type { WalFormat } from './records.js';

const PROBE = 4096;

/**
 * Neither format has a header: a file whose first non-blank byte is `{` is JSON Lines,
 * anything else binary (an empty file is an empty binary log).
 */
export function detectFormat(source: ByteSource): WalFormat {
  const size = source.size();
  const buf = Buffer.allocUnsafe(PROBE);
  for (let pos = 0; pos < size; pos += PROBE) {
    const n = source.readInto(buf, 0, pos, PROBE);
    for (let i = 0; i < n; i++) {
      const b = buf[i]!;
      if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
      return b === 0x7b ? 'jsonl' : 'binary';
    }
    if (n === 0) break;
  }
  return 'binary';
}
