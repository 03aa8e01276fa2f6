import { createReadStream } from 'node:fs';
import { mkdir, open, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { removeStaleTemps, tempPathFor } from '../fs/temp-files.js';
import { parseJson, toCompactText, type JsonValue } from '../json/index.js';
import { parseDocumentFile, renderDocument } from '../store/document-file.js';
import type { ChangeBasis, DocumentChange, RecoveryPlan } from './recovery-types.js';

/** Where plans kept on disk go: one private directory per user's temp dir. */
export function planDirectory(): string {
  return join(tmpdir(), 'wal-inspector-plans');
}

/** Directories already cleared of stale plan files by this process. */
const cleared = new Set<string>();

type ChangeLine = Omit<DocumentChange, 'before' | 'after' | 'deletedAfter'> & { before: string | null; after: string | null; deletedAfter?: string };
interface BasisLine { live: string | null; deleted?: string | null; deletedCopy?: string; recreated?: boolean }

const text = (v: JsonValue | null): string | null => (v === null ? null : toCompactText(v));

function value(t: string | null): JsonValue | null {
  if (t === null) return null;
  const parsed = parseJson(t);
  if (!parsed.ok) throw new Error(`plan file: a document no longer parses: ${parsed.message}`);
  return parsed.value;
}

/**
 * Writes a plan to a new temporary file (JSON Lines: the plan without its changes, then one
 * line per change with its basis; documents as compact text, numbers exact), private to the
 * user, named as our temporary files are so that one left by a process that died is removed
 * the next time a plan is written. The caller removes it (`removePlanFile`).
 */
export async function writePlanFile(plan: RecoveryPlan, dir = planDirectory()): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (!cleared.has(dir)) {
    cleared.add(dir);
    await removeStaleTemps(dir).catch(() => 0);
  }
  const file = tempPathFor(join(dir, 'recovery-plan'));
  const fh = await open(file, 'wx', 0o600);
  try {
    const { changes, basis, ...rest } = plan;
    let chunk = JSON.stringify(rest) + '\n';
    for (const c of changes) {
      const b = basis.get(c.documentId)!;
      const line: { c: ChangeLine; b: BasisLine } = {
        c: { ...c, before: text(c.before), after: text(c.after), ...(c.deletedAfter !== undefined ? { deletedAfter: toCompactText(c.deletedAfter) } : {}) } as ChangeLine,
        b: { live: b.live, ...(b.deleted !== undefined ? { deleted: b.deleted } : {}), ...(b.deletedCopy ? { deletedCopy: renderDocument(b.deletedCopy) } : {}), ...(b.recreated ? { recreated: true } : {}) },
      };
      chunk += JSON.stringify(line) + '\n';
      if (chunk.length > 1 << 20) {
        await fh.write(chunk);
        chunk = '';
      }
    }
    await fh.write(chunk);
  } catch (err) {
    await fh.close();
    await unlink(file).catch(() => undefined);
    throw err;
  }
  await fh.close();
  return file;
}

/** Reads back a plan written by writePlanFile. */
export async function readPlanFile(file: string): Promise<RecoveryPlan> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let head: Omit<RecoveryPlan, 'changes' | 'basis'> | undefined;
  const changes: DocumentChange[] = [];
  const basis = new Map<string, ChangeBasis>();
  for await (const line of lines) {
    if (!head) {
      head = JSON.parse(line) as Omit<RecoveryPlan, 'changes' | 'basis'>;
      continue;
    }
    const { c, b } = JSON.parse(line) as { c: ChangeLine; b: BasisLine };
    const change = { ...c, before: value(c.before), after: value(c.after) } as DocumentChange & { deletedAfter?: JsonValue };
    if (c.deletedAfter !== undefined) change.deletedAfter = value(c.deletedAfter)!;
    changes.push(change);
    let deletedCopy;
    if (b.deletedCopy !== undefined) {
      const parsed = parseDocumentFile(new TextEncoder().encode(b.deletedCopy), c.documentId);
      if (!parsed.ok) throw new Error(`plan file: a soft-deleted copy no longer parses: ${parsed.message}`);
      deletedCopy = parsed.document;
    }
    basis.set(c.documentId, {
      live: b.live, ...(b.deleted !== undefined ? { deleted: b.deleted } : {}), ...(deletedCopy ? { deletedCopy } : {}), ...(b.recreated ? { recreated: true } : {}),
    });
  }
  if (!head) throw new Error(`plan file ${file} is empty`);
  return { ...head, changes, basis };
}

/** Removes a plan file; one already gone is fine. */
export async function removePlanFile(file: string): Promise<void> {
  await unlink(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}
