import type { WhereVariable } from '../../../contract/contract-query.js';
import { CelUint, type CelValue } from './cel-values.js';
import { celOfDataBytes } from './data-members.js';
import { celOfDataText } from './data-to-cel.js';

/** What a row holds, as text and numbers; its CEL values are made only when read. */
export interface RowFacts {
  entryType: string;
  transactionId: string;
  collection: string;
  documentId: string;
  timestamp: bigint;
  size: number;
  segment: string;
  offset: number;
  damaged: boolean;
  /** The stored data text, or null. */
  data: string | null;
  /**
   * Or the stored data bytes (UTF-8, decoded as TextDecoder does), borrowed for the one test of
   * this row: set, they stand for `data`.
   */
  dataBytes?: Uint8Array | null;
  /** committed, rolled_back, unterminated or standalone; "" when not known (damage rows). */
  transactionStatus: string;
}

/**
 * One row's CEL variables (WHERE_VARIABLES). The object is reused from row to row (`reset`);
 * `data` is parsed, and `timestamp`/`time` made, only when the expression reads them.
 */
export class EntryActivation implements Record<WhereVariable, unknown> {
  private facts: RowFacts;
  private parsed: CelValue | undefined;

  /** `dataKeys`: WhereQuery.dataKeys (the only top-level keys of data the expression reads). */
  constructor(facts: RowFacts, private readonly dataKeys: ReadonlySet<string> | null = null) {
    this.facts = facts;
  }

  reset(facts: RowFacts): this {
    this.facts = facts;
    this.parsed = undefined;
    return this;
  }

  get entry_type(): string { return this.facts.entryType; }
  get transaction_id(): string { return this.facts.transactionId; }
  get collection(): string { return this.facts.collection; }
  get document_id(): string { return this.facts.documentId; }
  get timestamp(): unknown { return new CelUint(this.facts.timestamp); }
  get time(): Date { return new Date(Number(this.facts.timestamp)); }
  get size(): bigint { return BigInt(this.facts.size); }
  get segment(): string { return this.facts.segment; }
  get offset(): bigint { return BigInt(this.facts.offset); }
  get transaction_status(): string { return this.facts.transactionStatus; }
  get damaged(): boolean { return this.facts.damaged; }

  /** The data parsed as serde_json parses it; null when absent or not JSON. */
  get data(): CelValue {
    if (this.parsed !== undefined) return this.parsed;
    const bytes = this.facts.dataBytes;
    if (bytes) return (this.parsed = celOfDataBytes(bytes, this.dataKeys));
    const text = this.facts.data;
    if (text === null) return (this.parsed = null);
    return (this.parsed = celOfDataText(text, this.dataKeys));
  }
}

/** Whether a data text can match given WhereQuery.requiredText (false only when it cannot). */
export function mayMatchData(text: string | null, required: readonly string[]): boolean {
  if (required.length === 0) return true;
  if (text === null) return false;
  if (text.includes('\\')) return true;
  for (const r of required) if (!text.includes(r)) return false;
  return true;
}
