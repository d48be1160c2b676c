/**
 * TimelineRecorder: an observer that folds a run's event stream into a
 * TimelineModel (see timeline-model.ts for the shape and its invariants).
 *
 * Interface: `new TimelineRecorder()`, then `attach(sim)` before `sim.run()`
 * (or `add(event)` for each event of a recorded log); `model()` at any time
 * returns a snapshot with whatever is still open closed at the last tick.
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
import { describeBlockers, type SwapPhase } from '../hotswap/index.ts';
import type { Simulation, SimulationEvent } from '../simulation/index.ts';
import {
  CALL_ERROR,
  CALL_HELD,
  CALL_OPEN,
  RUN_ENDS,
  TIMELINE_FORMAT,
  type CallColumns,
  type GenerationColumns,
  type HeldColumns,
  type LaneInfo,
  type MediatorMark,
  type ObjectInfo,
  type QuiescenceInfo,
  type RunColumns,
  type RunEnd,
  type SwapInfo,
  type ThreadInfo,
  type TimelineModel,
} from './timeline-model.ts';

type Event = Stamped<SimulationEvent>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

/** What the recorder needs of a simulation (a Simulation has all of it). */
export type TimelineSource = Pick<Simulation, 'events$'> &
  Partial<Pick<Simulation, 'options' | 'kernel' | 'table'>>;

interface ThreadRec extends Mutable<Omit<ThreadInfo, 'depthMax'>> {
  readonly stack: number[];
}
type ObjectRec = { id: number; name: string; versions: Mutable<ObjectInfo['versions'][number]>[] };
type SwapRec = Mutable<SwapInfo>;
type QuiescenceRec = Mutable<QuiescenceInfo>;

const NO_END = -1;

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
  private readonly objects = new Map<number, ObjectRec>();
  private readonly calls = columns<CallColumns>([
    'id',
    'thread',
    'cpu',
    'object',
    'label',
    'start',
    'end',
    'version',
    'depth',
    'parent',
    'flags',
  ]);
  private readonly runs = columns<RunColumns>(['cpu', 'thread', 'start', 'end', 'why']);
  private readonly held = columns<HeldColumns>(['call', 'swap', 'start', 'end']);
  private readonly generations = columns<GenerationColumns>(['tick', 'cpu', 'generation']);
  private readonly quiescence = new Map<number, QuiescenceRec>();
  private readonly swaps = new Map<number, SwapRec>();
  private readonly mediators: MediatorMark[] = [];
  /** Open call index by call id; open run index by CPU; open held index by call id. */
  private readonly openCalls = new Map<number, number>();
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
      this.objects.set(e.id, {
        id: e.id,
        name: e.name,
        versions: [{ version: e.version, class: e.cls.name, tick: 0, destroyedTick: null }],
      });
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
        this.objects.set(e.object, {
          id: e.object,
          name: e.name,
          versions: [{ version: 1, class: e.class, tick: e.tick, destroyedTick: null }],
        });
        return;
      case 'object.retargeted':
        return this.noteVersion(e.object, e.version, e.class, e.tick);
      case 'object.destroyed':
        return this.onDestroyed(e.object, e.version, e.tick);
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
        if (e.type.startsWith('quiescence.')) return this.onQuiescence(e);
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
    if (!this.objects.has(e.object))
      this.objects.set(e.object, { id: e.object, name: e.objectName, versions: [] });
  }

  private onCallReached(e: Extract<Event, { type: 'call.reached' }>): void {
    const i = this.openCalls.get(e.call);
    if (i !== undefined) this.calls.version[i] = e.version;
    this.noteVersion(e.object, e.version, e.impl, e.tick);
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

  // ---- objects ----------------------------------------------------------------------

  private noteVersion(object: number, version: number, cls: string, tick: number): void {
    const o = this.objects.get(object);
    if (o === undefined || o.versions.some((v) => v.version === version)) return;
    o.versions.push({ version, class: cls, tick, destroyedTick: null });
    o.versions.sort((a, b) => a.version - b.version);
  }

  private onDestroyed(object: number, version: number, tick: number): void {
    const v = this.objects.get(object)?.versions.find((x) => x.version === version);
    if (v !== undefined) v.destroyedTick = tick;
  }

  // ---- quiescence -------------------------------------------------------------------

  private onQuiescence(e: Event): void {
    if (e.type === 'quiescence.requested') {
      this.quiescence.set(e.request, {
        request: e.request,
        label: e.label,
        detector: e.detector,
        cpus: [...e.cpus],
        requestedTick: e.tick,
        reachedTick: null,
        cancelledTick: null,
        latencyTicks: null,
        lagTicks: null,
      });
    } else if (e.type === 'quiescence.reached') {
      const q = this.quiescence.get(e.request);
      if (q !== undefined)
        Object.assign(q, {
          reachedTick: e.tick,
          latencyTicks: e.latencyTicks,
          lagTicks: e.lagTicks,
        });
    } else if (e.type === 'quiescence.cancelled') {
      const q = this.quiescence.get(e.request);
      if (q !== undefined) q.cancelledTick = e.tick;
    }
  }

  // ---- swaps ------------------------------------------------------------------------

  private newSwap(e: Extract<Event, { type: 'swap.requested' }>): SwapRec {
    return {
      swap: e.swap,
      objects: [...e.objects],
      from: [...e.from],
      to: [...e.to],
      requestedTick: e.tick,
      doneTick: null,
      phases: [{ phase: 'negotiate', start: e.tick, end: NO_END }],
      outcome: 'pending',
      reason: '',
      abortedIn: null,
      outcomeTick: null,
      forwarded: 0,
      held: 0,
      maxHoldTicks: 0,
      transfers: [],
      stalls: [],
    };
  }

  private onSwap(e: Event): void {
    if (e.type === 'swap.requested') {
      this.swaps.set(e.swap, this.newSwap(e));
      return;
    }
    if (!('swap' in e)) return;
    const s = this.swaps.get(e.swap);
    if (s === undefined) return;
    switch (e.type) {
      case 'swap.phase-changed':
        return this.onPhase(s, e.phase, e.tick);
      case 'swap.refused':
        return void Object.assign(s, { outcome: 'refused', reason: e.reason, outcomeTick: e.tick });
      case 'swap.completed':
        return void Object.assign(s, {
          outcome: 'completed',
          outcomeTick: e.tick,
          forwarded: e.forwarded,
          held: e.held,
          maxHoldTicks: e.maxHoldTicks,
        });
      case 'swap.aborted': {
        const blockers = e.blockers.length > 0 ? describeBlockers(e.blockers) : '';
        const reason =
          blockers === '' || e.reason.includes(blockers) ? e.reason : `${e.reason}; ${blockers}`;
        return void Object.assign(s, {
          outcome: 'aborted',
          reason,
          abortedIn: e.phase,
          outcomeTick: e.tick,
        });
      }
      case 'swap.stalled':
        return void s.stalls.push({
          tick: e.tick,
          phase: e.phase,
          blockers: describeBlockers(e.blockers),
        });
      case 'swap.transferred':
        return void s.transfers.push({ tick: e.tick, object: e.object, format: e.format });
      case 'swap.call-held':
        return this.onHeld(s, e);
      case 'swap.call-released': {
        const h = this.openHeld.get(e.call);
        if (h !== undefined) this.closeHeld(e.call, h, e.tick);
        if (e.heldTicks > s.maxHoldTicks) s.maxHoldTicks = e.heldTicks;
        return;
      }
    }
  }

  private onPhase(s: SwapRec, phase: SwapPhase, tick: number): void {
    const last = s.phases[s.phases.length - 1];
    if (last !== undefined && last.end === NO_END)
      s.phases[s.phases.length - 1] = { ...last, end: tick };
    if (phase === 'done') s.doneTick = tick;
    else s.phases.push({ phase, start: tick, end: NO_END });
  }

  private onHeld(s: SwapRec, e: Extract<Event, { type: 'swap.call-held' }>): void {
    const i = this.openCalls.get(e.call);
    if (i === undefined) return;
    s.held++;
    this.calls.flags[i] |= CALL_HELD;
    this.openHeld.set(e.call, this.held.call.length);
    this.held.call.push(i);
    this.held.swap.push(e.swap);
    this.held.start.push(e.tick);
    this.held.end.push(NO_END);
  }

  // ---- the snapshot -----------------------------------------------------------------

  /** The model so far; anything still open is closed at the last tick and flagged. */
  model(): TimelineModel {
    const endTick = Math.max(this.lastTick, this.source?.kernel?.now ?? 0);
    const calls = this.snapshotCalls(endTick);
    const threads = this.snapshotThreads(calls, endTick);
    const swaps = [...this.swaps.values()].map((s) => this.snapshotSwap(s, endTick));
    return {
      format: TIMELINE_FORMAT,
      seed: this.seed,
      cpus: this.cpus,
      endTick,
      events: this.events,
      labels: [...this.labels],
      lanes: this.lanes(threads, calls, swaps),
      threads,
      objects: [...this.objects.values()]
        .sort((a, b) => a.id - b.id)
        .map((o) => ({ ...o, versions: o.versions.map((v) => ({ ...v })) })),
      runs: {
        ...this.runs,
        start: [...this.runs.start],
        cpu: [...this.runs.cpu],
        thread: [...this.runs.thread],
        end: closeAll(this.runs.end, endTick),
        why: [...this.runs.why],
      },
      calls,
      held: {
        call: [...this.held.call],
        swap: [...this.held.swap],
        start: [...this.held.start],
        end: closeAll(this.held.end, endTick),
      },
      generations: {
        tick: [...this.generations.tick],
        cpu: [...this.generations.cpu],
        generation: [...this.generations.generation],
      },
      quiescence: [...this.quiescence.values()].map((q) => ({ ...q, cpus: [...q.cpus] })),
      swaps,
      mediators: this.mediators.map((m) => ({ ...m })),
    };
  }

  private snapshotCalls(endTick: number): CallColumns {
    const c = this.calls;
    const flags = [...c.flags];
    for (const i of this.openCalls.values()) flags[i] |= CALL_OPEN;
    return {
      id: [...c.id],
      thread: [...c.thread],
      cpu: [...c.cpu],
      object: [...c.object],
      label: [...c.label],
      start: [...c.start],
      end: closeAll(c.end, endTick),
      version: [...c.version],
      depth: [...c.depth],
      parent: [...c.parent],
      flags,
    };
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

  private snapshotSwap(s: SwapRec, endTick: number): SwapInfo {
    const end = s.doneTick ?? endTick;
    return {
      ...s,
      objects: [...s.objects],
      from: [...s.from],
      to: [...s.to],
      transfers: s.transfers.map((t) => ({ ...t })),
      stalls: s.stalls.map((t) => ({ ...t })),
      phases: s.phases.map((p) => ({ ...p, end: p.end === NO_END ? end : p.end })),
    };
  }

  private lanes(
    threads: readonly ThreadInfo[],
    calls: CallColumns,
    swaps: readonly SwapInfo[],
  ): LaneInfo[] {
    const lanes: LaneInfo[] = [];
    for (let cpu = 0; cpu < this.cpus; cpu++)
      lanes.push({ key: `cpu-${cpu}`, kind: 'cpu', id: cpu, label: `cpu ${cpu}`, rows: 1 });
    for (const s of swaps)
      lanes.push({
        key: `swap-${s.swap}`,
        kind: 'swap',
        id: s.swap,
        label: `swap ${s.swap}: ${s.to.join(', ')}`,
        rows: 1,
      });
    const kernelRows = new Map<number, number>();
    for (let i = 0; i < calls.thread.length; i++) {
      if (calls.thread[i] < 0)
        kernelRows.set(
          calls.cpu[i],
          Math.max(kernelRows.get(calls.cpu[i]) ?? 0, calls.depth[i] + 1),
        );
    }
    for (const cpu of [...kernelRows.keys()].sort((a, b) => a - b)) {
      lanes.push({
        key: `kernel-${cpu}`,
        kind: 'kernel',
        id: cpu,
        label: `kernel on cpu ${cpu}`,
        rows: kernelRows.get(cpu)!,
      });
    }
    for (const t of threads)
      lanes.push({
        key: `thread-${t.id}`,
        kind: 'thread',
        id: t.id,
        label: `${t.name} #${t.id}`,
        rows: t.depthMax + 1,
      });
    return lanes;
  }
}

function closeAll(ends: readonly number[], endTick: number): number[] {
  return ends.map((e) => (e === NO_END ? endTick : e));
}

/** A recorder attached to `sim` (call before `sim.run()`). */
export function recordTimeline(sim: TimelineSource): TimelineRecorder {
  return new TimelineRecorder().attach(sim);
}
