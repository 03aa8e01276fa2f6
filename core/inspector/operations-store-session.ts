import { VERIFY_LISTED } from '../contract/contract.js';
import { fail } from './inspector-error.js';
import { guardPath, type Handlers, type ServiceState } from './service-state.js';
import { storeTarget, verifyStore } from './use-cases/store-wide.js';
import type { Session } from './session.js';

/** The collections of a store session a call works on: those named (each must be in it), else all. */
function pickedNames(session: Session, names: readonly string[] | undefined): string[] {
  const store = session.located.store ?? fail('NOT_AVAILABLE', 'this is a store session\'s operation: open a store root of several collections');
  const open = store.parts.map((p) => p.collection.name);
  if (!names || names.length === 0) return open;
  for (const n of names) {
    if (!open.includes(n)) fail('NOT_FOUND', `no collection "${n}" in this session (collections: ${open.join(', ')})`, { collection: n });
  }
  return [...names];
}

/**
 * store.verify: the store-wide use case (store-wide.ts) over a store session's collections, so
 * that each collection's section is exactly `verify <collection> --json` and the totals its sums.
 */
export function storeSessionOperations(state: ServiceState): Pick<Handlers, 'store.verify'> {
  return {
    'store.verify': async (args, job) => {
      const s = state.session(args.session_id);
      const names = pickedNames(s, args.collections);
      const root = guardPath(state, s.located.store!.root, 'read');
      const target = await storeTarget(root, names, 'read');
      let current = '';
      if (!target) fail('NOT_FOUND', `${root} is no longer a store root (data/ is gone): open it again`, { file: root });
      return verifyStore(target, {
        listed: VERIFY_LISTED, signal: job.signal,
        // Progress is the current collection's entries, its message naming the collection.
        onCollection: (name, index, count) => { current = `${name} (${index + 1} of ${count})`; },
        onProgress: (p) => job.progress(p.done, p.total ?? null, 'entries', `${p.phase} ${current}`),
      });
    },
  };
}
