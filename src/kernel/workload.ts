/**
 * Workload: arrivals of short-lived threads at a seeded rate, each living a
 * drawn lifetime made of a configurable mix of effects. Scenarios and the
 * quiescence experiments build their load with it.
 *
 * Interface: `startWorkload(kernelLike, prng, spec)` schedules the arrivals
 * (kernel-context actions) and returns a `WorkloadStats` that counts them.
 * Lifetimes: fixed, uniform, exponential, or bimodal (mostly short, with a
 * long tail). The body of each thread is `spec.body(ctx)` if given (so a
 * scenario can make table calls), else a default mix of compute and sleep.
 *
 * Bad specs (unknown lifetime kind or field, a non-integer count) are
 * refused by checkWorkloadSpec (check-workload-spec.ts) before anything is
 * scheduled.
 *
 * Invariant: every number comes from the `prng` stream it is given (derive
 * 'workload' from the simulation seed), so the workload is a pure function of
 * (seed, spec).
 */
import type { Prng } from './prng.ts';
import { compute, sleep, type Op } from './effect.ts';
import { checkWorkloadSpec } from './check-workload-spec.ts';

export type Lifetime =
  | { readonly kind: 'fixed'; readonly ticks: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'exponential'; readonly mean: number }
  | {
      readonly kind: 'bimodal';
      readonly short: number;
      readonly long: number;
      /** Probability a thread is long-lived (the tail). */
      readonly longChance: number;
    };

export interface WorkloadThreadContext {
  /** Index of this arrival, from 0. */
  readonly index: number;
  /** Lifetime drawn for this thread, in ticks of work. */
  readonly lifetimeTicks: number;
  /** The workload's own PRNG stream, for per-thread choices. */
  readonly prng: Prng;
}

export interface WorkloadSpec {
  /** Thread name prefix. */
  readonly name?: string;
  /** How many threads arrive in all. */
  readonly threads: number;
  /** Mean ticks between arrivals (exponential inter-arrival); 0 = all at start. */
  readonly meanGapTicks: number;
  /** First arrival tick. */
  readonly startTick?: number;
  readonly lifetime: Lifetime;
  /** Fraction of a default thread's lifetime spent sleeping rather than computing (0..1). */
  readonly sleepFraction?: number;
  /** Scheduling weight per thread (stride tickets), drawn uniformly in [min, max]. */
  readonly weight?: { readonly min: number; readonly max: number };
  /** The thread body; defaults to compute/sleep for the drawn lifetime. */
  readonly body?: (ctx: WorkloadThreadContext) => Op<unknown>;
}

export interface WorkloadHost {
  readonly now: number;
  at(tick: number, fn: () => void, label?: string): unknown;
  spawn(name: string, body: () => Op<unknown>, options?: { weight?: number }): unknown;
}

export interface WorkloadStats {
  arrived: number;
  readonly planned: number;
  readonly lastArrivalTick: number;
}

export function drawLifetime(prng: Prng, lifetime: Lifetime): number {
  switch (lifetime.kind) {
    case 'fixed':
      return lifetime.ticks;
    case 'uniform':
      return prng.int(lifetime.min, lifetime.max);
    case 'exponential':
      return Math.max(1, Math.round(prng.exponential(lifetime.mean)));
    case 'bimodal':
      return prng.chance(lifetime.longChance) ? lifetime.long : lifetime.short;
  }
}

export function* defaultBody(ctx: WorkloadThreadContext, sleepFraction: number): Op<void> {
  let left = ctx.lifetimeTicks;
  while (left > 0) {
    const slice = Math.min(left, ctx.prng.int(1, 8));
    if (ctx.prng.chance(sleepFraction)) yield* sleep(slice);
    else yield* compute(slice);
    left -= slice;
  }
}

export function startWorkload(host: WorkloadHost, prng: Prng, spec: WorkloadSpec): WorkloadStats {
  checkWorkloadSpec(spec);
  const name = spec.name ?? 'worker';
  const start = spec.startTick ?? host.now;
  // Arrivals accumulate in continuous time and each is rounded on its own:
  // rounding every gap instead would bias short mean gaps (0.25 -> 1.8x too fast).
  let elapsed = 0;
  let tick = start;
  const stats = { arrived: 0, planned: spec.threads, lastArrivalTick: tick };
  for (let i = 0; i < spec.threads; i++) {
    if (i > 0 && spec.meanGapTicks > 0) {
      elapsed += prng.exponential(spec.meanGapTicks);
      tick = start + Math.round(elapsed);
    }
    const ctx: WorkloadThreadContext = {
      index: i,
      lifetimeTicks: drawLifetime(prng, spec.lifetime),
      prng,
    };
    const weight = spec.weight ? prng.int(spec.weight.min, spec.weight.max) : undefined;
    const body = spec.body
      ? () => spec.body!(ctx)
      : () => defaultBody(ctx, spec.sleepFraction ?? 0);
    host.at(
      tick,
      () => {
        stats.arrived++;
        host.spawn(`${name}-${i}`, body, weight === undefined ? {} : { weight });
      },
      `arrival ${name}-${i}`,
    );
  }
  stats.lastArrivalTick = tick;
  return stats;
}
