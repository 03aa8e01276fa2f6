import { useAppStore } from '../store/app-store.js';
import { ErrorMessage } from './error-message.js';

/** Errors reported by the service, until dismissed. */
export function NoticeList() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notice-list" aria-live="assertive">
      {notices.map((n) => (
        <ErrorMessage key={n.id} title={n.title} error={n.error} onDismiss={() => dismiss(n.id)} />
      ))}
    </div>
  );
}
