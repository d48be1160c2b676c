/**
 * createCheckers / attachCheckers: the standard set of checkers, configured
 * in one place, for scenarios, tests and `kernel-sim check`.
 *
 *   const checks = attachCheckers(sim, { transfer: { formats: { count: { combine: sum } } } });
 *   const result = sim.run();
 *   const report = checks.report();   // { ok, violations, inFlight, notes, ... }
 *
 * Options: `only` (checker names to run; default all of CHECKER_NAMES),
 * per-checker options (`calls`, `quiescence`, `transfer`), `extra` (your own
 * Checker objects), the window sizes, and `failFast`: when attached to a
 * simulation, stop the run at the first violation with
 * sim.fail('correctness', reason) (the only thing a checker ever does to a
 * run).
 */
import type { Simulation } from '../simulation/index.ts';
import { CallAccountingChecker, type CallAccountingOptions } from './call-accounting-checker.ts';
import type { Checker } from './checker.ts';
import { CheckerSet, type CheckerSetOptions } from './checker-set.ts';
import { HeldCallsChecker } from './held-calls-checker.ts';
import { QuiescenceChecker, type QuiescenceCheckerOptions } from './quiescence-checker.ts';
import { SwapExclusionChecker } from './swap-exclusion-checker.ts';
import { TransactionChecker } from './transaction-checker.ts';
import { TransferChecker, type TransferCheckerOptions } from './transfer-checker.ts';
import { VersionChecker } from './version-checker.ts';
import { formatViolation, type Violation } from './violation.ts';

export const CHECKER_NAMES = [
  'calls',
  'versions',
  'quiescence',
  'held-calls',
  'transfer',
  'swaps',
  'transactions',
] as const;
export type CheckerName = (typeof CHECKER_NAMES)[number];

export interface CheckerOptions extends Omit<CheckerSetOptions, 'onViolation'> {
  readonly only?: readonly CheckerName[];
  readonly calls?: CallAccountingOptions;
  readonly quiescence?: QuiescenceCheckerOptions;
  readonly transfer?: TransferCheckerOptions;
  readonly extra?: readonly Checker[];
  /** attachCheckers only: fail the run at the first violation. Default false. */
  readonly failFast?: boolean;
  readonly onViolation?: (v: Violation) => void;
}

function build(name: CheckerName, o: CheckerOptions): Checker {
  switch (name) {
    case 'calls':
      return new CallAccountingChecker(o.calls);
    case 'versions':
      return new VersionChecker();
    case 'quiescence':
      return new QuiescenceChecker(o.quiescence);
    case 'held-calls':
      return new HeldCallsChecker();
    case 'transfer':
      return new TransferChecker(o.transfer);
    case 'swaps':
      return new SwapExclusionChecker();
    case 'transactions':
      return new TransactionChecker();
  }
}

/** A checker set not yet attached: feed it with observe(), or attach(sim). */
export function createCheckers(options: CheckerOptions = {}): CheckerSet {
  const names = options.only ?? CHECKER_NAMES;
  for (const n of names) {
    if (!CHECKER_NAMES.includes(n))
      throw new RangeError(
        `createCheckers: unknown checker '${String(n)}'; the checkers are ${CHECKER_NAMES.join(', ')}`,
      );
  }
  const checkers = [...names.map((n) => build(n, options)), ...(options.extra ?? [])];
  return new CheckerSet(checkers, options);
}

/** The standard checkers, subscribed to `sim` (call before sim.run()). */
export function attachCheckers(sim: Simulation, options: CheckerOptions = {}): CheckerSet {
  const onViolation = (v: Violation): void => {
    options.onViolation?.(v);
    if (options.failFast)
      sim.fail('correctness', `checker ${formatViolation({ ...v, window: [] })}`);
  };
  return createCheckers({ ...options, seed: options.seed ?? sim.options.seed, onViolation }).attach(
    sim,
  );
}
