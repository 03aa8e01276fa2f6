import { readPlanFile, removePlanFile, writePlanFile } from '../recovery/plan-file.js';
import type { HeldRecovery } from './use-cases/recovery.js';
import type { PlannedStoreRecoveryFile } from './use-cases/recovery-plan-file.js';
import type { HeldStoreCheckpoint, HeldStoreRecovery } from './use-cases/store-wide.js';
import type { Session } from './session.js';

/**
 * A store session's plans, one per purpose as for a collection's session (a new preview
 * replaces the one before, whose id then answers UNKNOWN_PLAN), freed when the session closes.
 * A collection's part of more than `fileOver` changes waits for apply in a temporary file of its
 * own, so a store of many large collections does not hold every plan in memory at once.
 */
type StoredPart = { readonly collection: string; readonly held: Omit<HeldRecovery, 'plan'> & { readonly plan?: HeldRecovery['plan'] }; readonly file?: string };

export interface HeldStoreRecoveryEntry {
  readonly id: string;
  readonly root: string;
  readonly parts: readonly StoredPart[];
  readonly skipped: HeldStoreRecovery['skipped'];
  readonly options: HeldStoreRecovery['options'];
}

interface StorePlans {
  recovery?: HeldStoreRecoveryEntry;
  /** A store recovery's rehearsal plan (store.plan_recovery with `into`): beside the recovery plan, exact operations in memory. */
  rehearsal?: { readonly id: string; readonly planned: PlannedStoreRecoveryFile };
  checkpoint?: { readonly id: string; readonly held: HeldStoreCheckpoint };
}

const plansOf = new WeakMap<Session, StorePlans>();

function filesOf(entry: HeldStoreRecoveryEntry | undefined): string[] {
  return (entry?.parts ?? []).flatMap((p) => (p.file ? [p.file] : []));
}

async function removeFiles(files: readonly string[]): Promise<void> {
  for (const f of files) await removePlanFile(f);
}

export function storePlans(session: Session): StorePlans {
  let p = plansOf.get(session);
  if (!p) {
    plansOf.set(session, (p = {}));
    const mine = p;
    session.onClose(async () => {
      const files = filesOf(mine.recovery);
      delete mine.recovery;
      delete mine.checkpoint;
      delete mine.rehearsal;
      await removeFiles(files);
    });
  }
  return p;
}

/** Keeps a store recovery plan, replacing (and removing the files of) the one before. */
export async function keepStoreRecovery(
  session: Session, id: string, held: HeldStoreRecovery, o: { readonly fileOver: number; readonly dir?: string | undefined },
): Promise<void> {
  const plans = storePlans(session);
  const before = filesOf(plans.recovery);
  delete plans.recovery;
  await removeFiles(before);
  const parts: StoredPart[] = [];
  try {
    for (const p of held.parts) {
      if (p.held.plan.changes.length <= o.fileOver) {
        parts.push(p);
        continue;
      }
      const { plan, ...rest } = p.held;
      parts.push({ collection: p.collection, held: rest, file: await writePlanFile(plan, o.dir) });
    }
  } catch (err) {
    await removeFiles(parts.flatMap((p) => (p.file ? [p.file] : [])));
    throw err;
  }
  plans.recovery = { id, root: held.root, parts, skipped: held.skipped, options: held.options };
}

/** The plan use-cases/store-wide.ts applies, its parts kept on disk read back. */
export async function heldStoreRecovery(entry: HeldStoreRecoveryEntry): Promise<HeldStoreRecovery> {
  const parts = [];
  for (const p of entry.parts) {
    const plan = p.held.plan ?? (await readPlanFile(p.file!));
    parts.push({ collection: p.collection, held: { ...p.held, plan } });
  }
  return { root: entry.root, parts, skipped: entry.skipped, options: entry.options };
}

/** The plan is spent (applied, or it wrote something before it stopped): its id no longer answers and its files go. */
export async function spendStoreRecovery(session: Session, entry: HeldStoreRecoveryEntry): Promise<void> {
  const plans = storePlans(session);
  if (plans.recovery === entry) delete plans.recovery;
  await removeFiles(filesOf(entry));
}
