/**
 * attachInput: the viewer's mouse, wheel and keyboard controls. Wheel zooms
 * around the pointer (shift+wheel or a sideways wheel pans), drag pans (and
 * scrolls lanes vertically), double-click zooms in; the toolbar buttons and
 * the keys + - arrows 0 do the same; hovering shows the tooltip; the 'only
 * threads alive in view' box re-lays the lanes.
 */
import type { Viewer } from './viewer.ts';
import { hitAt, showTooltip } from './viewer-hit.ts';
import { LABEL_W } from './viewer-types.ts';

interface Drag {
  readonly x: number;
  readonly y: number;
  readonly start: number;
  readonly end: number;
  readonly scroll: number;
}

export function attachInput(v: Viewer): void {
  const { canvas, container } = v.dom;
  let drag: Drag | null = null;
  const local = (e: MouseEvent) => {
    const r = canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const tickUnder = (px: number) => (px >= LABEL_W ? v.tickAt(px) : undefined);
  canvas.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? v.viewH : 1;
      if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY))
        v.pan(((e.shiftKey ? e.deltaY : e.deltaX) * unit) / v.scale);
      else v.zoom(Math.exp(e.deltaY * unit * 0.0015), tickUnder(local(e).x));
    },
    { passive: false },
  );
  canvas.addEventListener('mousedown', (e) => {
    if (e.button !== 0) return;
    const { start, end } = v.view;
    drag = { x: e.clientX, y: e.clientY, start, end, scroll: container.scrollTop };
    canvas.classList.add('dragging');
    showTooltip(v, null);
  });
  window.addEventListener('mousemove', (e) => {
    if (drag) {
      const dt = (e.clientX - drag.x) / v.scale;
      v.setRange(drag.start - dt, drag.end - dt);
      container.scrollTop = drag.scroll - (e.clientY - drag.y);
      return;
    }
    if (e.target !== canvas) return;
    const p = local(e);
    showTooltip(v, hitAt(v, p.x, p.y), e.clientX, e.clientY);
  });
  window.addEventListener('mouseup', () => {
    if (!drag) return;
    drag = null;
    canvas.classList.remove('dragging');
  });
  canvas.addEventListener('mouseleave', () => {
    if (!drag) showTooltip(v, null);
  });
  canvas.addEventListener('dblclick', (e) => v.zoom(0.5, tickUnder(local(e).x)));
  container.addEventListener('scroll', () => v.schedule());
  container.addEventListener('keydown', (e) => onKey(v, e));
  attachButtons(v);
  v.dom.onlyAlive?.addEventListener('change', () => {
    v.layout();
    v.schedule();
  });
  window.addEventListener('resize', () => v.resize());
}

function onKey(v: Viewer, e: KeyboardEvent): void {
  const span = v.view.end - v.view.start;
  if (e.key === '+' || e.key === '=') v.zoom(0.5);
  else if (e.key === '-' || e.key === '_') v.zoom(2);
  else if (e.key === 'ArrowLeft') v.pan(-span / 4);
  else if (e.key === 'ArrowRight') v.pan(span / 4);
  else if (e.key === '0') v.setRange(v.fullStart, v.fullEnd);
  else return;
  e.preventDefault();
}

function attachButtons(v: Viewer): void {
  const button = (id: string, fn: () => void) =>
    document.getElementById(id)?.addEventListener('click', fn);
  const quarter = () => (v.view.end - v.view.start) / 4;
  button('zoom-in', () => v.zoom(0.5));
  button('zoom-out', () => v.zoom(2));
  button('pan-left', () => v.pan(-quarter()));
  button('pan-right', () => v.pan(quarter()));
  button('zoom-fit', () => v.setRange(v.fullStart, v.fullEnd));
}
