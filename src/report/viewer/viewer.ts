/**
 * Viewer: the timeline viewer's state and navigation. It owns the visible
 * tick range (`view`), the canvas size and scale, the lane layout and the
 * draw scheduling; drawing (viewer-draw.ts), hit testing (viewer-hit.ts) and
 * input (viewer-input.ts) read and steer it.
 *
 * Invariants: `fullStart <= view.start < view.end <= fullEnd`, the visible
 * span is at least MIN_SPAN ticks (or the whole run), `scale` is pixels per
 * tick of the plot area, and a lane's `top` is -1e9 while it is hidden by
 * the 'only threads alive in view' filter.
 */
import { drawFrame } from './viewer-draw.ts';
import { buildIndex, type ModelIndex } from './viewer-index.ts';
import {
  AXIS_H,
  GROUP_GAP,
  LABEL_W,
  MIN_SPAN,
  type Lane,
  type Model,
  type ViewerConfig,
} from './viewer-types.ts';

/** The page's elements the viewer draws into and reads. */
export interface ViewerDom {
  readonly container: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  readonly ctx: CanvasRenderingContext2D;
  readonly tooltip: HTMLElement;
  readonly readout: HTMLElement;
  readonly spacer: HTMLElement;
  readonly onlyAlive: HTMLInputElement | null;
}

export class Viewer {
  readonly index: ModelIndex;
  readonly fullStart = 0;
  readonly fullEnd: number;
  readonly view: { start: number; end: number };
  width = 800;
  viewH = 400;
  dpr = 1;
  scale = 1;
  plotW = 600;
  totalH: number;
  readonly stats = { draws: 0, lastDrawMs: 0, lastItems: 0 };
  private pending = false;
  private readonly laneItems = new Map<string, Element | null>();

  constructor(
    readonly model: Model,
    readonly cfg: ViewerConfig,
    readonly dom: ViewerDom,
  ) {
    this.index = buildIndex(model);
    this.fullEnd = Math.max(model.endTick, 1);
    this.view = { start: this.fullStart, end: this.fullEnd };
    this.totalH = this.index.fullH;
    for (const l of this.index.lanes)
      this.laneItems.set(l.key, document.querySelector(`#lane-list [data-lane="${l.key}"]`));
  }

  x(t: number): number {
    return LABEL_W + (t - this.view.start) * this.scale;
  }

  tickAt(px: number): number {
    return this.view.start + (px - LABEL_W) / this.scale;
  }

  /** Lane tops; with 'only threads alive in view' on, threads dead before or born after the view are left out. */
  layout(): void {
    const filter = this.dom.onlyAlive !== null && this.dom.onlyAlive.checked;
    let y = AXIS_H;
    let prevKind: Lane['kind'] | null = null;
    for (const l of this.index.lanes) {
      const t = l.kind === 'thread' ? this.index.threadById.get(l.id) : undefined;
      const shown = !(
        filter &&
        t !== undefined &&
        (t.endTick < this.view.start || t.spawnTick > this.view.end)
      );
      let top = -1e9;
      if (shown) {
        if (prevKind !== null && prevKind !== l.kind) y += GROUP_GAP;
        prevKind = l.kind;
        top = y;
        y += l.height;
      }
      if (shown === l.shown && top === l.top) continue;
      l.shown = shown;
      l.top = top;
      const li = this.laneItems.get(l.key);
      if (li) {
        li.setAttribute('data-shown', String(shown));
        li.setAttribute('data-top', shown ? String(top) : '');
        li.setAttribute('data-height', String(l.height));
      }
    }
    this.totalH = y + 8;
    this.dom.spacer.style.height = `${this.totalH}px`;
  }

  setRange(s: number, e: number): void {
    const span = Math.min(Math.max(e - s, MIN_SPAN), this.fullEnd - this.fullStart);
    if (s < this.fullStart) s = this.fullStart;
    if (s + span > this.fullEnd) s = this.fullEnd - span;
    this.view.start = s;
    this.view.end = s + span;
    this.scale = this.plotW / span;
    const readout = this.dom.readout;
    readout.textContent = `ticks ${fmt(s)} \u2013 ${fmt(s + span)} (${fmt(span)} of ${fmt(this.fullEnd)} ticks)`;
    readout.setAttribute('data-start', String(this.view.start));
    readout.setAttribute('data-end', String(this.view.end));
    this.layout();
    this.schedule();
  }

  zoom(factor: number, atTick?: number): void {
    const span = this.view.end - this.view.start;
    const at = atTick ?? this.view.start + span / 2;
    const rel = (at - this.view.start) / span;
    const next = span * factor;
    this.setRange(at - rel * next, at - rel * next + next);
  }

  pan(ticks: number): void {
    this.setRange(this.view.start + ticks, this.view.end + ticks);
  }

  resize(): void {
    const { container, canvas } = this.dom;
    this.width = Math.max(300, container.clientWidth);
    const wanted = Math.max(320, Math.round(window.innerHeight * 0.72));
    this.viewH = Math.max(120, Math.min(this.index.fullH, wanted));
    container.style.height = `${this.viewH}px`;
    this.dpr = window.devicePixelRatio || 1;
    canvas.style.width = `${this.width}px`;
    canvas.style.height = `${this.viewH}px`;
    canvas.width = Math.round(this.width * this.dpr);
    canvas.height = Math.round(this.viewH * this.dpr);
    this.plotW = this.width - LABEL_W - 8;
    this.setRange(this.view.start, this.view.end);
    this.draw();
  }

  /** Draw at the next animation frame (once, however often it is asked). */
  schedule(): void {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.draw();
    });
  }

  draw(): void {
    const t0 = performance.now();
    drawFrame(this);
    this.stats.draws++;
    this.stats.lastDrawMs = performance.now() - t0;
  }
}

/** A tick for display: whole ticks as integers, else one decimal. */
export function fmt(t: number): string {
  return Math.abs(t - Math.round(t)) < 0.05 ? String(Math.round(t)) : t.toFixed(1);
}
