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
 *
 * Invariants: it only reads events (subscribing never changes what the run
 * does, so the event log hash is the same with or without it); per event it
 * does O(1) work plus a stack pop, appending to number arrays, so a run of
 * 100,000 calls stays cheap; the model depends only on the events.
 */
import type { Subscription } from 'rxjs';
import type { Stamped } from '../kernel/index.ts';
import type { Simulation, SimulationEvent } from '../simulation/index.ts';
import {
  CALL_ERROR,
  CALL_HELD,
  CALL_TORN,
  CALL_OPEN,
  RUN_ENDS,
  TIMELINE_FORMAT,
  type CallColumns,
  type GenerationColumns,
  type HeldColumns,
  type MediatorMark,
  type RunColumns,
  type RunEnd,
  type ThreadInfo,
  type TimelineModel,
} from './timeline-model.ts';
import { NO_END, SwapTrack } from './swap-track.ts';
import { ObjectTrack } from './object-track.ts';
import { timelineLanes } from './timeline-lanes.ts';

type Event = Stamped<SimulationEvent>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

/** What the recorder needs of a simulation (a Simulation has all of it). */
export type TimelineSource = Pick<Simulation, 'events$'> &
  Partial<Pick<Simulation, 'options' | 'kernel' | 'table'>>;

interface ThreadRec extends Mutable<Omit<ThreadInfo, 'depthMax'>> {
  readonly stack: number[];
}

const CALL_FIELDS = 'id thread cpu object label start end version depth parent flags'.split(
  ' ',
) as (keyof CallColumns)[];

function columns<T>(fields: readonly (keyof T)[]): T {
  return Object.fromEntries(fields.map((f) => [f, []])) as T;
}

export class TimelineRecorder {
  private seed: number | null = null;
  private cpus = 0;
  private lastTick = 0;
  private events = 0;
  private readonly labelIndex = new Map<string, number>();
  private readonly labels: string[] = [];
  private readonly threads = new Map<number, ThreadRec>();
  private readonly kernelStacks = new Map<number, number[]>();
  private readonly objects = new ObjectTrack();
  private readonly calls = columns<CallColumns>(CALL_FIELDS);
  private readonly runs = columns<RunColumns>(['cpu', 'thread', 'start', 'end', 'why']);
  private readonly held = columns<HeldColumns>(['call', 'swap', 'start', 'end']);
  private readonly generations = columns<GenerationColumns>(['tick', 'cpu', 'generation']);
  private readonly track = new SwapTrack();
  private readonly mediators: MediatorMark[] = [];
  /** Open call index by call id; open run index by CPU; open held index by call id. */
  private readonly openCalls = new Map<number, number>();
  /** Swap id -> calls in flight in an old version when it exported state (torn if it completes). */
  private readonly tornCandidates = new Map<number, number[]>();
  private readonly openRuns: number[] = [];
  private readonly openHeld = new Map<number, number>();
  private subscription: Subscription | null = null;
  private source: TimelineSource | null = null;

  /** Events folded in so far (a snapshot taken at the same count is the same model). */
  get eventCount(): number {
    return this.events;
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
        return this.onCallEntered(e);
      case 'call.reached':
        return this.onCallReached(e);
      case 'call.exited':
        return this.onCallExited(e);
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
        stack: [],
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
    this.openRuns[cpu] = r.cpu.length;
    r.cpu.push(cpu);
    r.thread.push(thread);
    r.start.push(tick);
    r.end.push(NO_END);
    r.why.push(RUN_ENDS.indexOf('running'));
  }

  private closeRun(cpu: number, tick: number, why: RunEnd): void {
    const i = this.openRuns[cpu] ?? NO_END;
    if (i === NO_END) return;
    this.runs.end[i] = tick;
    this.runs.why[i] = RUN_ENDS.indexOf(why);
    this.openRuns[cpu] = NO_END;
  }

  private onThreadEnd(e: Extract<Event, { type: 'thread.exited' | 'thread.failed' }>): void {
    const t = this.thread(e.thread, e.tick);
    if (e.type === 'thread.failed') [t.end, t.error] = ['failed', e.error];
    else if (t.end === 'alive') t.end = 'exited';
    t.endTick = e.tick;
    this.popTo(t.stack, 0, e.tick, CALL_OPEN);
    this.closeRun(e.cpu, e.tick, e.type === 'thread.failed' ? 'failed' : 'exited');
  }

  // ---- calls ----------------------------------------------------------------------

  private label(text: string): number {
    let i = this.labelIndex.get(text);
    if (i === undefined) {
      i = this.labels.length;
      this.labels.push(text);
      this.labelIndex.set(text, i);
    }
    return i;
  }

  private stackOf(thread: number, cpu: number, tick: number): number[] {
    if (thread >= 0) return this.thread(thread, tick).stack;
    let s = this.kernelStacks.get(cpu);
    if (s === undefined) this.kernelStacks.set(cpu, (s = []));
    return s;
  }

  private onCallEntered(e: Extract<Event, { type: 'call.entered' }>): void {
    this.noteCpu(e.cpu);
    const c = this.calls;
    const stack = this.stackOf(e.thread, e.cpu, e.tick);
    const i = c.id.length;
    c.id.push(e.call);
    c.thread.push(e.thread);
    c.cpu.push(e.cpu);
    c.object.push(e.object);
    c.label.push(this.label(`${e.objectName}.${e.method}`));
    c.start.push(e.tick);
    c.end.push(NO_END);
    c.version.push(0);
    c.depth.push(stack.length);
    c.parent.push(stack.length > 0 ? stack[stack.length - 1] : -1);
    c.flags.push(0);
    stack.push(i);
    this.openCalls.set(e.call, i);
    this.objects.seen(e.object, e.objectName);
  }

  private onCallReached(e: Extract<Event, { type: 'call.reached' }>): void {
    const i = this.openCalls.get(e.call);
    if (i !== undefined) this.calls.version[i] = e.version;
    this.objects.noteVersion(e.object, e.version, e.impl, e.tick);
  }

  private onCallExited(e: Extract<Event, { type: 'call.exited' }>): void {
    const i = this.openCalls.get(e.call);
    if (i === undefined) return;
    if (e.error !== null) this.calls.flags[i] |= CALL_ERROR;
    const stack = this.stackOf(e.thread, this.calls.cpu[i], e.tick);
    const at = stack.lastIndexOf(i);
    if (at >= 0) this.popTo(stack, at + 1, e.tick, CALL_OPEN);
    if (at >= 0) stack.pop();
    this.closeCall(i, e.tick, 0);
  }

  /** Close every call above `depth` on a stack (they did not exit: flag them). */
  private popTo(stack: number[], depth: number, tick: number, flag: number): void {
    while (stack.length > depth) this.closeCall(stack.pop()!, tick, flag);
  }

  private closeCall(i: number, tick: number, flag: number): void {
    const c = this.calls;
    c.end[i] = tick;
    c.flags[i] |= flag;
    this.openCalls.delete(c.id[i]);
    const h = this.openHeld.get(c.id[i]);
    if (h !== undefined) this.closeHeld(c.id[i], h, tick);
  }

  private closeHeld(callId: number, h: number, tick: number): void {
    this.held.end[h] = tick;
    this.openHeld.delete(callId);
  }

  // ---- swaps: the calls they hold ---------------------------------------------------

  private onSwap(e: Event): void {
    if (e.type === 'swap.call-held') return this.onHeld(e);
    if (e.type === 'swap.transferred') this.noteTransfer(e.swap, e.object);
    if (e.type === 'swap.completed')
      for (const i of this.tornCandidates.get(e.swap) ?? []) this.calls.flags[i] |= CALL_TORN;
    if (e.type === 'swap.completed' || e.type === 'swap.aborted')
      this.tornCandidates.delete(e.swap);
    if (e.type === 'swap.call-released') {
      const h = this.openHeld.get(e.call);
      if (h !== undefined) this.closeHeld(e.call, h, e.tick);
      return this.track.noteReleased(e.swap, e.heldTicks);
    }
    this.track.onSwap(e);
  }

  /** Calls that reached `object` and are still in flight as a swap exports its state. */
  private noteTransfer(swap: number, object: number): void {
    const list = this.tornCandidates.get(swap) ?? [];
    for (const i of this.openCalls.values())
      if (this.calls.object[i] === object && this.calls.version[i] > 0) list.push(i);
    if (list.length > 0) this.tornCandidates.set(swap, list);
  }

  private onHeld(e: Extract<Event, { type: 'swap.call-held' }>): void {
    const i = this.openCalls.get(e.call);
    if (i === undefined) return;
    this.track.noteHeld(e.swap);
    this.calls.flags[i] |= CALL_HELD;
    this.openHeld.set(e.call, this.held.call.length);
    this.held.call.push(i);
    this.held.swap.push(e.swap);
    this.held.start.push(e.tick);
    this.held.end.push(NO_END);
  }

  // ---- the snapshot -----------------------------------------------------------------

  /** The model so far; anything still open is closed at the last tick and flagged. */
  model(o: { share?: boolean } = {}): TimelineModel {
    const endTick = Math.max(this.lastTick, this.source?.kernel?.now ?? 0);
    const share = o.share === true;
    const calls = this.snapshotCalls(endTick, share);
    const threads = this.snapshotThreads(calls, endTick);
    const { swaps, quiescence } = this.track.snapshot(endTick);
    return {
      format: TIMELINE_FORMAT,
      seed: this.seed,
      cpus: this.cpus,
      endTick,
      events: this.events,
      labels: [...this.labels],
      lanes: timelineLanes(this.cpus, threads, calls, swaps),
      threads,
      objects: this.objects.snapshot(),
      runs: copyColumns(this.runs, endTick, share),
      calls,
      held: copyColumns(this.held, endTick, share),
      generations: copyColumns(this.generations, endTick, share),
      quiescence,
      swaps,
      mediators: this.mediators.map((m) => ({ ...m })),
    };
  }

  private snapshotCalls(endTick: number, share: boolean): CallColumns {
    const calls = copyColumns(this.calls, endTick, share, 'flags');
    for (const i of this.openCalls.values()) calls.flags[i] |= CALL_OPEN;
    return calls;
  }

  private snapshotThreads(calls: CallColumns, endTick: number): ThreadInfo[] {
    const depthMax = new Map<number, number>();
    for (let i = 0; i < calls.thread.length; i++) {
      const t = calls.thread[i];
      if (t >= 0 && calls.depth[i] > (depthMax.get(t) ?? 0)) depthMax.set(t, calls.depth[i]);
    }
    return [...this.threads.values()]
      .sort((a, b) => a.id - b.id)
      .map(({ stack: _stack, ...t }) => ({
        ...t,
        endTick: t.endTick === NO_END ? endTick : t.endTick,
        depthMax: depthMax.get(t.id) ?? 0,
      }));
  }
}

/** Columns with open ends (NO_END in `end`) closed at endTick; copied, or with `share` only `end` and `own`. */
function copyColumns<T extends object>(columns: T, endTick: number, share = false, own = ''): T {
  const copy = Object.entries(columns).map(([key, values]: [string, number[]]) => {
    if (key === 'end') return [key, values.map((e) => (e === NO_END ? endTick : e))];
    return [key, share && key !== own ? values : [...values]];
  });
  return Object.fromEntries(copy) as T;
}

/** A recorder attached to `sim` (call before `sim.run()`). */
export function recordTimeline(sim: TimelineSource): TimelineRecorder {
  return new TimelineRecorder().attach(sim);
}
