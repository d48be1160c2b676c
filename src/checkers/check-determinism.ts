/**
 * checkDeterminism: run the same thing twice with the same seed and compare
 * what matters: the event log hash, the outcome, the ticks and the number of
 * events (TigerBeetle: one seed replays one run, byte for byte).
 *
 *   checkDeterminism((seed) => runScenario(s, { seed }), 42)
 *     -> { ok, seed, first, second, message }
 *
 * A run with hashEvents off ('off' hashes) cannot be compared and says so.
 */
export interface Replayable {
  readonly outcome: string;
  readonly ticks: number;
  readonly eventsHash: string;
  readonly events: number;
}

export interface DeterminismVerdict<R extends Replayable> {
  readonly ok: boolean;
  readonly seed: number;
  readonly first: R;
  readonly second: R;
  /** Empty when ok; else what differed. */
  readonly message: string;
}

export function checkDeterminism<R extends Replayable>(
  run: (seed: number) => R,
  seed: number,
): DeterminismVerdict<R> {
  const first = run(seed);
  const second = run(seed);
  return {
    ok: compareRuns(first, second) === '',
    seed,
    first,
    second,
    message: compareRuns(first, second),
  };
}

/** '' when the two runs agree; else a description of the first difference. */
export function compareRuns(a: Replayable, b: Replayable): string {
  if (a.eventsHash === 'off' || b.eventsHash === 'off')
    return 'event hashing is off (hashEvents: false): runs cannot be compared';
  const diffs: string[] = [];
  if (a.eventsHash !== b.eventsHash) diffs.push(`eventsHash ${a.eventsHash} then ${b.eventsHash}`);
  if (a.outcome !== b.outcome) diffs.push(`outcome ${a.outcome} then ${b.outcome}`);
  if (a.ticks !== b.ticks) diffs.push(`ticks ${a.ticks} then ${b.ticks}`);
  if (a.events !== b.events) diffs.push(`events ${a.events} then ${b.events}`);
  return diffs.length === 0 ? '' : `not deterministic: the same seed gave ${diffs.join(', ')}`;
}
