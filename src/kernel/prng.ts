/**
 * Prng: the simulation's one source of randomness, seeded, with named derived
 * streams.
 *
 * Interface: `new Prng(seed)`, `derive(name)` gives an independent stream
 * whose sequence depends only on (seed, name), so adding a new consumer never
 * shifts the numbers an existing one sees. `int(lo, hi)` (inclusive),
 * `float()` in [0, 1), `chance(p)`, `pick(array)`, `exponential(mean)`.
 *
 * Invariant: the simulation core has no other source of randomness; the same seed
 * gives the same numbers on every machine (pure-rand's xoroshiro128+).
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';

type Generator = ReturnType<typeof xoroshiro128plus>;

/** 32-bit FNV-1a of a string, folded with a seed: stable stream seeds. */
function mix(seed: number, name: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h | 0;
}

export class Prng {
  private readonly rng: Generator;

  constructor(readonly seed: number) {
    if (!Number.isSafeInteger(seed))
      throw new RangeError(`Prng: seed must be an integer, got ${seed}`);
    this.rng = xoroshiro128plus(this.high === 0 ? seed | 0 : mix(seed | 0, `#${this.high}`));
  }

  /** Seeds above 2^32 differ from those below in their high word. */
  private get high(): number {
    return Math.floor(this.seed / 2 ** 32);
  }

  /** An independent stream named `name`, a pure function of (seed, name). */
  derive(name: string): Prng {
    return new Prng(mix(this.seed | 0, this.high === 0 ? name : `${name}#${this.high}`));
  }

  /** A uniform integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return uniformInt(this.rng, lo, hi);
  }

  /** A uniform float in [0, 1). */
  float(): number {
    return uniformFloat64(this.rng);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return p > 0 && (p >= 1 || this.float() < p);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Prng.pick: empty list');
    return items[this.int(0, items.length - 1)];
  }

  /** An exponentially distributed value with the given mean (continuous). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.float());
  }
}
