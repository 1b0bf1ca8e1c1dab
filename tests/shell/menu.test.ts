import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate, type MenuActions } from '../../electron/main/menu';

const labels = (items: MenuItemConstructorOptions[]) => items.map((i) => i.label ?? `(${i.type ?? i.role})`);
const sub = (item: MenuItemConstructorOptions) => item.submenu as MenuItemConstructorOptions[];

describe('menu', () => {
  const called: string[] = [];
  const actions = new Proxy({} as MenuActions, { get: (_t, name) => (arg?: string) => called.push(arg ? `${String(name)}:${arg}` : String(name)) });

  it('is in Chinese, with the file, edit, view and help menus', () => {
    const menu = menuTemplate(actions, { recent: [], dev: false });
    expect(labels(menu)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
    expect(labels(sub(menu[0]!)).filter((l) => !l.startsWith('('))).toEqual(['新建台账…', '打开台账…', '最近打开', '另存备份…', '从备份恢复…', '退出']);
    expect(labels(sub(menu[3]!)).filter((l) => !l.startsWith('('))).toEqual(['打开数据文件夹', '关于']);
    expect(JSON.stringify(menu)).not.toMatch(/toggleDevTools/);
    expect(JSON.stringify(menuTemplate(actions, { recent: [], dev: true }))).toMatch(/toggleDevTools/);
  });

  it('items call the shell actions; recent files are listed', () => {
    const menu = menuTemplate(actions, { recent: ['C:\\台账\\2024.db'], dev: false });
    const file = sub(menu[0]!);
    const click = (label: string, items = file) => (items.find((i) => i.label === label)!.click as () => void)();
    click('新建台账…');
    click('从备份恢复…');
    const recent = sub(file.find((i) => i.label === '最近打开')!);
    expect(recent[0]!.label).toBe('2024.db  (C:\\台账\\2024.db)');
    (recent[0]!.click as () => void)();
    click('打开数据文件夹', sub(menu[3]!));
    expect(called).toEqual(['newLedger', 'restoreBackup', 'openRecent:C:\\台账\\2024.db', 'openDataFolder']);
  });
});
