import type { InspectorError, RecoveryMode, RecoveryPlan, RecoveryResult } from '../../contract.js';
import { inspectorApi } from '../api-ref.js';
import type { SliceCreator } from '../app-state.js';

export type RecoveryStep = 'options' | 'planning' | 'plan' | 'applying' | 'result';

export interface RecoverySlice {
  readonly recoveryStep: RecoveryStep;
  readonly recoveryStore: string;
  readonly recoveryMode: RecoveryMode;
  readonly recoveryCommittedOnly: boolean;
  readonly recoveryBackup: boolean;
  readonly recoveryPlan: RecoveryPlan | null;
  readonly recoveryResult: RecoveryResult | null;
  readonly recoveryError: InspectorError | null;
  readonly recoveryJob: string | null;
  /** How many plans were made in this wizard (the second one is "run again"). */
  readonly recoveryRuns: number;
  openRecovery: () => void;
  setRecoveryOptions: (patch: Partial<Pick<RecoverySlice, 'recoveryStore' | 'recoveryMode' | 'recoveryCommittedOnly' | 'recoveryBackup'>>) => void;
  planRecovery: () => Promise<void>;
  applyRecovery: () => Promise<void>;
  backToRecoveryOptions: () => void;
  /** Electron: pick the collection directory with the system's folder dialog. */
  chooseRecoveryStore: () => Promise<void>;
}

export const initialRecoveryState = {
  recoveryStep: 'options' as RecoveryStep,
  recoveryStore: '',
  recoveryMode: 'safe' as RecoveryMode,
  recoveryCommittedOnly: false,
  recoveryBackup: true,
  recoveryPlan: null,
  recoveryResult: null,
  recoveryError: null,
  recoveryJob: null,
  recoveryRuns: 0,
};

export const createRecoverySlice: SliceCreator<RecoverySlice> = (set, get) => ({
  ...initialRecoveryState,
  openRecovery: () => {
    const session = get().session;
    set({
      ...initialRecoveryState,
      recoveryStore: get().recoveryStore || session?.collection_dir || '',
      dialog: 'recovery',
    });
  },
  setRecoveryOptions: (patch) => set(patch),
  chooseRecoveryStore: async () => {
    const outcome = await inspectorApi().dialog.open({ kind: 'folder' });
    if (!outcome.ok) set({ recoveryError: outcome.error });
    else if (outcome.value) set({ recoveryStore: outcome.value.path, recoveryError: null });
  },
  backToRecoveryOptions: () => set({ recoveryStep: 'options', recoveryPlan: null, recoveryError: null }),
  planRecovery: async () => {
    const session = get().session;
    if (session?.store) return get().planStoreRecovery();
    if (!session) return;
    const { recoveryStore, recoveryMode, recoveryCommittedOnly } = get();
    set({ recoveryStep: 'planning', recoveryError: null, recoveryPlan: null });
    const outcome = await get().runJob('Planning the recovery', 'recovery-plan', (job_id) => {
      set({ recoveryJob: job_id });
      return inspectorApi().recovery.plan({
        session_id: session.session_id,
        job_id,
        mode: recoveryMode,
        committed_only: recoveryCommittedOnly,
        ...(recoveryStore.trim() ? { store: recoveryStore.trim() } : {}),
      });
    });
    set({ recoveryJob: null });
    if (outcome.ok) set((s) => ({ recoveryPlan: outcome.value, recoveryStep: 'plan', recoveryRuns: s.recoveryRuns + 1 }));
    else set({ recoveryError: outcome.error, recoveryStep: 'options' });
  },
  applyRecovery: async () => {
    const session = get().session;
    if (session?.store) return get().applyStoreRecovery();
    const plan = get().recoveryPlan;
    if (!session || !plan) return;
    set({ recoveryStep: 'applying', recoveryError: null });
    const outcome = await get().runJob('Recovering', 'recovery-apply', (job_id) => {
      set({ recoveryJob: job_id });
      return inspectorApi().recovery.apply({
        session_id: session.session_id,
        plan_id: plan.plan_id,
        backup: get().recoveryBackup,
        job_id,
      });
    });
    set({ recoveryJob: null });
    if (outcome.ok || outcome.error.code === 'APPLY_FAILED') get().markVerifyStale('a recovery changed documents since it ran');
    if (outcome.ok) set({ recoveryResult: outcome.value, recoveryStep: 'result' });
    else set({ recoveryError: outcome.error, recoveryStep: 'plan' });
  },
});
