/**
 * hello: the smallest hot swap there is. Two waves of short-lived threads
 * arrive on two CPUs (a seeded stream, so each seed interleaves differently);
 * each thread bumps a shared counter twice, a few ticks of work per call. At
 * tick 15, in the middle of the first wave, the counter is hot-swapped to a
 * new class that counts the same way, its value handed over in the 'count'
 * format; the second wave (from tick 120) only ever meets the new class.
 * Every increment lands exactly once, on the old object or the new one, and
 * the total comes out right.
 *
 * Run it: `kernel-sim scenario hello.ts` (add `--seed N` to replay a run).
 * What to look at: the swap's phases. Forward lasts until every thread that
 * was alive at the request has gone (the generation-count quiescence), while
 * calls keep flowing to the old object; block then holds new calls until the
 * forwarded ones drain; transfer copies the count.
 */
import {
  compute,
  defineScenario,
  sleep,
  SWAP_STOPPING_FAULTS,
  type Op,
  type WorkloadThreadContext,
} from 'kernel-sim';

/** A counter whose add takes simulated time (so calls are in flight when the swap comes). */
class TallyCounter {
  value = 0;
  *add(n: number): Op<number> {
    yield* compute(4);
    this.value += n;
    return this.value;
  }
  read(): number {
    return this.value;
  }
  exportFormats(): readonly string[] {
    return ['count'];
  }
  exportState(): number {
    return this.value;
  }
}

/** The replacement: same interface, takes the count over. */
class TallyCounterV2 extends TallyCounter {
  importFormats(): readonly string[] {
    return ['count'];
  }
  importState(_format: string, state: unknown): void {
    this.value = state as number;
  }
}

export default defineScenario({
  name: 'hello',
  description: 'short-lived threads bump a shared counter while it is hot-swapped to a new class',
  options: { cpus: 2, quantumTicks: 5, ticksMax: 10_000 },
  // sizes `--param threads=N` / `--param adds=N` set; check shrinks them on a failure
  params: {
    threads: {
      default: 24,
      min: 1,
      max: 400,
      description: 'short-lived threads, half early, half late',
    },
    adds: { default: 2, min: 1, max: 50, description: 'adds each thread makes' },
  },
  setup(sim, { threads, adds }) {
    const counter = sim.objects.createNamed('counter', TallyCounter);
    const done = { adds: 0 };
    const body = function* ({ prng }: WorkloadThreadContext): Op<void> {
      for (let i = 0; i < adds; i++) {
        yield* counter.add(1);
        done.adds++;
        yield* sleep(prng.int(1, 6));
      }
    };
    sim.workload({
      name: 'early',
      threads: Math.floor(threads / 2),
      meanGapTicks: 2,
      lifetime: { kind: 'fixed', ticks: 0 },
      body,
    });
    sim.workload({
      name: 'late',
      threads: threads - Math.floor(threads / 2),
      meanGapTicks: 2,
      startTick: 120,
      lifetime: { kind: 'fixed', ticks: 0 },
      body,
    });
    const swap = { handle: null as ReturnType<typeof sim.hotswap> | null };
    sim.at(15, () => {
      swap.handle = sim.hotswap(counter, TallyCounterV2);
    });
    return { counter, swap, done, total: threads * adds };
  },
  // Under faults (kernel-sim check --faults) it keeps what the fired faults leave valid: an add
  // an injected fault stopped never returned, so the count is the adds that did; a swap-stopping
  // fault may roll the swap back, and then the old class must still serve.
  faultAware: true,
  expect(_result, sim, { counter, swap, done, total }, info) {
    const outcome = swap.handle?.outcome;
    const stopped = SWAP_STOPPING_FAULTS.some((site) => info.fired(site));
    if (outcome !== 'completed' && !stopped)
      throw new Error(`the swap did not complete: ${outcome} ${swap.handle?.reason}`);
    if (info.fired('destroy-during-swap')) return; // the counter itself is gone
    const cls = outcome === 'completed' ? 'TallyCounterV2' : 'TallyCounter';
    if (sim.objects.info(counter).class !== cls)
      throw new Error(`the counter is ${sim.objects.info(counter).class} after a swap ${outcome}`);
    const expected = info.faulted ? done.adds : total;
    if (counter.read() !== expected)
      throw new Error(
        `counter is ${counter.read()}, expected ${expected}: an increment was lost or doubled`,
      );
  },
});
