import { snapshotRehearsal, type RehearsalSnapshot } from '../restore/rehearsal.js';
import type { FilePlan } from '../restore/restore-types.js';
import { fail } from './inspector-error.js';
import type { Session } from './session.js';

/** A rehearsal written in a session: its plan (a restore's or a recovery's) for promote, what it wrote for discard. */
export interface HeldRehearsal {
  readonly id: string;
  readonly plan: FilePlan;
  readonly written: RehearsalSnapshot;
}

/** A session's last rehearsal (restore.apply or recovery.apply of an `into` plan); freed with the session. */
const rehearsals = new WeakMap<Session, HeldRehearsal>();

/** Keeps what an `into` plan just wrote as the session's rehearsal (replacing the one before), under the plan's id. */
export async function keepRehearsal(session: Session, id: string, plan: FilePlan): Promise<void> {
  if (plan.into === null) return;
  rehearsals.set(session, { id, plan, written: await snapshotRehearsal(plan.into) });
}

/** The session's rehearsal `planId`; UNKNOWN_PLAN otherwise. */
export function rehearsalOf(session: Session, planId: string): HeldRehearsal {
  const held = rehearsals.get(session);
  if (held?.id !== planId) fail('UNKNOWN_PLAN', `no rehearsal ${planId} in this session (rehearse first: restore.plan or recovery.plan with "into", then its apply)`);
  return held;
}

export function dropRehearsal(session: Session): void {
  rehearsals.delete(session);
}
