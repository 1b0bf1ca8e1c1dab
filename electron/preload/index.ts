import { contextBridge, ipcRenderer } from 'electron';
import type { LedgerApi } from '../../shared/api';
import { IPC_CHANNEL } from '../../shared/api';

/**
 * The renderer's only door to the main process: one `call(method, args)`
 * that the main process validates against the contract. No Node, no raw IPC.
 */
const api = {
  call: (method: string, args?: unknown) => ipcRenderer.invoke(IPC_CHANNEL, method, args),
} satisfies LedgerApi;

contextBridge.exposeInMainWorld('api', api);
