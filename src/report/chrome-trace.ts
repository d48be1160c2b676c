/**
 * toChromeTrace: a TimelineModel as Chrome Trace Event JSON, the format
 * Perfetto (ui.perfetto.dev) and chrome://tracing load.
 *
 * Layout: 1 tick = 1 µs (`ts`, `dur`). Process 1 "threads" has one track
 * (tid = thread id) per simulated thread: its lifetime as an outer 'X' slice
 * named after the thread, its calls nested inside as 'X' slices named
 * `object.method`, and a held interval as a 'held by swap N' slice inside
 * the held call. Process 2 "cpus" has one track per CPU (tid = cpu + 1) with
 * the threads it ran, and the generation counters ('C', one series per CPU).
 * Process 3 "kernel context" has the dispatcher's calls per CPU. Process 4
 * "hot swaps" has one track per swap with its phases as 'X' slices (under
 * per-CPU mediation, an 'i' mark per CPU phase change, `swap N cpu K block`) and 'i'
 * instants at each phase change and at the outcome; quiescence requests and
 * reached markers are global 'i' instants. 'M' events name every process
 * and track.
 *
 * Invariants: on one (pid, tid), slices nest perfectly (Perfetto drops
 * overlapping ones); `checkTraceNesting` verifies it. Events are ordered by
 * track, then start tick, then depth, so the same model gives the same bytes.
 *
 * Interface: `toChromeTrace(model)` the trace as one object;
 * `streamChromeTrace(model, sink)` the same bytes written piece by piece,
 * never holding the events (trace-tracks.ts), for large runs;
 * `traceEventCount(model)`; `checkTraceNesting(events)`.
 */
import type { TimelineModel } from './timeline-model.ts';
import { PID_CPUS, PID_KERNEL, PID_SWAPS, PID_THREADS, metaTraceEvent } from './trace-events.ts';
import { TraceTracks } from './trace-tracks.ts';

export interface TraceEvent {
  readonly name: string;
  readonly ph: 'X' | 'i' | 'C' | 'M';
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly cat?: string;
  readonly dur?: number;
  readonly s?: 'g' | 'p' | 't';
  readonly args?: Readonly<Record<string, unknown>>;
}

export interface ChromeTrace {
  readonly traceEvents: readonly TraceEvent[];
  readonly displayTimeUnit: 'ms' | 'ns';
  readonly otherData: Readonly<Record<string, unknown>>;
}

export { PID_THREADS, PID_CPUS, PID_KERNEL, PID_SWAPS };

const meta = metaTraceEvent;

/** The 'M' events naming the model's processes and tracks. */
export function metadata(model: TimelineModel): TraceEvent[] {
  const out: TraceEvent[] = [
    meta(PID_THREADS, 0, 'process_name', 'threads'),
    meta(PID_CPUS, 0, 'process_name', 'cpus'),
    meta(PID_KERNEL, 0, 'process_name', 'kernel context'),
    meta(PID_SWAPS, 0, 'process_name', 'hot swaps'),
  ];
  [PID_SWAPS, PID_CPUS, PID_THREADS, PID_KERNEL].forEach((pid, i) =>
    out.push(meta(pid, 0, 'process_sort_index', i)),
  );
  for (const t of model.threads)
    out.push(meta(PID_THREADS, t.id, 'thread_name', `${t.name} #${t.id}`));
  for (let cpu = 0; cpu < model.cpus; cpu++)
    out.push(meta(PID_CPUS, cpu + 1, 'thread_name', `cpu ${cpu}`));
  for (const l of model.lanes)
    if (l.kind === 'kernel')
      out.push(meta(PID_KERNEL, l.id + 1, 'thread_name', `kernel on cpu ${l.id}`));
  for (const s of model.swaps) out.push(meta(PID_SWAPS, s.swap, 'thread_name', `swap ${s.swap}`));
  return out;
}

export function otherDataOf(
  model: TimelineModel,
  otherData: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return {
    generator: 'kernel-sim tracer',
    tickUnit: '1 tick = 1 us',
    seed: model.seed,
    endTick: model.endTick,
    ...otherData,
  };
}

export function toChromeTrace(
  model: TimelineModel,
  otherData: Readonly<Record<string, unknown>> = {},
): ChromeTrace {
  return {
    traceEvents: [...metadata(model), ...new TraceTracks(model).events()],
    displayTimeUnit: 'ms',
    otherData: otherDataOf(model, otherData),
  };
}

/**
 * The trace's JSON written through `sink` piece by piece: exactly the bytes
 * of `JSON.stringify(toChromeTrace(model, otherData))`, without ever holding
 * the trace's events (each is built, written and dropped); returns how many
 * events were written.
 */
export function streamChromeTrace(
  model: TimelineModel,
  sink: (text: string) => void,
  otherData: Readonly<Record<string, unknown>> = {},
): number {
  sink('{"traceEvents":[');
  let n = 0;
  const write = (ev: TraceEvent): void => {
    sink(n === 0 ? JSON.stringify(ev) : `,${JSON.stringify(ev)}`);
    n++;
  };
  for (const ev of metadata(model)) write(ev);
  for (const ev of new TraceTracks(model).events()) write(ev);
  sink(`],"displayTimeUnit":"ms","otherData":${JSON.stringify(otherDataOf(model, otherData))}}`);
  return n;
}

/** How many events the trace of `model` has, without building them. */
export function traceEventCount(model: TimelineModel): number {
  return metadata(model).length + new TraceTracks(model).count;
}

/**
 * Problems with slice nesting: for each (pid, tid), 'X' slices sorted by
 * start (longer first on a tie) must each lie inside the enclosing one or
 * start after it ends. Returns one line per overlap (empty when perfect).
 */
export function checkTraceNesting(events: readonly TraceEvent[]): string[] {
  const byTrack = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X') continue;
    const key = `${e.pid}:${e.tid}`;
    let list = byTrack.get(key);
    if (list === undefined) byTrack.set(key, (list = []));
    list.push(e);
  }
  const problems: string[] = [];
  for (const [key, list] of byTrack) {
    list.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const open: TraceEvent[] = [];
    const endOf = (e: TraceEvent): number => e.ts + e.dur!;
    for (const e of list) {
      while (open.length > 0 && endOf(open[open.length - 1]) <= e.ts) open.pop();
      const top = open[open.length - 1];
      if (top !== undefined && endOf(e) > endOf(top)) {
        problems.push(
          `track ${key}: '${e.name}' [${e.ts}, ${endOf(e)}] overlaps '${top.name}' [${top.ts}, ${endOf(top)}]`,
        );
      }
      open.push(e);
    }
  }
  return problems;
}
