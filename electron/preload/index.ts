import { contextBridge, ipcRenderer } from 'electron';
import type { LedgerApi } from '../../shared/api';
import { IPC_CHANNEL } from '../../shared/api';

/**
 * The renderer's only door to the main process: one `call(method, args)`
 * that the main process validates against the contract (the core's methods,
 * and the shell's `shell.*` ones: dialogs, ledger files, backups, printing).
 * No Node, no raw IPC, no paths but those the clerk picked in a dialog.
 */
const api = {
  call: (method: string, args?: unknown) => ipcRenderer.invoke(IPC_CHANNEL, method, args),
} satisfies LedgerApi;

contextBridge.exposeInMainWorld('api', api);
