/**
 * checkers/: invariant observers that read the event stream alone
 * (docs/ARCHITECTURE.md, "Checkers"), one per file, and the set that runs them.
 */
export {
  createCheckers,
  attachCheckers,
  CHECKER_NAMES,
  type CheckerName,
  type CheckerOptions,
} from './create-checkers.ts';
export { CheckerSet, type CheckReport, type CheckerSetOptions } from './checker-set.ts';
export type { Checker, ReportViolation, EventOf } from './checker.ts';
export { formatViolation, formatEvent, type Violation, type CheckedEvent } from './violation.ts';
export {
  CallAccountingChecker,
  type CallAccountingOptions,
  type InFlightCall,
} from './call-accounting-checker.ts';
export { VersionChecker } from './version-checker.ts';
export { QuiescenceChecker, type QuiescenceCheckerOptions } from './quiescence-checker.ts';
export { HeldCallsChecker } from './held-calls-checker.ts';
export {
  TransferChecker,
  type TransferCheckerOptions,
  type FormatMapping,
} from './transfer-checker.ts';
export { SwapExclusionChecker } from './swap-exclusion-checker.ts';
export { TransactionChecker } from './transaction-checker.ts';
export {
  checkDeterminism,
  compareRuns,
  type DeterminismVerdict,
  type Replayable,
} from './check-determinism.ts';
export { deepEqual } from './deep-equal.ts';
