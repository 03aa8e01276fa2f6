import { useAppStore } from '../store/app-store.js';

/**
 * Changes made by rolled-back or never-terminated transactions, said before the list (Sentinel's
 * replay applies them; Verify calls them false alarms), with the one click that leaves them out.
 * `marked`: how many of the plan's changes carry such a mark.
 */
export function UncommittedNotice({ marked, committedOnly }: { readonly marked: number; readonly committedOnly: boolean }) {
  const setOptions = useAppStore((s) => s.setRecoveryOptions);
  const planRecovery = useAppStore((s) => s.planRecovery);
  if (committedOnly || marked === 0) return null;
  return (
    <div className="notice warn-box" role="note" data-testid="uncommitted-notice">
      <p>
        <strong>{marked} of these changes</strong> come from transactions that were rolled back or never committed (marked below).
        Sentinel’s replay applies them all the same.
      </p>
      <button
        type="button"
        onClick={() => {
          setOptions({ recoveryCommittedOnly: true });
          void planRecovery();
        }}
      >
        Plan again with committed transactions only
      </button>
    </div>
  );
}
