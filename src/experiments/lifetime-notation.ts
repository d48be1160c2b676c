/**
 * Lifetime notation: the short text form of a workload lifetime distribution
 * (kernel/workload.ts `Lifetime`) used on the command line, in CSV rows and
 * on plot axes, and the mean lifetime the plots put in order.
 *
 *   fixed:N            every thread lives N ticks of work
 *   uniform:MIN:MAX    uniform in [MIN, MAX]
 *   exp:MEAN           exponential with mean MEAN
 *   bimodal:S:L:P      S ticks, or L ticks with probability P (the long tail)
 *
 * Interface: `parseLifetime(text)`, `formatLifetime(lifetime)` (its inverse),
 * `lifetimeMeanTicks(lifetime)`.
 */
import type { Lifetime } from '../kernel/index.ts';

const FORMS = 'fixed:N, uniform:MIN:MAX, exp:MEAN or bimodal:SHORT:LONG:P';

export function parseLifetime(text: string): Lifetime {
  const [kind, ...rest] = text.trim().split(':');
  const nums = rest.map(Number);
  const bad = (why: string): never => {
    throw new RangeError(`lifetime '${text}': ${why}; write one of ${FORMS}`);
  };
  if (nums.some((n) => !Number.isFinite(n))) bad('every parameter must be a number');
  const want = (count: number): void => {
    if (nums.length !== count) bad(`'${kind}' takes ${count} parameter(s)`);
  };
  const ticks = (n: number): number =>
    Number.isInteger(n) && n >= 1 ? n : bad(`ticks must be integers >= 1, got ${n}`);
  switch (kind) {
    case 'fixed':
      want(1);
      return { kind: 'fixed', ticks: ticks(nums[0]) };
    case 'uniform':
      want(2);
      if (nums[0] > nums[1]) bad('MIN must not exceed MAX');
      return { kind: 'uniform', min: ticks(nums[0]), max: ticks(nums[1]) };
    case 'exp':
      want(1);
      return { kind: 'exponential', mean: nums[0] > 0 ? nums[0] : bad('MEAN must be > 0') };
    case 'bimodal':
      want(3);
      if (!(nums[2] >= 0 && nums[2] <= 1)) bad('P must be a probability in [0, 1]');
      return { kind: 'bimodal', short: ticks(nums[0]), long: ticks(nums[1]), longChance: nums[2] };
    default:
      return bad(`unknown kind '${kind}'`);
  }
}

export function formatLifetime(lifetime: Lifetime): string {
  switch (lifetime.kind) {
    case 'fixed':
      return `fixed:${lifetime.ticks}`;
    case 'uniform':
      return `uniform:${lifetime.min}:${lifetime.max}`;
    case 'exponential':
      return `exp:${lifetime.mean}`;
    case 'bimodal':
      return `bimodal:${lifetime.short}:${lifetime.long}:${lifetime.longChance}`;
    default:
      throw new RangeError(
        `lifetime ${JSON.stringify(lifetime)}: unknown kind; use one of ${FORMS}`,
      );
  }
}

/** The distribution's mean, in ticks of work (the x order of the plots). */
export function lifetimeMeanTicks(lifetime: Lifetime): number {
  switch (lifetime.kind) {
    case 'fixed':
      return lifetime.ticks;
    case 'uniform':
      return (lifetime.min + lifetime.max) / 2;
    case 'exponential':
      return lifetime.mean;
    case 'bimodal':
      return lifetime.short * (1 - lifetime.longChance) + lifetime.long * lifetime.longChance;
  }
}
