import type { LeftOutItem, LeftOutReasonName, RepairItem, RepairPlan, RepairResult } from '../../contract/contract-repair.js';
import { MAX_REPAIR_BYTES } from '../../wal/repair/bit-locator.js';
import type { RepairWritten } from '../../wal/repair/repair-log.js';
import type { LeftOutRange, RepairDone, RepairReport } from '../../wal/repair/repair-types.js';

const EXPLANATIONS: Readonly<Record<LeftOutReasonName, string>> = {
  'too-long': `longer than ${MAX_REPAIR_BYTES.toLocaleString('en-US')} bytes: past that, CRC-32 cannot tell one flipped bit from several`,
  'not-one-bit': 'no single-bit change makes it one entry with a valid CRC',
  'no-checksum': 'JSON Lines has no checksum: nothing says which byte is wrong',
  'stream-stops': 'the compressed stream stops here: the bytes after it are not there',
};

export function repairItemView(r: RepairDone): RepairItem {
  return {
    segment: r.segment, offset: r.offset, length: r.length, bit: r.bit, byte_offset: r.byteOffset, before: r.before, after: r.after,
    field: r.field, damage: r.damage, entry_type: r.entryType, transaction_id: r.transactionId, document_id: r.documentId,
  };
}

export function leftOutView(l: LeftOutRange): LeftOutItem {
  return {
    segment: l.segment, offset: l.offset, length: l.length, damage: l.damage, detail: l.detail, reason: l.reason, explanation: EXPLANATIONS[l.reason],
  };
}

/** repair.plan and `repair --dry-run --json`. */
export function repairPlanView(r: RepairReport): RepairPlan {
  return {
    repaired: r.repaired, unrepaired: r.unrepaired, repairs: r.repairs.map(repairItemView), left_out: r.leftOut.map(leftOutView),
    left_out_bytes: r.leftOutBytes, entries: r.entries,
    segments: r.segments.map((s) => ({
      name: s.name, compression: s.compression, entries: s.entries, repaired: s.repaired, unrepaired: s.unrepaired,
      ...(s.output !== undefined ? { output: s.output } : {}), ...(s.copied !== undefined ? { copied: s.copied } : {}),
    })),
  };
}

/** repair.apply and `repair --json`. */
export function repairResultView(r: RepairWritten): RepairResult {
  return { ...repairPlanView(r), path: r.path, bytes: r.bytes };
}

const hex2 = (n: number) => `0x${n.toString(16).padStart(2, '0')}`;

/** One line per repair and per range left out, then the total: what `repair` prints for a person. */
export function repairLines(r: RepairPlan, written: string | null): string[] {
  const lines: string[] = [];
  for (const x of r.repairs) {
    lines.push(
      `repaired ${x.segment}:${x.offset} (${x.length} bytes, ${x.entry_type} ${x.document_id}): bit ${x.bit} in the ${x.field}, ` +
      `byte ${x.byte_offset} ${hex2(x.before)} → ${hex2(x.after)}`,
    );
  }
  if (r.repaired > r.repairs.length) lines.push(`… and ${r.repaired - r.repairs.length} more repairs (--json lists the first ${r.repairs.length})`);
  for (const x of r.left_out) lines.push(`left out ${x.damage} at ${x.segment}:${x.offset}, ${x.length} bytes: ${x.explanation}`);
  if (r.unrepaired > r.left_out.length) lines.push(`… and ${r.unrepaired - r.left_out.length} more ranges left out`);
  const total = `${r.repaired} repaired, ${r.unrepaired} left out (${r.left_out_bytes} bytes), ${r.entries} intact entries`;
  lines.push(written === null ? `${total}; dry run: nothing was written` : `${total}; written to ${written}`);
  return lines;
}
