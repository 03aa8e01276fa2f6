function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What a person should know before applying a restore, in words; the first always says how uncommitted work counts. */
export function restoreNotes(r: {
  uncommitted: 'excluded' | 'included'; uncommittedEntries: number; damaged: number; invalidIds: number;
  unknownTransactions: readonly string[]; resigned: number; conflicts: number; incomplete: number;
  withoutLog: readonly string[]; onConflict: 'keep' | 'later' | 'excluded';
}): string[] {
  const notes = [
    r.uncommitted === 'excluded'
      ? `rolled-back and never-terminated transactions count as excluded (they never happened): ${plural(r.uncommittedEntries, 'entry', 'entries')}; --include-uncommitted keeps them`
      : `rolled-back and never-terminated transactions are kept (--include-uncommitted): ${plural(r.uncommittedEntries, 'entry', 'entries')}`,
  ];
  if (r.conflicts > 0) {
    notes.push(r.onConflict === 'keep'
      ? `${plural(r.conflicts, 'document')} in conflict, left as ${r.conflicts === 1 ? 'it is' : 'they are'} (see conflicts; --on-conflict later|excluded decides)`
      : `${plural(r.conflicts, 'conflict')} resolved with --on-conflict ${r.onConflict}`);
  }
  if (r.incomplete > 0) notes.push(`${plural(r.incomplete, 'document')} with an incomplete history not written (see incomplete)`);
  if (r.damaged > 0) notes.push(`${plural(r.damaged, 'damaged range')} of the log could not be read: entries in them are not part of any history`);
  if (r.invalidIds > 0) notes.push(`${plural(r.invalidIds, 'entry', 'entries')} with a document id Sentinel refuses left out`);
  for (const tx of r.unknownTransactions) notes.push(`no entry carries transaction ${tx}`);
  if (r.resigned > 0) notes.push(`${plural(r.resigned, 'signed document')} will be re-written unsigned (no signing key is available)`);
  if (r.withoutLog.length > 0) notes.push(`no log in ${r.withoutLog.join(', ')}: left as they are`);
  return notes;
}
