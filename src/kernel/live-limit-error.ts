/**
 * LiveLimitError: a run made more live threads (option threadsMax) or live
 * objects (option objectsMax) than it may: a fork bomb or an object bomb.
 * Thrown into the code that asked for one more (spawn, objects.create); the
 * kernel's `onLimit` hook ends the run as liveness with the same message,
 * so catching the error does not save the run.
 *
 *   liveLimitMessage({ option, limit, what, who, tick, tally })
 *     -> "live threads: thread 'bomb' (#7) spawned 'bomb' at tick 40, past
 *        threadsMax 10000 (live: bomb 9998, main 1, ...); ..."
 *   tallyTop(names) -> "bomb 9998, main 1" (the most frequent names first)
 *
 * The message names what was being made, who made it (a thread, a kernel
 * action, or code outside the run such as setup), the tick, what the live
 * ones are, and the option to raise.
 */

export type LiveLimitOption = 'threadsMax' | 'objectsMax';

export class LiveLimitError extends Error {
  override readonly name: string = 'LiveLimitError';
  constructor(
    readonly option: LiveLimitOption,
    message: string,
  ) {
    super(message);
  }
}

export interface LiveLimitFacts {
  readonly option: LiveLimitOption;
  readonly limit: number;
  /** What was being made: "spawned 'bomb'", "created a Node". */
  readonly what: string;
  /** Who made it: "thread 'bomb' (#7)", "kernel action 'x'", "setup (outside the run)". */
  readonly who: string;
  readonly tick: number;
  /** The live ones, as `tallyTop` gives them. */
  readonly tally: string;
}

export function liveLimitMessage(f: LiveLimitFacts): string {
  const kind = f.option === 'threadsMax' ? 'threads' : 'objects';
  return (
    `live ${kind}: ${f.who} ${f.what} at tick ${f.tick}, past ${f.option} ${f.limit} ` +
    `(live ${kind}: ${f.tally}); ${kind === 'threads' ? 'a fork' : 'an object'} bomb? ` +
    `if the scenario needs more, raise the option ${f.option} (up to ${LIVE_LIMIT_CEILINGS[f.option]})`
  );
}

/** The `shown` most frequent names with their counts, most frequent first (ties by name). */
export function tallyTop(names: Iterable<string>, shown = 3): string {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const head = sorted.slice(0, shown).map(([n, c]) => `${n} ${c}`);
  if (sorted.length > shown) head.push(`${sorted.length - shown} other name(s)`);
  return head.join(', ');
}

/** The largest threadsMax and objectsMax accepted. */
export const LIVE_LIMIT_CEILINGS: Readonly<Record<LiveLimitOption, number>> = {
  threadsMax: 10_000_000,
  objectsMax: 100_000_000,
};
