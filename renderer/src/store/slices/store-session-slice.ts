import type {
  InspectorError, StoreCheckpointPlan, StoreCheckpointResult, StoreRecoveryPlan, StoreRecoveryResult, StoreSessionCollection, StoreVerifyReport,
} from '../../contract.js';
import { inspectorApi } from '../api-ref.js';
import type { AppState, SliceCreator } from '../app-state.js';
import { checkpointChoices } from './checkpoint-slice.js';

/**
 * A store session (a store root of several collections): which collections Verify and the
 * recovery wizard work on (ticked in the collection list), and their store-wide answers — a
 * section per collection (store.verify, store.plan_recovery, store.apply_recovery).
 */
export interface StoreSessionSlice {
  /** Collections ticked; null: the default, every collection but system ones (what `recover <root>` takes). */
  readonly storeTicked: readonly string[] | null;
  readonly storeVerifyReport: StoreVerifyReport | null;
  readonly storeVerifyRunning: string | null;
  readonly storeVerifyError: InspectorError | null;
  /** Why the store report no longer describes the store (a recovery since), or null. */
  readonly storeVerifyStale: string | null;
  readonly storeRecoveryPlan: StoreRecoveryPlan | null;
  readonly storeRecoveryResult: StoreRecoveryResult | null;
  readonly storeCheckpointPlan: StoreCheckpointPlan | null;
  readonly storeCheckpointResult: StoreCheckpointResult | null;
  /** The checkpoint dialog's preview and apply on a store session (its busy and error fields are the dialog's own). */
  planStoreCheckpoint: () => Promise<void>;
  applyStoreCheckpoint: () => Promise<void>;
  /** What the timeline's bars stack by (a store session can stack by collection). */
  readonly timelineStack: 'type' | 'collection';
  setStoreTicked: (names: readonly string[] | null) => void;
  setTimelineStack: (stack: 'type' | 'collection') => void;
  toggleStoreCollection: (name: string, ticked: boolean) => void;
  runStoreVerify: () => Promise<void>;
  /** The wizard's plan and apply steps on a store session (its step, job and error fields are the wizard's own). */
  planStoreRecovery: () => Promise<void>;
  applyStoreRecovery: () => Promise<void>;
}

export const initialStoreSessionState = {
  storeTicked: null,
  storeVerifyReport: null,
  storeVerifyRunning: null,
  storeVerifyError: null,
  storeVerifyStale: null,
  storeRecoveryPlan: null,
  storeRecoveryResult: null,
  timelineStack: 'type' as 'type' | 'collection',
  storeCheckpointPlan: null,
  storeCheckpointResult: null,
};

const defaultTicked = (collections: readonly StoreSessionCollection[]) => collections.filter((c) => !c.system).map((c) => c.collection);

/** The collections ticked, in the list's order. */
export function selectTickedCollections(s: Pick<AppState, 'session' | 'storeTicked'>): readonly string[] {
  const collections = s.session?.store?.collections ?? [];
  if (s.storeTicked === null) return defaultTicked(collections);
  const ticked = new Set(s.storeTicked);
  return collections.filter((c) => ticked.has(c.collection)).map((c) => c.collection);
}

/**
 * The `collections` argument: omitted when the ticks are the default, so that the service takes
 * what the CLI takes on the store root (and lists the system collections it leaves out).
 */
function collectionsArg(s: AppState): { collections?: readonly string[] } {
  return s.storeTicked === null ? {} : { collections: selectTickedCollections(s) };
}

export const createStoreSessionSlice: SliceCreator<StoreSessionSlice> = (set, get) => ({
  ...initialStoreSessionState,
  setStoreTicked: (storeTicked) => set({ storeTicked }),
  setTimelineStack: (timelineStack) => set({ timelineStack }),
  toggleStoreCollection: (name, ticked) => {
    const now = new Set(selectTickedCollections(get()));
    if (ticked) now.add(name);
    else now.delete(name);
    set({ storeTicked: [...now] });
  },
  runStoreVerify: async () => {
    const session = get().session;
    if (!session?.store || get().storeVerifyRunning) return;
    set({ storeVerifyError: null, view: 'verify' });
    const args = collectionsArg(get());
    const outcome = await get().runJob('Verifying the store', 'store-verify', (job_id) => {
      set({ storeVerifyRunning: job_id });
      return inspectorApi().store.verify({ session_id: session.session_id, job_id, ...args });
    });
    if (get().session?.session_id !== session.session_id) return;
    if (outcome.ok) set({ storeVerifyReport: outcome.value, storeVerifyRunning: null, storeVerifyStale: null });
    else set({ storeVerifyError: outcome.error, storeVerifyRunning: null });
  },
  planStoreCheckpoint: async () => {
    const session = get().session;
    if (!session?.store) return;
    const args = { session_id: session.session_id, ...checkpointChoices(get().checkpointOptions), ...collectionsArg(get()) };
    set({ checkpointBusy: true, checkpointError: null, storeCheckpointResult: null, storeCheckpointPlan: null });
    const outcome = await get().runJob('Previewing the store checkpoint', 'store-checkpoint-plan', (job_id) => inspectorApi().store.plan_checkpoint({ ...args, job_id }));
    if (outcome.ok) set({ storeCheckpointPlan: outcome.value, checkpointBusy: false });
    else set({ checkpointError: outcome.error, checkpointBusy: false });
  },
  applyStoreCheckpoint: async () => {
    const session = get().session;
    const plan = get().storeCheckpointPlan;
    if (!session || !plan) return;
    set({ checkpointBusy: true, checkpointError: null });
    const outcome = await get().runJob('Checkpointing the store', 'store-checkpoint-apply', (job_id) =>
      inspectorApi().store.apply_checkpoint({ session_id: session.session_id, plan_id: plan.plan_id, job_id }),
    );
    if (!outcome.ok) {
      set({ checkpointError: outcome.error, checkpointBusy: false });
      return;
    }
    set((s) => (s.storeVerifyReport ? { storeVerifyStale: 'a checkpoint ran since it did' } : {}));
    if (outcome.value.sealed > 0 || outcome.value.removed > 0) {
      // Chains changed on disk: open the store again so that every row points at a file that exists.
      await get().openPath(session.input);
      set({ dialog: 'checkpoint' });
    } else {
      void get().refreshSessionInfo();
    }
    set({ storeCheckpointResult: outcome.value, storeCheckpointPlan: null, checkpointBusy: false });
  },
  planStoreRecovery: async () => {
    const session = get().session;
    if (!session?.store) return;
    const { recoveryMode, recoveryCommittedOnly } = get();
    const args = collectionsArg(get());
    set({ recoveryStep: 'planning', recoveryError: null, storeRecoveryPlan: null });
    const outcome = await get().runJob('Planning the store recovery', 'store-recovery-plan', (job_id) => {
      set({ recoveryJob: job_id });
      return inspectorApi().store.plan_recovery({ session_id: session.session_id, job_id, mode: recoveryMode, committed_only: recoveryCommittedOnly, ...args });
    });
    set({ recoveryJob: null });
    if (outcome.ok) set((s) => ({ storeRecoveryPlan: outcome.value, recoveryStep: 'plan', recoveryRuns: s.recoveryRuns + 1 }));
    else set({ recoveryError: outcome.error, recoveryStep: 'options' });
  },
  applyStoreRecovery: async () => {
    const session = get().session;
    const plan = get().storeRecoveryPlan;
    if (!session || !plan) return;
    set({ recoveryStep: 'applying', recoveryError: null });
    const outcome = await get().runJob('Recovering the store', 'store-recovery-apply', (job_id) => {
      set({ recoveryJob: job_id });
      return inspectorApi().store.apply_recovery({ session_id: session.session_id, plan_id: plan.plan_id, backup: get().recoveryBackup, job_id });
    });
    set({ recoveryJob: null });
    if (outcome.ok || outcome.error.code === 'APPLY_FAILED') {
      set((s) => (s.storeVerifyReport ? { storeVerifyStale: 'a recovery changed documents since it ran' } : {}));
    }
    if (outcome.ok) set({ storeRecoveryResult: outcome.value, recoveryStep: 'result' });
    else set({ recoveryError: outcome.error, recoveryStep: 'plan' });
  },
});
