import { dumpRecordView, recordToJson, type WalRecord } from '../core/inspector/use-cases/dump.js';
import { BatchedWriter } from './cli-io.js';
import { escapeControls } from './terminal-text.js';

export type DumpFormat = 'table' | 'json' | 'jsonl';

export interface RecordPrinter {
  print(record: WalRecord): Promise<void> | void;
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
function tablePrinter(out: BatchedWriter): RecordPrinter {
  let header = false;
  return {
    flush: () => out.flush(),
    print(record) {
      let line = '';
      if (!header) {
        header = true;
        line += 'SEGMENT                          OFFSET     LENGTH  TYPE      TIME                      TRANSACTION                       COLLECTION    DOCUMENT              DATA\n';
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

function jsonlPrinter(out: BatchedWriter): RecordPrinter {
  return { print: (r) => out.write(recordToJson(r) + '\n'), flush: () => out.flush(), end: () => out.flush() };
}

/** A JSON array, streamed record by record. */
function jsonPrinter(out: BatchedWriter): RecordPrinter {
  let first = true;
  return {
    print(r) {
      const text = (first ? '[\n' : ',\n') + recordToJson(r);
      first = false;
      return out.write(text);
    },
    flush: () => out.flush(),
    end: () => out.write(first ? '[]\n' : '\n]\n') ?? out.flush(),
  };
}

export function createPrinter(format: DumpFormat, stream: NodeJS.WritableStream): RecordPrinter {
  const out = new BatchedWriter(stream);
  return format === 'table' ? tablePrinter(out) : format === 'json' ? jsonPrinter(out) : jsonlPrinter(out);
}
