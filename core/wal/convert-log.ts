import type { FileHandle } from 'node:fs/promises';
import { writeFileNoClobber as createFileAtomically } from '../fs/atomic-file.js';
import { encodeBinaryEntry } from './binary-codec.js';
import { encodeJsonlEntry } from './jsonl-codec.js';
import { entryText } from './log-entry.js';
import type { LogLocation } from './log-location.js';
import { readLog } from './read-log.js';
import type { DamageRecord, EntryRecord, WalFormat } from './records.js';

/** Damaged ranges listed by a conversion; the rest are counted (a log of a million bad lines held them all). */
export const CONVERT_DAMAGE_LISTED = 1000;

export interface ConvertResult {
  entries: number;
  bytesWritten: number;
  /** The first CONVERT_DAMAGE_LISTED damaged ranges of the input: their bytes are not in the output. */
  damage: DamageRecord[];
  /** Every damaged range, listed or not, and their bytes. */
  damageCount: number;
  damageBytes: number;
  /** Entries whose ids were not valid UTF-8 (JSON Lines can only hold their lossy text). */
  lossyIds: number;
}

export interface ConvertOptions {
  readonly inputFormat?: WalFormat;
  readonly signal?: AbortSignal;
  readonly onProgress?: (entries: number) => void;
  /** Entries it refuses are left out (a where); damaged ranges are counted whatever it says. */
  readonly keep?: (record: EntryRecord) => boolean;
}

const FLUSH_AT = 1 << 20;

/** Writes every intact entry of the chain to a new file in `to` format; never overwrites. */
export async function convertLog(location: LogLocation, dest: string, to: WalFormat, options: ConvertOptions = {}): Promise<ConvertResult> {
  const result: ConvertResult = { entries: 0, bytesWritten: 0, damage: [], damageCount: 0, damageBytes: 0, lossyIds: 0 };
  await createFileAtomically(dest, async (handle: FileHandle) => {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      await handle.write(Buffer.concat(pending, pendingBytes));
      pending = [];
      pendingBytes = 0;
    };
    const readOptions = { ...(options.signal ? { signal: options.signal } : {}), ...(options.inputFormat ? { format: options.inputFormat } : {}) };
    for await (const record of readLog(location, readOptions)) {
      if (record.kind === 'damage') {
        if (result.damageCount++ < CONVERT_DAMAGE_LISTED) result.damage.push(record);
        result.damageBytes += record.length;
        continue;
      }
      if (options.keep && !options.keep(record)) continue;
      if (to === 'jsonl' && !entryText(record.entry).idUtf8Valid) result.lossyIds++;
      const bytes = to === 'binary' ? Buffer.from(encodeBinaryEntry(record.entry)) : Buffer.from(encodeJsonlEntry(record.entry));
      pending.push(bytes);
      pendingBytes += bytes.length;
      result.bytesWritten += bytes.length;
      result.entries++;
      if (pendingBytes >= FLUSH_AT) {
        await flush();
        options.onProgress?.(result.entries);
      }
    }
    await flush();
  });
  return result;
}
