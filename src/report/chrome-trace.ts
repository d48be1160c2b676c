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
 * "hot swaps" has one track per swap with its phases as 'X' slices and 'i'
 * instants at each phase change and at the outcome; quiescence requests and
 * reached markers are global 'i' instants. 'M' events name every process
 * and track.
 *
 * Invariants: on one (pid, tid), slices nest perfectly (Perfetto drops
 * overlapping ones); `checkTraceNesting` verifies it. Events are ordered by
 * track, then start tick, then depth, so the same model gives the same bytes.
 */
import { CALL_ERROR, CALL_OPEN, RUN_ENDS, type TimelineModel } from './timeline-model.ts';

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

export const PID_THREADS = 1;
export const PID_CPUS = 2;
export const PID_KERNEL = 3;
export const PID_SWAPS = 4;

interface Slice {
  readonly ev: TraceEvent;
  readonly depth: number;
}

/** Slices per track, keyed `pid:tid`, in insertion order. */
class Tracks {
  readonly byKey = new Map<string, Slice[]>();

  add(ev: TraceEvent, depth: number): void {
    const key = `${ev.pid}:${ev.tid}`;
    let list = this.byKey.get(key);
    if (list === undefined) this.byKey.set(key, (list = []));
    list.push({ ev, depth });
  }

  /** Every track's events ordered by (ts, depth), stable. */
  flatten(): TraceEvent[] {
    const out: TraceEvent[] = [];
    for (const list of this.byKey.values()) {
      list.sort((a, b) => a.ev.ts - b.ev.ts || a.depth - b.depth);
      for (const s of list) out.push(s.ev);
    }
    return out;
  }
}

function meta(
  pid: number,
  tid: number,
  kind: 'process_name' | 'thread_name' | 'thread_sort_index' | 'process_sort_index',
  value: string | number,
): TraceEvent {
  const args = kind.endsWith('sort_index') ? { sort_index: value } : { name: value };
  return { name: kind, ph: 'M', pid, tid, ts: 0, args };
}

function metadata(model: TimelineModel): TraceEvent[] {
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

function addThreads(model: TimelineModel, tracks: Tracks): void {
  for (const t of model.threads) {
    const args = {
      thread: t.id,
      parent: t.parent,
      end: t.end,
      ...(t.error === null ? {} : { error: t.error }),
    };
    tracks.add(
      {
        name: t.name,
        cat: 'thread',
        ph: 'X',
        pid: PID_THREADS,
        tid: t.id,
        ts: t.spawnTick,
        dur: t.endTick - t.spawnTick,
        args,
      },
      -1,
    );
  }
}

function addCalls(model: TimelineModel, tracks: Tracks): void {
  const c = model.calls;
  for (let i = 0; i < c.id.length; i++) {
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
    const ev: TraceEvent = {
      name: model.labels[c.label[i]],
      cat: 'call',
      ph: 'X',
      pid: kernel ? PID_KERNEL : PID_THREADS,
      tid: kernel ? c.cpu[i] + 1 : c.thread[i],
      ts: c.start[i],
      dur: c.end[i] - c.start[i],
      args,
    };
    tracks.add(ev, c.depth[i]);
  }
  const h = model.held;
  for (let j = 0; j < h.call.length; j++) {
    const i = h.call[j];
    const ev: TraceEvent = {
      name: `held by swap ${h.swap[j]}`,
      cat: 'swap',
      ph: 'X',
      pid: PID_THREADS,
      tid: c.thread[i],
      ts: h.start[j],
      dur: h.end[j] - h.start[j],
      args: { call: c.id[i], swap: h.swap[j] },
    };
    tracks.add(ev, c.depth[i] + 0.5);
  }
}

function addCpus(model: TimelineModel, tracks: Tracks): void {
  const r = model.runs;
  const names = new Map(model.threads.map((t) => [t.id, t.name]));
  for (let i = 0; i < r.cpu.length; i++) {
    const ev: TraceEvent = {
      name: names.get(r.thread[i]) ?? `thread ${r.thread[i]}`,
      cat: 'run',
      ph: 'X',
      pid: PID_CPUS,
      tid: r.cpu[i] + 1,
      ts: r.start[i],
      dur: r.end[i] - r.start[i],
      args: { thread: r.thread[i], ended: RUN_ENDS[r.why[i]] },
    };
    tracks.add(ev, 0);
  }
  const g = model.generations;
  for (let i = 0; i < g.tick.length; i++) {
    tracks.add(
      {
        name: `generation cpu ${g.cpu[i]}`,
        ph: 'C',
        pid: PID_CPUS,
        tid: 0,
        ts: g.tick[i],
        args: { gen: g.generation[i] },
      },
      0,
    );
  }
}

function addSwaps(model: TimelineModel, tracks: Tracks): void {
  for (const s of model.swaps) {
    for (const p of s.phases) {
      const args = { swap: s.swap, objects: s.objects, from: s.from, to: s.to };
      tracks.add(
        {
          name: p.phase,
          cat: 'swap',
          ph: 'X',
          pid: PID_SWAPS,
          tid: s.swap,
          ts: p.start,
          dur: p.end - p.start,
          args,
        },
        0,
      );
      tracks.add(
        {
          name: `swap ${s.swap} ${p.phase}`,
          cat: 'swap',
          ph: 'i',
          s: 't',
          pid: PID_SWAPS,
          tid: s.swap,
          ts: p.start,
        },
        1,
      );
    }
    if (s.outcomeTick !== null) {
      const args =
        s.reason === '' ? { held: s.held, maxHoldTicks: s.maxHoldTicks } : { reason: s.reason };
      tracks.add(
        {
          name: `swap ${s.swap} ${s.outcome}`,
          cat: 'swap',
          ph: 'i',
          s: 't',
          pid: PID_SWAPS,
          tid: s.swap,
          ts: s.outcomeTick,
          args,
        },
        1,
      );
    }
  }
  for (const q of model.quiescence) {
    const args = { request: q.request, label: q.label, detector: q.detector };
    tracks.add(
      {
        name: `quiescence requested: ${q.label}`,
        cat: 'quiescence',
        ph: 'i',
        s: 'g',
        pid: PID_SWAPS,
        tid: 0,
        ts: q.requestedTick,
        args,
      },
      0,
    );
    if (q.reachedTick !== null) {
      const reached = { ...args, latencyTicks: q.latencyTicks, lagTicks: q.lagTicks };
      tracks.add(
        {
          name: `quiescence reached: ${q.label}`,
          cat: 'quiescence',
          ph: 'i',
          s: 'g',
          pid: PID_SWAPS,
          tid: 0,
          ts: q.reachedTick,
          args: reached,
        },
        0,
      );
    }
  }
}

export function toChromeTrace(
  model: TimelineModel,
  otherData: Readonly<Record<string, unknown>> = {},
): ChromeTrace {
  const tracks = new Tracks();
  addThreads(model, tracks);
  addCalls(model, tracks);
  addCpus(model, tracks);
  addSwaps(model, tracks);
  return {
    traceEvents: [...metadata(model), ...tracks.flatten()],
    displayTimeUnit: 'ms',
    otherData: {
      generator: 'kernel-sim tracer',
      tickUnit: '1 tick = 1 us',
      seed: model.seed,
      endTick: model.endTick,
      ...otherData,
    },
  };
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
