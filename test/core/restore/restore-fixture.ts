/** Stores with hand-built histories for the restore tests (in os.tmpdir()). Not a test file. */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeBinaryEntry } from '../../../core/wal/binary-codec.js';
import { documentText, makeStore, type TestStore } from '../store/store-fixture.js';
import { entries, type Step } from '../history/history-fixture.js';

export const walOf = (steps: readonly Step[], collection = 'users'): Buffer => Buffer.concat(entries(steps, collection).map((e) => encodeBinaryEntry(e)));

/** A collection `users` holding `docs` (id → data text), its log the steps. */
export function storeWith(docs: Record<string, string>, steps: readonly Step[]): Promise<TestStore> {
  return makeStore(docs, walOf(steps));
}

/** Adds a collection to a store: documents and a log of its own. */
export async function addCollection(storeDir: string, name: string, docs: Record<string, string>, steps: readonly Step[]): Promise<string> {
  const dir = join(storeDir, 'data', name);
  await mkdir(join(dir, '.wal'), { recursive: true });
  for (const [id, data] of Object.entries(docs)) await writeFile(join(dir, `${id}.json`), await documentText(id, data));
  await writeFile(join(dir, '.wal', 'transactions.wal'), walOf(steps, name));
  return dir;
}

/** Splits a collection's log: the first steps go to a rotated segment compressed with the zstd CLI. */
export async function rotateCompressed(walDir: string, first: readonly Step[], rest: readonly Step[], collection = 'users'): Promise<string> {
  const name = 'transactions.1732400000.wal';
  await writeFile(join(walDir, name), walOf(first, collection));
  execFileSync('zstd', ['-q', '--rm', join(walDir, name)]);
  await writeFile(join(walDir, 'transactions.wal'), walOf(rest, collection));
  return `${name}.zst`;
}
