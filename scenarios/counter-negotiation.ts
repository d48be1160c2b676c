/**
 * counter-negotiation: K42's integer counter pair (usr/intctr.*), shared to
 * partitioned and back, where negotiation picks a DIFFERENT format in each
 * direction.
 *
 * SharedCounter keeps one value; PartitionedCounter is a clustered object
 * with one rep per CPU (each increment touches only its CPU's rep; value()
 * sums the reps). Both swaps negotiate by K42's rule (negotiation 'k42':
 * the common format with the lowest DTType id, COUNTER_FORMAT_IDS).
 * Shared -> partitioned: the common formats are 'canonical-ref' (3) and
 * 'canonical-val' (4), so 3 (pass a pointer to the value). Partitioned ->
 * shared: 'partitioned-val' (1) and 'canonical-val' (4), so 1: each CPU's rep
 * hands over its own count and the parts add up, one transfer per CPU, as K42
 * runs one worker per VP.
 *
 * Run: `kernel-sim scenario counter-negotiation.ts [--seed N] [--cpus 4]`
 */
import {
  COUNTER_FORMAT_IDS,
  PartitionedCounter,
  SharedCounter,
  defineScenario,
  sleep,
  type ObjectRef,
  type Op,
  type Swap,
  SWAP_STOPPING_FAULTS,
} from 'kernel-sim';

const K42_RULE = { negotiation: 'k42', formatIds: COUNTER_FORMAT_IDS } as const;

interface Ctx {
  readonly swaps: Swap[];
  readonly counter: ObjectRef<SharedCounter>;
  /** Increments that returned (under faults some never do). */
  readonly done: { incs: number };
  /** Increments the threads make when nothing stops them: threads x incs. */
  readonly incsAll: number;
}

export default defineScenario<Ctx>({
  name: 'counter-negotiation',
  description:
    'a counter swapped shared -> partitioned -> shared; negotiation picks a different format each way',
  options: { cpus: 2, quantumTicks: 5, ticksMax: 100_000 },
  // sizes `--param threads=N` / `--param incs=N` set; check shrinks them on a failure
  params: {
    threads: { default: 120, min: 1, max: 2000, description: 'incrementing threads' },
    incs: { default: 5, min: 1, max: 100, description: 'increments each thread makes' },
  },
  setup(sim, { threads, incs }) {
    const counter = sim.objects.createNamed('counter', SharedCounter);
    const swaps: Swap[] = [];
    const done = { incs: 0 };
    sim.workload({
      name: 'inc',
      threads,
      meanGapTicks: 4,
      lifetime: { kind: 'fixed', ticks: incs },
      body: function* ({ lifetimeTicks, prng }): Op<void> {
        for (let i = 0; i < lifetimeTicks; i++) {
          counter.inc();
          done.incs++;
          yield* sleep(prng.int(1, 4));
        }
      },
    });
    // The way back is requested 200 ticks after the first swap completes (one swap per object at a time).
    const back = () =>
      sim.at(
        sim.now + 200,
        () => swaps.push(sim.hotswap(counter, SharedCounter, K42_RULE)),
        'back to shared',
      );
    sim.at(
      100,
      () => swaps.push(sim.hotswap(counter, PartitionedCounter, { ...K42_RULE, after: back })),
      'to partitioned',
    );
    return { counter, swaps, done, incsAll: threads * incs };
  },
  // Under faults: a swap-stopping fault may roll a swap back (and then the way back is never
  // requested), so the formats and the final class need none fired; an increment an injected
  // fault stopped never returned, so the total is the increments that did.
  faultAware: true,
  expect(_result, sim, { counter, swaps, done, incsAll }, info) {
    if (info.fired('destroy-during-swap')) return; // the counter itself is gone
    const total = counter.value();
    const expected = info.faulted ? done.incs : incsAll;
    if (total !== expected)
      throw new Error(
        `counter is ${total}, expected ${expected}: increments lost or doubled in a transfer`,
      );
    if (SWAP_STOPPING_FAULTS.some((site) => info.fired(site))) return;
    const formats = swaps.map((s) => `${s.outcome}:${s.members[0]?.format}`);
    if (formats.join() !== 'completed:canonical-ref,completed:partitioned-val') {
      throw new Error(
        `expected shared->partitioned via canonical-ref and back via partitioned-val, got ${formats.join(', ')}`,
      );
    }
    if (sim.objects.info(counter).class !== 'SharedCounter')
      throw new Error('the counter is not shared again at the end');
  },
  summary(_result, _sim, { swaps }) {
    return swaps.map(
      (s) =>
        `swap ${s.id}: ${s.members[0]?.oldCls.name} -> ${s.members[0]?.newCls.name} negotiated '${s.members[0]?.format}'`,
    );
  },
});
