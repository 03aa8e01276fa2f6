import { useState } from 'react';
import { CopyButton } from './copy-button.js';
import { LosslessNumber, scalarJson, stringifyLossless } from '../lib/lossless-json.js';

interface JsonTreeProps {
  readonly value: unknown;
  /** Containers deeper than this start collapsed. */
  readonly expandDepth?: number;
  readonly label?: string;
  /** What "Copy JSON" copies (default: the value printed with its numbers as written). */
  readonly copyText?: string;
}

const CHILD_PAGE = 200;

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !(value instanceof LosslessNumber);
}

function childEntries(value: object): Array<[string, unknown]> {
  return Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.keys(value).map((k) => [k, (value as Record<string, unknown>)[k]]);
}

function summary(value: object): string {
  const n = Array.isArray(value) ? value.length : Object.keys(value).length;
  if (Array.isArray(value)) return `[${n} item${n === 1 ? '' : 's'}]`;
  return `{${n} key${n === 1 ? '' : 's'}}`;
}

function ScalarValue({ value }: { readonly value: unknown }) {
  const kind = value === null ? 'null' : value instanceof LosslessNumber ? 'number' : typeof value;
  return <span className={`json-${kind}`}>{scalarJson(value)}</span>;
}

interface NodeProps {
  readonly name: string | null;
  readonly value: unknown;
  readonly depth: number;
  readonly expandDepth: number;
}

function JsonNode({ name, value, depth, expandDepth }: NodeProps) {
  const [open, setOpen] = useState(depth < expandDepth);
  const [shown, setShown] = useState(CHILD_PAGE);
  const key = name === null ? null : <span className="json-key">{name}: </span>;
  if (!isContainer(value)) {
    return (
      <li role="treeitem" className="json-node" aria-selected={false}>
        {key}
        <ScalarValue value={value} />
      </li>
    );
  }
  const children = open ? childEntries(value) : [];
  return (
    <li role="treeitem" className="json-node" aria-expanded={open} aria-selected={false}>
      <button type="button" className="json-toggle" onClick={() => setOpen(!open)} aria-label={open ? 'Collapse' : 'Expand'}>
        {open ? '▾' : '▸'}
      </button>
      {key}
      <span className="json-summary">{summary(value)}</span>
      <CopyButton className="json-copy" label="copy" text={() => stringifyLossless(value)} />
      {open && (
        <ul role="group" className="json-children">
          {children.slice(0, shown).map(([k, v]) => (
            <JsonNode key={k} name={Array.isArray(value) ? k : JSON.stringify(k)} value={v} depth={depth + 1} expandDepth={expandDepth} />
          ))}
          {children.length > shown && (
            <li className="json-more">
              <button type="button" className="link-button" onClick={() => setShown(shown + CHILD_PAGE)}>
                Show {Math.min(CHILD_PAGE, children.length - shown)} more of {children.length - shown}
              </button>
            </li>
          )}
        </ul>
      )}
    </li>
  );
}

/** A collapsible JSON tree with a copy button on every object and array. */
export function JsonTree({ value, expandDepth = 2, label = 'Document data', copyText }: JsonTreeProps) {
  return (
    <div className="json-tree">
      <div className="json-tree-toolbar">
        <CopyButton label="Copy JSON" text={() => copyText ?? stringifyLossless(value)} />
      </div>
      <ul role="tree" aria-label={label} className="json-root">
        <JsonNode name={null} value={value} depth={0} expandDepth={expandDepth} />
      </ul>
    </div>
  );
}
