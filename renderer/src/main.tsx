import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApi } from './bridge/index.js';
import { App } from './components/app.js';
import { setInspectorApi } from './store/api-ref.js';
import { useAppStore } from './store/app-store.js';
import { connectEvents } from './store/connect-events.js';
import { connectUrl } from './store/url-sync.js';
import './styles/theme.css';
import './styles/base.css';
import './styles/app-frame.css';
import './styles/header.css';
import './styles/entries-grid.css';
import './styles/detail-pane.css';
import './styles/hex-view.css';
import './styles/data-views.css';
import './styles/timeline.css';
import './styles/start-screen.css';
import './styles/lists.css';
import './styles/dialogs.css';
import './styles/store-session.css';

const api = getApi();
setInspectorApi(api);
connectEvents(api);

// Before app.info: a view in the address opens its log, and a path given to serve does not open over it.
connectUrl(useAppStore);
const state = useAppStore.getState();
void state.loadAppInfo();
void state.loadRecent();
// Tests and benchmarks reach the store through this handle; it exposes no more than the UI does.
(window as unknown as { __walInspectorStore?: typeof useAppStore }).__walInspectorStore = useAppStore;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
