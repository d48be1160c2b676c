/**
 * ComputeOp: what `compute(ticks)` returns, an Op<void> that yields one
 * compute effect and then returns, without a generator.
 *
 * Why: `yield* compute(1)` ran once per simulated call; a generator made a
 * generator object and two iterator results each time (docs/BENCHMARKS.md,
 * "Kernel dispatch and run queues"). A ComputeOp is one small object, and
 * for ticks <= COMPUTE_SHARED_MAX its results are shared and frozen
 * (`yield*` hands the inner result to the kernel as it is; the kernel only
 * reads it).
 *
 * Interface: the Generator protocol (`next`, `return`, `throw`,
 * `[Symbol.iterator]`), behaving as the generator
 * `function* () { check(ticks); yield effect; }` would: the ticks are checked
 * at the first `next` (a RangeError thrown into the caller), `throw` ends it
 * and rethrows, `return` ends it. Invariant: it yields at most once.
 */
import type { Effect } from './effect.ts';

/** compute(n) effects and results for small n, made once (never changed or kept by identity). */
export const COMPUTE_SHARED_MAX = 64;

const YIELDED: readonly IteratorResult<Effect, void>[] = Array.from(
  { length: COMPUTE_SHARED_MAX + 1 },
  (_, ticks) => Object.freeze({ value: Object.freeze({ kind: 'compute', ticks }), done: false }),
);
const DONE: IteratorResult<Effect, void> = Object.freeze({ value: undefined, done: true });

const NEW = 0;
const YIELDING = 1;
const ENDED = 2;

export class ComputeOp implements Generator<Effect, void, unknown> {
  private state = NEW;

  constructor(private readonly ticks: number) {}

  next(): IteratorResult<Effect, void> {
    if (this.state !== NEW) {
      this.state = ENDED;
      return DONE;
    }
    this.state = YIELDING;
    const ticks = this.ticks;
    if (!Number.isInteger(ticks) || ticks < 1) {
      this.state = ENDED;
      throw new RangeError(`compute: ticks must be an integer >= 1, got ${ticks}`);
    }
    return ticks <= COMPUTE_SHARED_MAX
      ? YIELDED[ticks]
      : { value: { kind: 'compute', ticks }, done: false };
  }

  return(value?: unknown): IteratorResult<Effect, void> {
    this.state = ENDED;
    return { value: value as void, done: true };
  }

  throw(error: unknown): IteratorResult<Effect, void> {
    this.state = ENDED;
    throw error;
  }

  [Symbol.iterator](): this {
    return this;
  }

  get [Symbol.toStringTag](): string {
    return 'Generator';
  }
}
