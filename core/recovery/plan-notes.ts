import type { RecoveryPlan } from './recovery-types.js';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Things a person should know before applying a plan, in words. */
export function planNotes(plan: Omit<RecoveryPlan, 'notes'>): string[] {
  const notes: string[] = [];
  if (plan.mode === 'force') {
    notes.push(
      'force implements the original\'s documented intent (every Insert/Update makes the document exactly its data, ' +
        'no merge); the original\'s own force, with a real collection, fails on conflicts and merges updates instead',
    );
  }
  const resigned = plan.changes.filter((c) => c.operation === 'update' && c.rewritesSigned).length;
  if (resigned > 0) notes.push(`${plural(resigned, 'signed document')} will be re-written unsigned (no signing key is available)`);
  if (plan.flagged.length > 0) {
    const names = [...new Set(plan.flagged.map((f) => f.collection))].slice(0, 5).map((n) => JSON.stringify(n)).join(', ');
    notes.push(`${plural(plan.flagged.length, 'entry', 'entries')} name another collection (${names}); they are applied to "${plan.collection}" as the original does`);
  }
  if (plan.lost.length > 0) notes.push(`${plural(plan.lost.length, 'damaged range')} of the log cannot be replayed (see lost)`);
  if (plan.dropped.length > 0) notes.push(`${plural(plan.dropped.length, 'entry', 'entries')} of rolled-back or unterminated transactions left out (committed-only)`);
  return notes;
}
