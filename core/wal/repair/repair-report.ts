import { decodeBinaryEntry } from '../binary-codec.js';
import type { SegmentRef } from '../log-location.js';
import { entryText } from '../log-entry.js';
import type { RepairPart } from './repair-groups.js';
import type { SegmentDamage } from './segment-damage.js';
import {
  REPAIR_LISTED, type LeftOutRange, type RepairDone, type RepairReport, type SegmentRepairSummary,
} from './repair-types.js';

/** What a located bit repair did, for a report. */
export function repairDone(part: RepairPart): RepairDone {
  const r = part.repair!;
  const t = entryText(decodeBinaryEntry(r.bytes));
  return {
    segment: part.segment, offset: part.offset, length: part.length, bit: r.bit, byteOffset: part.offset + r.byte,
    before: r.before, after: r.after, field: r.field, damage: part.records.map((d) => d.damage),
    entryType: t.entryType, transactionId: t.transactionId, documentId: t.documentId,
  };
}

export function leftOut(part: RepairPart): LeftOutRange {
  const d = part.records[0]!;
  return { segment: part.segment, offset: part.offset, length: part.length, damage: d.damage, detail: d.detail, reason: part.reason ?? 'not-one-bit' };
}

/** Adds up a chain's segments into one report, listing the first REPAIR_LISTED of each kind. */
export class RepairReportBuilder {
  private repaired = 0;
  private unrepaired = 0;
  private leftOutBytes = 0;
  private entries = 0;
  private readonly repairs: RepairDone[] = [];
  private readonly leftOut: LeftOutRange[] = [];
  private readonly segments: SegmentRepairSummary[] = [];

  add(segment: SegmentRef, damage: SegmentDamage, written?: { output: string; copied: boolean }): void {
    let repaired = 0;
    let unrepaired = 0;
    for (const part of damage.parts) {
      if (part.repair) {
        repaired++;
        if (this.repairs.length < REPAIR_LISTED) this.repairs.push(repairDone(part));
      } else {
        unrepaired++;
        this.leftOutBytes += part.length;
        if (this.leftOut.length < REPAIR_LISTED) this.leftOut.push(leftOut(part));
      }
    }
    this.repaired += repaired;
    this.unrepaired += unrepaired;
    this.entries += damage.entries;
    this.segments.push({ name: segment.name, compression: segment.compression, entries: damage.entries, repaired, unrepaired, ...(written ?? {}) });
  }

  report(): RepairReport {
    return {
      repaired: this.repaired, unrepaired: this.unrepaired, repairs: this.repairs, leftOut: this.leftOut, leftOutBytes: this.leftOutBytes,
      entries: this.entries, segments: this.segments,
    };
  }
}
