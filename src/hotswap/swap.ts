/**
 * Swap: one hot swap of one object, or of several as one unit (all complete
 * or all roll back). The K42 switchCObj protocol as a state machine driven
 * by kernel-context actions:
 *
 *   negotiate  formats and interfaces checked, new implementation built;
 *              prepare() may veto here (refused in 0 ticks, nothing moved)
 *   forward    mediator installed (local entries reset); calls forwarded to
 *              the old object and tracked; wait for a quiescence marker, so
 *              no untracked call (begun before the mediator) still runs
 *   block      new calls held; recursive calls forwarded; wait for the
 *              tracked calls to drain
 *   transfer   before() may veto; state exported and imported, and in the
 *              same atomic step the entries point at the new implementation
 *              (version + 1) with its stubs: past this point there is no
 *              rollback, and no call can reach the old object (strategy
 *              lazy: exported only, imported on first use, defer-import.ts)
 *   complete   mediator removed, held calls released in arrival order;
 *              the old object is destroyed a generation later
 *
 * Abort (timeout, cancel, veto, transfer failure, deadlock) rolls back:
 * mediators removed, held calls released to the old object, nothing lost.
 *
 * Handle: `phase`, `outcome`, `reason`, `phaseTicks`, `blockers`,
 * `cancel()`, counts (`forwarded`, `held`, `maxHoldTicks`); the state behind
 * them (phases, timers, held and tracked calls) is SwapBookkeeping's
 * (swap-bookkeeping.ts), the steps of the protocol are here.
 */
import { describeError } from '../kernel/index.ts';
import type { StubFactory } from '../translation-table/index.ts';
import { checkInterface, checkStubKinds, negotiateFormat } from './negotiate.ts';
import { SwapMediator } from './swap-mediator.ts';
import type { SwapMember } from './swap-member.ts';
import { exportParts, transferState } from './transfer-state.ts';
import { describeBlockers } from './swap-blockers.ts';
import { stubsAfter } from './stubs-after.ts';
import { SwapBookkeeping } from './swap-bookkeeping.ts';
import type { SwapSteps } from './swap-strategy.ts';
import { oldCallThreads } from './old-call-threads.ts';
import { awaitTransactions } from './transaction-wait.ts';
import { deferImport, type DeferredImport } from './defer-import.ts';
import { prepareVeto } from './prepare-veto.ts';

export class Swap extends SwapBookkeeping {
  private transferScheduled = false;
  /** State has moved and the entries point at the new implementation: no way back. */
  private transferred = false;
  /** Planted bug 'transfer-drops-last-write' (swap-host.ts): the export taken when block began. */
  private exportedAtBlock: unknown[][] | null = null;
  private deferred: DeferredImport[] = []; // lazy: per member, the import deferred to first use

  protected onDrained(): void {
    if (this.transferScheduled) return;
    this.transferScheduled = true;
    const k = this.host.kernel;
    k.at(k.now, () => this.beginTransfer(), `swap ${this.id} drained`);
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
    const veto = this.prepare();
    if (veto !== null) {
      this.refuse(veto, 'prepare');
      return false;
    }
    for (const m of this.members) m.entry.extension().swap = this;
    h.kernel.holdRun(); // a swap in progress keeps the run alive until it completes or aborts
    this.strategy.begin(this.steps());
    if (this.options.timeoutTicks !== undefined && this.phase !== 'done') {
      this.timeout = h.kernel.at(
        h.kernel.now + this.options.timeoutTicks,
        () => this.onTimeout(),
        `swap ${this.id} timeout`,
      );
    }
    return true;
  }

  /** The steps a strategy drives (swap-strategy.ts). */
  private steps(): SwapSteps {
    const h = this.host;
    const self = this;
    return {
      installMediators: () => {
        for (const m of this.members) {
          m.mediator = new SwapMediator(this, m);
          h.interposer.setInner(m.entry, m.mediator);
          h.table.resetLocal(m.entry);
        }
      },
      enterPhase: (phase) => {
        this.enter(phase);
        if (phase === 'block' && h.planted?.has('transfer-drops-last-write') === true)
          this.exportedAtBlock = this.members.map((m) => {
            m.refresh(h.table, this.args(m));
            return exportParts(m);
          });
      },
      awaitQuiescence: (label, then) => {
        const phase = this.phase;
        const reached = (): void => {
          this.request = null;
          if (this.phase === phase && this.outcome === 'pending') then();
        };
        if (phase === 'forward' && this.beginCpuMediation(label, reached)) return;
        const markers = this.options.swapWait ?? h.swapWait;
        this.request = h.quiescence.request(reached, {
          label: `swap ${this.id} ${label}`,
          markers,
        });
      },
      awaitOldCallsDrained: (label, then) => {
        const phase = this.phase;
        const entries = this.members.map((m) => m.entry);
        this.draining = true;
        const poll = (): void => {
          if (this.phase !== phase || this.outcome !== 'pending') return;
          if (oldCallThreads(h.kernel, entries).length > 0) {
            h.kernel.at(h.kernel.now + 1, poll, `swap ${this.id} ${label}`, true);
            return;
          }
          this.draining = false;
          then();
        };
        poll();
      },
      awaitSafeUpdatePoint: (then) => {
        this.awaitingUpdatePoint = true;
        h.updatePoints.add(this, () => {
          this.awaitingUpdatePoint = false;
          then();
        });
      },
      awaitTransactions: (then) => awaitTransactions(this, h, then),
      transferNow: () => this.beginTransfer(),
      get trackedCount() {
        return self.tracked;
      },
    };
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
        const kinds = checkStubKinds(m.oldCls, stubs, sampleNew);
        if (kinds !== null) return kinds;
        n = negotiateFormat(
          m.sampleOld(this.host.table),
          sampleNew,
          { old: m.oldCls.name, new: m.newCls.name },
          {
            rule: this.options.negotiation ?? 'importer',
            ...(this.options.formatIds ? { ids: this.options.formatIds } : {}),
          },
        );
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

  /**
   * prepare() runs at request time, after negotiation and before forward:
   * a veto (a string, or a throw) refuses the swap with nothing moved.
   */
  private prepare(): string | null {
    return prepareVeto(this.options.prepare, () => this.context());
  }

  private refuse(reason: string, vetoedBy?: 'prepare'): void {
    this.outcome = 'refused';
    this.reason = reason;
    this.enter('done');
    if (this.host.bus.on)
      this.host.bus.emit({
        type: 'swap.refused',
        swap: this.id,
        objects: this.objects,
        reason,
        ...(vetoedBy ? { vetoedBy } : {}),
      });
    for (const m of this.members) m.forgetImpls();
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
    for (const [i, m] of this.members.entries()) {
      try {
        m.refresh(this.host.table, this.args(m));
        const lazy = this.strategy.importsLazily === true;
        const d = lazy ? this.deferImport(m) : null;
        const rec = d ?? transferState(m, this.exportedAtBlock?.[i]);
        if (this.host.bus.on)
          this.host.bus.emit({
            type: 'swap.transferred',
            swap: this.id,
            object: m.entry.id,
            format: m.format,
            exported: rec.exported,
            imported: rec.imported,
            ...(lazy ? { lazy: true as const } : {}),
          });
      } catch (err) {
        this.abort(`transfer of ${m.name} in format '${m.format}' failed: ${describeError(err)}`);
        return;
      }
    }
    this.install();
    const k = this.host.kernel;
    const pause = this.deferred.length > 0 ? 0 : this.ticksOfTransfer();
    k.at(k.now + pause, () => this.complete(), `swap ${this.id} complete`);
  }

  /** Lazy: export now, import on first use; a failed import revokes the swap (old object serves). */
  private deferImport(m: SwapMember): { exported: unknown[]; imported: null } {
    const d = deferImport(m, this.id, this.ticksOfTransfer(), this.host, (why) => {
      [this.outcome, this.reason] = ['aborted', why];
    });
    this.deferred.push(d);
    return { exported: d.exported, imported: null };
  }

  private ticksOfTransfer(): number {
    return this.options.transferTicks ?? 1;
  }

  /**
   * Point the entries at the new implementation in the same atomic step as
   * the transfer, so no plain call can reach the old object after its state
   * was exported. Held calls stay held until complete.
   */
  private install(): void {
    const h = this.host;
    for (const [i, m] of this.members.entries()) {
      const lazy = this.deferred[i]?.mediator;
      if (lazy) lazy.attach(h.interposer.install(m.entry, lazy));
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
  override abort(reason: string): boolean {
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
}
