// The tasks scripts/pool-measure.ts hands to both pools: `echo` (nothing, to
// see a pool's own cost per task) and `runSeed` (one seeded run of a hot swap
// under load through the compiled package, about as long as a check seed).
import { compute, createSimulation, sleep } from '../dist/index.js';

export function echo(input) {
  return input;
}

class Counter {
  value = 0;
  *add(n) {
    yield* compute(3);
    this.value += n;
    return this.value;
  }
  exportFormats() {
    return ['count'];
  }
  exportState() {
    return this.value;
  }
}

class CounterV2 extends Counter {
  importFormats() {
    return ['count'];
  }
  importState(_format, state) {
    this.value = state;
  }
}

export function runSeed(seed) {
  const sim = createSimulation({ seed, cpus: 4 });
  const counter = sim.objects.create(Counter);
  for (let i = 0; i < 200; i++)
    sim.spawn(`t${i}`, function* () {
      yield* sleep(i % 50);
      for (let k = 0; k < 5; k++) yield* counter.add(1);
    });
  sim.at(40, () => sim.hotswap(counter, CounterV2));
  const r = sim.run();
  return { seed, outcome: r.outcome, hash: r.eventsHash };
}
