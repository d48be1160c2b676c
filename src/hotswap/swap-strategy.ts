/**
 * SwapStrategy: how one swap gets from negotiate to transfer. Strategies are
 * options of the one swap protocol (swap.ts), not forks of it: every strategy
 * moves through the same phases (swap-phase.ts), emits the same swap events
 * and is judged by the same checkers. A strategy that is unsafe by design
 * (naive) is expected to fail the checkers; that is its lesson.
 *
 *   quiescence  K42 (the default): forward and track new calls, wait for a
 *               quiescence generation, then hold new calls and wait for the
 *               tracked ones to drain (quiescence-strategy.ts)
 *   naive       switch at once: no mediator, no waiting; calls in flight in
 *               the old object keep running on state already exported
 *               (naive-strategy.ts)
 *   block-all   hold every call at once, recursive ones too, and wait for
 *               the calls already inside the object to leave it
 *               (block-all-strategy.ts)
 *   update-points  Ginseng: no mediator; the swap applies at the first
 *               update point where no live frame uses a changed type
 *               concretely (update-points-strategy.ts)
 *   rollback    transactions: hold new calls, roll back every transaction
 *               that reached the old version (undone through the objects'
 *               journals, retried on the new one), wait for irrevocable
 *               ones and for calls inside to leave (rollback-strategy.ts)
 *   lazy        quiescence's wait, then switch without importing: the state
 *               is imported on first use, the first caller paying the
 *               transfer ticks (lazy-strategy.ts, lazy-import.ts)
 *
 * Interface: a strategy is `{ name, holdsRecursiveCalls, importsLazily?,
 * begin(steps) }`;
 * `begin` runs once, right after a successful negotiate, and drives the swap
 * through `SwapSteps`, the few steps of swap.ts a strategy may call.
 * `strategyFor(name)` looks one up; an unknown name is a RangeError listing
 * the names.
 */
import type { SwapPhase } from './swap-phase.ts';

export const STRATEGY_NAMES = [
  'quiescence',
  'naive',
  'block-all',
  'update-points',
  'rollback',
  'lazy',
] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

/**
 * The strategies that hold calls arriving while a swap is under way (naive
 * and update-points switch without holding anything). A scenario that
 * asserts held calls asserts them under these only.
 */
export const HOLDING_STRATEGIES: readonly StrategyName[] = ['quiescence', 'block-all', 'rollback'];

/** Whether swaps under this strategy hold calls (HOLDING_STRATEGIES). */
export function strategyHolds(name: StrategyName): boolean {
  return HOLDING_STRATEGIES.includes(name);
}

/** The steps of the protocol a strategy drives (implemented by Swap). */
export interface SwapSteps {
  /** Put the hot-swap mediator in front of every member. */
  installMediators(): void;
  /** Move to the next phase (the phase table still applies). */
  enterPhase(phase: SwapPhase): void;
  /** Ask for a quiescence generation; `then` runs when it is reached. */
  awaitQuiescence(label: string, then: () => void): void;
  /**
   * Wait until no call that reached one of the objects is in flight (calls
   * that entered before the mediator); `then` runs when none is (at once if
   * none is now). Polled each tick.
   */
  awaitOldCallsDrained(label: string, then: () => void): void;
  /**
   * Wait for a thread to reach a safe update point (update-point-waiters.ts);
   * `then` runs there, in the same step, if the swap is still pending.
   */
  awaitSafeUpdatePoint(then: () => void): void;
  /**
   * Roll back the transactions in conflict with the swap and wait for the
   * irrevocable ones and the calls inside the objects (transaction-wait.ts);
   * `then` runs when none is left. Polled each tick.
   */
  awaitTransactions(then: () => void): void;
  /** The swap is in block with nothing tracked: transfer now. */
  transferNow(): void;
  /** Calls tracked by the mediator and still in flight. */
  readonly trackedCount: number;
}

export interface SwapStrategy {
  readonly name: StrategyName;
  /**
   * Whether the mediator holds a call from a thread already inside the
   * object (recursion) instead of forwarding it. True only for block-all,
   * whose deadlock on recursion is the point.
   */
  readonly holdsRecursiveCalls: boolean;
  /**
   * Whether the transfer only exports and switches, leaving the import to
   * the first call (lazy): no transfer pause, the first caller pays it.
   */
  readonly importsLazily?: boolean;
  begin(steps: SwapSteps): void;
}

export function checkStrategyName(name: unknown, where: string): StrategyName {
  if (typeof name === 'string' && (STRATEGY_NAMES as readonly string[]).includes(name))
    return name as StrategyName;
  throw new RangeError(
    `${where} must be one of ${STRATEGY_NAMES.join(', ')}, got '${String(name)}'`,
  );
}
