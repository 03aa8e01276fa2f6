import type { InspectorError, VerifyReport } from '../../contract.js';
import { inspectorApi } from '../api-ref.js';
import type { SliceCreator } from '../app-state.js';

export interface VerifySlice {
  readonly verifyReport: VerifyReport | null;
  readonly verifyRunning: string | null;
  readonly verifyError: InspectorError | null;
  /** Store to check against; null = the log alone; undefined = the session's collection. */
  readonly verifyStore: string | null | undefined;
  /** Why the report shown no longer describes the store (a recovery or checkpoint since), or null. */
  readonly verifyStale: string | null;
  /** Says the report is out of date (called when a recovery or checkpoint changed the files). */
  markVerifyStale: (why: string) => void;
  setVerifyStore: (store: string | null | undefined) => void;
  runVerify: () => Promise<void>;
}

export const initialVerifyState = {
  verifyReport: null,
  verifyRunning: null,
  verifyError: null,
  verifyStore: undefined,
  verifyStale: null,
};

export const createVerifySlice: SliceCreator<VerifySlice> = (set, get) => ({
  ...initialVerifyState,
  setVerifyStore: (verifyStore) => set({ verifyStore }),
  markVerifyStale: (why) => set((s) => (s.verifyReport ? { verifyStale: why } : {})),
  runVerify: async () => {
    const session = get().session;
    if (session?.store) return get().runStoreVerify();
    if (!session || get().verifyRunning) return;
    set({ verifyError: null, view: 'verify' });
    const store = get().verifyStore;
    const outcome = await get().runJob('Verifying', 'verify', (job_id) => {
      set({ verifyRunning: job_id });
      return inspectorApi().verify.run(
        store === undefined ? { session_id: session.session_id, job_id } : { session_id: session.session_id, store, job_id },
      );
    });
    if (get().session?.session_id !== session.session_id) return;
    if (outcome.ok) set({ verifyReport: outcome.value, verifyRunning: null, verifyStale: null });
    else set({ verifyError: outcome.error, verifyRunning: null });
  },
});
