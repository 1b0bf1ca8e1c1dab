import type { WindowSettings } from './settings';

/*
 * The window's size and place, remembered between starts and brought back
 * onto a visible screen (a laptop taken off its second monitor must not
 * open its window off-screen).
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_SIZE = { width: 1360, height: 860 };
export const MIN_SIZE = { width: 1024, height: 640 };
/** How much of the window (title bar included) must lie on a screen to keep its place. */
const MIN_VISIBLE = { width: 160, height: 80 };

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

function centred(area: Rect, width: number, height: number): Rect {
  const w = Math.min(width, area.width);
  const h = Math.min(height, area.height);
  return { x: Math.round(area.x + (area.width - w) / 2), y: Math.round(area.y + (area.height - h) / 2), width: w, height: h };
}

/**
 * Where to open the window: the saved place when enough of it (its top
 * strip, where the title bar is) lies on one of the work areas, shrunk to
 * fit and pulled inside that area; otherwise centred on the primary screen.
 * `workAreas[0]` is the primary display.
 */
export function restoreBounds(saved: WindowSettings | undefined, workAreas: readonly Rect[]): { bounds: Rect; maximized: boolean } {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const fallback = { bounds: centred(primary, DEFAULT_SIZE.width, DEFAULT_SIZE.height), maximized: saved?.maximized ?? false };
  if (!saved) return fallback;
  const b = saved.bounds;
  const titleStrip: Rect = { x: b.x, y: b.y, width: b.width, height: Math.min(b.height, 40) };
  const area = workAreas.find((a) => {
    const o = overlap(titleStrip, a);
    return o.width >= Math.min(MIN_VISIBLE.width, b.width) && o.height >= Math.min(MIN_VISIBLE.height, titleStrip.height) / 2;
  });
  if (!area) return fallback;
  const width = Math.min(Math.max(b.width, Math.min(MIN_SIZE.width, area.width)), area.width);
  const height = Math.min(Math.max(b.height, Math.min(MIN_SIZE.height, area.height)), area.height);
  const x = Math.min(Math.max(b.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(b.y, area.y), area.y + area.height - height);
  return { bounds: { x, y, width, height }, maximized: saved.maximized };
}

/** The bits of a BrowserWindow the tracker needs. */
export interface TrackedWindow {
  on: (event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void) => unknown;
  getNormalBounds: () => Rect;
  isMaximized: () => boolean;
  isMinimized: () => boolean;
}

/** Saves the window's place (its normal bounds, and whether it is maximised) a moment after each change and on close. */
export function trackWindowState(win: TrackedWindow, save: (s: WindowSettings) => void, delayMs = 500): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (win.isMinimized()) return;
    save({ bounds: win.getNormalBounds(), maximized: win.isMaximized() });
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, delayMs);
  };
  for (const e of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(e, later);
  win.on('close', flush);
  return flush;
}
