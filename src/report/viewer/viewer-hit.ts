/**
 * Hit testing and the tooltip: what lies under a canvas point (a call, a
 * thread's run or lifetime, a CPU's run, a swap phase, a bin of folded
 * calls or runs) and its description
 * as tooltip HTML. Every model string is escaped before it reaches HTML.
 */
import type { SwapInfo } from '../timeline-model.ts';
import type { Viewer } from './viewer.ts';
import { fmt } from './viewer.ts';
import { phaseBoxes } from './viewer-phase-boxes.ts';
import { binHit } from './viewer-density.ts';
import { findIn, firstStartingFrom } from './viewer-search.ts';
import {
  AXIS_H,
  CALL_ERROR,
  CALL_TORN,
  CALL_OPEN,
  LABEL_W,
  PAD,
  ROW_H,
  STRIP_H,
  type Hit,
  type Lane,
} from './viewer-types.ts';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
};

export function esc(s: unknown): string {
  return String(s).replace(/[&<>"]/g, (c) => ENTITIES[c]);
}

function span(a: number, b: number): string {
  return `ticks ${a} \u2013 ${b} (${b - a} tick${b - a === 1 ? '' : 's'})`;
}

function threadName(v: Viewer, id: number): string {
  const t = v.index.threadById.get(id);
  return t ? `${t.name} #${id}` : `thread #${id}`;
}

function versionClass(v: Viewer, objectId: number, version: number): string {
  const o = v.index.objectById.get(objectId);
  return o?.versions.find((x) => x.version === version)?.class ?? '';
}

function laneAtY(v: Viewer, y: number): Lane | null {
  const yy = y + v.dom.container.scrollTop;
  return v.index.lanes.find((l) => l.shown && yy >= l.top && yy < l.top + l.height) ?? null;
}

function callText(v: Viewer, k: number): string {
  const { calls: C, held: H } = v.model;
  const who = C.thread[k] >= 0 ? `thread ${esc(threadName(v, C.thread[k]))}` : 'kernel context';
  const reached =
    C.version[k] > 0
      ? `reached version ${C.version[k]} (${esc(versionClass(v, C.object[k], C.version[k]))})`
      : 'never reached an implementation';
  const lines = [
    `<b>${esc(v.model.labels[C.label[k]])}</b>`,
    `call ${C.id[k]} \u00b7 ${who} \u00b7 cpu ${C.cpu[k]}`,
    span(C.start[k], C.end[k]),
    reached,
  ];
  for (const hi of v.index.heldByCall.get(k) ?? [])
    lines.push(`held by swap ${H.swap[hi]}: ${span(H.start[hi], H.end[hi])}, then released`);
  if (C.flags[k] & CALL_ERROR) lines.push('exited with an error');
  if (C.flags[k] & CALL_TORN)
    lines.push(
      'TORN: in flight in the old version when a swap exported its state; what it did after is lost',
    );
  if (C.flags[k] & CALL_OPEN)
    lines.push('did not exit (still open at the end, or its thread ended)');
  return lines.join('\n');
}

function runText(v: Viewer, r: number, lead: string): string {
  const R = v.model.runs;
  return `${lead}\n${span(R.start[r], R.end[r])}, then ${v.cfg.runEnds[R.why[r]]}`;
}

function hitThreadLane(v: Viewer, l: Lane, t: number, tol: number, ly: number): Hit | null {
  const { calls: C, runs: R } = v.model;
  if (l.kind === 'thread' && ly >= l.height - STRIP_H - 2) {
    const r = findIn(l.runIdx, R.start, R.end, t, tol);
    if (r >= 0) {
      const lead = `<b>running</b> ${esc(threadName(v, R.thread[r]))} on cpu ${R.cpu[r]}`;
      return { kind: 'run', index: r, html: runText(v, r, lead) };
    }
    const th = v.index.threadById.get(l.id);
    if (!th) return null;
    const error = th.error ? `: ${esc(th.error)}` : '';
    const html = `<b>${esc(threadName(v, l.id))}</b>\nalive ${span(th.spawnTick, th.endTick)}, ${th.end}${error}`;
    return { kind: 'thread', index: l.id, html };
  }
  const row = Math.floor((ly - PAD) / ROW_H);
  if (row < 0 || row >= l.rowIdx.length) return null;
  const rowIdx = l.rowIdx[row];
  const c = findIn(rowIdx, C.start, C.end, t, tol);
  if (c < 0) return null;
  let html = callText(v, c);
  if (C.start[c] === C.end[c]) {
    let at = firstStartingFrom(rowIdx, C.start, C.start[c], 0);
    let same = 0;
    while (
      at < rowIdx.length &&
      C.start[rowIdx[at]] === C.start[c] &&
      C.end[rowIdx[at]] === C.start[c]
    ) {
      at++;
      same++;
    }
    if (same > 1) html += `\n(one of ${same} instant calls at this tick on this row)`;
  }
  return { kind: 'call', index: c, html };
}

/** Per-CPU mediation: the tick each CPU's mediator entered block. */
function cpuBlockLines(s: SwapInfo): string[] {
  const marks = s.cpuPhases.filter((m) => m.phase === 'block');
  if (marks.length === 0) return [];
  const each = marks.map((m) => `cpu ${m.cpu} at ${m.tick}${m.noRep ? ' (no rep)' : ''}`);
  return [`per-CPU block: ${each.join(', ')}`];
}

function hitSwapLane(v: Viewer, l: Lane, px: number): Hit | null {
  const s = v.index.swapById.get(l.id);
  if (!s) return null;
  let hitBox = null;
  for (const box of phaseBoxes(v, s)) if (px >= box.a - 1 && px <= box.b + 1) hitBox = box;
  if (!hitBox) return null;
  const p = hitBox.p;
  const lines = [
    `<b>swap ${s.swap}: ${p.phase}</b>`,
    span(p.start, p.end),
    `${esc(s.from.join(', '))} \u2192 ${esc(s.to.join(', '))} \u00b7 outcome ${s.outcome}${s.reason ? ': ' + esc(s.reason) : ''}`,
    `held ${s.held} calls (longest ${s.maxHoldTicks} ticks)`,
    ...cpuBlockLines(s),
  ];
  return { kind: 'phase', index: s.phases.indexOf(p), html: lines.join('\n') };
}

export function hitAt(v: Viewer, px: number, py: number): Hit | null {
  if (px < LABEL_W || py < AXIS_H) return null;
  const l = laneAtY(v, py);
  if (!l) return null;
  const t = v.tickAt(px);
  const tol = 3 / v.scale;
  const ly = py + v.dom.container.scrollTop - l.top;
  if (l.kind === 'thread' || l.kind === 'kernel')
    return hitThreadLane(v, l, t, tol, ly) ?? binHit(v, l, t);
  if (l.kind === 'swap') return hitSwapLane(v, l, px);
  const R = v.model.runs;
  const k = findIn(l.runIdx, R.start, R.end, t, tol);
  if (k < 0)
    return (
      binHit(v, l, t) ?? {
        kind: 'cpu',
        index: l.id,
        html: `<b>cpu ${l.id}</b> idle at tick ${fmt(t)}`,
      }
    );
  const lead = `<b>cpu ${R.cpu[k]}</b> runs ${esc(threadName(v, R.thread[k]))}`;
  return { kind: 'run', index: k, html: runText(v, k, lead) };
}

export function showTooltip(v: Viewer, hit: Hit | null, clientX = 0, clientY = 0): void {
  const tooltip = v.dom.tooltip;
  if (!hit) {
    tooltip.hidden = true;
    tooltip.removeAttribute('data-kind');
    return;
  }
  tooltip.innerHTML = hit.html;
  tooltip.setAttribute('data-kind', hit.kind);
  if (hit.kind === 'call') tooltip.setAttribute('data-call', String(v.model.calls.id[hit.index]));
  else tooltip.removeAttribute('data-call');
  tooltip.hidden = false;
  const w = tooltip.offsetWidth;
  const h = tooltip.offsetHeight;
  let left = clientX + 14;
  let top = clientY + 14;
  if (left + w > window.innerWidth - 4) left = clientX - w - 14;
  if (top + h > window.innerHeight - 4) top = clientY - h - 14;
  tooltip.style.left = `${Math.max(4, left)}px`;
  tooltip.style.top = `${Math.max(4, top)}px`;
}
