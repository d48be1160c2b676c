/**
 * KernelCore: the state of the simulated machine and its run loop (the half
 * of the kernel that is not the dispatcher; kernel.ts extends it).
 *
 * Interface: `at(tick, fn)` runs a kernel-context action at a tick (a
 * background action, such as a detector's poll, does not keep the run
 * alive); `holdRun`/`releaseRun` mark work in progress that does; `halt`
 * stops the run after the current event; `run(ticksMax)` / `runSlice`
 * drive the one event queue until no non-daemon thread is alive and nothing
 * is pending, or ticksMax is passed. The subclass supplies `onCpu` (a CPU's
 * turn) and `enqueue` (hand a ready thread to the policy).
 *
 * Invariants (panic if broken): ticks never go backwards (the queue pops in
 * tick order); run is not re-entered.
 */
import { EventQueue } from './event-queue.ts';
import { ThreadTable } from './thread-table.ts';
import type { EventSink } from './event-bus.ts';
import type { KernelEvent } from './kernel-events.ts';
import { Cpu } from './cpu.ts';
import type { SpawnOptions, Thread } from './thread.ts';
import type { EnqueueReason, SchedulingPolicy } from './scheduling-policy.ts';
import { NO_LIFECYCLE, type ThreadLifecycle } from './thread-lifecycle.ts';
import { NO_UPDATE_POINTS, type UpdatePointPort } from './update-point-port.ts';
import { assert } from './panic.ts';
import { Action } from './action.ts';
import { directAction } from './kernel-events-direct.ts';
import { aliveReason } from './alive-reason.ts';
import { ACTION_TIE_KEY, type Schedule } from './schedule.ts';

export interface KernelOptions {
  readonly cpus: number;
  readonly quantumTicks: number;
  /** Seeded perturbation of scheduling choices (schedule.ts); absent: fifo. */
  readonly schedule?: Schedule | null;
  /** Most live threads at once (daemons included); one more is a LiveLimitError. Default: no limit. */
  readonly threadsMax?: number;
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
type QueueItem = Cpu | Action | Thread;

export abstract class KernelCore {
  now = 0;
  current: Thread | null = null;
  /** The label of the kernel action running now (sim.at, swap steps), or null. */
  currentAction: string | null = null;
  currentCpu = 0;
  policy!: SchedulingPolicy;
  lifecycle: ThreadLifecycle = NO_LIFECYCLE;
  /** Where update points are reported (update-point-port.ts); the hot swapper plugs in. */
  updatePoints: UpdatePointPort = NO_UPDATE_POINTS;
  readonly cpus: readonly Cpu[];
  readonly quantumTicks: number;
  readonly schedule: Schedule | null;
  readonly threadsMax: number;
  /**
   * Called when a live limit (threadsMax, the table's objectsMax) is passed,
   * with the reason; the Simulation ends the run as liveness. Default: halt.
   */
  onLimit: (reason: string) => void = (reason) => this.halt(reason);
  /**
   * Called after a step of a thread body that left `opsUnrun` above 0 (the
   * translation table finds generator calls made in the step and never run:
   * a missing yield*). An Error it returns is thrown into the thread instead
   * of taking the effect the step yielded (or fails it, if the step
   * returned). It resets `opsUnrun`. Null: no check.
   */
  stepEnded: ((t: Thread) => Error | null) | null = null;
  /**
   * Generator calls made in the current step and not yet started, kept by
   * the translation table: a correct step ends at 0, so the kernel's cost
   * per step is this one comparison.
   */
  opsUnrun = 0;
  /** Live (not exited) threads by id (a ReadonlyMap; dense: thread-table.ts). */
  readonly threads = new ThreadTable();
  threadsSpawned = 0;
  threadsExited = 0;
  threadsFailed = 0;
  actionsPending = 0;
  protected liveNonDaemon = 0;
  protected idleCount: number;
  protected nextThreadId = 1;
  protected readonly queue = new EventQueue<QueueItem>();
  protected readonly daemons = new Set<number>();
  private haltReason: string | null = null;
  private running = false;

  constructor(
    options: KernelOptions,
    protected readonly bus: EventSink<KernelEvent>,
  ) {
    this.cpus = Array.from({ length: options.cpus }, (_, i) => new Cpu(i));
    this.quantumTicks = options.quantumTicks;
    this.schedule = options.schedule ?? null;
    this.threadsMax = options.threadsMax ?? Infinity;
    this.idleCount = options.cpus;
  }
  /** Run `fn` in kernel context at `tick` (not before now). */
  at(tick: number, fn: () => void, label = 'action', background = false): Action {
    if (!Number.isInteger(tick) || tick < this.now) {
      throw new RangeError(`at: tick must be an integer >= now (${this.now}), got ${tick}`);
    }
    const action = new Action(label, fn, this, background);
    this.queue.push(tick, action, this.schedule === null ? 0 : ACTION_TIE_KEY);
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

  private onReady(t: Thread): void {
    this.currentCpu = 0;
    if (t.state === 'sleeping' && this.bus.on)
      this.bus.emit({ type: 'thread.woken', thread: t.id, queue: null });
    this.enqueue(t, t.readyReason);
  }

  private onAction(action: Action): void {
    if (!action.take()) return;
    this.currentCpu = 0;
    if (this.bus.on) {
      const d = this.bus.direct;
      if (d !== null) directAction(d, action.label);
      else this.bus.emit({ type: 'kernel.action', label: action.label });
    }
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

  /** A CPU's turn: preempt, dispatch, burn compute or step its thread. */
  protected abstract onCpu(cpu: Cpu): void;

  /** Hand a ready thread to the policy (and kick an idle CPU). */
  protected abstract enqueue(t: Thread, reason: EnqueueReason): void;

  /** Who is running now, for messages: a thread, a kernel action, or code outside the run. */
  describeContext(
    thread: { readonly name: string; readonly id: number } | null = this.current,
  ): string {
    if (thread !== null) return `thread '${thread.name}' (#${thread.id})`;
    if (this.currentAction !== null) return `kernel action '${this.currentAction}'`;
    return this.running ? 'the kernel' : 'code outside the run (setup)';
  }

  /** Live threads that are not daemons. */
  get aliveCount(): number {
    return this.liveNonDaemon;
  }

  isDaemon(threadId: number): boolean {
    return this.daemons.has(threadId);
  }
}
