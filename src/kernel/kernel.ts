/**
 * Kernel: the simulated preemptive SMP machine (docs/ARCHITECTURE.md, "The machine").
 *
 * Interface: `spawn(name, body, options)` makes a ready thread; `at(tick, fn)`
 * runs a kernel-context action at a tick (a background action, such as a
 * detector's poll, does not keep the run alive); `holdRun`/`releaseRun` mark
 * work in progress that does; `run(ticksMax)` drives the one event queue until
 * no non-daemon thread is alive and nothing is pending, or ticksMax is passed. `now` is the current tick; `current` the thread whose
 * step is running (null in kernel context); `currentCpu` the CPU of that step
 * (kernel-context actions run as CPU 0). Ports: `policy` (who runs next) and
 * `lifecycle` (thread activation, for quiescence).
 *
 * Time model: the step of a thread body that ends in a yield takes one tick
 * on its CPU; a compute(n) step takes n ticks, cut into quantum-sized pieces.
 * An effect takes hold when its step is taken (a block is atomic with the
 * check before it), but a thread is never ready again before its step ends,
 * so no thread runs on two CPUs at once. When no CPU has work, time jumps to
 * the next queued tick: idle time costs nothing.
 *
 * Invariants (panic if broken): ticks never go backwards; a thread picked by
 * the policy is alive and ready; a thread is on at most one CPU.
 */
import { EventQueue } from './event-queue.ts';
import type { EventSink } from './event-bus.ts';
import type { KernelEvent } from './kernel-events.ts';
import { Cpu } from './cpu.ts';
import { Thread, type SpawnOptions, type ThreadBody } from './thread.ts';
import type { EnqueueReason, SchedulingPolicy } from './scheduling-policy.ts';
import { NO_LIFECYCLE, type ThreadLifecycle } from './thread-lifecycle.ts';
import type { Effect } from './effect.ts';
import type { WaitQueue, Waker } from './wait-queue.ts';
import { assert, isKernelPanic, panic } from './panic.ts';
import { Action } from './action.ts';
import { checkSpawn } from './check-spawn.ts';
import { aliveReason } from './alive-reason.ts';
import { describeError } from './describe-error.ts';
import {
  activateAtStart,
  activateForCall,
  deactivateAfterCall,
  deactivateAtExit,
  deactivateSelf,
  quiescentPoint,
} from './activation.ts';

export interface KernelOptions {
  readonly cpus: number;
  readonly quantumTicks: number;
}

export interface KernelSpawnOptions extends SpawnOptions {
  /** A daemon does not keep the run alive (the run ends when only daemons remain). */
  readonly daemon?: boolean;
}

export type KernelOutcome = 'finished' | 'ticks-max' | 'deadlock' | 'halted';

export interface KernelRunResult {
  readonly outcome: KernelOutcome;
  readonly ticks: number;
  readonly reason?: string;
}

class Ready {
  readonly kind = 'ready';
  constructor(
    readonly thread: Thread,
    readonly reason: EnqueueReason,
  ) {}
}

type QueueItem = Cpu | Action | Ready;

export class Kernel implements Waker {
  now = 0;
  current: Thread | null = null;
  /** The label of the kernel action running now (sim.at, swap steps), or null. */
  currentAction: string | null = null;
  currentCpu = 0;
  policy!: SchedulingPolicy;
  lifecycle: ThreadLifecycle = NO_LIFECYCLE;
  readonly cpus: readonly Cpu[];
  readonly quantumTicks: number;
  /** Live (not exited) threads by id. */
  readonly threads = new Map<number, Thread>();
  threadsSpawned = 0;
  threadsExited = 0;
  threadsFailed = 0;
  actionsPending = 0;
  private liveNonDaemon = 0;
  private idleCount: number;
  private nextThreadId = 1;
  private readonly queue = new EventQueue<QueueItem>();
  private readonly daemons = new Set<number>();
  private haltReason: string | null = null;
  private running = false;

  constructor(
    options: KernelOptions,
    private readonly bus: EventSink<KernelEvent>,
  ) {
    this.cpus = Array.from({ length: options.cpus }, (_, i) => new Cpu(i));
    this.quantumTicks = options.quantumTicks;
    this.idleCount = options.cpus;
  }

  /** Create a ready thread. From a thread step, its parent is the running thread. */
  spawn(
    name: string,
    body: ThreadBody,
    options: KernelSpawnOptions = {},
    parent: Thread | null = this.current,
  ): Thread {
    checkSpawn(name, body, options, this.cpus.length);
    const hint = options.cpu ?? (parent ? parent.cpu : -1);
    const id = this.nextThreadId++;
    const t = new Thread(
      id,
      name,
      parent ? parent.id : null,
      body,
      options.weight ?? 1,
      this.now,
      hint,
    );
    this.threads.set(id, t);
    this.threadsSpawned++;
    if (options.daemon) this.daemons.add(id);
    else this.liveNonDaemon++;
    if (this.bus.on) {
      this.bus.emit({
        type: 'thread.spawned',
        thread: id,
        name,
        parent: t.parentId,
        daemon: !!options.daemon,
      });
    }
    this.makeReady(t, 'spawned');
    return t;
  }

  /** Run `fn` in kernel context at `tick` (not before now). */
  at(tick: number, fn: () => void, label = 'action', background = false): Action {
    if (!Number.isInteger(tick) || tick < this.now) {
      throw new RangeError(`at: tick must be an integer >= now (${this.now}), got ${tick}`);
    }
    const action = new Action(label, fn, this, background);
    this.queue.push(tick, action);
    return action;
  }

  /** Work in progress that keeps the run alive (a swap), like a pending action. */
  holdRun(): void {
    this.actionsPending++;
  }

  releaseRun(): void {
    this.actionsPending--;
  }

  /** Stop the run after the current event, with a reason (kernel context). */
  halt(reason: string): void {
    this.haltReason ??= reason;
  }

  run(ticksMax: number): KernelRunResult {
    return this.runSlice(ticksMax, Infinity)!;
  }

  /**
   * Run at most `itemsMax` queue items (CPU steps, wake-ups, actions); null
   * if the run has not ended then: call again to go on. Slicing never changes
   * what runs; it gives a watchdog outside the kernel a point to check
   * progress between slices (scenario/watchdog.ts).
   */
  runSlice(ticksMax: number, itemsMax: number): KernelRunResult | null {
    assert(!this.running, 'Kernel.run', 'already running');
    this.running = true;
    try {
      return this.loop(ticksMax, itemsMax);
    } finally {
      this.running = false;
      this.current = null;
      this.currentCpu = 0;
    }
  }

  private loop(ticksMax: number, itemsMax: number): KernelRunResult | null {
    for (let items = 0; ; items++) {
      if (this.haltReason !== null)
        return { outcome: 'halted', ticks: this.now, reason: this.haltReason };
      if (this.liveNonDaemon === 0 && this.actionsPending === 0)
        return { outcome: 'finished', ticks: this.now };
      const tick = this.queue.peekTick();
      if (tick === Infinity) return this.deadlock();
      if (tick > ticksMax) {
        this.now = Math.max(this.now, ticksMax);
        return {
          outcome: 'ticks-max',
          ticks: this.now,
          reason: this.aliveReason(`ticksMax ${ticksMax} reached`),
        };
      }
      if (items >= itemsMax) return null;
      const item = this.queue.pop()!;
      this.now = tick;
      if (item.kind === 'cpu') this.onCpu(item);
      else if (item.kind === 'ready') this.onReady(item);
      else this.onAction(item);
    }
  }

  private onReady(item: Ready): void {
    const t = item.thread;
    this.currentCpu = 0;
    if (t.state === 'sleeping' && this.bus.on)
      this.bus.emit({ type: 'thread.woken', thread: t.id, queue: null });
    this.enqueue(t, item.reason);
  }

  private onAction(action: Action): void {
    if (!action.take()) return;
    this.currentCpu = 0;
    if (this.bus.on) this.bus.emit({ type: 'kernel.action', label: action.label });
    this.currentAction = action.label;
    action.fn();
    this.currentAction = null;
  }

  private deadlock(): KernelRunResult {
    return {
      outcome: 'deadlock',
      ticks: this.now,
      reason: this.aliveReason('no event can ever wake the remaining threads'),
    };
  }

  private aliveReason(head: string): string {
    return aliveReason(head, this.threads.values(), (id) => this.daemons.has(id));
  }

  // ---- the dispatcher -------------------------------------------------------

  private onCpu(cpu: Cpu): void {
    this.currentCpu = cpu.index;
    let t = cpu.thread;
    if (t !== null && this.now >= cpu.quantumEnd) {
      this.leave(cpu, t);
      if (this.bus.on) this.bus.emit({ type: 'thread.preempted', thread: t.id, cpu: cpu.index });
      this.enqueue(t, 'preempted');
      t = null;
    }
    if (t === null) {
      t = this.dispatch(cpu);
      if (t === null) {
        cpu.idle = true;
        this.idleCount++;
        return;
      }
    }
    if (t.computeLeft > 0) this.burn(cpu, t);
    else this.step(cpu, t);
  }

  private dispatch(cpu: Cpu): Thread | null {
    this.currentCpu = cpu.index;
    const id = this.policy.pickNext(cpu.index);
    if (id === undefined) return null;
    const t = this.threads.get(id);
    if (t === undefined || t.state !== 'ready') {
      panic('Kernel.dispatch', `policy picked thread ${id}, which is ${t ? t.state : 'not alive'}`);
    }
    t.state = 'running';
    t.cpu = cpu.index;
    t.ranTicks = 0;
    cpu.thread = t;
    cpu.quantumEnd = this.now + this.quantumTicks;
    cpu.dispatches++;
    if (this.bus.on) this.bus.emit({ type: 'thread.dispatched', thread: id, cpu: cpu.index });
    if (!t.started) activateAtStart(t, this.lifecycle, cpu.index);
    return t;
  }

  private burn(cpu: Cpu, t: Thread): void {
    const n = Math.min(t.computeLeft, cpu.quantumEnd - this.now);
    t.computeLeft -= n;
    this.advance(cpu, t, n);
  }

  private advance(cpu: Cpu, t: Thread, ticks: number): void {
    t.ranTicks += ticks;
    t.busyUntil = this.now + ticks;
    cpu.busyTicks += ticks;
    this.queue.push(this.now + ticks, cpu);
  }

  private step(cpu: Cpu, t: Thread): void {
    this.current = t;
    this.currentCpu = cpu.index;
    let r: IteratorResult<Effect, unknown>;
    try {
      const error = t.resumeError;
      if (error !== undefined) {
        t.resumeError = undefined;
        r = t.gen.throw(error);
      } else {
        const value = t.resumeValue;
        t.resumeValue = undefined;
        r = t.gen.next(value);
      }
    } catch (e) {
      this.current = null;
      if (isKernelPanic(e)) throw e;
      this.finish(cpu, t, undefined, true, e);
      return;
    }
    this.current = null;
    if (r.done === true) this.finish(cpu, t, r.value, false, undefined);
    else this.apply(cpu, t, r.value);
  }

  private apply(cpu: Cpu, t: Thread, e: Effect): void {
    switch (e.kind) {
      case 'boundary':
        return this.advance(cpu, t, 1);
      case 'compute':
        t.computeLeft = e.ticks;
        return this.burn(cpu, t);
      case 'yield':
        this.leaveAfterStep(cpu, t);
        if (this.bus.on) this.bus.emit({ type: 'thread.yielded', thread: t.id, cpu: cpu.index });
        return this.makeReady(t, 'yielded');
      case 'sleep':
        return this.sleepThread(cpu, t, e.ticks);
      case 'block':
        return this.blockThread(cpu, t, e.queue);
      case 'wake':
        t.resumeValue = e.queue.wake(e.count);
        return this.advance(cpu, t, 1);
      case 'spawn':
        t.resumeValue = this.spawn(e.name, e.body, e.options, t).id;
        return this.advance(cpu, t, 1);
      case 'deactivate':
        deactivateSelf(t, this.lifecycle);
        if (this.bus.on)
          this.bus.emit({ type: 'thread.deactivated', thread: t.id, cpu: cpu.index });
        return this.advance(cpu, t, 1);
      case 'quiescent':
        this.quiescentPoint(cpu, t);
        return this.advance(cpu, t, 1);
      default:
        t.resumeError = new TypeError(
          `thread '${t.name}' yielded ${JSON.stringify(e)}, which is not an effect; use yield* with the effect helpers`,
        );
        return this.advance(cpu, t, 1);
    }
  }

  // ---- leaving the CPU -------------------------------------------------------

  /** The thread stops running on `cpu` now; the CPU dispatches again at now + 1. */
  private leaveAfterStep(cpu: Cpu, t: Thread): void {
    this.advance(cpu, t, 1);
    this.leave(cpu, t);
  }

  private leave(cpu: Cpu, t: Thread): void {
    cpu.thread = null;
    t.state = 'ready';
  }

  private sleepThread(cpu: Cpu, t: Thread, ticks: number): void {
    this.leaveAfterStep(cpu, t);
    t.state = 'sleeping';
    const until = this.now + 1 + ticks;
    if (this.bus.on)
      this.bus.emit({ type: 'thread.slept', thread: t.id, cpu: cpu.index, untilTick: until });
    this.queue.push(until, new Ready(t, 'woken'));
  }

  private blockThread(cpu: Cpu, t: Thread, queue: WaitQueue): void {
    this.leaveAfterStep(cpu, t);
    t.state = 'blocked';
    queue.waker = this;
    queue.add(t.id);
    if (this.bus.on)
      this.bus.emit({ type: 'thread.blocked', thread: t.id, cpu: cpu.index, queue: queue.name });
  }

  /** Waker port: a wait queue hands back one of its threads. */
  wakeThread(threadId: number, queue: WaitQueue): void {
    const t = this.threads.get(threadId);
    if (t === undefined || t.state !== 'blocked') {
      panic(
        'Kernel.wakeThread',
        `thread ${threadId} on '${queue.name}' is ${t ? t.state : 'not alive'}`,
      );
    }
    t.state = 'ready';
    if (this.bus.on) this.bus.emit({ type: 'thread.woken', thread: threadId, queue: queue.name });
    this.makeReady(t, 'woken');
  }

  /** Hand a thread to the policy, but never before its last step has ended. */
  private makeReady(t: Thread, reason: EnqueueReason): void {
    t.state = 'ready';
    if (t.busyUntil > this.now) this.queue.push(t.busyUntil, new Ready(t, reason));
    else this.enqueue(t, reason);
  }

  private enqueue(t: Thread, reason: EnqueueReason): void {
    t.state = 'ready';
    this.policy.enqueue(t, t.cpu >= 0 ? t.cpu : t.cpuHint, reason);
    if (this.idleCount > 0) this.kick(t.cpu >= 0 ? t.cpu : t.cpuHint);
  }

  /** Wake one idle CPU (the preferred one if idle) to look for work now. */
  private kick(preferred: number): void {
    let cpu = preferred >= 0 ? this.cpus[preferred] : undefined;
    if (cpu === undefined || !cpu.idle) cpu = this.cpus.find((c) => c.idle);
    if (cpu === undefined) return;
    cpu.idle = false;
    this.idleCount--;
    this.queue.push(this.now, cpu);
  }

  /** The thread ends: returned (`failed` false) or threw `error` (any value, undefined too). */
  private finish(cpu: Cpu, t: Thread, result: unknown, failed: boolean, error: unknown): void {
    this.leaveAfterStep(cpu, t);
    t.state = 'exited';
    t.tickExited = this.now;
    t.result = result;
    t.error = error;
    t.failed = failed;
    this.threads.delete(t.id);
    this.threadsExited++;
    if (this.daemons.delete(t.id) === false) this.liveNonDaemon--;
    if (failed) {
      this.threadsFailed++;
      if (this.bus.on) {
        this.bus.emit({
          type: 'thread.failed',
          thread: t.id,
          cpu: cpu.index,
          error: describeError(error),
        });
      }
    }
    // Report the exit before quiescence hears of it, so an observer sees the
    // thread leave before any request it held back is reached.
    if (this.bus.on) this.bus.emit({ type: 'thread.exited', thread: t.id, cpu: cpu.index });
    deactivateAtExit(t, this.lifecycle);
    this.policy.forget(t.id);
  }

  private quiescentPoint(cpu: Cpu, t: Thread): void {
    const refused = quiescentPoint(t, this.lifecycle, cpu.index);
    if (refused !== null) t.resumeError = refused;
    else if (this.bus.on) this.bus.emit({ type: 'thread.quiesced', thread: t.id, cpu: cpu.index });
  }

  // ---- activation (quiescence): the rules are in activation.ts -------------

  /** A self-deactivated thread entering its outermost call is counted again (K42: activate on system entry). */
  activateForCall(t: Thread): void {
    activateForCall(t, this.lifecycle, this.currentCpu);
  }

  /** ...and uncounted once it leaves its outermost call. */
  deactivateAfterCall(t: Thread): void {
    deactivateAfterCall(t, this.lifecycle);
  }

  /** Live threads that are not daemons. */
  get aliveCount(): number {
    return this.liveNonDaemon;
  }

  isDaemon(threadId: number): boolean {
    return this.daemons.has(threadId);
  }
}
