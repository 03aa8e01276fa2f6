import { useMemo, useState } from 'react';
import { diffJson, foldUnchanged, summarizeDiff, type DiffLine } from '../lib/json-diff.js';

interface JsonDiffViewProps {
  /** The document before; `undefined` when it did not exist. */
  readonly before: unknown;
  /** The document after; `undefined` when it is deleted. */
  readonly after: unknown;
  readonly context?: number;
}

const MARK: Record<DiffLine['kind'], string> = { same: ' ', added: '+', removed: '−' };

function Line({ line }: { readonly line: DiffLine }) {
  return (
    <div className={`diff-line diff-${line.kind}`} data-kind={line.kind}>
      <span className="diff-mark" aria-hidden="true">
        {MARK[line.kind]}
      </span>
      <span className="diff-text" style={{ paddingInlineStart: `${line.depth * 2}ch` }}>
        {line.kind === 'added' ? <span className="visually-hidden">added: </span> : null}
        {line.kind === 'removed' ? <span className="visually-hidden">removed: </span> : null}
        {line.text}
      </span>
    </div>
  );
}

/** Before/after of one JSON document as a unified diff, long unchanged runs folded. */
export function JsonDiffView({ before, after, context = 3 }: JsonDiffViewProps) {
  const lines = useMemo(() => diffJson(before, after), [before, after]);
  const chunks = useMemo(() => foldUnchanged(lines, context), [lines, context]);
  const stats = useMemo(() => summarizeDiff(lines), [lines]);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());

  return (
    <div className="json-diff" aria-label="Document changes">
      <div className="diff-summary">
        <span className="diff-count-added">+{stats.added}</span> <span className="diff-count-removed">−{stats.removed}</span>
        {stats.added === 0 && stats.removed === 0 && <span className="muted"> no change</span>}
      </div>
      <div className="diff-body">
        {chunks.map((chunk) =>
          chunk.type === 'lines' || expanded.has(chunk.start) ? (
            (chunk.type === 'lines' ? chunk.lines : lines.slice(chunk.start, chunk.start + chunk.count)).map((line, i) => (
              <Line key={chunk.start + i} line={line} />
            ))
          ) : (
            <button
              key={chunk.start}
              type="button"
              className="diff-fold"
              onClick={() => setExpanded(new Set([...expanded, chunk.start]))}
            >
              ⋯ {chunk.count} unchanged line{chunk.count === 1 ? '' : 's'}
            </button>
          ),
        )}
      </div>
    </div>
  );
}
