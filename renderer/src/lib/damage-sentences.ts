import type { DamageCauseKind, DamageImpact, DamageKindName, UnverifiedFields } from '../contract.js';
import { formatDuration, formatLocalTime, shortenId } from './format.js';

/** What a damage row or item gives: where it is and, from the service, what it cost. */
export interface DamagedRange {
  readonly segment: string;
  readonly offset: number;
  readonly length: number;
  readonly damage: DamageKindName | null;
  readonly impact?: DamageImpact;
}

const hex = (n: number) => `0x${n.toString(16)}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const article = (word: string) => (/^[AEIOU]/.test(word) ? 'an' : 'a');

/** The cause in a few words, to end the row's sentence (the detail pane says it in full). */
const SHORT_CAUSE: Readonly<Record<DamageCauseKind, (i: DamageImpact) => string>> = {
  'single-bit': () => 'its CRC differs in one bit, so it can be repaired',
  'zeroed-run': (i) => `${plural(i.cause.run?.length ?? 0, 'byte')} of it are zero (wiped, or never written)`,
  'ff-run': (i) => `${plural(i.cause.run?.length ?? 0, 'byte')} of it are 0xFF (erased)`,
  'torn-tail': () => 'the file ends inside it (a write cut short)',
  overwritten: () => 'another write overwrote it mid-way',
  'bad-length': () => 'a length field of it is damaged',
  'bad-field': () => 'a field of it is damaged',
  'crc-zero': () => 'its CRC was never written (0x00000000)',
  altered: () => 'its bytes changed after it was written',
  'foreign-bytes': () => 'the bytes hold no entry at all (foreign data)',
  'invalid-line': () => 'the line is not an entry',
  compression: () => 'the compressed stream stops here',
};

export function shortCause(impact: DamageImpact): string {
  return SHORT_CAUSE[impact.cause.kind]?.(impact) ?? impact.cause.text;
}

/** "an Insert of order-1001 at 22:41:27.824 in transaction demo12…a9f3" */
export function describeUnverified(u: UnverifiedFields): string {
  const doc = u.document_id ? ` of ${u.document_id}` : '';
  const ms = Number(u.timestamp);
  const at = Number.isFinite(ms) ? ` at ${timeOfDay(ms)}` : '';
  const tx = u.transaction_id ? ` in transaction ${shortenId(u.transaction_id)}` : '';
  return `${article(u.entry_type)} ${u.entry_type}${doc}${at}${tx}`;
}

/** The time of day of a timestamp, with milliseconds (the date is in the detail pane). */
function timeOfDay(ms: number): string {
  const full = formatLocalTime(ms);
  const space = full.indexOf(' ');
  return space > 0 && /^\d{4}-/.test(full) ? full.slice(space + 1) : full;
}

/** "1 entry lost", "about 3 entries lost (estimated from entry boundaries)" … */
export function describeLoss(impact: DamageImpact): string {
  const e = impact.estimate;
  if (!e) return 'the rest of the segment is unreadable';
  const n = plural(e.entries, 'entry', 'entries');
  if (e.method === 'exact' && e.entries === 0) return 'no entry of its own (part of the entry the repair rebuilds)';
  if (e.method === 'exact') return `${n} lost`;
  if (e.method === 'boundaries') return `${n} lost (counted from the entry starts left in it)`;
  return `about ${n} lost (estimated from the size of the entries beside it)`;
}

/**
 * The row's one sentence: what was lost, where, why.
 * "1 entry lost: an Insert of order-1001 at 22:41:27.824 in transaction demo12…a9f3, bytes
 * 0x230–0x2bb; its CRC differs in one bit, so it can be repaired"
 */
export function damageSentence(r: DamagedRange): string {
  const bytes = r.length === 0 ? `at byte ${hex(r.offset)}` : `bytes ${hex(r.offset)}–${hex(r.offset + r.length - 1)}`;
  const i = r.impact;
  if (!i) return `${plural(r.length, 'byte')} skipped, ${bytes}`;
  const what = i.unverified ? `: ${describeUnverified(i.unverified)}${i.unverified.partial ? ' (its start only)' : ''}` : '';
  return `${describeLoss(i)}${what}, ${bytes}; ${shortCause(i)}`;
}

/** The time between the intact entries around the range, in words, or null. */
export function describeGap(impact: DamageImpact): string | null {
  const { before, after } = impact;
  if (!before && !after) return 'No intact entry before or after it.';
  if (!before) return `It is at the start of the log; the next intact entry is of ${formatLocalTime(Number(after!.timestamp))}.`;
  if (!after) return `The last intact entry before it is of ${formatLocalTime(Number(before.timestamp))}; none follows.`;
  const gap = impact.gap_ms === null ? '' : ` (${formatDuration(Number(impact.gap_ms))} apart)`;
  return `Between the intact entries of ${formatLocalTime(Number(before.timestamp))} and ${formatLocalTime(Number(after.timestamp))}${gap}.`;
}

/** "Part 1 of 2 of one damaged stretch, bytes 0x888–0x9a4 (285 bytes); it touches evt-0001 (unverified).", or null for a lone range. */
export function describeIncident(impact: DamageImpact): string | null {
  const inc = impact.incident;
  if (inc.parts <= 1) return null;
  const docs = inc.documents.length === 0 ? '' : `; it touches ${inc.documents.slice(0, 10).join(', ')}${inc.documents.length > 10 ? ` and ${inc.documents.length - 10} more` : ''} (unverified)`;
  return `Part ${inc.part + 1} of ${inc.parts} of one damaged stretch, bytes ${hex(inc.offset)}–${hex(inc.offset + inc.length - 1)} (${plural(inc.length, 'byte')})${docs}.`;
}
