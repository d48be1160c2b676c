/**
 * Exit codes of the kernel-sim command, a closed set (documented in
 * `kernel-sim --help` and the README):
 *
 *   0  passed
 *   1  internal error (a bug in kernel-sim, or a crash: a kernel panic or an
 *      exception in kernel context)
 *   2  usage or input error (bad flags, missing or broken scenario file)
 *   3  correctness failure (an invariant or an expectation)
 *   4  liveness failure (ticksMax reached, a deadlock, a swap that did not
 *      converge where the scenario required it)
 */
import type { RunOutcome } from '../simulation/index.ts';

export const EXIT = { passed: 0, internal: 1, usage: 2, correctness: 3, liveness: 4 } as const;

export function exitCodeOf(outcome: RunOutcome): number {
  switch (outcome) {
    case 'passed':
      return EXIT.passed;
    case 'correctness':
      return EXIT.correctness;
    case 'liveness':
      return EXIT.liveness;
    case 'crash':
      return EXIT.internal;
  }
}

export const EXIT_CODES_HELP = `Exit codes:
  0  passed
  1  internal error (a bug in kernel-sim, or a crash in kernel context)
  2  usage or input error (bad flags, a missing or broken scenario file)
  3  correctness failure (an invariant or an expectation)
  4  liveness failure (ticksMax reached, a deadlock, a swap that did not converge)`;
