import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { RecentItem } from '../core/contract/contract.js';

export interface MenuActions {
  openFile(): void;
  openFolder(): void;
  openRecent(item: RecentItem): void;
  /** DevTools only in development (not in a packaged app). */
  readonly development: boolean;
}

/** File (Open File…, Open Folder…, Open Recent, Quit), View (Reload, DevTools in development), Window. */
export function buildMenu(recent: readonly RecentItem[], a: MenuActions): Menu {
  const recentItems: MenuItemConstructorOptions[] = recent.length
    ? recent.slice(0, 10).map((item) => ({ label: item.collection ? `${item.path} (${item.collection})` : item.path, click: () => a.openRecent(item) }))
    : [{ label: 'No recent files', enabled: false }];
  const view: MenuItemConstructorOptions[] = [{ role: 'reload' }, { role: 'forceReload' }];
  if (a.development) view.push({ type: 'separator' }, { role: 'toggleDevTools' });
  view.push({ type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' });
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open File…', accelerator: 'CmdOrCtrl+O', click: () => a.openFile() },
        { label: 'Open Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: () => a.openFolder() },
        { label: 'Open Recent', submenu: recentItems },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { label: 'Edit', submenu: [{ role: 'copy' }, { role: 'selectAll' }] },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
