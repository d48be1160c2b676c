/**
 * SwapBookkeeping: what a Swap keeps while the protocol runs, apart from the
 * protocol's steps themselves (swap.ts): the phase and outcome with the tick
 * each phase began and the ticks it took, the counts for reports, the calls
 * held and the calls tracked inside the object (the hot-swap mediator's view,
 * SwapSide), the timeout and stall timers, the blocker report, and the
 * context given to user callbacks.
 *
 * Invariants: phases only move forward (swap-phase.ts checks every move);
 * `tracked` is the number of tracked calls in flight, and `inside` maps each
 * thread with one to its nesting depth; a thread is held by at most one swap.
 */
import { describeError, type Action, type WaitQueue } from '../kernel/index.ts';
import type { Call } from '../translation-table/index.ts';
import type { QuiescenceRequest } from '../quiescence/index.ts';
import type { SwapSide } from './swap-mediator.ts';
import type { SwapMember } from './swap-member.ts';
import { checkPhaseMove, type SwapOutcome, type SwapPhase } from './swap-phase.ts';
import type { SwapContext, SwapOptions } from './swap-options.ts';
import type { BlockerReport } from './swap-events.ts';
import { HeldCalls } from './held-calls.ts';
import { threadBlockers } from './swap-blockers.ts';
import { oldCallThreads } from './old-call-threads.ts';
import type { SwapHost } from './swap-host.ts';
import type { SwapStrategy } from './swap-strategy.ts';
import { strategyFor } from './strategy-for.ts';
import { exemptThread, transactionBlockers } from './transaction-wait.ts';
import { CpuMediation, repCpus } from './cpu-mediation.ts';

export abstract class SwapBookkeeping implements SwapSide {
  phase: SwapPhase = 'negotiate';
  outcome: SwapOutcome = 'pending';
  reason = '';
  /** Tick each phase began. */
  readonly phaseStart: Partial<Record<SwapPhase, number>> = {};
  /** Ticks spent in each phase that has ended. */
  readonly phaseTicks: Partial<Record<SwapPhase, number>> = {};
  forwarded = 0;
  held = 0;
  maxHoldTicks = 0;
  /** Set when after() threw (the swap still completed). */
  callbackError: string | null = null;
  protected readonly holding: HeldCalls;
  private readonly inside = new Map<number, number>();
  protected tracked = 0;
  protected request: QuiescenceRequest | null = null;
  /** Per-CPU mediation's phases while in forward (option mediation 'per-cpu'), else null. */
  cpuMediation: CpuMediation | null = null;
  protected timeout: Action | null = null;
  private stall: Action | null = null;
  /** Waiting for calls that entered before the mediator to leave (block-all). */
  protected draining = false;
  /** Waiting for a safe update point (update-points). */
  protected awaitingUpdatePoint = false;
  /** Update points refused by the safety check while this swap waited. */
  updatePointsRefused = 0;
  /** Waiting for conflicting transactions and calls inside (rollback). */
  transactionWait = false;
  /** Transactions this swap rolled back, and the ticks of work they lost (rollback). */
  transactionsRolledBack = 0;
  ticksRolledBack = 0;
  /** The thread at whose update point the swap applied, or null. */
  updatePointThread: number | null = null;
  /** How this swap gets from negotiate to transfer (swap-strategy.ts). */
  readonly strategy: SwapStrategy;

  constructor(
    readonly id: number,
    protected readonly host: SwapHost,
    readonly members: readonly SwapMember[],
    readonly options: SwapOptions,
  ) {
    this.holding = new HeldCalls(`swap ${id} held calls`);
    this.phaseStart.negotiate = host.kernel.now;
    this.strategy = strategyFor(options.strategy ?? host.strategy);
  }

  /** Roll the swap back (swap.ts); false if it is too late. */
  abstract abort(reason: string): boolean;

  /** The last tracked call left while the swap is in block. */
  protected abstract onDrained(): void;

  get objects(): number[] {
    return this.members.map((m) => m.entry.id);
  }

  /** The new implementation of the first member (a single swap's new object). */
  get newObject(): unknown {
    return this.members[0]?.newImpl ?? null;
  }

  // ---- SwapSide (the mediator's view) ----------------------------------------

  /** Planted bug 'block-leak' (swap-host.ts): true for the first call block would hold; never by default. */
  leakOnce(): boolean {
    if (this.leaked || this.host.planted?.has('block-leak') !== true) return false;
    this.leaked = true;
    return true;
  }
  private leaked = false;

  /**
   * The phase a call arriving now meets: the swap's, except in forward under
   * per-CPU mediation, where it is the phase of the CPU the thread is
   * counted on (K42's VP: where its generation marker covers it; the CPU it
   * runs on if it is not counted). A thread that moved from a CPU still in
   * forward is forwarded, since that CPU's marker waits for it; so is one
   * with a call already inside the objects: holding either would deadlock.
   */
  callPhase(thread: number): string {
    const m = this.cpuMediation;
    if (m === null || this.phase !== 'forward') return this.phase;
    const k = this.host.kernel;
    const t = k.threads.get(thread);
    const counted = t === undefined ? -1 : this.host.quiescence.countedCpuOf(t);
    if (m.phaseAt(counted < 0 ? k.currentCpu : counted) === 'forward') return 'forward';
    return t !== undefined && this.hasCallInside(t.frames) ? 'forward' : 'block';
  }

  private hasCallInside(frames: readonly object[]): boolean {
    return frames.some((f) => {
      const c = f as Call;
      return c.reached > 0 && this.members.some((m) => m.entry === c.entry);
    });
  }

  /**
   * Under option mediation 'per-cpu', wait for forward per CPU (`then` once
   * every CPU is in block) and return true; else false (one wait for all).
   */
  protected beginCpuMediation(label: string, then: () => void): boolean {
    if ((this.options.mediation ?? this.host.mediation) !== 'per-cpu') return false;
    const markers = this.options.swapWait ?? this.host.swapWait;
    const m = (this.cpuMediation = new CpuMediation(this.host, this.id, markers));
    const entries = this.members.map((x) => x.entry);
    m.begin(repCpus(this.host, entries), `swap ${this.id} ${label}`, then);
    return true;
  }

  isInside(thread: number): boolean {
    return this.inside.has(thread);
  }

  exempt(thread: number): boolean {
    return this.transactionWait && exemptThread(this, this.host, thread);
  }

  countForward(): void {
    this.forwarded++;
  }

  track(call: Call): void {
    const depth = (this.inside.get(call.thread) ?? 0) + 1;
    this.inside.set(call.thread, depth);
    if (depth === 1) this.host.enterInside(call.thread, this);
    this.tracked++;
  }

  untrack(call: Call): void {
    const depth = this.inside.get(call.thread)! - 1;
    if (depth === 0) {
      this.inside.delete(call.thread);
      this.host.leaveInside(call.thread, this);
    } else this.inside.set(call.thread, depth);
    this.tracked--;
    if (this.tracked === 0 && this.phase === 'block') this.onDrained();
  }

  get holdsRecursiveCalls(): boolean {
    return this.strategy.holdsRecursiveCalls;
  }

  hold(call: Call, member: SwapMember): boolean {
    const cycle = this.host.findCycle(this, call.thread) ?? this.selfCycle(call);
    if (cycle !== null) {
      this.abort(`deadlock: ${cycle}; swap ${this.id} rolled back so the cycle can drain`);
      return false;
    }
    this.holding.hold(call, member.entry.id, this.host.kernel.now);
    this.held++;
    this.host.heldBy.set(call.thread, this);
    if (this.host.bus.on)
      this.host.bus.emit({
        type: 'swap.call-held',
        swap: this.id,
        call: call.id,
        thread: call.thread,
        object: member.entry.id,
      });
    return true;
  }

  /**
   * A strategy that holds recursive calls (block-all) would hold a thread
   * already inside one of this swap's objects: the swap waits for that call
   * to drain, and the call waits for the swap. The cycle, or null.
   */
  private selfCycle(call: Call): string | null {
    if (!this.strategy.holdsRecursiveCalls) return null;
    const frames = this.host.kernel.threads.get(call.thread)?.frames ?? [];
    const inside = frames.find(
      (f) => f.id !== call.id && this.members.some((m) => (f as Call).entry === m.entry),
    );
    if (inside === undefined) return null;
    const t = this.host.kernel.threads.get(call.thread)!;
    return `thread ${call.thread} '${t.name}' calls ${call.objectName}.${call.method} while inside ${inside.objectName}.${inside.method} since tick ${inside.tickEntered}; strategy ${this.strategy.name} holds the call and waits for the thread to leave`;
  }

  /** The wait queue held threads sleep on. */
  get queue(): WaitQueue {
    return this.holding.queue;
  }

  /** Threads whose calls this swap holds right now. */
  heldThreads(): number[] {
    return this.holding.threads();
  }

  /** Threads with tracked calls in flight (the swap waits for them in block). */
  insideThreads(): number[] {
    return [...this.inside.keys()];
  }

  // ---- phases, timers, held calls --------------------------------------------

  protected enter(phase: SwapPhase): void {
    checkPhaseMove(this.phase, phase);
    const now = this.host.kernel.now;
    const prev = this.phase;
    this.phaseTicks[prev] = now - (this.phaseStart[prev] ?? now);
    this.phase = phase;
    this.phaseStart[phase] = now;
    this.stall?.cancel();
    this.stall = null;
    const stallTicks = this.options.stallTicks ?? 1000;
    if ((phase === 'forward' || phase === 'block') && stallTicks > 0) {
      this.stall = this.host.kernel.at(
        now + stallTicks,
        () => this.onStall(phase),
        `swap ${this.id} stall check`,
        true,
      );
    }
    if (this.host.bus.on)
      this.host.bus.emit({
        type: 'swap.phase-changed',
        swap: this.id,
        objects: this.objects,
        phase,
        previous: prev,
      });
  }

  private onStall(phase: SwapPhase): void {
    this.stall = null;
    if (this.phase === phase && this.host.bus.on)
      this.host.bus.emit({ type: 'swap.stalled', swap: this.id, phase, blockers: this.blockers });
  }

  protected clearTimers(): void {
    this.cpuMediation?.cancel();
    this.timeout?.cancel();
    this.stall?.cancel();
    this.timeout = this.stall = null;
  }

  /** Release every held call, in arrival order, to whatever the entries point at now. */
  protected release(): void {
    this.holding.release(this.host.kernel.now, (h, heldTicks) => {
      this.maxHoldTicks = Math.max(this.maxHoldTicks, heldTicks);
      this.host.heldBy.delete(h.call.thread);
      if (this.host.bus.on) {
        this.host.bus.emit({
          type: 'swap.call-released',
          swap: this.id,
          call: h.call.id,
          thread: h.call.thread,
          object: h.object,
          heldTicks,
        });
      }
    });
  }

  /**
   * after() runs last, once the swap is consistent. If it throws, the swap
   * stays completed (it is: the new object serves) and the error is reported
   * on the handle and as a swap.callback-failed event.
   */
  protected callAfter(): void {
    try {
      this.options.after?.(this.context());
    } catch (err) {
      this.callbackError = `after() threw: ${describeError(err)}`;
      if (this.host.bus.on)
        this.host.bus.emit({
          type: 'swap.callback-failed',
          swap: this.id,
          callback: 'after',
          error: this.callbackError,
        });
    }
  }

  protected context(): SwapContext {
    return {
      swap: this.id,
      objects: this.members.map((m) => m.name),
      formats: this.members.map((m) => m.format),
      tick: this.host.kernel.now,
    };
  }

  /**
   * Who holds the swap up now: quiescence blockers in forward; in block the
   * threads with calls inside (tracked ones, or under block-all the calls
   * that entered before the mediator; under rollback also the threads of
   * irrevocable transactions in conflict).
   */
  get blockers(): BlockerReport[] {
    if (this.phase === 'forward' && this.request)
      return this.host.quiescence.blockers(this.request);
    if (this.phase === 'forward' && this.cpuMediation) return this.cpuMediation.blockers();
    if (this.phase === 'forward' && this.awaitingUpdatePoint) {
      let threads: number[] = [];
      try {
        threads = this.host.updatePoints.unsafeFor(this).map((f) => f.thread);
      } catch {
        // a malformed `uses` declaration: the swap is rolled back naming it
      }
      return threadBlockers(this.host.kernel, [...new Set(threads)]);
    }
    if (this.phase !== 'block') return [];
    if (this.transactionWait)
      return threadBlockers(this.host.kernel, transactionBlockers(this, this.host));
    if (this.draining)
      return threadBlockers(
        this.host.kernel,
        oldCallThreads(
          this.host.kernel,
          this.members.map((m) => m.entry),
        ),
      );
    return threadBlockers(this.host.kernel, this.insideThreads());
  }
}
