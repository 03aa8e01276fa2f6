import { isValidDocumentId } from '../store/names.js';
import { throwIfAborted } from '../wal/compression/abort.js';
import { idText } from '../wal/fixed-bytes.js';
import { IdInterner } from '../wal/id-interner.js';
import { entryText } from '../wal/log-entry.js';
import type { WalRecord } from '../wal/records.js';
import { CutOff, type ChainPosition, type TransactionSpan } from './cut-off.js';
import { DocumentRewrite, type OnConflict, type RewriteOutcome } from './document-rewrite.js';
import { matchesDocument, type DocumentFilter, type UntilTarget } from './history-target.js';
import { BegunTransactions } from './transaction-fates-lite.js';

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

/** Every record of a source, batches flattened. */
async function* flat(source: RecordSource): AsyncGenerator<WalRecord> {
  for await (const item of source()) {
    if (Array.isArray(item)) yield* item as readonly WalRecord[];
    else yield item as WalRecord;
  }
}

/** Segment name → its place in replay order (records name their segment). */
export function segmentIndexer(segments: readonly string[]): (name: string) => number {
  const at = new Map(segments.map((s, i) => [s, i] as const));
  return (name) => at.get(name) ?? -1;
}

const isOperation = (t: string): t is 'Insert' | 'Update' | 'Delete' => t === 'Insert' || t === 'Update' || t === 'Delete';

/** First pass for a transaction target: where it starts and ends, and every transaction's fate. */
async function scanTransactions(source: RecordSource, segments: readonly string[], txId: string | undefined, options: RewriteOptions) {
  const fates = new BegunTransactions();
  let first: ChainPosition | undefined;
  let last: ChainPosition | undefined;
  let n = 0;
  const indexOf = segmentIndexer(segments);
  for await (const r of flat(source)) {
    const segment = indexOf(r.segment);
    fates.add(r, segment);
    if (r.kind !== 'entry') continue;
    if (txId !== undefined && entryText(r.entry).transactionId === txId) {
      const at = { segment, offset: r.offset };
      first ??= at;
      last = at;
    }
    if (++n % 4096 === 0) {
      throwIfAborted(options.signal, 'restore plan');
      options.onProgress?.({ phase: 'scan', done: n });
    }
  }
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
export async function rewriteLog(source: RecordSource, segments: readonly string[], spec: RewriteSpec, options: RewriteOptions = {}): Promise<RewriteResult> {
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
  source: RecordSource, segments: readonly string[], spec: RewriteSpec, cut: CutOff, fates: BegunTransactions | undefined,
  tracker: BegunTransactions | undefined, excludeUncommitted: boolean, options: RewriteOptions,
): Promise<Omit<RewriteResult, 'passes'>> {
  const docs = new Map<string, DocumentRewrite>();
  const onConflict = spec.onConflict ?? 'keep';
  const filter = spec.document ?? {};
  const wanted = spec.excludeTransactions ?? new Set<string>();
  const seenTx = new Set<string>();
  const indexOf = segmentIndexer(segments);
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
  // Transaction ids are read only where something asks for them: the ids to exclude, the fates, or a step a rewrite keeps.
  const needTx = wanted.size > 0 || fates !== undefined;
  let entries = 0, damagedRanges = 0, invalidIds = 0, excludedEntries = 0, uncommittedEntries = 0;
  const one = (r: WalRecord): void => {
    if (r.kind === 'damage') {
      damagedRanges++;
      return;
    }
    const segment = indexOf(r.segment);
    tracker?.add(r, segment);
    if (++entries % 4096 === 0) {
      throwIfAborted(options.signal, 'restore plan');
      options.onProgress?.({ phase: 'replay', done: entries });
    }
    const e = r.entry;
    const type = e.entryType;
    if (!isOperation(type)) return;
    let transactionId = needTx ? idText(e.transactionId).text : '';
    if (needTx && wanted.has(transactionId)) seenTx.add(transactionId);
    const at = interned.intern(e.documentId, 0, e.documentId.length);
    const doc = byBytes[at] ??= resolve(e.documentId);
    if (doc === 'skip') return;
    if (doc === 'invalid') {
      invalidIds++;
      return;
    }
    if (cut.isAfter(segment, r.offset, e.timestamp)) {
      doc.after(type);
      return;
    }
    const fate = fates?.fateOf(transactionId);
    const uncommitted = fate === 'rolled-back' || fate === 'unterminated';
    if (uncommitted) uncommittedEntries++;
    const chosen = wanted.has(transactionId) || (spec.excludeRange !== undefined && e.timestamp >= spec.excludeRange.from && e.timestamp <= spec.excludeRange.to);
    if (chosen) excludedEntries++;
    const excluded = chosen || (uncommitted && excludeUncommitted);
    if (!needTx && (excluded || doc.rewriting)) transactionId = idText(e.transactionId).text;
    doc.feed({ entryType: type, data: e.data, transactionId, segment: r.segment, offset: r.offset }, excluded);
  };
  for await (const item of source()) {
    if (Array.isArray(item)) for (const r of item as readonly WalRecord[]) one(r);
    else one(item as WalRecord);
  }
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
