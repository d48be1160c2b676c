/**
 * TimelineRecorder: an observer that folds a run's event stream into a
 * TimelineModel (see timeline-model.ts for the shape and its invariants).
 *
 * Interface: `new TimelineRecorder()`, then `attach(sim)` before `sim.run()`
 * (or `add(event)` for each event of a recorded log); `model()` at any time
 * returns a snapshot with whatever is still open closed at the last tick;
 * `model({ share: true })` shares the recorder's columns (copies only end
 * ticks and call flags), for a writer that uses it at once and drops it.
 * `detach()` stops observing. Attaching after setup is fine: threads and
 * objects that already exist are read from the simulation at attach time.
 * `new TimelineRecorder({ retention })` hands each closed call, CPU run,
 * generation point and ended thread to a TimelineRetention, which may take
 * it (the recorder then drops it): a streaming trace writer, or the report's
 * budget (`aggregates` in the model says what it folded); `retained` counts
 * what the recorder holds.
 *
 * The calls are followed by a CallTrack (call-track.ts), swaps by a
 * SwapTrack, objects by an ObjectTrack; this file follows threads and CPUs.
 *
 * Invariants: it only reads events (subscribing never changes what the run
 * does, so the event log hash is the same with or without it); per event it
 * does O(1) work plus a stack pop, appending to number arrays, so a run of
 * 100,000 calls stays cheap; the model depends only on the events. With a
 * retention, memory is bounded by what is open plus what it keeps.
 */
import type { Subscription } from 'rxjs';
import type { Stamped } from '../kernel/index.ts';
import type { Simulation, SimulationEvent } from '../simulation/index.ts';
import {
  RUN_ENDS,
  TIMELINE_FORMAT,
  type GenerationColumns,
  type MediatorMark,
  type RunColumns,
  type RunEnd,
  type ThreadInfo,
  type TimelineModel,
} from './timeline-model.ts';
import { NO_END, SwapTrack } from './swap-track.ts';
import { ObjectTrack } from './object-track.ts';
import { CallTrack } from './call-track.ts';
import { columns, copyColumns, SlotColumns } from './timeline-columns.ts';
import type { TimelineRetention } from './timeline-retention.ts';
import { timelineLanes } from './timeline-lanes.ts';

type Event = Stamped<SimulationEvent>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

/** What the recorder needs of a simulation (a Simulation has all of it). */
export type TimelineSource = Pick<Simulation, 'events$'> &
  Partial<Pick<Simulation, 'options' | 'kernel' | 'table'>>;

type ThreadRec = Mutable<Omit<ThreadInfo, 'depthMax'>>;

/** What a retention folded away, for the model's `aggregates` (report-budget.ts). */
export interface RetentionWithAggregates extends TimelineRetention {
  aggregates(endTick: number): TimelineModel['aggregates'];
}

export interface TimelineRecorderOptions {
  /** Where closed items go (default: none, the recorder keeps everything). */
  readonly retention?: TimelineRetention | RetentionWithAggregates;
}

export class TimelineRecorder {
  private seed: number | null = null;
  private cpus = 0;
  private lastTick = 0;
  private events = 0;
  private readonly threads = new Map<number, ThreadRec>();
  private readonly objects = new ObjectTrack();
  private readonly callTrack: CallTrack;
  private readonly runStore = new SlotColumns<RunColumns>(['cpu', 'thread', 'start', 'end', 'why']);
  private readonly runs = this.runStore.cols;
  private readonly generations = columns<GenerationColumns>(['tick', 'cpu', 'generation']);
  private readonly track = new SwapTrack();
  private readonly mediators: MediatorMark[] = [];
  /** Open run slot by CPU. */
  private readonly openRuns: number[] = [];
  private readonly retention: TimelineRetention | null;
  private subscription: Subscription | null = null;
  private source: TimelineSource | null = null;

  constructor(o: TimelineRecorderOptions = {}) {
    this.retention = o.retention ?? null;
    this.callTrack = new CallTrack(this.retention);
  }

  /** Events folded in so far (a snapshot taken at the same count is the same model). */
  get eventCount(): number {
    return this.events;
  }

  /** Items the recorder holds (call and run slots, generation points, threads): bounded with a retention. */
  get retained(): { calls: number; runs: number; generations: number; threads: number } {
    return {
      calls: this.callTrack.slots,
      runs: this.runStore.slots,
      generations: this.generations.tick.length,
      threads: this.threads.size,
    };
  }

  /** Start observing `sim` (idempotent for the same simulation). */
  attach(sim: TimelineSource): this {
    if (this.source === sim) return this;
    if (this.source !== null) {
      throw new Error(
        'TimelineRecorder.attach: already attached to another simulation; use one recorder per simulation',
      );
    }
    this.source = sim;
    if (sim.options)
      [this.seed, this.cpus] = [sim.options.seed, Math.max(this.cpus, sim.options.cpus)];
    this.adoptExisting(sim);
    this.subscription = sim.events$.subscribe((e) => this.add(e));
    return this;
  }

  /** Stop observing; the model keeps what was recorded. */
  detach(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
  }

  /** Threads and objects that exist before attach (their spawn/create events were missed). */
  private adoptExisting(sim: TimelineSource): void {
    for (const t of sim.kernel?.threads.values() ?? []) {
      const rec = this.thread(t.id, t.tickSpawned);
      rec.name = t.name;
      rec.parent = t.parentId;
    }
    for (const e of sim.table?.entries ?? []) {
      if (e.state === 'destroyed') continue;
      this.objects.created(e.id, e.name, e.version, e.cls.name, 0);
    }
  }

  /** Fold one stamped event in (events must come in `seq` order). */
  add(e: Event): void {
    this.events++;
    if (e.tick > this.lastTick) this.lastTick = e.tick;
    switch (e.type) {
      case 'thread.spawned':
        return this.onSpawned(e);
      case 'thread.dispatched':
        return this.openRun(e.cpu, e.thread, e.tick);
      case 'thread.preempted':
      case 'thread.yielded':
      case 'thread.slept':
      case 'thread.blocked':
        return this.closeRun(e.cpu, e.tick, e.type.slice(7) as RunEnd);
      case 'thread.exited':
      case 'thread.failed':
        return this.onThreadEnd(e);
      case 'call.entered':
        this.noteCpu(e.cpu);
        if (e.thread >= 0) this.thread(e.thread, e.tick);
        this.objects.seen(e.object, e.objectName);
        return this.callTrack.entered(e);
      case 'call.reached':
        this.objects.noteVersion(e.object, e.version, e.impl, e.tick);
        return this.callTrack.reached(e);
      case 'call.exited':
        return this.callTrack.exited(e);
      case 'object.created':
        return this.objects.created(e.object, e.name, 1, e.class, e.tick);
      case 'object.retargeted':
        return this.objects.noteVersion(e.object, e.version, e.class, e.tick);
      case 'object.destroyed':
        return this.objects.destroyed(e.object, e.version, e.tick);
      case 'mediator.installed':
      case 'mediator.removed':
        this.mediators.push({
          tick: e.tick,
          object: e.object,
          mediator: e.mediator,
          installed: e.type === 'mediator.installed',
        });
        return;
      case 'generation.advanced':
        this.noteCpu(e.cpu);
        if (this.retention?.generation(e.tick, e.cpu, e.generation) === true) return;
        this.generations.tick.push(e.tick);
        this.generations.cpu.push(e.cpu);
        this.generations.generation.push(e.generation);
        return;
      default:
        if (e.type.startsWith('quiescence.')) return this.track.onQuiescence(e);
        if (e.type.startsWith('swap.')) return this.onSwap(e);
    }
  }

  // ---- threads and CPUs ---------------------------------------------------------

  private thread(id: number, tick: number): ThreadRec {
    let t = this.threads.get(id);
    if (t === undefined) {
      t = {
        id,
        name: `thread ${id}`,
        parent: null,
        daemon: false,
        spawnTick: tick,
        endTick: NO_END,
        end: 'alive',
        error: null,
      };
      this.threads.set(id, t);
    }
    return t;
  }

  private noteCpu(cpu: number): void {
    if (cpu + 1 > this.cpus) this.cpus = cpu + 1;
  }

  private onSpawned(e: Extract<Event, { type: 'thread.spawned' }>): void {
    const t = this.thread(e.thread, e.tick);
    Object.assign(t, {
      name: e.name,
      parent: e.parent,
      daemon: e.daemon,
      spawnTick: Math.min(t.spawnTick, e.tick),
    });
  }

  private openRun(cpu: number, thread: number, tick: number): void {
    this.noteCpu(cpu);
    this.thread(thread, tick);
    if ((this.openRuns[cpu] ?? NO_END) !== NO_END) this.closeRun(cpu, tick, 'preempted');
    const r = this.runs;
    const i = this.runStore.alloc();
    this.openRuns[cpu] = i;
    [r.cpu[i], r.thread[i], r.start[i], r.end[i]] = [cpu, thread, tick, NO_END];
    r.why[i] = RUN_ENDS.indexOf('running');
  }

  private closeRun(cpu: number, tick: number, why: RunEnd): void {
    const i = this.openRuns[cpu] ?? NO_END;
    if (i === NO_END) return;
    this.runs.end[i] = tick;
    this.runs.why[i] = RUN_ENDS.indexOf(why);
    this.openRuns[cpu] = NO_END;
    const name = this.threads.get(this.runs.thread[i])?.name ?? `thread ${this.runs.thread[i]}`;
    if (this.retention?.runClosed(this.runs, i, name) === true) this.runStore.release(i);
  }

  private onThreadEnd(e: Extract<Event, { type: 'thread.exited' | 'thread.failed' }>): void {
    const t = this.thread(e.thread, e.tick);
    if (e.type === 'thread.failed') [t.end, t.error] = ['failed', e.error];
    else if (t.end === 'alive') t.end = 'exited';
    t.endTick = e.tick;
    this.callTrack.threadEnded(e.thread, e.tick);
    this.closeRun(e.cpu, e.tick, e.type === 'thread.failed' ? 'failed' : 'exited');
    const info = { ...t, depthMax: this.callTrack.depthMaxOf(t.id) };
    if (this.retention?.threadEnded(info) === true) this.threads.delete(e.thread);
  }

  // ---- swaps: the calls they hold ---------------------------------------------------

  private onSwap(e: Event): void {
    if (e.type === 'swap.call-held') {
      if (this.callTrack.onHeld(e)) this.track.noteHeld(e.swap);
      return;
    }
    if (e.type === 'swap.transferred') this.callTrack.onTransferred(e.swap, e.object);
    if (e.type === 'swap.completed' || e.type === 'swap.aborted')
      this.callTrack.onSwapEnded(e.swap, e.type === 'swap.completed');
    if (e.type === 'swap.call-released') {
      this.callTrack.onReleased(e);
      return this.track.noteReleased(e.swap, e.heldTicks);
    }
    this.track.onSwap(e);
  }

  // ---- the snapshot -----------------------------------------------------------------

  /** The model so far; anything still open is closed at the last tick and flagged. */
  model(o: { share?: boolean } = {}): TimelineModel {
    const endTick = Math.max(this.lastTick, this.source?.kernel?.now ?? 0);
    const share = o.share === true;
    const { calls, held } = this.callTrack.snapshot(endTick, share);
    const threads = this.snapshotThreads(endTick);
    const { swaps, quiescence } = this.track.snapshot(endTick);
    const r = this.retention as Partial<RetentionWithAggregates> | null;
    const aggregates = r?.aggregates?.(endTick);
    return {
      format: TIMELINE_FORMAT,
      seed: this.seed,
      cpus: this.cpus,
      endTick,
      events: this.events,
      labels: [...this.callTrack.labels],
      lanes: timelineLanes(this.cpus, threads, calls, swaps, this.callTrack.kernelRows),
      threads,
      objects: this.objects.snapshot(),
      runs: this.runStore.snapshot(endTick, share).columns,
      calls,
      held,
      generations: copyColumns(this.generations, endTick, share),
      quiescence,
      swaps,
      mediators: this.mediators.map((m) => ({ ...m })),
      ...(aggregates === undefined ? {} : { aggregates }),
    };
  }

  private snapshotThreads(endTick: number): ThreadInfo[] {
    return [...this.threads.values()]
      .sort((a, b) => a.id - b.id)
      .map((t) => ({
        ...t,
        endTick: t.endTick === NO_END ? endTick : t.endTick,
        depthMax: this.callTrack.depthMaxOf(t.id),
      }));
  }
}

/** A recorder attached to `sim` (call before `sim.run()`). */
export function recordTimeline(sim: TimelineSource): TimelineRecorder {
  return new TimelineRecorder().attach(sim);
}
