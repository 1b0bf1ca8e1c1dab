import type { MenuItemConstructorOptions } from 'electron';

/*
 * The application menu, in Chinese. Built as plain data from the actions
 * the shell passes in, so it is tested without Electron.
 */

export interface MenuActions {
  newLedger: () => void;
  openLedger: () => void;
  openRecent: (file: string) => void;
  saveBackupAs: () => void;
  restoreBackup: () => void;
  openDataFolder: () => void;
  about: () => void;
}

export interface MenuOptions {
  recent: readonly string[];
  /** Developer tools only in a development build. */
  dev: boolean;
  baseName?: (file: string) => string;
}

export function menuTemplate(a: MenuActions, opts: MenuOptions): MenuItemConstructorOptions[] {
  const name = opts.baseName ?? ((f: string) => f.split(/[\\/]/).pop() ?? f);
  const recent: MenuItemConstructorOptions[] = opts.recent.length
    ? opts.recent.map((file) => ({ label: `${name(file)}  (${file})`, click: () => a.openRecent(file) }))
    : [{ label: '（无）', enabled: false }];
  return [
    {
      label: '文件(&F)',
      submenu: [
        { label: '新建台账…', accelerator: 'CmdOrCtrl+N', click: () => a.newLedger() },
        { label: '打开台账…', accelerator: 'CmdOrCtrl+O', click: () => a.openLedger() },
        { label: '最近打开', submenu: recent },
        { type: 'separator' },
        { label: '另存备份…', accelerator: 'CmdOrCtrl+Shift+S', click: () => a.saveBackupAs() },
        { label: '从备份恢复…', click: () => a.restoreBackup() },
        { type: 'separator' },
        { label: '退出', role: 'quit', accelerator: 'Alt+F4' },
      ],
    },
    {
      label: '编辑(&E)',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '视图(&V)',
      submenu: [
        { label: '刷新', role: 'reload' },
        { type: 'separator' },
        { label: '实际大小', role: 'resetZoom' },
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
        ...(opts.dev ? ([{ type: 'separator' }, { label: '开发者工具', role: 'toggleDevTools' }] as MenuItemConstructorOptions[]) : []),
      ],
    },
    {
      label: '帮助(&H)',
      submenu: [
        { label: '打开数据文件夹', click: () => a.openDataFolder() },
        { type: 'separator' },
        { label: '关于', click: () => a.about() },
      ],
    },
  ];
}
