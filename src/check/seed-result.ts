/**
 * SeedResult: what one seed of `kernel-sim check` found, as plain data (it
 * crosses from worker threads by structured clone): the run's outcome, the
 * checkers' first violations (each with its event window already rendered
 * as text), the faults that were active and what they did, and the lines
 * that replay it.
 *
 * Verdict: 'passed', or the kind of failure:
 *   violation         a checker found an invariant broken
 *   expectation       the scenario's expect() failed with no fault fired
 *   nondeterministic  the same seed gave a different event log
 *   liveness          ticksMax reached or a deadlock
 *   crash             a kernel panic or an exception in kernel context
 * Under faults, an expectation failure after a fault fired, or a crash that
 * an injected fault caused in the scenario's own kernel-context code, is the
 * fault's outcome, not a failure: it is kept in `tolerated`.
 */
import type { RunOutcome } from '../simulation/index.ts';
import type { FaultRecord } from '../faults/index.ts';
import type { InterleavingCells } from './interleavings.ts';
import type { ShrunkRun } from './shrink-failure.ts';

export const FAILURE_KINDS = [
  'violation',
  'expectation',
  'nondeterministic',
  'liveness',
  'crash',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];
export type Verdict = 'passed' | FailureKind;

export interface ViolationSummary {
  readonly checker: string;
  readonly tick: number;
  readonly message: string;
  /** formatViolation(v): the headline and the event window. */
  readonly text: string;
}

export interface SeedResult {
  readonly seed: number;
  readonly verdict: Verdict;
  readonly outcome: RunOutcome;
  readonly reason: string | null;
  /** Why a non-passed outcome was accepted (faults), else null. */
  readonly tolerated: string | null;
  readonly ticks: number;
  readonly eventsHash: string;
  /** Which (swap phase x call state) cells the run showed, per swap (interleavings.ts); absent in older parts. */
  readonly interleavings?: InterleavingCells;
  /** Choices the schedule made that differ from fifo's (null under fifo); absent in older parts. */
  readonly deviations?: number | null;
  /** The smallest failing run found for a failing seed (shrink-failure.ts), else null. */
  readonly shrunk?: ShrunkRun | null;
  readonly violations: readonly ViolationSummary[];
  /** Checker notes (in-flight calls, pending swaps, unchecked transfers), at most a few. */
  readonly notes: readonly string[];
  readonly faults: {
    readonly active: readonly string[];
    readonly log: readonly FaultRecord[];
  } | null;
  /** `kernel-sim scenario <file> --seed N` (plus --faults when faults were on). */
  readonly reproduce: string;
  /** `kernel-sim check <file> --seed-from N --seed-to N [--faults]`: the same seed with the checkers. */
  readonly recheck: string;
}
