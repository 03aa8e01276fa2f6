import type { BinaryScanner } from '../binary-scanner.js';
import { BinaryRunScanner, type RunVisitor } from '../binary-run-scanner.js';
import { ByteWindow, type ByteSource } from '../byte-source.js';
import { JsonlScanner } from '../jsonl-scanner.js';
import { yieldToEventLoop } from '../read-log.js';
import type { DamageRecord, WalFormat } from '../records.js';
import { contiguous, repairParts, type RepairPart } from './repair-groups.js';

const STEPS_PER_YIELD = 4096;
const SLOW_WINDOW = 64 << 10;

export interface SegmentDamage {
  /** Intact entries. */
  readonly entries: number;
  /** Every damaged range, in file order, as repair parts. */
  readonly parts: readonly RepairPart[];
}

/**
 * Every damaged range of one (decompressed) segment and what a single-bit repair makes of
 * it, without building an entry: intact runs go through the indexer's WebAssembly scanner
 * (binary-run-scanner.ts), so a log without damage is read at indexing speed and the
 * locator runs only on the damaged bytes. `extra` (a stopped compressed stream) comes last.
 */
export async function segmentDamage(
  source: ByteSource, format: WalFormat, extra: DamageRecord | null, signal?: AbortSignal,
): Promise<SegmentDamage> {
  let entries = 0;
  const damage: DamageRecord[] = [];
  let steps = 0;
  if (format === 'jsonl') {
    const scanner = new JsonlScanner(new ByteWindow(source));
    for (;;) {
      const step = scanner.next();
      if (step.kind === 'end') break;
      if (step.kind === 'entry') entries++;
      else damage.push({ kind: 'damage', segment: source.name, offset: step.offset, length: step.length, damage: 'invalid-json-line', detail: step.detail });
      if (++steps % STEPS_PER_YIELD === 0) await yieldToEventLoop(signal);
    }
  } else {
    const segment = source.name;
    const visitor: RunVisitor = {
      run: (_kernel, count) => {
        entries += count;
      },
      entry: () => {
        entries++;
      },
      damage: (s: BinaryScanner) => {
        damage.push({ kind: 'damage', segment, offset: s.damageOffset, length: s.damageLength, damage: s.damageKind, detail: s.damageDetail });
      },
    };
    // The TypeScript scanner reads only damaged entries here (the kernel reads runs into its own
    // chunk): a small window, so that each damaged entry does not read the next 4 MiB again.
    const scan = new BinaryRunScanner(new ByteWindow(source, SLOW_WINDOW));
    while (scan.next(Infinity, visitor) > 0) {
      if (++steps % STEPS_PER_YIELD === 0) await yieldToEventLoop(signal);
    }
  }
  if (extra) damage.push(extra);
  const parts: RepairPart[] = [];
  let group: DamageRecord[] = [];
  for (const r of damage) {
    if (group.length > 0 && !contiguous(group[group.length - 1]!, r)) {
      parts.push(...repairParts(source, group, format));
      group = [];
    }
    group.push(r);
  }
  parts.push(...repairParts(source, group, format));
  return { entries, parts };
}
