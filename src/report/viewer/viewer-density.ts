/**
 * drawLaneBackdrop: what a lane shows under its exact spans: the alternate
 * rows' shade, and where the report's budget folded calls or runs into bins
 * (model.aggregates, report-budget.ts), one bar per bin whose darkness is
 * the share of the bin's ticks the lane was busy with folded items, or
 * grows with the log of how many started there (plain calls take no
 * ticks), whichever is darker, and a red tick over bins
 * with folded calls that ended in an error. Only visible bins are visited,
 * and bins narrower than a pixel are drawn as they fall (canvas blends them).
 * `binHit(v, lane, tick)`: the hover text of the bin under the pointer.
 */
import type { LaneBins } from '../timeline-model.ts';
import type { Viewer } from './viewer.ts';
import { LABEL_W, type Hit, type Lane } from './viewer-types.ts';

const binsByViewer = new WeakMap<Viewer, ReadonlyMap<string, LaneBins>>();

function binsOf(v: Viewer): ReadonlyMap<string, LaneBins> {
  let m = binsByViewer.get(v);
  if (m === undefined) {
    m = new Map((v.model.aggregates?.lanes ?? []).map((l) => [l.key, l]));
    binsByViewer.set(v, m);
  }
  return m;
}

export function drawLaneBackdrop(v: Viewer, l: Lane, k: number, top: number): void {
  const ctx = v.dom.ctx;
  if (k % 2 === 1) {
    ctx.fillStyle = 'rgba(0,0,0,0.025)';
    ctx.fillRect(LABEL_W, top, v.plotW, l.height);
  }
  const bins = binsOf(v).get(l.key);
  const bt = v.model.aggregates?.binTicks ?? 0;
  if (bins === undefined || bt <= 0) return;
  const first = Math.max(0, Math.floor(v.view.start / bt));
  const last = Math.min(bins.items.length - 1, Math.floor(v.view.end / bt));
  for (let b = first; b <= last; b++) {
    if (bins.items[b] === 0 && bins.busy[b] === 0) continue;
    const a = Math.max(LABEL_W, v.x(b * bt));
    const w = Math.max(1, Math.min(LABEL_W + v.plotW, v.x((b + 1) * bt)) - a);
    const many = bins.items[b] > 0 ? Math.min(1, 0.1 + 0.1 * Math.log2(1 + bins.items[b])) : 0;
    const share = Math.max(Math.min(1, bins.busy[b] / bt), many);
    ctx.fillStyle = `rgba(70,100,150,${(0.1 + 0.6 * share).toFixed(3)})`;
    ctx.fillRect(a, top + 2, w, l.height - 4);
    if (bins.errors[b] > 0) {
      ctx.fillStyle = v.cfg.marks.error;
      ctx.fillRect(a, top + 1, w, 2);
    }
  }
}

/** The bin under tick `t` on lane `l`, if folded items are there: what it holds, as tooltip HTML. */
export function binHit(v: Viewer, l: Lane, t: number): Hit | null {
  const bins = binsOf(v).get(l.key);
  const bt = v.model.aggregates?.binTicks ?? 0;
  if (bins === undefined || bt <= 0) return null;
  const b = Math.floor(t / bt);
  if (b < 0 || b >= bins.items.length || (bins.items[b] === 0 && bins.busy[b] === 0)) return null;
  const what = l.kind === 'cpu' ? 'runs' : 'calls';
  const lines = [
    `<b>${bins.items[b]} ${what} aggregated</b> (ticks ${b * bt} \u2013 ${(b + 1) * bt})`,
    `busy ${bins.busy[b]} of ${bt} ticks with them`,
    ...(bins.errors[b] > 0 ? [`${bins.errors[b]} ended in an error`] : []),
    'past the report\u2019s budget of exact ones: see the note under the timeline',
  ];
  return { kind: 'bin', index: b, html: lines.join('\n') };
}
