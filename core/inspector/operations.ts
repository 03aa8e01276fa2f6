import * as os from 'node:os';
import type { OperationName } from '../contract/contract.js';
import { entryDetail } from './entry/entry-detail.js';
import { fail } from './inspector-error.js';
import { openLocation } from './open-location.js';
import { fileOperations } from './operations-files.js';
import { watchGrowth } from './growth-watch.js';
import { historyOperations } from './operations-history.js';
import { storeOperations } from './operations-store.js';
import { storeSessionOperations } from './operations-store-session.js';
import { damageList } from './query/damage-list.js';
import { locateRow } from './query/locate-row.js';
import { rowPage } from './query/row-page.js';
import { stats } from './query/stats.js';
import { dataFields } from './query/where/data-fields.js';
import { timeline } from './query/timeline.js';
import { transactions, transactionsPage } from './query/transactions.js';
import { guardPath, type Handlers, type ServiceState } from './service-state.js';
import { Session } from './session.js';

const VERSION = '0.1.0';

function notAvailable(op: OperationName, why: string): never {
  fail('NOT_AVAILABLE', `${op} is not available here: ${why}`);
}

/** The handlers of every operation, over the service state. */
export function operationHandlers(state: ServiceState): Handlers {
  const { options } = state;
  return {
    'app.info': async () => ({
      mode: options.mode ?? 'test', version: options.version ?? VERSION, platform: process.platform,
      dialogs: options.extraHandlers?.['dialog.open'] !== undefined, file_browser: options.fileBrowser ?? true,
      demo_store: options.demoStore ?? null, cwd: process.cwd(), home: os.homedir(),
      open_on_start: typeof options.openOnStart === 'function' ? options.openOnStart() : options.openOnStart ?? null,
      downloads: options.downloads ?? false,
    }),
    'dialog.open': async () => notAvailable('dialog.open', 'there are no native dialogs in browser mode — use the file browser (fs.list) or type a path'),
    'recent.list': async () => state.recent.list(),
    'recent.clear': async () => {
      state.recent.clear();
      return null;
    },
    'session.open': async (args) => {
      const input = guardPath(state, args.path, 'read');
      const located = await openLocation(input, args.collection, args.collections);
      const id = state.newId();
      const format = args.format === undefined || args.format === 'auto' ? undefined : args.format;
      const session = new Session({
        id, input: args.path, located, emit: state.emit, followPollMs: options.followPollMs ?? 250, ...(format ? { format } : {}),
      });
      state.sessions.set(id, session);
      const stopWatch = watchGrowth(session, state.emit, options.growthPollMs);
      session.onClose(async () => stopWatch());
      state.recent.add(input, args.collection ?? null);
      return session.info();
    },
    'session.info': async (args) => state.session(args.session_id).info(),
    'session.list': async () => [...state.sessions.values()].map((s) => s.info()),
    'session.close': async (args) => {
      const s = state.session(args.session_id);
      state.sessions.delete(args.session_id);
      state.jobs.cancelSession(args.session_id);
      state.downloads.dropSession(args.session_id);
      await s.close();
      state.emit({ type: 'session.closed', session_id: args.session_id });
      return null;
    },
    'rows.page': async (args, job) => {
      const s = state.session(args.session_id);
      return rowPage(s, args.offset, args.limit, args.filter, args.sort, job.signal, (done, total) => job.progress(done, total, 'rows', 'searching data'), args.answer_within_ms);
    },
    'rows.locate': async ({ session_id, ...query }) => locateRow(state.session(session_id), query),
    'entry.get': async (args) => entryDetail(state.session(args.session_id), args.row),
    'damage.list': async (args) => damageList(state.session(args.session_id), args.offset ?? 0, args.limit ?? 1000),
    'timeline.get': async (args) => timeline(state.session(args.session_id), args.bucket_count, args.time_from, args.time_to, args.filter),
    'transactions.list': async (args) => transactions(state.session(args.session_id), args.offset ?? 0, args.limit ?? 200, args.status, args.where),
    'transactions.page': async ({ session_id, ...page }) => transactionsPage(state.session(session_id), page),
    'stats.get': async (args) => stats(state.session(args.session_id)),
    'query.fields': async (args) => dataFields(state.session(args.session_id), args.sample),
    'follow.set': async (args) => {
      const s = state.session(args.session_id);
      s.setFollow(args.enabled);
      return { following: s.following };
    },
    'job.cancel': async (args) => ({ cancelled: state.jobs.cancel(args.job_id) }),
    ...fileOperations(state),
    ...storeOperations(state),
    ...historyOperations(state),
    ...storeSessionOperations(state),
  };
}
