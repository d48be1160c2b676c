/**
 * drawFrame: one frame of the timeline on the canvas. Only the lanes
 * scrolled into view and the spans inside the visible tick range are
 * visited (a binary search finds each row's first visible span); spans
 * narrower than two pixels are merged into one faded block per run of pixel
 * columns of one colour, and the walk jumps past the rest of that column,
 * so a zoomed-out view of 10^5 calls costs O(pixels x log n) per row.
 */
import type { SwapInfo } from '../timeline-model.ts';
import type { Viewer } from './viewer.ts';
import { drawLaneBackdrop } from './viewer-density.ts';
import { phaseBoxes } from './viewer-phase-boxes.ts';
import { firstEndingFrom, firstStartingFrom, niceStep } from './viewer-search.ts';
import {
  AXIS_H,
  CALL_ERROR,
  CALL_HELD,
  CALL_OPEN,
  CALL_TORN,
  LABEL_W,
  PAD,
  ROW_H,
  STRIP_H,
  type Lane,
} from './viewer-types.ts';

type Detail = (k: number, a: number, b: number, y: number, h: number) => void;

const heldPatterns = new WeakMap<Viewer, CanvasPattern | null>();

export function drawFrame(v: Viewer): void {
  const ctx = v.dom.ctx;
  v.stats.lastItems = 0;
  const scrollTop = v.dom.container.scrollTop;
  ctx.setTransform(v.dpr, 0, 0, v.dpr, 0, 0);
  ctx.clearRect(0, 0, v.width, v.viewH);
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  drawSwapBackdrops(v);
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, AXIS_H, v.width, v.viewH - AXIS_H);
  ctx.clip();
  v.index.lanes.forEach((l, k) => {
    const top = l.top - scrollTop;
    if (!l.shown || top + l.height < AXIS_H || top > v.viewH) return;
    drawLaneBackdrop(v, l, k, top);
    if (l.kind === 'cpu') drawCpuLane(v, l, top);
    else if (l.kind === 'thread') drawThreadLane(v, l, top);
    else if (l.kind === 'kernel') drawCallLane(v, l, top);
    else drawSwapLane(v, l, top);
  });
  ctx.restore();
  drawAxis(v);
  drawQuiescence(v);
  drawLabels(v, scrollTop);
}

export function versionColor(v: Viewer, version: number): string {
  const vc = v.cfg.versionColors;
  return version <= 0 ? vc[0] : vc[1 + ((version - 1) % (vc.length - 1))];
}

function threadColor(id: number): string {
  return `hsl(${(id * 47) % 360}, 55%, 62%)`;
}

export function phaseColor(v: Viewer, phase: string): string {
  return v.cfg.phaseColors[phase] ?? '#999';
}

function heldPattern(v: Viewer): CanvasPattern | null {
  if (heldPatterns.has(v)) return heldPatterns.get(v)!;
  const p = document.createElement('canvas');
  p.width = 8;
  p.height = 8;
  const c = p.getContext('2d')!;
  c.fillStyle = '#fff3c4';
  c.fillRect(0, 0, 8, 8);
  c.strokeStyle = v.cfg.marks.held;
  c.lineWidth = 3;
  c.beginPath();
  c.moveTo(-2, 10);
  c.lineTo(10, -2);
  c.moveTo(6, 10);
  c.lineTo(10, 6);
  c.moveTo(-2, 2);
  c.lineTo(2, -2);
  c.stroke();
  const pattern = v.dom.ctx.createPattern(p, 'repeat');
  heldPatterns.set(v, pattern);
  return pattern;
}

/**
 * Draw spans idx (sorted, non-overlapping) of one row. Spans under 2 px are
 * drawn as one block per run of pixel columns of the same aggregate colour
 * (aggColorOf, default colorOf), slightly faded.
 */
function drawRow(
  v: Viewer,
  row: { idx: readonly number[]; start: readonly number[]; end: readonly number[] },
  y: number,
  h: number,
  colorOf: (k: number) => string,
  detail: Detail | null,
  aggColorOf: (k: number) => string = colorOf,
): void {
  const { idx, start, end } = row;
  const ctx = v.dom.ctx;
  const right = LABEL_W + v.plotW;
  let i = firstEndingFrom(idx, end, v.view.start);
  let aggFrom = -1;
  let aggTo = -1;
  let aggColor = '';
  const flush = (): void => {
    if (aggFrom < 0) return;
    ctx.globalAlpha = 0.6;
    ctx.fillStyle = aggColor;
    ctx.fillRect(aggFrom, y, aggTo - aggFrom, h);
    ctx.globalAlpha = 1;
    aggFrom = -1;
  };
  while (i < idx.length) {
    const k = idx[i];
    if (start[k] > v.view.end) break;
    v.stats.lastItems++;
    const x0 = v.x(start[k]);
    const x1 = v.x(end[k]);
    if (x1 - x0 < 2) {
      const px = Math.floor(x0);
      const color = aggColorOf(k);
      if (aggFrom >= 0 && px <= aggTo && color === aggColor) aggTo = Math.max(aggTo, px + 2);
      else {
        flush();
        aggFrom = Math.max(LABEL_W, px);
        aggTo = px + 2;
        aggColor = color;
      }
      const j = firstStartingFrom(idx, start, v.tickAt(px + 1), i + 1) - 1;
      i = j > i ? j : i + 1;
      continue;
    }
    flush();
    const a = Math.max(x0, LABEL_W - 2);
    const b = Math.min(x1, right + 2);
    ctx.fillStyle = colorOf(k);
    ctx.fillRect(a, y, b - a, h);
    detail?.(k, a, b, y, h);
    i++;
  }
  flush();
}

function textIn(
  v: Viewer,
  text: string,
  box: { a: number; b: number; y: number; h: number },
  color = '#fff',
): void {
  const room = box.b - box.a - 6;
  if (room < 18) return;
  const chars = Math.floor(room / 6.3);
  if (chars < text.length) text = chars > 2 ? text.slice(0, chars - 1) + '\u2026' : '';
  if (!text) return;
  v.dom.ctx.fillStyle = color;
  v.dom.ctx.fillText(text, box.a + 3, box.y + box.h / 2 + 0.5);
}

function callDetail(v: Viewer): Detail {
  const { calls: C, held: H } = v.model;
  const ctx = v.dom.ctx;
  return (k, a, b, y, h) => {
    const flags = C.flags[k];
    if (flags & CALL_HELD) {
      for (const hi of v.index.heldByCall.get(k) ?? []) {
        const ha = Math.max(v.x(H.start[hi]), a);
        const hb = Math.max(Math.min(v.x(H.end[hi]), b), ha + 2);
        ctx.fillStyle = heldPattern(v) ?? v.cfg.marks.held;
        ctx.fillRect(ha, y, hb - ha, h);
        ctx.fillStyle = v.cfg.marks.release;
        ctx.fillRect(hb - 1, y - 2, 2, h + 4);
      }
    }
    if (flags & CALL_ERROR) {
      ctx.strokeStyle = v.cfg.marks.error;
      ctx.lineWidth = 2;
      ctx.strokeRect(a + 1, y + 1, b - a - 2, h - 2);
    }
    if (flags & CALL_TORN) {
      ctx.strokeStyle = v.cfg.marks.torn;
      ctx.lineWidth = 3;
      ctx.setLineDash([4, 2]);
      ctx.strokeRect(a + 1.5, y + 1.5, b - a - 3, h - 3);
      ctx.setLineDash([]);
    }
    if (flags & CALL_OPEN) {
      ctx.fillStyle = '#000';
      ctx.fillRect(b - 3, y, 3, h);
    }
    textIn(v, v.model.labels[C.label[k]], { a, b, y, h }, '#fff');
  };
}

function drawCallLane(v: Viewer, l: Lane, top: number): void {
  const C = v.model.calls;
  const detail = callDetail(v);
  for (let d = 0; d < l.rowIdx.length; d++) {
    const row = { idx: l.rowIdx[d], start: C.start, end: C.end };
    drawRow(v, row, top + PAD + d * ROW_H, ROW_H - 2, (k) => versionColor(v, C.version[k]), detail);
  }
}

function drawThreadLane(v: Viewer, l: Lane, top: number): void {
  const t = v.index.threadById.get(l.id);
  const stripY = top + l.height - STRIP_H - 1;
  if (t) {
    const a = Math.max(v.x(t.spawnTick), LABEL_W);
    const b = Math.min(v.x(t.endTick), LABEL_W + v.plotW);
    if (b > a) {
      v.dom.ctx.fillStyle = v.cfg.marks.lifetime;
      v.dom.ctx.fillRect(a, stripY + 1, b - a, STRIP_H - 2);
    }
  }
  const R = v.model.runs;
  const running = (): string => v.cfg.marks.running;
  drawRow(v, { idx: l.runIdx, start: R.start, end: R.end }, stripY, STRIP_H, running, null);
  drawCallLane(v, l, top);
}

function drawCpuLane(v: Viewer, l: Lane, top: number): void {
  const { runs: R, generations: G } = v.model;
  const ctx = v.dom.ctx;
  const name: Detail = (k, a, b, y, h) => {
    const t = v.index.threadById.get(R.thread[k]);
    textIn(v, t ? t.name : `thread ${R.thread[k]}`, { a, b, y, h }, '#111');
  };
  const row = { idx: l.runIdx, start: R.start, end: R.end };
  const busy = (): string => v.cfg.marks.busy;
  drawRow(v, row, top + 5, l.height - 8, (k) => threadColor(R.thread[k]), name, busy);
  let last = -1;
  ctx.fillStyle = v.cfg.marks.generation;
  for (let gi = firstStartingFrom(l.genIdx, G.tick, v.view.start, 0); gi < l.genIdx.length; gi++) {
    const gt = G.tick[l.genIdx[gi]];
    if (gt > v.view.end) break;
    const gx = Math.round(v.x(gt));
    if (gx === last) continue;
    last = gx;
    ctx.fillRect(gx, top + 1, 1, 5);
  }
}

function drawSwapLane(v: Viewer, l: Lane, top: number): void {
  const s = v.index.swapById.get(l.id);
  if (!s) return;
  const ctx = v.dom.ctx;
  const y = top + 4;
  const h = l.height - 8;
  for (const box of phaseBoxes(v, s)) {
    const a = Math.max(box.a, LABEL_W);
    const b = Math.min(box.b, LABEL_W + v.plotW);
    if (b <= a) continue;
    ctx.fillStyle = phaseColor(v, box.p.phase);
    ctx.fillRect(a, y, b - a, h);
    if (box.thin) {
      ctx.fillStyle = '#fff';
      ctx.fillRect(a, y, 1, h);
    }
    textIn(v, box.p.phase, { a, b, y, h }, '#fff');
  }
  drawCpuPhaseMarks(v, s, y, h);
  if ((s.outcome === 'aborted' || s.outcome === 'refused') && s.outcomeTick !== null) {
    const ox = v.x(s.outcomeTick);
    if (ox < LABEL_W || ox > LABEL_W + v.plotW) return;
    ctx.strokeStyle = phaseColor(v, s.outcome);
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(ox - 5, y);
    ctx.lineTo(ox + 5, y + h);
    ctx.moveTo(ox + 5, y);
    ctx.lineTo(ox - 5, y + h);
    ctx.stroke();
    ctx.fillStyle = phaseColor(v, s.outcome);
    const textX = Math.min(ox + 8, LABEL_W + v.plotW - 40);
    ctx.fillText(`${s.outcome}: ${s.reason}`, textX, y + h / 2 + 0.5);
  }
}

/** Per-CPU mediation: a dark tick where each CPU's mediator entered block (hollow: the CPU had no rep). */
function drawCpuPhaseMarks(v: Viewer, s: SwapInfo, y: number, h: number): void {
  const ctx = v.dom.ctx;
  for (const m of s.cpuPhases) {
    if (m.phase !== 'block') continue;
    const x = Math.round(v.x(m.tick));
    if (!inPlot(v, x)) continue;
    ctx.fillStyle = '#222';
    ctx.fillRect(x, y, 2, m.noRep ? 3 : h);
    if (m.noRep) ctx.fillRect(x, y + h - 3, 2, 3);
  }
}

function drawSwapBackdrops(v: Viewer): void {
  const ctx = v.dom.ctx;
  ctx.globalAlpha = 0.08;
  for (const s of v.model.swaps) {
    for (const p of s.phases) {
      const a = Math.max(v.x(p.start), LABEL_W);
      const b = Math.min(v.x(p.end), LABEL_W + v.plotW);
      if (b <= a) continue;
      ctx.fillStyle = phaseColor(v, p.phase);
      ctx.fillRect(a, AXIS_H, b - a, v.viewH - AXIS_H);
    }
  }
  ctx.globalAlpha = 1;
}

function inPlot(v: Viewer, px: number): boolean {
  return px >= LABEL_W && px <= LABEL_W + v.plotW;
}

function drawQuiescence(v: Viewer): void {
  const ctx = v.dom.ctx;
  const marks = v.cfg.marks;
  let lastReq = -1;
  let lastHit = -1;
  for (const q of v.model.quiescence) {
    const rx = Math.round(v.x(q.requestedTick));
    if (inPlot(v, rx) && rx !== lastReq) {
      lastReq = rx;
      ctx.strokeStyle = marks.quiescenceRequested;
      ctx.lineWidth = 1;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(rx + 0.5, AXIS_H - 8);
      ctx.lineTo(rx + 0.5, v.viewH);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = marks.quiescenceRequested;
      ctx.fillRect(rx - 3, AXIS_H - 9, 7, 4);
    }
    if (q.reachedTick === null) continue;
    const hx = Math.round(v.x(q.reachedTick));
    if (inPlot(v, hx) && hx !== lastHit) {
      lastHit = hx;
      ctx.strokeStyle = marks.quiescenceReached;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(hx + 0.5, AXIS_H - 8);
      ctx.lineTo(hx + 0.5, v.viewH);
      ctx.stroke();
      ctx.fillStyle = marks.quiescenceReached;
      ctx.beginPath();
      ctx.arc(hx + 0.5, AXIS_H - 7, 3.5, 0, 7);
      ctx.fill();
    }
  }
}

function drawAxis(v: Viewer): void {
  const ctx = v.dom.ctx;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, v.width, AXIS_H);
  const step = niceStep(((v.view.end - v.view.start) * 90) / v.plotW);
  const first = Math.ceil(v.view.start / step) * step;
  ctx.fillStyle = '#444';
  ctx.textBaseline = 'top';
  for (let t = first; t <= v.view.end; t += step) {
    const px = Math.round(v.x(t)) + 0.5;
    ctx.fillRect(px, AXIS_H - 5, 1, 5);
    ctx.fillText(String(t), px + 2, 3);
    ctx.fillStyle = 'rgba(0,0,0,0.06)';
    ctx.fillRect(px, AXIS_H, 1, v.viewH - AXIS_H);
    ctx.fillStyle = '#444';
  }
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#666';
  ctx.fillText('tick', 8, 10);
  ctx.fillStyle = '#ccc';
  ctx.fillRect(0, AXIS_H - 1, v.width, 1);
}

function drawLabels(v: Viewer, scrollTop: number): void {
  const ctx = v.dom.ctx;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, AXIS_H, LABEL_W, v.viewH - AXIS_H);
  ctx.fillStyle = '#e6e6e6';
  ctx.fillRect(LABEL_W - 1, AXIS_H, 1, v.viewH - AXIS_H);
  for (const l of v.index.lanes) {
    const top = l.top - scrollTop;
    if (!l.shown || top + l.height < AXIS_H || top > v.viewH) continue;
    ctx.fillStyle = l.kind === 'thread' ? '#222' : l.kind === 'swap' ? '#7a1f1f' : '#1f3b63';
    const label = l.label.length > 28 ? l.label.slice(0, 27) + '\u2026' : l.label;
    ctx.fillText(label, 8, top + Math.min(l.height, 22) / 2);
  }
}
