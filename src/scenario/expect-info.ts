/**
 * ExpectInfo: what a scenario's `expect(result, sim, ctx, info)` learns of
 * its run besides the result: which seeded faults fired and which threads
 * ended by throwing. A scenario that reads it (and says `faultAware: true`)
 * keeps, under faults, every expectation the fired faults do not invalidate
 * (docs/CHECKING.md, "Expectations fully checked").
 *
 * RunFaults is the other side: what runScenario is told of a run's faults
 * by whoever installed them (check's seed runner): the sites fired so far,
 * and whether a thread's failure is the faults' own (an injected error),
 * which then does not fail the run under onFailedThread 'fail'.
 */
import type { FailedThread } from './scenario-report.ts';

export interface ExpectInfo {
  /** Fault sites that fired in this run, each once, in the order they first fired (empty without faults). */
  readonly faultsFired: readonly string[];
  /** True if any fault fired. */
  readonly faulted: boolean;
  /** Threads that ended by throwing, the faults' own included. */
  readonly failedThreads: readonly FailedThread[];
  /** Of those, the ones an injected fault ended (the faults' own). */
  readonly threadsFaulted: readonly FailedThread[];
  /** Did this site fire? */
  fired(site: string): boolean;
}

export interface RunFaults {
  /** Sites fired so far, in order (repeats allowed). */
  fired(): readonly string[];
  /** Is this thread's failure the faults' own? */
  excuses(failed: FailedThread): boolean;
}

export function expectInfo(
  faults: RunFaults | undefined,
  failedThreads: readonly FailedThread[],
): ExpectInfo {
  const faultsFired = [...new Set(faults?.fired() ?? [])];
  return {
    faultsFired,
    faulted: faultsFired.length > 0,
    failedThreads,
    threadsFaulted: faults === undefined ? [] : failedThreads.filter((f) => faults.excuses(f)),
    fired: (site) => faultsFired.includes(site),
  };
}
