import type { CheckpointPlan, CheckpointResult, CompressionName, InspectorError } from '../../contract.js';
import { inspectorApi } from '../api-ref.js';
import type { SliceCreator } from '../app-state.js';

export interface CheckpointOptions {
  readonly compact: boolean;
  readonly compression: CompressionName;
  /** Days; empty = keep all. */
  readonly removeOlderThanDays: string;
  readonly keepSegments: string;
}

export interface CheckpointSlice {
  readonly checkpointOptions: CheckpointOptions;
  readonly checkpointPlan: CheckpointPlan | null;
  readonly checkpointResult: CheckpointResult | null;
  readonly checkpointError: InspectorError | null;
  readonly checkpointBusy: boolean;
  openCheckpoint: () => void;
  setCheckpointOptions: (patch: Partial<CheckpointOptions>) => void;
  planCheckpoint: () => Promise<void>;
  applyCheckpoint: () => Promise<void>;
}

export const initialCheckpointState = {
  checkpointOptions: { compact: false, compression: 'zstd', removeOlderThanDays: '', keepSegments: '' } as CheckpointOptions,
  checkpointPlan: null,
  checkpointResult: null,
  checkpointError: null,
  checkpointBusy: false,
};

function positive(text: string): number | undefined {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** The dialog's options as checkpoint.plan's (and store.plan_checkpoint's) arguments. */
export function checkpointChoices(o: CheckpointOptions) {
  const days = positive(o.removeOlderThanDays);
  const keep = positive(o.keepSegments);
  return {
    compact: o.compact,
    compression: o.compression,
    ...(days !== undefined ? { remove_older_than_ms: days * 86_400_000 } : {}),
    ...(keep !== undefined ? { keep_segments: Math.floor(keep) } : {}),
  };
}

export const createCheckpointSlice: SliceCreator<CheckpointSlice> = (set, get) => ({
  ...initialCheckpointState,
  openCheckpoint: () =>
    set({ ...initialCheckpointState, checkpointOptions: get().checkpointOptions, storeCheckpointPlan: null, storeCheckpointResult: null, dialog: 'checkpoint' }),
  setCheckpointOptions: (patch) =>
    set((s) => ({ checkpointOptions: { ...s.checkpointOptions, ...patch }, checkpointPlan: null, checkpointResult: null })),
  planCheckpoint: async () => {
    const session = get().session;
    if (session?.store) return get().planStoreCheckpoint();
    if (!session) return;
    set({ checkpointBusy: true, checkpointError: null, checkpointResult: null });
    const outcome = await get().runJob('Previewing the checkpoint', 'checkpoint-plan', (job_id) =>
      inspectorApi().checkpoint.plan({ session_id: session.session_id, job_id, ...checkpointChoices(get().checkpointOptions) }),
    );
    if (outcome.ok) set({ checkpointPlan: outcome.value, checkpointBusy: false });
    else set({ checkpointError: outcome.error, checkpointBusy: false });
  },
  applyCheckpoint: async () => {
    const session = get().session;
    if (session?.store) return get().applyStoreCheckpoint();
    const plan = get().checkpointPlan;
    if (!session || !plan) return;
    set({ checkpointBusy: true, checkpointError: null });
    const outcome = await get().runJob('Checkpointing', 'checkpoint-apply', (job_id) =>
      inspectorApi().checkpoint.apply({ session_id: session.session_id, plan_id: plan.plan_id, job_id }),
    );
    if (!outcome.ok) {
      set({ checkpointError: outcome.error, checkpointBusy: false });
      return;
    }
    get().markVerifyStale('a checkpoint ran since it did');
    if (plan.compact && (plan.seal !== null || plan.remove.length > 0)) {
      // The chain changed on disk (the active segment was sealed, old ones removed): open it
      // again so that every row points at a file that exists, then show the result.
      await get().openPath(session.input, session.collection ?? undefined);
      set({ dialog: 'checkpoint' });
    } else {
      void get().refreshSessionInfo();
    }
    set({ checkpointResult: outcome.value, checkpointPlan: null, checkpointBusy: false });
  },
});
