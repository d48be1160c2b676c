/**
 * A real swap workload for checker tests: counters (single and clustered)
 * called by threads with plain and generator methods while they are
 * hot-swapped, built on a simulation the caller has attached checkers to.
 */
import {
  ClusteredObject,
  compute,
  sleep,
  yieldCpu,
  type Op,
  type Simulation,
  type Swap,
  type SwapOptions,
} from 'kernel-sim';

export class Counter {
  n = 0;
  inc(): number {
    return ++this.n;
  }
  get(): number {
    return this.n;
  }
  *slowInc(ticks: number): Op<number> {
    yield* compute(ticks);
    return ++this.n;
  }
  exportFormats(): readonly string[] {
    return ['count'];
  }
  exportState(): number {
    return this.n;
  }
  importFormats(): readonly string[] {
    return ['count'];
  }
  importState(_format: string, state: unknown): void {
    this.n += state as number;
  }
}

export class CounterV2 extends Counter {}

/** A counter with one rep per CPU; its parts add up. */
export class SplitCounter extends ClusteredObject<SplitCounter> {
  n = 0;
  inc(): number {
    return ++this.n;
  }
  get(): number {
    return this.cluster.reps().reduce((a, r) => a + r.n, 0);
  }
  *slowInc(ticks: number): Op<number> {
    yield* compute(ticks);
    return ++this.n;
  }
  exportFormats(): readonly string[] {
    return ['count'];
  }
  exportState(): number {
    return this.n;
  }
  importFormats(): readonly string[] {
    return ['count'];
  }
  importState(_format: string, state: unknown): void {
    this.n += state as number;
  }
}

export const sum = (parts: readonly unknown[]): number =>
  parts.reduce<number>((a, p) => a + (p as number), 0);

export interface WorkloadSpec {
  readonly threads: number;
  readonly rounds: number;
  readonly swapAt: number;
  readonly options?: SwapOptions;
  readonly New?: Function;
  /** Threads that start after the swap request (their calls get held). Default 0. */
  readonly late?: number;
}

/** Threads bump a Counter with slow and plain calls; it is swapped at `swapAt`. */
export function counterWorkload(
  sim: Simulation,
  spec: WorkloadSpec,
): { counter: ReturnType<Simulation['objects']['create']>; swap: { handle: Swap | null } } {
  const counter = sim.objects.createNamed('counter', Counter);
  const c = counter as unknown as Counter;
  for (let t = 0; t < spec.threads; t++) {
    sim.spawn(`w${t}`, function* () {
      for (let i = 0; i < spec.rounds; i++) {
        yield* c.slowInc(1 + ((t + i) % 3));
        c.inc();
        yield* i % 2 === 0 ? sleep(t % 3) : yieldCpu();
      }
    });
  }
  for (let t = 0; t < (spec.late ?? 0); t++) {
    sim.at(spec.swapAt + 1 + 2 * t, () => {
      sim.spawn(`late${t}`, function* () {
        for (let i = 0; i < spec.rounds; i++) {
          yield* c.slowInc(1 + (i % 2));
          c.inc();
          yield* sleep(1);
        }
      });
    });
  }
  const swap = { handle: null as Swap | null };
  sim.at(spec.swapAt, () => {
    swap.handle = sim.hotswap(
      counter,
      (spec.New ?? CounterV2) as typeof CounterV2,
      spec.options ?? {},
    );
  });
  return { counter, swap };
}
