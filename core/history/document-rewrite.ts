import { parseJson, toCompactText, type JsonValue } from '../json/index.js';
import { applyChanges, diffStates, pathsOverlap, pathText, type JsonPath, type PathChange } from './json-path-diff.js';
import { decodeUtf8 } from '../wal/utf8.js';
import { nextState, type StateShape, type StateText } from './next-state.js';
import { shapeSignature } from './shape-signature.js';

/** What to do with a later change that touches what an excluded entry changed. */
export type OnConflict = 'keep' | 'later' | 'excluded';

/** One Insert/Update/Delete of the document, as the rewrite needs it. */
export interface DocumentStep {
  readonly entryType: 'Insert' | 'Update' | 'Delete';
  readonly data: string | null;
  readonly transactionId: string;
  readonly segment: string;
  readonly offset: number;
}

/** What a restore should make of one document. */
export type RewriteOutcome =
  /** Nothing the restore selects touches it. */
  | { readonly kind: 'untouched' }
  /**
   * Its state should be this JSON text (null: absent). Text, not a parsed tree: a restore of
   * many documents holds every target until it compares them with the store, one at a time.
   */
  | { readonly kind: 'state'; readonly state: string | null; readonly conflict?: ConflictInfo }
  /** Its history is incomplete: the restore never writes it. */
  | { readonly kind: 'incomplete'; readonly reason: string }
  /** A later change touches what an excluded entry changed, and --on-conflict was not given: left as it is. */
  | { readonly kind: 'conflict'; readonly conflict: ConflictInfo };

export interface ConflictInfo {
  /** The paths both touched (`$` for the whole document), as JSON paths. */
  readonly paths: readonly string[];
  /** Transactions of the later changes, in log order. */
  readonly transactions: readonly string[];
  /** Transactions of the excluded entries those changes overlap. */
  readonly excluded: readonly string[];
}

function parsed(text: StateText): JsonValue | null {
  if (text === null) return null;
  const r = parseJson(text);
  if (!r.ok) throw new TypeError(`a state text that does not parse: ${r.message}`); // states come from checked data only
  return r.value;
}

/**
 * One document's history replayed once, in log order, with some entries excluded and a
 * cut-off (the entries after it only mark the document touched). Until the first excluded
 * entry the state is the original one, kept as text; from there the rewrite keeps the
 * recomputed state parsed, and each later entry contributes its own change — the JSON-path
 * difference between its state and the state before it in the original history — applied to
 * the recomputed state. Memory: this document's states, never its entries.
 */
export class DocumentRewrite {
  private started = false;
  private complete = true;
  private unreadable: string | undefined;
  /** The original history's state after the last entry fed (cut-off entries aside). */
  private original: StateText = null;
  /** The original state's keys, when known: the next Update's merge is decided without parsing it. */
  private shape: StateShape | undefined;
  /** The original state's key signature, when known: most Updates are decided by comparing it (shape-signature.ts). */
  private signature: string | undefined;
  private isRewriting = false;
  private rewritten: JsonValue | null = null;
  private readonly excludedPaths: { path: JsonPath; tx: string }[] = [];
  private excludedCreated = false;
  private readonly conflictPaths = new Set<string>();
  private readonly conflictTxs = new Set<string>();
  private readonly conflictExcluded = new Set<string>();
  private touchedAfter = false;
  excludedEntries = 0;

  constructor(private readonly onConflict: OnConflict) {}

  /** An excluded entry came: from here on each step's transaction id matters (conflicts name it). */
  get rewriting(): boolean {
    return this.isRewriting;
  }

  /** An entry after the cut-off: only noted (a history that starts there still needs its Insert). */
  after(entryType: DocumentStep['entryType']): void {
    this.touchedAfter = true;
    if (!this.started) {
      this.started = true;
      this.complete = entryType === 'Insert';
    }
  }

  /**
   * The original state, when it is kept as the bytes of the entry whose data it is (see
   * `feed`): its UTF-8, in a buffer of this document's reused from one entry to the next.
   */
  private bytes: Uint8Array | null = null;
  private bytesLength = -1;

  /** The original state as text (decoded from its bytes, once, when something reads it). */
  private originalText(): StateText {
    if (this.bytesLength >= 0) {
      this.original = decodeUtf8(this.bytes!.subarray(0, this.bytesLength));
      this.bytesLength = -1;
    }
    return this.original;
  }

  /**
   * An entry at or before the cut-off, excluded or not. `dataBytes`, when given, is the UTF-8
   * of `step.data` (borrowed): when the state becomes the data itself (nextState's signature
   * cases) it is kept as a copy of these bytes, not as the text — a text kept until the
   * document's next entry lived long enough to be promoted, and restore's garbage collection
   * was mostly those (the text then dies young; it is decoded again only if read).
   */
  feed(step: DocumentStep, excluded: boolean, dataBytes?: Uint8Array | null): void {
    if (!this.started) {
      this.started = true;
      this.complete = step.entryType === 'Insert';
    }
    if (this.unreadable !== undefined) return;
    if (dataBytes && !excluded && !this.isRewriting && step.data !== null && step.entryType !== 'Delete') {
      // nextState's first answers, without the state before: Insert, or an Update of an
      // absent document, whose data signs; an Update whose data signs as the state does.
      const signature = shapeSignature(step.data);
      const absent = this.bytesLength < 0 && this.original === null;
      if (signature !== undefined && (step.entryType === 'Insert' || absent || signature === this.signature)) {
        this.keepBytes(dataBytes);
        this.shape = undefined;
        if (signature !== this.signature) this.signature = signature;
        return;
      }
    }
    const before = this.originalText();
    const next = nextState(before, step.entryType, step.data, this.shape, this.signature);
    if (!next.ok) {
      this.unreadable = `${next.reason} at ${step.segment}:${step.offset}`;
      return;
    }
    this.original = next.state;
    this.shape = next.shape;
    this.signature = next.signature;
    if (excluded) this.exclude(step, before);
    else if (this.isRewriting) this.reapply(step, before);
  }

  private keepBytes(data: Uint8Array): void {
    if (this.bytes === null || this.bytes.length < data.length) this.bytes = new Uint8Array(Math.max(64, data.length * 1.25) | 0);
    this.bytes.set(data);
    this.bytesLength = data.length;
    this.original = null;
  }

  private exclude(step: DocumentStep, before: StateText): void {
    this.excludedEntries++;
    const prev = parsed(before);
    if (!this.isRewriting) {
      this.isRewriting = true;
      this.rewritten = prev;
    }
    for (const c of diffStates(prev, parsed(this.original))) {
      if (c.kind === 'create') this.excludedCreated = true;
      this.excludedPaths.push({ path: c.path, tx: step.transactionId });
    }
  }

  private overlapping(path: JsonPath): string[] {
    return this.excludedPaths.filter((e) => pathsOverlap(e.path, path)).map((e) => e.tx);
  }

  private reapply(step: DocumentStep, before: StateText): void {
    const change = diffStates(parsed(before), parsed(this.original));
    const kept: PathChange[] = [];
    let conflicted = false;
    for (const c of change) {
      let against: string[];
      if (c.kind === 'delete') against = this.excludedCreated ? this.excludedPaths.map((e) => e.tx) : [];
      else if (c.kind === 'create') against = this.rewritten !== null ? this.overlapping([]) : [];
      else against = this.rewritten === null ? this.excludedPaths.map((e) => e.tx) : this.overlapping(c.path);
      if (against.length === 0) {
        kept.push(c);
        continue;
      }
      conflicted = true;
      this.conflictPaths.add(pathText(c.path));
      for (const tx of against) this.conflictExcluded.add(tx);
      if (this.onConflict === 'later') kept.push(c);
    }
    if (conflicted) this.conflictTxs.add(step.transactionId);
    // A later value kept for a document the rewrite has not got: the later state as a whole.
    if (conflicted && this.onConflict === 'later' && this.rewritten === null) this.rewritten = parsed(this.original);
    else this.rewritten = applyChanges(this.rewritten, kept);
  }

  /**
   * What the restore makes of the document. `cutOff`: a --until restore, where a document
   * the log does not touch after the cut-off (and no excluded entry touched) is untouched.
   */
  outcome(cutOff: boolean): RewriteOutcome {
    if (!this.started) return { kind: 'untouched' };
    const affected = this.isRewriting || (cutOff && this.touchedAfter);
    if (!affected) return { kind: 'untouched' };
    if (!this.complete) return { kind: 'incomplete', reason: 'its history does not start with an Insert (the chain was compacted): its base is unknown' };
    if (this.unreadable !== undefined) return { kind: 'incomplete', reason: this.unreadable };
    const conflict = this.conflictPaths.size > 0
      ? { paths: [...this.conflictPaths], transactions: [...this.conflictTxs], excluded: [...this.conflictExcluded] }
      : undefined;
    if (conflict && this.onConflict === 'keep') return { kind: 'conflict', conflict };
    const state = this.isRewriting ? (this.rewritten === null ? null : toCompactText(this.rewritten)) : this.originalText();
    return { kind: 'state', state, ...(conflict ? { conflict } : {}) };
  }
}
