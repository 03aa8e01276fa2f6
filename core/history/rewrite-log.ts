import { isValidDocumentId } from '../store/names.js';
import { throwIfAborted } from '../wal/compression/abort.js';
import { EntryCursor } from '../wal/entry-cursor.js';
import { entryTypeIndex } from '../wal/entry-type.js';
import { idText } from '../wal/fixed-bytes.js';
import { IdInterner } from '../wal/id-interner.js';
import type { WalRecord } from '../wal/records.js';
import type { RecordVisitor } from '../wal/repair/visit-repair-steps.js';
import { CutOff, type ChainPosition, type TransactionSpan } from './cut-off.js';
import { DocumentRewrite, type OnConflict, type RewriteOutcome } from './document-rewrite.js';
import { matchesDocument, type DocumentFilter, type UntilTarget } from './history-target.js';
import { BegunTransactions, TransactionTexts } from './transaction-fates-lite.js';

/** What a restore selects: a cut-off, excluded entries, documents. */
export interface RewriteSpec {
  readonly until?: UntilTarget;
  readonly exclusive?: boolean;
  readonly excludeTransactions?: ReadonlySet<string>;
  readonly excludeRange?: { readonly from: bigint; readonly to: bigint };
  /** Keep rolled-back and never-terminated transactions (default: they count as excluded). */
  readonly includeUncommitted?: boolean;
  readonly document?: DocumentFilter;
  readonly onConflict?: OnConflict;
}

export interface RewriteProgress {
  readonly phase: 'scan' | 'replay';
  readonly done: number;
}

export interface RewriteOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: RewriteProgress) => void;
}

/** The chain rewritten: every document something selected touches, and what was counted. */
export interface RewriteResult {
  /** Documents whose outcome is not `untouched`, in the order the log first touched them. */
  readonly outcomes: Map<string, Exclude<RewriteOutcome, { kind: 'untouched' }>>;
  /** Entries left out by --exclude-tx / --exclude-range. */
  readonly excludedEntries: number;
  /** Insert/Update/Delete entries of rolled-back or never-terminated transactions (at or before the cut-off). */
  readonly uncommittedEntries: number;
  readonly uncommitted: 'excluded' | 'included';
  readonly entries: number;
  readonly damagedRanges: number;
  /** Entries whose document id Sentinel would refuse (they name no file). */
  readonly invalidIds: number;
  /** Transaction ids given with --exclude-tx that no entry carries. */
  readonly unknownTransactions: readonly string[];
  readonly passes: number;
}

/**
 * The chain's records in replay order, one at a time or in batches (readLogBatches: a batch
 * costs one await instead of one per record); called once per pass.
 */
export type RecordSource = () => AsyncIterable<WalRecord | readonly WalRecord[]>;

/**
 * Or a reader that tells each pass's records to a visitor (visit-repair-steps.ts): intact
 * binary entries straight from the scanner's window, nothing built per entry. The same
 * records in the same order as a RecordSource of the same reader, so the same answers.
 */
export interface VisitSource {
  readonly visit: (visitor: RecordVisitor) => Promise<void>;
}

export type RewriteSource = RecordSource | VisitSource;

/**
 * Every record of one pass: each entry under one reused cursor (its fields read as asked
 * for), damage as it is. A record source's entries are put under the cursor as they come.
 */
async function forEachRecord(source: RewriteSource, onEntry: (c: EntryCursor) => void, onDamage: () => void): Promise<void> {
  const cursor = new EntryCursor();
  const record = (r: WalRecord): void => {
    if (r.kind === 'damage') onDamage();
    else onEntry(cursor.atEntry(entryTypeIndex(r.entry.entryType), r.entry, r.segment, r.offset));
  };
  if (typeof source !== 'function') {
    await source.visit({ entry: (buf, layout, segment, offset) => onEntry(cursor.atLayout(buf, layout, segment, offset)), record });
    return;
  }
  for await (const item of source()) {
    if (Array.isArray(item)) for (const r of item as readonly WalRecord[]) record(r);
    else record(item as WalRecord);
  }
}

/** Segment name → its place in replay order (records name their segment). */
export function segmentIndexer(segments: readonly string[]): (name: string) => number {
  const at = new Map(segments.map((s, i) => [s, i] as const));
  return (name) => at.get(name) ?? -1;
}

/** The operation an ENTRY_TYPES index names, or undefined (Begin, Commit, Rollback). */
const OPERATIONS: readonly ('Insert' | 'Update' | 'Delete' | undefined)[] = [undefined, 'Insert', 'Update', 'Delete', undefined, undefined];

/** segmentIndexer, remembering the last answer: a chain's entries come segment by segment. */
function lastSegmentIndexer(segments: readonly string[]): (name: string) => number {
  const indexOf = segmentIndexer(segments);
  let name = '';
  let index = -1;
  return (n) => (n === name ? index : (index = indexOf((name = n))));
}

/** First pass for a transaction target: where it starts and ends, and every transaction's fate. */
async function scanTransactions(source: RewriteSource, segments: readonly string[], txId: string | undefined, options: RewriteOptions) {
  const fates = new BegunTransactions();
  const texts = new TransactionTexts();
  let first: ChainPosition | undefined;
  let last: ChainPosition | undefined;
  let n = 0;
  const indexOf = lastSegmentIndexer(segments);
  await forEachRecord(source, (c) => {
    const segment = indexOf(c.segment);
    fates.addAt(c, segment);
    if (txId !== undefined && texts.of(c) === txId) {
      const at = { segment, offset: c.offset };
      first ??= at;
      last = at;
    }
    if (++n % 4096 === 0) {
      throwIfAborted(options.signal, 'restore plan');
      options.onProgress?.({ phase: 'scan', done: n });
    }
  }, () => {});
  let span: TransactionSpan | undefined;
  if (first && last) {
    span = { first, end: (txId !== undefined ? fates.endOf(txId) : undefined) ?? last };
  }
  return { fates, span };
}

/**
 * Streams the chain once (twice when a transaction target must be found first, or when it
 * holds rolled-back or never-terminated work to leave out — its fate is known only at its
 * end) and rewrites the history of every document the spec selects. Memory grows with the
 * documents touched, not with the entries.
 */
export async function rewriteLog(source: RewriteSource, segments: readonly string[], spec: RewriteSpec, options: RewriteOptions = {}): Promise<RewriteResult> {
  const txTarget = spec.until?.kind === 'transaction' ? spec.until.transactionId : undefined;
  let fates: BegunTransactions | undefined;
  let cut = CutOff.none();
  let passes = 0;
  if (txTarget !== undefined) {
    const scanned = await scanTransactions(source, segments, txTarget, options);
    passes++;
    fates = scanned.fates;
    cut = CutOff.of(spec.until!, spec.exclusive ?? false, segments, scanned.span);
  } else if (spec.until) cut = CutOff.of(spec.until, spec.exclusive ?? false, segments);
  const excludeUncommitted = !(spec.includeUncommitted ?? false);
  for (;;) {
    const tracker = fates ? undefined : new BegunTransactions();
    const result = await replayOnce(source, segments, spec, cut, fates, tracker, excludeUncommitted, options);
    passes++;
    // Fates were not known yet: the pass counted every transaction as committed.
    if (tracker && excludeUncommitted && tracker.anyUncommitted) {
      fates = tracker;
      continue;
    }
    return { ...result, passes };
  }
}

async function replayOnce(
  source: RewriteSource, segments: readonly string[], spec: RewriteSpec, cut: CutOff, fates: BegunTransactions | undefined,
  tracker: BegunTransactions | undefined, excludeUncommitted: boolean, options: RewriteOptions,
): Promise<Omit<RewriteResult, 'passes'>> {
  const docs = new Map<string, DocumentRewrite>();
  const onConflict = spec.onConflict ?? 'keep';
  const filter = spec.document ?? {};
  const wanted = spec.excludeTransactions ?? new Set<string>();
  const seenTx = new Set<string>();
  const indexOf = lastSegmentIndexer(segments);
  // A document's id bytes → what it is to this pass, decided once: its id text is decoded at
  // first sight only (ids repeat on every entry; decoding them was a tenth of a restore).
  // Different bytes may read as the same text (padding, lossy UTF-8): they resolve to one rewrite.
  const interned = new IdInterner();
  const byBytes: (DocumentRewrite | 'skip' | 'invalid')[] = [];
  const resolve = (bytes: Uint8Array): DocumentRewrite | 'skip' | 'invalid' => {
    const documentId = idText(bytes).text;
    const known = docs.get(documentId);
    if (known) return known;
    if (!matchesDocument(filter, documentId)) return 'skip';
    // Checked once per document, not per entry.
    if (!isValidDocumentId(documentId)) return 'invalid';
    const doc = new DocumentRewrite(onConflict);
    docs.set(documentId, doc);
    return doc;
  };
  // Transaction ids are read as text only where something asks for them (the ids to exclude,
  // or a step a rewrite keeps), decoded once per distinct id; fates are found by the id's bytes.
  const texts = new TransactionTexts();
  const needTx = wanted.size > 0;
  const range = spec.excludeRange;
  let entries = 0, damagedRanges = 0, invalidIds = 0, excludedEntries = 0, uncommittedEntries = 0;
  // Per entry only what decides it is read: an entry after the cut-off costs its type, its
  // document id's bytes and (for a time target) its timestamp; its data is never decoded.
  const one = (c: EntryCursor): void => {
    const segment = indexOf(c.segment);
    tracker?.addAt(c, segment);
    if (++entries % 4096 === 0) {
      throwIfAborted(options.signal, 'restore plan');
      options.onProgress?.({ phase: 'replay', done: entries });
    }
    const type = OPERATIONS[c.typeIndex];
    if (type === undefined) return;
    let transactionId = needTx ? texts.of(c) : '';
    if (needTx && wanted.has(transactionId)) seenTx.add(transactionId);
    const at = interned.intern(c.docBuf, c.docStart, c.docLen);
    const doc = byBytes[at] ??= resolve(c.documentIdBytes());
    if (doc === 'skip') return;
    if (doc === 'invalid') {
      invalidIds++;
      return;
    }
    if (cut.isAfter(segment, c.offset, cut.byTime ? c.time() : 0)) {
      doc.after(type);
      return;
    }
    const fate = fates?.fateAt(c);
    const uncommitted = fate === 'rolled-back' || fate === 'unterminated';
    if (uncommitted) uncommittedEntries++;
    let chosen = wanted.has(transactionId);
    if (!chosen && range !== undefined) {
      const t = c.time();
      chosen = t >= range.from && t <= range.to;
    }
    if (chosen) excludedEntries++;
    const excluded = chosen || (uncommitted && excludeUncommitted);
    if (!needTx && (excluded || doc.rewriting)) transactionId = texts.of(c);
    doc.feed({ entryType: type, data: c.data(), transactionId, segment: c.segment, offset: c.offset }, excluded, c.dataBytes());
  };
  await forEachRecord(source, one, () => {
    damagedRanges++;
  });
  const outcomes: RewriteResult['outcomes'] = new Map();
  for (const [id, doc] of docs) {
    const o = doc.outcome(cut.active);
    if (o.kind !== 'untouched') outcomes.set(id, o);
  }
  return {
    outcomes, excludedEntries, uncommittedEntries, uncommitted: excludeUncommitted ? 'excluded' : 'included', entries, damagedRanges, invalidIds,
    unknownTransactions: [...wanted].filter((tx) => !seenTx.has(tx)),
  };
}
