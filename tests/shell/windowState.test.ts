import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SIZE, restoreBounds, trackWindowState, type Rect } from '../../electron/main/windowState';

const primary: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const right: Rect = { x: 1920, y: 0, width: 1280, height: 984 };

describe('restoreBounds', () => {
  it('centres a default-size window on the primary screen the first time', () => {
    expect(restoreBounds(undefined, [primary])).toEqual({ bounds: { x: 280, y: 90, ...DEFAULT_SIZE }, maximized: false });
  });

  it('keeps a saved place that is on screen, and the maximised flag', () => {
    const saved = { bounds: { x: 100, y: 50, width: 1200, height: 800 }, maximized: true };
    expect(restoreBounds(saved, [primary, right])).toEqual({ bounds: saved.bounds, maximized: true });
    const onSecond = { bounds: { x: 2000, y: 100, width: 1100, height: 700 }, maximized: false };
    expect(restoreBounds(onSecond, [primary, right]).bounds).toEqual(onSecond.bounds);
  });

  it('a window left on a monitor that is gone comes back to the primary screen', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1100, height: 700 }, maximized: false };
    expect(restoreBounds(saved, [primary]).bounds).toEqual({ x: 280, y: 90, ...DEFAULT_SIZE });
  });

  it('a window hanging off an edge is pulled in and shrunk to the work area', () => {
    const saved = { bounds: { x: 1700, y: -20, width: 2500, height: 1200 }, maximized: false };
    expect(restoreBounds(saved, [primary])).toEqual({ bounds: { x: 0, y: 0, width: 1920, height: 1040 }, maximized: false });
    const partly = { bounds: { x: 1500, y: 600, width: 1000, height: 700 }, maximized: false };
    expect(restoreBounds(partly, [primary]).bounds).toEqual({ x: 896, y: 340, width: 1024, height: 700 }); // at least the minimum size
  });

  it('a title bar above the top of every screen does not count as visible', () => {
    const saved = { bounds: { x: 100, y: -600, width: 1000, height: 700 }, maximized: false };
    expect(restoreBounds(saved, [primary]).bounds.y).toBe(90);
  });

  it('small screens: the window never exceeds the work area', () => {
    const small: Rect = { x: 0, y: 0, width: 1366, height: 728 };
    expect(restoreBounds(undefined, [small]).bounds).toEqual({ x: 3, y: 0, width: 1360, height: 728 });
  });
});

describe('trackWindowState', () => {
  it('saves the normal bounds a moment after changes and at close, not while minimised', () => {
    vi.useFakeTimers();
    const listeners = new Map<string, () => void>();
    const state = { min: false, max: false };
    const saves: unknown[] = [];
    trackWindowState(
      {
        on: (e, l) => listeners.set(e, l),
        getNormalBounds: () => ({ x: 1, y: 2, width: 1200, height: 800 }),
        isMaximized: () => state.max,
        isMinimized: () => state.min,
      },
      (s) => saves.push(s),
      100,
    );
    listeners.get('move')!();
    listeners.get('resize')!();
    vi.advanceTimersByTime(150);
    expect(saves).toEqual([{ bounds: { x: 1, y: 2, width: 1200, height: 800 }, maximized: false }]);
    state.max = true;
    listeners.get('close')!();
    expect(saves.at(-1)).toEqual({ bounds: { x: 1, y: 2, width: 1200, height: 800 }, maximized: true });
    state.min = true;
    listeners.get('close')!();
    expect(saves).toHaveLength(2);
    vi.useRealTimers();
  });
});
