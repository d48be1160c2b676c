/**
 * RunResult: what a run returns. `outcome` is TigerBeetle's classification:
 * 'passed', 'correctness' (an invariant or expectation failed), 'liveness'
 * (ticksMax reached, deadlock, a swap that did not converge where required)
 * or 'crash' (a kernel panic or an exception in kernel context).
 */
export type RunOutcome = 'passed' | 'correctness' | 'liveness' | 'crash';

export interface RunResult {
  readonly seed: number;
  readonly outcome: RunOutcome;
  readonly ticks: number;
  readonly reason?: string;
  /** 64-bit FNV-1a of the event log, hex; 'off' when hashEvents is false. */
  readonly eventsHash: string;
  /** Events emitted. */
  readonly events: number;
  readonly threads: {
    readonly spawned: number;
    readonly exited: number;
    readonly failed: number;
    readonly alive: number;
  };
}
