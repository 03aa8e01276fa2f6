/** Stores with hand-built histories for the restore tests (in os.tmpdir()). Not a test file. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeBinaryEntry } from '../../../core/wal/binary-codec.js';
import { documentText, makeStore, type TestStore } from '../store/store-fixture.js';
import { D, entries, I, U, type Step } from '../history/history-fixture.js';

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

/**
 * A store of `count` documents d00…: each inserted at 1; at 5 the even ones overwritten with an
 * `oops` field and every third deleted (the documents on disk as the log leaves them). A restore
 * to 2 puts each back.
 */
export function overwrittenStore(count: number, extra: { steps?: readonly Step[]; docs?: Record<string, string> } = {}): Promise<TestStore> {
  const steps: Step[] = [];
  const docs: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const id = `d${String(i).padStart(2, '0')}`;
    steps.push(I(id, `{"v":${i}}`, { at: 1 }));
    if (i % 3 === 0) steps.push(D(id, { at: 5 }));
    else if (i % 2 === 0) {
      steps.push(U(id, `{"v":${i},"oops":1}`, { at: 5 }));
      docs[id] = `{"oops":1,"v":${i}}`;
    } else docs[id] = `{"v":${i}}`;
  }
  return storeWith({ ...docs, ...extra.docs }, [...steps, ...(extra.steps ?? [])]);
}

/**
 * A collection whose files lag its log, with every kind of file step a recovery makes: `count`
 * new documents (every third updated, every third deleted again), `onDisk` documents on disk the
 * log updates or deletes, `reinserted` documents deleted then inserted again (a `.deleted/` copy
 * and a new live file), and `extra` documents the log never names.
 */
export function laggingStore(count: number, onDisk: number, reinserted: number, extra: Record<string, string> = {}): Promise<TestStore> {
  const steps: Step[] = [];
  const docs: Record<string, string> = { ...extra };
  for (let i = 0; i < count; i++) {
    steps.push(I(`d${i}`, `{"v":${i}}`));
    if (i % 3 === 1) steps.push(U(`d${i}`, `{"u":1,"v":${i}}`));
    if (i % 3 === 2) steps.push(D(`d${i}`));
  }
  for (let j = 0; j < onDisk; j++) {
    docs[`e${j}`] = `{"v":${j}}`;
    steps.push(j % 2 ? U(`e${j}`, `{"v":${j},"w":1}`) : D(`e${j}`));
  }
  for (let k = 0; k < reinserted; k++) steps.push(I(`r${k}`, '{"a":1}'), D(`r${k}`), I(`r${k}`, '{"b":2}'));
  return storeWith(docs, steps);
}

/** The document files of a collection directory and its .deleted/, by name → text. */
export function documentFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const sub of ['', '.deleted']) {
    const d = join(dir, sub);
    if (!fs.existsSync(d)) continue;
    for (const n of fs.readdirSync(d).sort()) if (n.endsWith('.json') && !n.startsWith('.')) out[join(sub, n)] = fs.readFileSync(join(d, n), 'utf8');
  }
  return out;
}
