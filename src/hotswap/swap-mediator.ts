/**
 * SwapMediator: the hot-swap mediator (K42 CObjRepMediator), installed
 * innermost in front of an object for the length of a swap.
 *
 * Under per-CPU mediation (cpu-mediation.ts) the phase is the current
 * CPU's while the swap is in forward: a CPU already in block holds calls.
 *
 * forward phase: every generator call is forwarded to the old object and
 *   tracked (per thread, with depth: K42's MediatedThreadTable).
 * block / transfer phase: a call from a thread already inside one of the
 *   swap's objects (recursion) is forwarded and tracked, or it would
 *   deadlock; any other call is held: its thread blocks until the swap
 *   completes (then it reaches the new object) or aborts (the old one).
 * A thread the swap waits for (exempt: under rollback, one inside the
 *   object or in an irrevocable transaction) is forwarded in block, untracked.
 * Plain (atomic) calls are never held nor counted: they cannot be in flight
 *   across a preemption point, so they reach the old object up to the
 *   transfer and the new one after it (docs/HOTSWAP.md).
 * After the swap, a call that entered the chain before the mediator left
 *   just forwards to whatever the entry now holds.
 */
import { block, type Op } from '../kernel/index.ts';
import type { Call, Forward, ForwardOp, Mediator } from '../translation-table/index.ts';
import type { SwapMember } from './swap-member.ts';

/** What the mediator needs of its swap. */
export interface SwapSide {
  readonly phase: string;
  /** The phase a call by `thread` arriving now meets (per-CPU mediation: its CPU's). */
  callPhase(thread: number): string;
  /** Hold calls of threads already inside too (block-all), instead of forwarding them. */
  readonly holdsRecursiveCalls: boolean;
  isInside(thread: number): boolean;
  /** Forward this thread's calls in block, untracked (rollback: threads the swap waits for). */
  exempt(thread: number): boolean;
  track(call: Call): void;
  untrack(call: Call): void;
  /** Hold the call; false if holding it would deadlock (the swap then aborted). */
  hold(call: Call, member: SwapMember): boolean;
  readonly queue: import('../kernel/index.ts').WaitQueue;
  countForward(): void;
  /** Planted bug 'block-leak' (swap-host.ts): true once per swap, for the call to let through. */
  leakOnce?(): boolean;
}

export class SwapMediator implements Mediator {
  readonly name = 'hotswap';

  constructor(
    private readonly swap: SwapSide,
    private readonly member: SwapMember,
  ) {}

  call(call: Call, forward: Forward): unknown {
    const lazy = this.member.lazy;
    return lazy ? lazy.call(call, forward) : forward(call);
  }

  /** Calls let through reach the new object via its lazy import, if any (lazy strategy). */
  callOp(call: Call, forward: ForwardOp): Op<unknown> {
    const m = this.member;
    return this.mediate(call, (c) => (m.lazy ? m.lazy.callOp(c, forward) : forward(c)));
  }

  private *mediate(call: Call, forward: ForwardOp): Op<unknown> {
    const s = this.swap;
    const phase = s.callPhase(call.thread);
    if (
      phase === 'forward' ||
      ((phase === 'block' || phase === 'transfer') &&
        !s.holdsRecursiveCalls &&
        s.isInside(call.thread))
    ) {
      return yield* this.tracked(call, forward);
    }
    if (phase === 'block' && s.leakOnce?.() === true) return yield* forward(call);
    if (phase === 'block' && s.exempt(call.thread)) {
      s.countForward();
      return yield* forward(call);
    }
    if ((phase === 'block' || phase === 'transfer') && s.hold(call, this.member)) {
      yield* block(s.queue);
    }
    return yield* forward(call);
  }

  private *tracked(call: Call, forward: ForwardOp): Op<unknown> {
    const s = this.swap;
    s.countForward();
    s.track(call);
    let result: unknown;
    try {
      result = yield* forward(call);
    } catch (err) {
      s.untrack(call);
      throw err;
    }
    s.untrack(call);
    return result;
  }
}
