/**
 * installTestHooks: `window.kernelSimTimeline`, what the browser tests (and
 * curious readers in the devtools console) use to drive the viewer:
 *
 *   model, stats                 the data and the last draw's counters
 *   getRange() / setRange(s, e)  the visible ticks
 *   lanes()                      each lane's layout
 *   redraw()                     draw now; returns the draw time in ms
 *   locateCall(id, keepRange?)   client {x, y} of the call's bar, scrolled
 *                                and (unless keepRange) zoomed into view;
 *                                null if keepRange and it is out of view
 *   locatePhase(swap, phase)     client {x, y} of a swap phase's box
 */
import type { Viewer } from './viewer.ts';
import { laneKeyOfCall } from './viewer-index.ts';
import { phaseBoxes } from './viewer-phase-boxes.ts';
import { AXIS_H, LABEL_W, MIN_SPAN, PAD, ROW_H, type Lane } from './viewer-types.ts';

declare global {
  interface Window {
    kernelSimTimeline?: unknown;
  }
}

export function installTestHooks(v: Viewer): void {
  const { container, canvas } = v.dom;
  const revealLane = (l: Lane): void => {
    const top = l.top - container.scrollTop;
    if (top < AXIS_H || top + l.height > v.viewH)
      container.scrollTop = Math.max(0, l.top - AXIS_H - 10);
  };
  const reveal = (a: number, b: number): void => {
    const need = Math.max(b - a, 1);
    if (a >= v.view.start && b <= v.view.end && need * v.scale >= 24) return;
    const spanT = Math.max(MIN_SPAN, need * 3);
    v.setRange((a + b) / 2 - spanT / 2, (a + b) / 2 + spanT / 2);
  };
  const clientPoint = (px: number, py: number) => {
    const r = canvas.getBoundingClientRect();
    return { x: r.left + px, y: r.top + py };
  };
  window.kernelSimTimeline = {
    model: v.model,
    stats: v.stats,
    getRange: () => ({ start: v.view.start, end: v.view.end }),
    setRange: (s: number, e: number) => {
      v.setRange(s, e);
      v.draw();
    },
    lanes: () =>
      v.index.lanes.map((l) => ({
        key: l.key,
        kind: l.kind,
        shown: l.shown,
        top: l.top,
        height: l.height,
        rows: l.rowIdx.length,
      })),
    redraw: () => {
      v.draw();
      return v.stats.lastDrawMs;
    },
    locateCall: (id: number, keepRange?: boolean) => {
      const C = v.model.calls;
      const k = callIndex(C.id, id);
      if (k < 0) return null;
      const l = v.index.laneByKey.get(laneKeyOfCall(v.model, k))!;
      if (!keepRange) reveal(C.start[k], C.end[k]);
      else if (C.end[k] < v.view.start || C.start[k] > v.view.end || !l.shown) return null;
      revealLane(l);
      v.draw();
      const a = Math.max(v.x(C.start[k]), LABEL_W);
      const b = Math.min(Math.max(v.x(C.end[k]), a + 2), LABEL_W + v.plotW);
      const hs = v.index.heldByCall.get(k);
      let px = hs ? (Math.max(v.x(v.model.held.end[hs[0]]), a) + b) / 2 : (a + b) / 2;
      if (b - px < 2) px = (a + b) / 2;
      const y = l.top - container.scrollTop + PAD + C.depth[k] * ROW_H + (ROW_H - 2) / 2;
      return clientPoint(px, y);
    },
    locatePhase: (swapId: number, phase: string) => {
      const s = v.index.swapById.get(swapId);
      const l = v.index.laneByKey.get(`swap-${swapId}`);
      if (!s || !l) return null;
      const p = s.phases.find((q) => q.phase === phase);
      if (!p) return null;
      reveal(p.start, p.end);
      revealLane(l);
      v.draw();
      const box = phaseBoxes(v, s).find((q) => q.p === p)!;
      const a = Math.max(box.a, LABEL_W);
      const b = Math.min(box.b, LABEL_W + v.plotW);
      return clientPoint((a + b) / 2, l.top - container.scrollTop + l.height / 2);
    },
  };
}

/** Index of call `id` in the (sorted) id column, or -1. */
function callIndex(ids: readonly number[], id: number): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid] < id) lo = mid + 1;
    else hi = mid;
  }
  return lo < ids.length && ids[lo] === id ? lo : -1;
}
