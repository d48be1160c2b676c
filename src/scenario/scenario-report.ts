/**
 * ScenarioReport: everything one scenario run tells its caller, as plain
 * JSON-able data (the CLI prints it as text, or as one JSON document with
 * `--json`). Nothing in it depends on wall time or the machine, so the same
 * scenario, seed and options give the same report, byte for byte.
 *
 *   seed, options      the seed and the options it resolved to (printed first)
 *   outcome, reason    'passed' | 'correctness' | 'liveness' | 'crash' and why
 *   ticks, eventsHash  where the run ended; the event log's hash
 *   threads, calls     counts of the run (calls per object name, in order of
 *                      first call; calls made by expect and summary excluded)
 *   failedThreads      every thread that ended by throwing: id, name, tick, error
 *                      (all of them; the text output prints the first few)
 *   objects            every object in the table at the end: name, class, version, state
 *   swaps              one SwapReport per swap requested (swap-report.ts)
 *   summary            the scenario's own summary(...) lines
 *   plugins            each plugin's name, report() and lines()
 *   reproduce          the command line that replays this run
 */
import type { ScenarioParams } from './scenario-params.ts';
import type { ResolvedOptions, RunOutcome } from '../simulation/index.ts';
import type { SwapReport } from './swap-report.ts';

export interface ObjectSummary {
  readonly id: number;
  readonly name: string;
  readonly class: string;
  readonly version: number;
  /** 'live', 'destroying' or 'destroyed'. */
  readonly state: string;
}

/** A thread whose body threw: what `thread.failed` said, with the thread's name. */
export interface FailedThread {
  readonly thread: number;
  readonly name: string;
  readonly tick: number;
  readonly error: string;
}

export interface PluginReport {
  readonly name: string;
  readonly report: unknown;
  readonly lines: readonly string[];
}

export interface ScenarioReport {
  readonly scenario: {
    readonly name: string;
    readonly description: string;
    readonly source: string;
  };
  readonly seed: number;
  readonly options: ResolvedOptions;
  /** Every declared param's value for the run (scenario-params.ts); absent when it declares none. */
  readonly params?: ScenarioParams;
  readonly outcome: RunOutcome;
  readonly reason: string | null;
  readonly ticks: number;
  readonly eventsHash: string;
  readonly events: number;
  readonly threads: {
    readonly spawned: number;
    readonly exited: number;
    readonly failed: number;
    readonly alive: number;
  };
  readonly failedThreads: readonly FailedThread[];
  readonly calls: {
    readonly entered: number;
    readonly exited: number;
    readonly failed: number;
    readonly byObject: Readonly<Record<string, number>>;
  };
  readonly objects: readonly ObjectSummary[];
  readonly swaps: readonly SwapReport[];
  readonly summary: readonly string[];
  /** The series summary() returned, by name (left out when none). */
  readonly series?: Readonly<Record<string, readonly number[]>>;
  readonly plugins: readonly PluginReport[];
  readonly reproduce: string;
}
