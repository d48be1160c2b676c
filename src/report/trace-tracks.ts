/**
 * TraceTracks: the slices of a Chrome trace, per track, as small references
 * into a TimelineModel instead of event objects, so a trace of millions of
 * calls is written without holding millions of TraceEvents (about 300 bytes
 * each): an index per slice, the event built just before it is written.
 *
 *   const tracks = new TraceTracks(model);
 *   tracks.count                      slices (trace events less the 'M' ones)
 *   for (const ev of tracks.events()) ...   every track in insertion order,
 *                                     its slices ordered by (ts, depth), stable
 *
 * A reference is `index * KINDS + kind`: a thread's lifetime, a call, a held
 * interval, a CPU run or a generation counter point, read from the model's
 * columns; the few swap and quiescence events are kept as objects (kind OBJ).
 * Tracks and their order are exactly those of the one-object trace
 * (chrome-trace.ts), so both give the same bytes.
 */
import type { TimelineModel } from './timeline-model.ts';
import type { TraceEvent } from './chrome-trace.ts';
import {
  callTraceEvent,
  generationTraceEvent,
  heldTraceEvent,
  PID_CPUS,
  PID_KERNEL,
  PID_SWAPS,
  PID_THREADS,
  runTraceEvent,
  threadTraceEvent,
} from './trace-events.ts';

export { PID_THREADS, PID_CPUS, PID_KERNEL, PID_SWAPS };

const OBJ = 0;
const THREAD = 1;
const CALL = 2;
const HELD = 3;
const RUN = 4;
const GEN = 5;
const KINDS = 8;
/** Track keys as numbers: pid * TID_SPAN + tid (tids are thread, CPU and swap ids). */
const TID_SPAN = 2 ** 32;

export class TraceTracks {
  /** Track key -> slice references, in insertion order. */
  private readonly tracks = new Map<number, number[]>();
  private readonly objs: TraceEvent[] = [];
  private readonly objDepth: number[] = [];
  private readonly threadNames: Map<number, string>;
  count = 0;

  constructor(private readonly model: TimelineModel) {
    this.threadNames = new Map(model.threads.map((t) => [t.id, t.name]));
    this.addThreads();
    this.addCalls();
    this.addCpus();
    this.addSwaps();
  }

  /** Every slice as a TraceEvent, built as it is reached. */
  *events(): Generator<TraceEvent> {
    for (const refs of this.tracks.values()) {
      refs.sort((a, b) => this.ts(a) - this.ts(b) || this.depth(a) - this.depth(b));
      for (const r of refs) yield this.event(r);
    }
  }

  private add(pid: number, tid: number, ref: number): void {
    const key = pid * TID_SPAN + tid;
    let list = this.tracks.get(key);
    if (list === undefined) this.tracks.set(key, (list = []));
    list.push(ref);
    this.count++;
  }

  private addObj(ev: TraceEvent, depth: number): void {
    this.objs.push(ev);
    this.objDepth.push(depth);
    this.add(ev.pid, ev.tid, (this.objs.length - 1) * KINDS + OBJ);
  }

  private addThreads(): void {
    this.model.threads.forEach((t, i) => this.add(PID_THREADS, t.id, i * KINDS + THREAD));
  }

  private addCalls(): void {
    const c = this.model.calls;
    for (let i = 0; i < c.id.length; i++) {
      const kernel = c.thread[i] < 0;
      this.add(
        kernel ? PID_KERNEL : PID_THREADS,
        kernel ? c.cpu[i] + 1 : c.thread[i],
        i * KINDS + CALL,
      );
    }
    const h = this.model.held;
    for (let j = 0; j < h.call.length; j++)
      this.add(PID_THREADS, c.thread[h.call[j]], j * KINDS + HELD);
  }

  private addCpus(): void {
    const r = this.model.runs;
    for (let i = 0; i < r.cpu.length; i++) this.add(PID_CPUS, r.cpu[i] + 1, i * KINDS + RUN);
    const g = this.model.generations;
    for (let i = 0; i < g.tick.length; i++) this.add(PID_CPUS, 0, i * KINDS + GEN);
  }

  private addSwaps(): void {
    for (const s of this.model.swaps) {
      for (const p of s.phases) {
        const args = { swap: s.swap, objects: s.objects, from: s.from, to: s.to };
        this.addObj(
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
        this.addObj(
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
      for (const m of s.cpuPhases) {
        this.addObj(
          {
            name: `swap ${s.swap} cpu ${m.cpu} ${m.phase}`,
            cat: 'swap',
            ph: 'i',
            s: 't',
            pid: PID_SWAPS,
            tid: s.swap,
            ts: m.tick,
            args: { cpu: m.cpu, phase: m.phase, noRep: m.noRep },
          },
          1,
        );
      }
      if (s.outcomeTick !== null) {
        const args =
          s.reason === '' ? { held: s.held, maxHoldTicks: s.maxHoldTicks } : { reason: s.reason };
        this.addObj(
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
    for (const q of this.model.quiescence) this.addQuiescence(q);
  }

  private addQuiescence(q: TimelineModel['quiescence'][number]): void {
    const args = { request: q.request, label: q.label, detector: q.detector };
    const instant = { cat: 'quiescence', ph: 'i', s: 'g', pid: PID_SWAPS, tid: 0 } as const;
    this.addObj(
      { name: `quiescence requested: ${q.label}`, ...instant, ts: q.requestedTick, args },
      0,
    );
    if (q.reachedTick !== null) {
      const reached = { ...args, latencyTicks: q.latencyTicks, lagTicks: q.lagTicks };
      this.addObj(
        { name: `quiescence reached: ${q.label}`, ...instant, ts: q.reachedTick, args: reached },
        0,
      );
    }
  }

  private ts(ref: number): number {
    const i = Math.floor(ref / KINDS);
    const m = this.model;
    switch (ref % KINDS) {
      case THREAD:
        return m.threads[i].spawnTick;
      case CALL:
        return m.calls.start[i];
      case HELD:
        return m.held.start[i];
      case RUN:
        return m.runs.start[i];
      case GEN:
        return m.generations.tick[i];
      default:
        return this.objs[i].ts;
    }
  }

  private depth(ref: number): number {
    const i = Math.floor(ref / KINDS);
    switch (ref % KINDS) {
      case THREAD:
        return -1;
      case CALL:
        return this.model.calls.depth[i];
      case HELD:
        return this.model.calls.depth[this.model.held.call[i]] + 0.5;
      case RUN:
      case GEN:
        return 0;
      default:
        return this.objDepth[i];
    }
  }

  private event(ref: number): TraceEvent {
    const i = Math.floor(ref / KINDS);
    switch (ref % KINDS) {
      case THREAD:
        return this.threadEvent(i);
      case CALL:
        return this.callEvent(i);
      case HELD:
        return this.heldEvent(i);
      case RUN:
        return this.runEvent(i);
      case GEN:
        return this.generationEvent(i);
      default:
        return this.objs[i];
    }
  }

  private threadEvent(i: number): TraceEvent {
    return threadTraceEvent(this.model.threads[i]);
  }

  private callEvent(i: number): TraceEvent {
    const c = this.model.calls;
    return callTraceEvent(c, i, this.model.labels[c.label[i]]);
  }

  private heldEvent(j: number): TraceEvent {
    return heldTraceEvent(this.model.held, j, this.model.calls);
  }

  private runEvent(i: number): TraceEvent {
    const r = this.model.runs;
    return runTraceEvent(r, i, this.threadNames.get(r.thread[i]) ?? `thread ${r.thread[i]}`);
  }

  private generationEvent(i: number): TraceEvent {
    const g = this.model.generations;
    return generationTraceEvent(g.tick[i], g.cpu[i], g.generation[i]);
  }
}
