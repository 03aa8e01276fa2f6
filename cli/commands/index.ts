import type { CliCommandEntry } from '../cli-io.js';

/** Every command of the CLI, in the order `--help` lists them; each module loads when its command runs. */
export const COMMANDS: readonly CliCommandEntry[] = [
  { name: 'dump', summary: 'print the entries and damaged ranges of a log, in replay order', load: async () => (await import('./dump.js')).dumpCommand },
  { name: 'stats', summary: 'entries per type and collection, bytes, time span, transactions, damage', load: async () => (await import('./stats.js')).statsCommand },
  { name: 'convert', summary: 'write the intact entries of a log to a new file in binary or JSON Lines', load: async () => (await import('./convert.js')).convertCommand },
  { name: 'repair', summary: 'write a copy of a log with single-bit errors repaired (located by the CRC) and what cannot be repaired left out', load: async () => (await import('./repair.js')).repairCommand },
  { name: 'verify', summary: 'check a log against a store with the original\'s rules, plus our findings', load: async () => (await import('./verify.js')).verifyCommand },
  { name: 'recover', summary: 'replay a log into a store (safe: the original\'s rules; force: the log wins), previewed and backed up', load: async () => (await import('./recover.js')).recoverCommand },
  { name: 'history', summary: 'every version of one document in the log, with the state after each entry and its transaction\'s fate', load: async () => (await import('./history.js')).historyCommand },
  { name: 'restore', summary: 'restore documents to a point in time or undo transactions (keeping later independent changes), previewed and backed up, or --into a new directory', load: async () => (await import('./restore.js')).restoreCommand },
  { name: 'apply', summary: 'apply a plan file written by restore --plan-out or recover --plan-out, exactly, refusing if what it read changed', load: async () => (await import('./apply.js')).applyCommand },
  { name: 'compare', summary: 'per document, what a rehearsal (restore --into) differs from the live store, with the JSON paths', load: async () => (await import('./compare.js')).compareCommand },
  { name: 'promote', summary: 'apply a rehearsal\'s plan (restore --into --plan-out, then apply) to the live store, refusing if what it read changed', load: async () => (await import('./promote.js')).promoteCommand },
  { name: 'discard', summary: 'remove a rehearsal folder apply wrote from a plan file, only if nothing in it changed since', load: async () => (await import('./discard.js')).discardCommand },
  { name: 'checkpoint', summary: 'fsync the log and report where it ends; --compact seals the active segment once the store reflects it', load: async () => (await import('./checkpoint.js')).checkpointCommand },
  { name: 'serve', summary: 'open the inspector in a browser: serves the app and its API on 127.0.0.1', load: async () => (await import('./serve.js')).serveCommand },
];
