import { useSyncExternalStore } from 'react';

/*
 * A tiny hash router (#/topics, #/topic/<id>?tab=breakdown): the app is one
 * window, and a hash survives a reload. Leaving a screen with unsaved edits
 * asks first (see `guardLeave`).
 */

export interface Route {
  path: string[];
  query: URLSearchParams;
}

function parse(): Route {
  const raw = window.location.hash.replace(/^#\/?/, '');
  const [p = '', q = ''] = raw.split('?');
  return { path: p.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(q) };
}

let current = parse();
let currentHash = window.location.hash;
const listeners = new Set<() => void>();
window.addEventListener('hashchange', () => {
  if (window.location.hash === currentHash) return;
  current = parse();
  currentHash = window.location.hash;
  listeners.forEach((l) => l());
});

export function useRoute(): Route {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}

// ── 未保存的修改 ─────────────────────────────────────────────────────────
/** Each screen with unsaved edits registers how many and how to save them. */
export interface DirtySource {
  count: () => number;
  save: () => Promise<boolean>;
  discard: () => void;
}
const dirtySources = new Set<DirtySource>();
export function registerDirty(src: DirtySource): () => void {
  dirtySources.add(src);
  return () => dirtySources.delete(src);
}
export function dirtyCount(): number {
  let n = 0;
  dirtySources.forEach((s) => (n += s.count()));
  return n;
}

/** Set by the layout: asks 保存 / 放弃 / 取消 and resolves whether leaving may go on. */
let leavePrompt: (n: number) => Promise<'save' | 'discard' | 'cancel'> = async () => 'discard';
export function setLeavePrompt(p: typeof leavePrompt) {
  leavePrompt = p;
}

export async function guardLeave(): Promise<boolean> {
  const n = dirtyCount();
  if (n === 0) return true;
  const choice = await leavePrompt(n);
  if (choice === 'cancel') return false;
  const sources = [...dirtySources];
  if (choice === 'discard') {
    sources.forEach((s) => s.discard());
    return true;
  }
  for (const s of sources) if (s.count() > 0 && !(await s.save())) return false;
  return true;
}

export async function navigate(to: string, opts: { force?: boolean } = {}): Promise<boolean> {
  const hash = `#/${to.replace(/^\/+/, '')}`;
  if (hash === window.location.hash) return true;
  if (!opts.force && !(await guardLeave())) return false;
  currentHash = hash;
  window.location.hash = hash;
  current = parse();
  listeners.forEach((l) => l());
  return true;
}

window.addEventListener('beforeunload', (e) => {
  if (dirtyCount() > 0) {
    e.preventDefault();
  }
});
