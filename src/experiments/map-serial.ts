/**
 * mapSerial: run `fn` over `items` one at a time in this thread, going back
 * to the event loop between items. The serial paths of check and the
 * experiments use it instead of `items.map(fn)`.
 *
 * Why: V8 keeps every object that a WeakRef handed out during the current
 * job alive until that job ends (the KeepDuringJob set of the WeakRef
 * proposal). inversify's planner uses WeakRefs, and the composition root
 * resolves through it once per simulation, so a sweep of 10^4 runs inside
 * one synchronous `map` kept every simulation alive: about 50 KB a seed, and
 * `check --seeds 10000 --workers 1` peaked at 1.1 GB (docs/BENCHMARKS.md).
 * One `setImmediate` between items ends the job and lets them go.
 *
 * Interface: `await mapSerial(items, (item, i) => result)`; results in item
 * order; an error from `fn` rejects at once (items after it do not run).
 * Not for the simulation core, which has no promises or timers.
 */
const nextTask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function mapSerial<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => R,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i++) {
    if (i > 0) await nextTask();
    out.push(fn(items[i], i));
  }
  return out;
}
