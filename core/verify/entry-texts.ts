import { idText, type IdText } from '../wal/fixed-bytes.js';
import { IdInterner } from '../wal/id-interner.js';
import { entryTextOf, type EntryText, type LogEntry } from '../wal/log-entry.js';

/** An id's text cached for the last bytes it was asked for. */
class LastId {
  private bytes: Uint8Array | null = null;
  private text: IdText = { text: '', utf8Valid: true };

  of(id: Uint8Array): IdText {
    const last = this.bytes;
    if (last !== null && sameBytes(last, id)) return this.text;
    this.bytes = id;
    return (this.text = idText(id));
  }
}

/**
 * entryText for every entry of a verification, without decoding each id afresh (three UTF-8
 * decodes an entry were a twentieth of a verify): a transaction's entries follow one another
 * and a log has one collection, so the last one's text is kept; a document id's text is
 * interned by its bytes, as many as there are documents (what verification keeps per document
 * anyway). The text is idText's, since it depends on the bytes alone.
 */
export class EntryTexts {
  private readonly tx = new LastId();
  private readonly collection = new LastId();
  private readonly docIds = new IdInterner();
  private readonly docTexts: IdText[] = [];

  of(entry: LogEntry): EntryText {
    return entryTextOf(entry, this.tx.of(entry.transactionId), this.collection.of(entry.collection), this.documentId(entry.documentId));
  }

  private documentId(bytes: Uint8Array): IdText {
    const i = this.docIds.intern(bytes, 0, bytes.length);
    return (this.docTexts[i] ??= idText(bytes));
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
