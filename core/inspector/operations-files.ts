import { exportRows } from './export-rows.js';
import { listDirectory } from './fs-list.js';
import { fail } from './inspector-error.js';
import { throwIfAborted } from './jobs.js';
import { guardPath, type Handlers, type ServiceState } from './service-state.js';
import { convertChain } from './use-cases/convert.js';
import { planRepairOf, repairChain } from './use-cases/repair.js';

/** fs.list, export.rows, export.download, convert.run, repair.plan/apply. */
export function fileOperations(state: ServiceState): Pick<Handlers, 'fs.list' | 'export.rows' | 'export.download' | 'convert.run' | 'repair.plan' | 'repair.apply'> {
  return {
    'fs.list': async (args) => {
      if (state.options.fileBrowser === false) {
        fail('NOT_AVAILABLE', 'fs.list is not available in the desktop app: use File › Open (a native dialog) instead');
      }
      const places = state.options.demoStore ? [{ label: 'Demo store', path: state.options.demoStore }] : [];
      return listDirectory(args.path, args.show_hidden ?? false, places);
    },
    'export.rows': async (args, job) => {
      const s = state.session(args.session_id);
      const dest = guardPath(state, args.path, 'write');
      return exportRows(s, { ...args, path: dest }, job);
    },
    'export.download': async ({ session_id, ...query }) => {
      if (!state.options.downloads) fail('NOT_AVAILABLE', 'export.download is for browser mode (wal-inspector serve): here export.rows writes the file where you choose');
      state.session(session_id);
      return state.downloads.create(session_id, query);
    },
    'convert.run': async (args, job) => {
      const s = state.session(args.session_id);
      const dest = guardPath(state, args.path, 'write');
      const total = s.indexer.progress().entries;
      const r = await convertChain(s.located.location, dest, {
        format: args.format, signal: job.signal,
        onProgress: (entries) => {
          job.progress(entries, total, 'entries');
        },
        ...(s.forcedFormat ? { inputFormat: s.forcedFormat } : {}),
      });
      throwIfAborted(job.signal, 'the conversion');
      return r;
    },
    'repair.plan': async (args, job) => {
      const s = state.session(args.session_id);
      const r = await planRepairOf(s.located.location, {
        signal: job.signal, onProgress: (done, total) => job.progress(done, total, 'bytes'),
        ...(s.forcedFormat ? { inputFormat: s.forcedFormat } : {}),
      });
      throwIfAborted(job.signal, 'the repair preview');
      return r;
    },
    'repair.apply': async (args, job) => {
      const s = state.session(args.session_id);
      const dest = guardPath(state, args.path, 'write');
      return repairChain(s.located.location, dest, {
        signal: job.signal, onProgress: (done, total) => job.progress(done, total, 'bytes'),
        ...(s.forcedFormat ? { inputFormat: s.forcedFormat } : {}),
      });
    },
  };
}
