import { useMemo, useState } from 'react';
import { fieldClass } from '../lib/field-colors.js';
import { formatHexByte, formatOffset } from '../lib/format.js';

export interface HexSpan {
  /** Field name, e.g. "transaction_id". */
  readonly field: string;
  /** Byte range relative to the start of `bytes`, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** What the legend and tooltips say; defaults to the field name. */
  readonly label?: string;
}

export interface HexHighlight {
  readonly start: number;
  readonly end: number;
  readonly label: string;
}

/** One byte to point at (a flipped bit's byte), relative to `bytes`. */
export interface HexMark {
  readonly index: number;
  readonly label: string;
}

interface HexViewProps {
  readonly bytes: Uint8Array;
  /** File offset of bytes[0], shown in the offset column. */
  readonly baseOffset: number;
  readonly spans?: readonly HexSpan[];
  /** A range to mark as trouble (damaged bytes), relative to `bytes`. */
  readonly highlight?: HexHighlight | null;
  readonly mark?: HexMark | null;
  /** Bytes shown before "show all" is needed. */
  readonly initialLimit?: number;
}

const BYTES_PER_ROW = 16;
const SHOW_ALL_CAP = 256 * 1024;

function spanIndexPerByte(length: number, spans: readonly HexSpan[]): Int16Array {
  const owner = new Int16Array(length).fill(-1);
  spans.forEach((span, i) => {
    for (let b = Math.max(0, span.start); b < Math.min(length, span.end); b++) owner[b] = i;
  });
  return owner;
}

function printable(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '·';
}

/**
 * Raw bytes in rows of 16 with each field's span coloured and labelled (the Hex Fiend /
 * ImHex template idea): the legend names every span and hovering one lights its bytes.
 */
export function HexView({ bytes, baseOffset, spans = [], highlight = null, mark = null, initialLimit = 4096 }: HexViewProps) {
  const [showAll, setShowAll] = useState(false);
  const [hovered, setHovered] = useState<number | null>(null);
  const owner = useMemo(() => spanIndexPerByte(bytes.length, spans), [bytes, spans]);
  const limit = showAll ? Math.min(bytes.length, SHOW_ALL_CAP) : Math.min(bytes.length, initialLimit);
  // Rows start at file offsets that are multiples of 16, as in every hex editor.
  const lead = baseOffset % BYTES_PER_ROW;
  const rows = Math.ceil((lead + limit) / BYTES_PER_ROW);

  const byteClass = (i: number): string => {
    const spanIndex = owner[i]!;
    let cls = spanIndex >= 0 ? fieldClass(spans[spanIndex]!.field) : 'field-none';
    if (spanIndex >= 0 && spanIndex === hovered) cls += ' hex-hovered';
    if (highlight && i >= highlight.start && i < highlight.end) cls += ' hex-trouble';
    if (mark && i === mark.index) cls += ' hex-flipped';
    return cls;
  };
  const byteTitle = (i: number): string => {
    const spanIndex = owner[i]!;
    const at = `offset ${formatOffset(baseOffset + i)} (${baseOffset + i})`;
    const field = spanIndex >= 0 ? `${spans[spanIndex]!.label ?? spans[spanIndex]!.field} — ` : '';
    if (mark && i === mark.index) return `${mark.label} · ${field}${at}`;
    if (highlight && i >= highlight.start && i < highlight.end) return `${highlight.label} · ${field}${at}`;
    return `${field}${at}`;
  };

  return (
    <div className="hex-view">
      {(spans.length > 0 || mark) && (
        <ul className="hex-legend" aria-label="Fields">
          {spans.map((span, i) => (
            <li
              key={`${span.field}-${span.start}`}
              className={`hex-legend-item ${fieldClass(span.field)}`}
              data-field={span.field}
              title={`${span.label ?? span.field}: bytes ${span.start}–${span.end - 1} (${span.end - span.start} B), offset ${formatOffset(baseOffset + span.start)}`}
              onMouseEnter={() => setHovered(i)}
              onMouseLeave={() => setHovered(null)}
            >
              <span className="hex-swatch" aria-hidden="true" />
              <span className="hex-legend-name">{span.label ?? span.field}</span>
            </li>
          ))}
          {highlight && (
            <li className="hex-legend-item hex-trouble-legend">
              <span className="hex-swatch" aria-hidden="true" />
              <span className="hex-legend-name">{highlight.label}</span>
              <span className="hex-legend-range">
                {highlight.start}–{highlight.end - 1} ({highlight.end - highlight.start} B)
              </span>
            </li>
          )}
          {mark && (
            <li className="hex-legend-item hex-flipped-legend" data-testid="hex-flipped-legend">
              <span className="hex-swatch" aria-hidden="true" />
              <span className="hex-legend-name">{mark.label}</span>
            </li>
          )}
        </ul>
      )}
      <div className="hex-grid" role="table" aria-label="Raw bytes">
        {Array.from({ length: rows }, (_, row) => {
          const from = row * BYTES_PER_ROW - lead;
          const to = Math.min(limit, from + BYTES_PER_ROW);
          const cells = [];
          const text = [];
          for (let i = from; i < 0; i++) {
            cells.push(<span key={i} className="hex-byte hex-pad" aria-hidden="true" />);
            text.push(<span key={i} className="hex-char hex-pad" aria-hidden="true" />);
          }
          for (let i = Math.max(0, from); i < to; i++) {
            const cls = byteClass(i);
            const title = byteTitle(i);
            const spanIndex = owner[i]!;
            const field = spanIndex >= 0 ? spans[spanIndex]!.field : undefined;
            cells.push(
              <span key={i} className={`hex-byte ${cls}`} title={title} data-field={field}>
                {formatHexByte(bytes[i]!)}
              </span>,
            );
            text.push(
              <span key={i} className={`hex-char ${cls}`} title={title}>
                {printable(bytes[i]!)}
              </span>,
            );
          }
          return (
            <div className="hex-row" role="row" key={row}>
              <span className="hex-offset" role="rowheader">
                {formatOffset(baseOffset + from)}
              </span>
              <span className="hex-bytes" role="cell">
                {cells}
              </span>
              <span className="hex-text" role="cell">
                {text}
              </span>
            </div>
          );
        })}
      </div>
      {bytes.length > limit && (
        <button type="button" className="link-button" onClick={() => setShowAll(true)} disabled={showAll}>
          {showAll
            ? `Showing the first ${limit} of ${bytes.length} bytes`
            : `Show all ${bytes.length} bytes${bytes.length > SHOW_ALL_CAP ? ` (first ${SHOW_ALL_CAP})` : ''}`}
        </button>
      )}
    </div>
  );
}
