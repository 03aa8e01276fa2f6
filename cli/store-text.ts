import type { CollectionWalConfig, SkippedCollection } from '../core/inspector/use-cases/store-wide.js';
import { UsageError } from './cli-io.js';
import { escapeControls } from './terminal-text.js';

/** `--collection NAME`, repeatable: picks collections of a store root (Sentinel's `--collection`). */
export const COLLECTION_OPTION = { collection: { type: 'string', multiple: true } } as const;

/** The heading of one collection's section in a store-wide report. */
export function sectionHeading(name: string): string {
  return `== collection ${escapeControls(name)} ==\n`;
}

/** Collections a store-wide run left out, one line each. */
export function skippedLines(skipped: readonly SkippedCollection[]): string {
  return skipped.map((s) => `skipped collection ${escapeControls(s.collection)}: ${escapeControls(s.reason)}\n`).join('');
}

/** A collection's `.metadata.json` WAL settings in one line. */
export function walConfigLine(w: CollectionWalConfig): string {
  const limits = [w.max_wal_size_bytes === null ? null : `${w.max_wal_size_bytes} bytes`, w.max_records_per_file === null ? null : `${w.max_records_per_file} records`]
    .filter((x) => x !== null).join(' or ');
  return `WAL configuration (${w.source === 'file' ? '.metadata.json' : 'Sentinel\'s defaults: no .metadata.json, or no wal_config in it'}): ${w.format === 'jsonl' ? 'JSON Lines' : 'binary'}, ` +
    `rotated segments ${w.compression === 'none' ? 'uncompressed' : w.compression}, rotate at ${limits || 'no limit'}; ` +
    `write mode ${w.write_mode}, verification mode ${w.verification_mode}, auto-verify ${w.auto_verify ? 'on' : 'off'}, recovery ${w.enable_recovery ? 'on' : 'off'}` +
    w.problems.map((p) => `\n  note: ${escapeControls(p)}`).join('') + '\n';
}

/** `--collection` given for a path that is not a store root. */
export function notAStore(path: string): UsageError {
  return new UsageError(`--collection picks collections of a store root (a directory holding data/); ${path} is not one`);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
export { plural };
