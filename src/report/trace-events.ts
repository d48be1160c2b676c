/**
 * Trace events: one Chrome Trace Event per timeline item, built from the
 * model's columns (or the recorder's, as an item closes), so the one-object
 * trace (chrome-trace.ts), the sorted stream (trace-tracks.ts) and the
 * streaming writer (trace-stream-writer.ts) write the same event for the
 * same item.
 *
 * Interface: `threadTraceEvent(thread)`, `callTraceEvent(calls, i, label)`,
 * `heldTraceEvent(held, j, calls)`, `runTraceEvent(runs, i, threadName)`,
 * `generationTraceEvent(tick, cpu, generation)`, `metaTraceEvent(pid, tid,
 * kind, value)`; the process ids PID_THREADS, PID_CPUS, PID_KERNEL, PID_SWAPS.
 */
import type { TraceEvent } from './chrome-trace.ts';
import {
  CALL_ERROR,
  CALL_OPEN,
  CALL_TORN,
  RUN_ENDS,
  type CallColumns,
  type HeldColumns,
  type RunColumns,
  type ThreadInfo,
} from './timeline-model.ts';

export const PID_THREADS = 1;
export const PID_CPUS = 2;
export const PID_KERNEL = 3;
export const PID_SWAPS = 4;

export function metaTraceEvent(
  pid: number,
  tid: number,
  kind: 'process_name' | 'thread_name' | 'thread_sort_index' | 'process_sort_index',
  value: string | number,
): TraceEvent {
  const args = kind.endsWith('sort_index') ? { sort_index: value } : { name: value };
  return { name: kind, ph: 'M', pid, tid, ts: 0, args };
}

/** A thread's lifetime (the outer slice of its track). */
export function threadTraceEvent(t: ThreadInfo): TraceEvent {
  const args = {
    thread: t.id,
    parent: t.parent,
    end: t.end,
    ...(t.error === null ? {} : { error: t.error }),
  };
  return {
    name: t.name,
    cat: 'thread',
    ph: 'X',
    pid: PID_THREADS,
    tid: t.id,
    ts: t.spawnTick,
    dur: t.endTick - t.spawnTick,
    args,
  };
}

export function callTraceEvent(c: CallColumns, i: number, label: string): TraceEvent {
  const kernel = c.thread[i] < 0;
  const flags = c.flags[i];
  const args: Record<string, unknown> = {
    call: c.id[i],
    object: c.object[i],
    version: c.version[i],
    cpu: c.cpu[i],
  };
  if (flags & CALL_ERROR) args.error = true;
  if (flags & CALL_OPEN) args.unfinished = true;
  if (flags & CALL_TORN) args.torn = true;
  return {
    name: label,
    cat: 'call',
    ph: 'X',
    pid: kernel ? PID_KERNEL : PID_THREADS,
    tid: kernel ? c.cpu[i] + 1 : c.thread[i],
    ts: c.start[i],
    dur: c.end[i] - c.start[i],
    args,
  };
}

/** Held interval j (of call `held.call[j]` in `calls`). */
export function heldTraceEvent(h: HeldColumns, j: number, c: CallColumns): TraceEvent {
  const i = h.call[j];
  return {
    name: `held by swap ${h.swap[j]}`,
    cat: 'swap',
    ph: 'X',
    pid: PID_THREADS,
    tid: c.thread[i],
    ts: h.start[j],
    dur: h.end[j] - h.start[j],
    args: { call: c.id[i], swap: h.swap[j] },
  };
}

export function runTraceEvent(r: RunColumns, i: number, threadName: string): TraceEvent {
  return {
    name: threadName,
    cat: 'run',
    ph: 'X',
    pid: PID_CPUS,
    tid: r.cpu[i] + 1,
    ts: r.start[i],
    dur: r.end[i] - r.start[i],
    args: { thread: r.thread[i], ended: RUN_ENDS[r.why[i]] },
  };
}

export function generationTraceEvent(tick: number, cpu: number, generation: number): TraceEvent {
  return {
    name: `generation cpu ${cpu}`,
    ph: 'C',
    pid: PID_CPUS,
    tid: 0,
    ts: tick,
    args: { gen: generation },
  };
}
