/**
 * Swap: one hot swap of one object, or of several as one unit (all complete
 * or all roll back). The K42 switchCObj protocol as a state machine driven
 * by kernel-context actions:
 *
 *   negotiate  formats and interfaces checked, new implementation built
 *   forward    mediator installed (local entries reset); calls forwarded to
 *              the old object and tracked; wait for a quiescence marker, so
 *              no untracked call (begun before the mediator) still runs
 *   block      new calls held; recursive calls forwarded; wait for the
 *              tracked calls to drain
 *   transfer   before() may veto; state exported and imported, and in the
 *              same atomic step the entries point at the new implementation
 *              (version + 1) with its stubs: past this point there is no
 *              rollback, and no call can reach the old object
 *   complete   mediator removed, held calls released in arrival order;
 *              the old object is destroyed a generation later
 *
 * Abort (timeout, cancel, veto, transfer failure, deadlock) rolls back:
 * mediators removed, held calls released to the old object, nothing lost.
 *
 * Handle: `phase`, `outcome`, `reason`, `phaseTicks`, `blockers`,
 * `cancel()`, counts (`forwarded`, `held`, `maxHoldTicks`).
 */
import { describeError, type Action, type WaitQueue } from '../kernel/index.ts';
import type { Call, StubFactory } from '../translation-table/index.ts';
import type { QuiescenceRequest } from '../quiescence/index.ts';
import { checkInterface, negotiateFormat } from './negotiate.ts';
import { SwapMediator, type SwapSide } from './swap-mediator.ts';
import type { SwapMember } from './swap-member.ts';
import { checkPhaseMove, type SwapOutcome, type SwapPhase } from './swap-phase.ts';
import type { SwapContext, SwapOptions } from './swap-options.ts';
import type { BlockerReport } from './swap-events.ts';
import { transferState } from './transfer-state.ts';
import { HeldCalls } from './held-calls.ts';
import { describeBlockers, threadBlockers } from './swap-blockers.ts';
import { stubsAfter } from './stubs-after.ts';
import type { SwapHost } from './swap-host.ts';

export class Swap implements SwapSide {
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
  private readonly holding: HeldCalls;
  private readonly inside = new Map<number, number>();
  private tracked = 0;
  private request: QuiescenceRequest | null = null;
  private timeout: Action | null = null;
  private stall: Action | null = null;
  private transferScheduled = false;
  /** State has moved and the entries point at the new implementation: no way back. */
  private transferred = false;

  constructor(
    readonly id: number,
    private readonly host: SwapHost,
    readonly members: readonly SwapMember[],
    readonly options: SwapOptions,
  ) {
    this.holding = new HeldCalls(`swap ${id} held calls`);
    this.phaseStart.negotiate = host.kernel.now;
  }

  get objects(): number[] {
    return this.members.map((m) => m.entry.id);
  }

  /** The new implementation of the first member (a single swap's new object). */
  get newObject(): unknown {
    return this.members[0]?.newImpl ?? null;
  }

  // ---- SwapSide (the mediator's view) ----------------------------------------

  isInside(thread: number): boolean {
    return this.inside.has(thread);
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
    if (this.tracked === 0 && this.phase === 'block' && !this.transferScheduled) {
      this.transferScheduled = true;
      this.host.kernel.at(
        this.host.kernel.now,
        () => this.beginTransfer(),
        `swap ${this.id} drained`,
      );
    }
  }

  hold(call: Call, member: SwapMember): boolean {
    const cycle = this.host.findCycle(this, call.thread);
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

  // ---- the protocol --------------------------------------------------------------

  /** negotiate, then forward; false if refused. */
  start(): boolean {
    const h = this.host;
    if (h.bus.on) {
      h.bus.emit({
        type: 'swap.requested',
        swap: this.id,
        objects: this.objects,
        from: this.members.map((m) => m.oldCls.name),
        to: this.members.map((m) => m.newCls.name),
      });
    }
    const problem = this.negotiate();
    if (problem !== null) {
      this.refuse(problem);
      return false;
    }
    for (const m of this.members) m.entry.extension().swap = this;
    h.kernel.holdRun(); // a swap in progress keeps the run alive until it completes or aborts
    this.enter('forward');
    for (const m of this.members) {
      m.mediator = new SwapMediator(this, m);
      h.interposer.setInner(m.entry, m.mediator);
      h.table.resetLocal(m.entry);
    }
    this.request = h.quiescence.request(() => this.onQuiescent(), {
      label: `swap ${this.id} forward`,
    });
    if (this.options.timeoutTicks !== undefined) {
      this.timeout = h.kernel.at(
        h.kernel.now + this.options.timeoutTicks,
        () => this.onTimeout(),
        `swap ${this.id} timeout`,
      );
    }
    return true;
  }

  private negotiate(): string | null {
    const stubs = (this.options.stubs ?? {}) as Record<string, unknown>;
    for (const m of this.members) {
      const e = m.entry;
      if (e.state !== 'live') return `${e.describe()} is ${e.state}`;
      const other = e.ext?.swap as Swap | null | undefined;
      if (other)
        return `${e.describe()} is already being swapped by swap ${other.id} (phase ${other.phase}); one swap per object at a time`;
      const iface = checkInterface(m.oldCls, m.newCls, stubs);
      if (iface !== null) return iface;
      let n: ReturnType<typeof negotiateFormat>;
      try {
        m.build(this.host.table, this.args(m));
        const sampleNew =
          m.newParts()[0]?.impl ?? this.host.table.construct(m.newCls, this.args(m));
        n = negotiateFormat(m.sampleOld(this.host.table), sampleNew, {
          old: m.oldCls.name,
          new: m.newCls.name,
        });
      } catch (err) {
        return `negotiating ${m.oldCls.name} -> ${m.newCls.name} failed: ${describeError(err)}`;
      }
      if (!n.ok) return n.reason;
      m.format = n.format;
    }
    return null;
  }

  /** Constructor arguments for the member's new implementation. */
  private args(m: SwapMember): readonly unknown[] {
    return this.options.args ?? m.entry.args;
  }

  private refuse(reason: string): void {
    this.outcome = 'refused';
    this.reason = reason;
    this.enter('done');
    if (this.host.bus.on)
      this.host.bus.emit({ type: 'swap.refused', swap: this.id, objects: this.objects, reason });
    for (const m of this.members) m.forgetImpls();
  }

  private onQuiescent(): void {
    this.request = null;
    if (this.phase !== 'forward') return;
    this.enter('block');
    if (this.tracked === 0) this.beginTransfer();
  }

  private beginTransfer(): void {
    if (this.phase !== 'block') return;
    this.enter('transfer');
    let veto: void | string;
    try {
      veto = this.options.before?.(this.context());
    } catch (err) {
      this.abort(`before() threw: ${describeError(err)}`);
      return;
    }
    if (typeof veto === 'string') {
      this.abort(`vetoed by before(): ${veto}`);
      return;
    }
    for (const m of this.members) {
      try {
        m.refresh(this.host.table, this.args(m));
        const rec = transferState(m);
        if (this.host.bus.on)
          this.host.bus.emit({
            type: 'swap.transferred',
            swap: this.id,
            object: m.entry.id,
            format: m.format,
            exported: rec.exported,
            imported: rec.imported,
          });
      } catch (err) {
        this.abort(`transfer of ${m.name} in format '${m.format}' failed: ${describeError(err)}`);
        return;
      }
    }
    this.install();
    const k = this.host.kernel;
    k.at(
      k.now + (this.options.transferTicks ?? 1),
      () => this.complete(),
      `swap ${this.id} complete`,
    );
  }

  /**
   * Point the entries at the new implementation in the same atomic step as
   * the transfer, so no plain call can reach the old object after its state
   * was exported. Held calls stay held until complete.
   */
  private install(): void {
    const h = this.host;
    for (const m of this.members) {
      h.table.retarget(m.entry, m.newCls, m.newImpl!, this.args(m));
      h.table.setStubs(
        m.entry,
        stubsAfter(
          m.entry,
          m.newCls,
          this.options.stubs as Record<string, StubFactory> | undefined,
        ),
      );
    }
    this.transferred = true;
  }

  private complete(): void {
    if (this.phase !== 'transfer') return;
    const h = this.host;
    this.enter('complete');
    for (const m of this.members) {
      h.interposer.setInner(m.entry, null);
      m.entry.ext!.swap = null;
    }
    this.outcome = 'completed';
    h.kernel.releaseRun();
    this.clearTimers();
    this.release();
    if (h.bus.on) {
      h.bus.emit({
        type: 'swap.completed',
        swap: this.id,
        objects: this.objects,
        versions: this.members.map((m) => m.entry.version),
        phaseTicks: { ...this.phaseTicks },
        forwarded: this.forwarded,
        held: this.held,
        maxHoldTicks: this.maxHoldTicks,
      });
    }
    h.settled(this);
    this.retireOld();
    this.callAfter();
  }

  /**
   * after() runs last, once the swap is consistent. If it throws, the swap
   * stays completed (it is: the new object serves) and the error is reported
   * on the handle and as a swap.callback-failed event.
   */
  private callAfter(): void {
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

  /** The old implementation is destroyed after a further generation (or kept). */
  private retireOld(): void {
    if (this.options.oldObject === 'keep') return this.enter('done');
    this.host.quiescence.request(
      () => {
        if (this.host.bus.on)
          for (const m of this.members)
            this.host.bus.emit({
              type: 'swap.old-destroyed',
              swap: this.id,
              object: m.entry.id,
              version: m.oldVersion,
            });
        for (const m of this.members) m.forgetImpls();
        this.enter('done');
      },
      { label: `swap ${this.id} retire old` },
    );
  }

  /** Roll back: mediators out, held calls to the old object, nothing lost. False if too late. */
  abort(reason: string): boolean {
    if (
      this.outcome !== 'pending' ||
      this.transferred ||
      this.phase === 'complete' ||
      this.phase === 'done'
    )
      return false;
    const h = this.host;
    const phase = this.phase;
    const blockers = this.blockers;
    if (this.request) h.quiescence.cancel(this.request);
    this.request = null;
    this.clearTimers();
    for (const m of this.members) {
      h.interposer.setInner(m.entry, null);
      m.entry.ext!.swap = null;
    }
    this.outcome = 'aborted';
    h.kernel.releaseRun();
    this.reason = reason;
    this.enter('done');
    this.release();
    for (const m of this.members) m.forgetImpls();
    if (h.bus.on)
      h.bus.emit({
        type: 'swap.aborted',
        swap: this.id,
        objects: this.objects,
        phase,
        reason,
        blockers,
      });
    h.settled(this);
    return true;
  }

  /** Reverse a swap still in forward or block. */
  cancel(): boolean {
    if (this.phase !== 'forward' && this.phase !== 'block') return false;
    return this.abort(`cancelled in ${this.phase}`);
  }

  private onTimeout(): void {
    this.timeout = null;
    this.abort(
      `timeout: not complete ${this.options.timeoutTicks} ticks after the request (in ${this.phase}); ${describeBlockers(this.blockers)}`,
    );
  }

  private release(): void {
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

  private enter(phase: SwapPhase): void {
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

  private clearTimers(): void {
    this.timeout?.cancel();
    this.stall?.cancel();
    this.timeout = this.stall = null;
  }

  private context(): SwapContext {
    return {
      swap: this.id,
      objects: this.members.map((m) => m.name),
      formats: this.members.map((m) => m.format),
      tick: this.host.kernel.now,
    };
  }

  /** Who holds the swap up now: quiescence blockers in forward, tracked calls in block. */
  get blockers(): BlockerReport[] {
    if (this.phase === 'forward' && this.request)
      return this.host.quiescence.blockers(this.request);
    if (this.phase !== 'block') return [];
    return threadBlockers(this.host.kernel, this.insideThreads());
  }
}
