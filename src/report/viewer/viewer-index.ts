/**
 * buildIndex: the model's lookups for drawing and hit testing: threads,
 * objects and swaps by id, lanes by key with each lane's calls per nesting
 * row, runs and generation advances, and the held intervals per call.
 */
import type { ObjectInfo, SwapInfo, ThreadInfo } from '../timeline-model.ts';
import { GROUP_GAP, PAD, ROW_H, STRIP_H, AXIS_H, type Lane, type Model } from './viewer-types.ts';

export interface ModelIndex {
  readonly threadById: ReadonlyMap<number, ThreadInfo>;
  readonly objectById: ReadonlyMap<number, ObjectInfo>;
  readonly swapById: ReadonlyMap<number, SwapInfo>;
  readonly lanes: readonly Lane[];
  readonly laneByKey: ReadonlyMap<string, Lane>;
  /** Call index -> indexes into model.held. */
  readonly heldByCall: ReadonlyMap<number, readonly number[]>;
  /** Height of every lane stacked, with the axis and group gaps. */
  readonly fullH: number;
}

export function laneKeyOfCall(model: Model, i: number): string {
  const C = model.calls;
  return C.thread[i] >= 0 ? `thread-${C.thread[i]}` : `kernel-${C.cpu[i]}`;
}

export function buildIndex(model: Model): ModelIndex {
  const lanes: Lane[] = model.lanes.map((l) => ({
    ...l,
    top: -1,
    height: 0,
    shown: false,
    rowIdx: Array.from({ length: l.rows }, () => []),
    runIdx: [],
    genIdx: [],
  }));
  const laneByKey = new Map(lanes.map((l) => [l.key, l]));
  indexCalls(model, laneByKey);
  indexRuns(model, laneByKey);
  const heldByCall = new Map<number, number[]>();
  model.held.call.forEach((call, i) => {
    const list = heldByCall.get(call);
    if (list === undefined) heldByCall.set(call, [i]);
    else list.push(i);
  });
  let fullH = AXIS_H + 8;
  lanes.forEach((l, k) => {
    l.height = laneHeight(l);
    l.shown = true;
    fullH += l.height + (k > 0 && lanes[k - 1].kind !== l.kind ? GROUP_GAP : 0);
  });
  return {
    threadById: new Map(model.threads.map((t) => [t.id, t])),
    objectById: new Map(model.objects.map((o) => [o.id, o])),
    swapById: new Map(model.swaps.map((s) => [s.swap, s])),
    lanes,
    laneByKey,
    heldByCall,
    fullH,
  };
}

function indexCalls(model: Model, laneByKey: ReadonlyMap<string, Lane>): void {
  const C = model.calls;
  for (let i = 0; i < C.id.length; i++) {
    const lane = laneByKey.get(laneKeyOfCall(model, i));
    if (lane === undefined) continue;
    while (lane.rowIdx.length <= C.depth[i]) lane.rowIdx.push([]);
    lane.rowIdx[C.depth[i]].push(i);
  }
}

function indexRuns(model: Model, laneByKey: ReadonlyMap<string, Lane>): void {
  const R = model.runs;
  const G = model.generations;
  for (let i = 0; i < R.cpu.length; i++) {
    laneByKey.get(`cpu-${R.cpu[i]}`)?.runIdx.push(i);
    laneByKey.get(`thread-${R.thread[i]}`)?.runIdx.push(i);
  }
  for (let i = 0; i < G.tick.length; i++) laneByKey.get(`cpu-${G.cpu[i]}`)?.genIdx.push(i);
}

function laneHeight(l: Lane): number {
  if (l.kind === 'cpu') return 22;
  if (l.kind === 'swap') return 26;
  if (l.kind === 'kernel') return l.rowIdx.length * ROW_H + 2 * PAD;
  return Math.max(1, l.rowIdx.length) * ROW_H + 2 * PAD + STRIP_H;
}
