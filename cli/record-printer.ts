import { dumpRecordView, recordToJson, type WalRecord } from '../core/inspector/use-cases/dump.js';
import { BatchedWriter } from './cli-io.js';
import { escapeControls } from './terminal-text.js';

export type DumpFormat = 'table' | 'json' | 'jsonl';

export interface RecordPrinter {
  /** `collection`: a store dump's record says which collection's chain holds it. */
  print(record: WalRecord, collection?: string): Promise<void> | void;
  /** Writes what is held back (also on the way out of an error). */
  flush(): Promise<void> | void;
  /** Closes the output (the JSON array) and flushes. */
  end(): Promise<void> | void;
}

function isoTime(text: string): string {
  // Dates past year 275760 cannot be shown; print the raw value then.
  const ms = BigInt(text);
  return ms <= 8_640_000_000_000_000n ? new Date(Number(ms)).toISOString() : `${ms} ms`;
}

// Escaped before it is cut, so that the column's width counts what the terminal shows.
function clip(s: string, n: number): string {
  const flat = escapeControls(s);
  return flat.length > n ? flat.slice(0, n - 1) + '…' : flat;
}

/** Fixed-order columns, one line per record, like pg_waldump; rendered from the contract's DumpRecord. */
function tablePrinter(out: BatchedWriter, store: boolean): RecordPrinter {
  let header = false;
  return {
    flush: () => out.flush(),
    print(record, collection) {
      let line = store ? `${clip(collection ?? '', 14).padEnd(14)}  ` : '';
      if (!header) {
        header = true;
        line = (store ? 'IN COLLECTION   ' : '') + 'SEGMENT                          OFFSET     LENGTH  TYPE      TIME                      TRANSACTION                       COLLECTION    DOCUMENT              DATA\n' + line;
      }
      const r = dumpRecordView(record);
      const pre = `${clip(r.segment, 32).padEnd(32)} ${String(r.offset).padStart(10)} ${String(r.length).padStart(7)}  `;
      if (r.kind === 'damage') {
        line += `${pre}DAMAGE    ${r.damage}: ${escapeControls(r.detail)}\n`;
      } else {
        line += `${pre}${r.entry_type.padEnd(8)}  ${isoTime(r.timestamp).padEnd(24)}  ${clip(r.transaction_id, 32).padEnd(32)}  ` +
          `${clip(r.collection, 12).padEnd(12)}  ${clip(r.document_id, 20).padEnd(20)}  ${r.data === null ? '-' : clip(r.data, 60)}` +
          `${r.id_utf8_valid === false ? '  [id not valid UTF-8]' : ''}\n`;
      }
      return out.write(line);
    },
    end: () => out.flush(),
  };
}

/** A store dump's line leads with the collection whose chain holds the record: `{"store_collection":…, …the record}`. */
function jsonOf(r: WalRecord, collection: string | undefined): string {
  const text = recordToJson(r);
  return collection === undefined ? text : `{"store_collection":${JSON.stringify(collection)},${text.slice(1)}`;
}

function jsonlPrinter(out: BatchedWriter): RecordPrinter {
  return { print: (r, c) => out.write(jsonOf(r, c) + '\n'), flush: () => out.flush(), end: () => out.flush() };
}

/** A JSON array, streamed record by record. */
function jsonPrinter(out: BatchedWriter): RecordPrinter {
  let first = true;
  return {
    print(r, c) {
      const text = (first ? '[\n' : ',\n') + jsonOf(r, c);
      first = false;
      return out.write(text);
    },
    flush: () => out.flush(),
    end: () => out.write(first ? '[]\n' : '\n]\n') ?? out.flush(),
  };
}

export function createPrinter(format: DumpFormat, stream: NodeJS.WritableStream, options: { store?: boolean } = {}): RecordPrinter {
  const out = new BatchedWriter(stream);
  return format === 'table' ? tablePrinter(out, options.store ?? false) : format === 'json' ? jsonPrinter(out) : jsonlPrinter(out);
}
