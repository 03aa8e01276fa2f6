/** Named queries, kept per user in this browser profile (localStorage), newest first. */
export interface SavedQuery {
  readonly name: string;
  readonly where: string;
}

const KEY = 'wal-inspector.saved-queries';

export function loadSavedQueries(storage: Storage | undefined = globalThis.localStorage): SavedQuery[] {
  try {
    const raw = storage?.getItem(KEY);
    const list: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(list) ? list.filter((q): q is SavedQuery => typeof q?.name === 'string' && typeof q?.where === 'string') : [];
  } catch {
    return [];
  }
}

/** Saves (or replaces, by name) a query; returns the new list. */
export function saveQuery(q: SavedQuery, storage: Storage | undefined = globalThis.localStorage): SavedQuery[] {
  const list = [q, ...loadSavedQueries(storage).filter((x) => x.name !== q.name)].slice(0, 100);
  storage?.setItem(KEY, JSON.stringify(list));
  return list;
}

export function removeQuery(name: string, storage: Storage | undefined = globalThis.localStorage): SavedQuery[] {
  const list = loadSavedQueries(storage).filter((x) => x.name !== name);
  storage?.setItem(KEY, JSON.stringify(list));
  return list;
}
