import type { AppState } from './app-state.js';

/** Derived values, computed from state on read (never stored). */

export function selectActiveFilterCount(s: AppState): number {
  const f = s.filter;
  let n = 0;
  if (f.types) n++;
  if (f.collection) n++;
  if (f.document_id || f.document_id_prefix) n++;
  if (f.transaction_id) n++;
  if (f.text) n++;
  if (f.damage && f.damage !== 'include') n++;
  if (f.time_from !== undefined || f.time_to !== undefined) n++;
  return n;
}

export function selectDamageCount(s: AppState): number {
  return s.session?.progress.damaged ?? 0;
}

export function selectTimeSelection(s: AppState): { from: number; to: number } | null {
  const { time_from: from, time_to: to } = s.filter;
  return from !== undefined && to !== undefined ? { from, to } : null;
}

export function selectSessionTitle(s: AppState): string {
  const session = s.session;
  if (!session) return '';
  return session.collection ?? session.wal_dir ?? session.input;
}
