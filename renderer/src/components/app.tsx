import { useAppStore } from '../store/app-store.js';
import { CheckpointDialog } from './checkpoint-dialog.js';
import { ErrorBoundary } from './error-boundary.js';
import { ExportDialog } from './export-dialog.js';
import { JobBar } from './job-bar.js';
import { NoticeList } from './notice-list.js';
import { RecoveryWizard } from './recovery-wizard.js';
import { StartScreen } from './start-screen.js';
import { Workspace } from './workspace.js';

export function App() {
  const hasSession = useAppStore((s) => s.session !== null);
  const dialog = useAppStore((s) => s.dialog);
  return (
    <div className="app">
      <ErrorBoundary>
        {hasSession ? <Workspace /> : <StartScreen />}
        {hasSession && dialog === 'recovery' && <RecoveryWizard />}
        {hasSession && dialog === 'checkpoint' && <CheckpointDialog />}
        {hasSession && dialog === 'export' && <ExportDialog />}
      </ErrorBoundary>
      <NoticeList />
      <JobBar />
    </div>
  );
}
