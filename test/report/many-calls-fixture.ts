/**
 * A run of many short calls for the bounded-memory tests: `threads` workers
 * (20 by default) each make `callsEach` calls on one counter, a generator
 * call with a nested plain call every fifth time and a plain call otherwise,
 * yielding every third call; the counter is hot-swapped at tick `swapAt`
 * (so some calls are held or forwarded). The caller attaches its recorder
 * through `attach` before the run.
 */
import { compute, createSimulation, yieldCpu, type Op, type Simulation } from 'kernel-sim';

class Meter {
  n = 0;
  bump(): number {
    return ++this.n;
  }
  *work(): Op<number> {
    yield* compute(4);
    return this.bump();
  }
  exportFormats() {
    return ['n'];
  }
  exportState() {
    return this.n;
  }
  importFormats() {
    return ['n'];
  }
  importState(_f: string, v: unknown) {
    this.n = v as number;
  }
}
class Meter2 extends Meter {}

export function runManyCalls(
  callsEach: number,
  attach: (sim: Simulation) => void,
  o: { threads?: number; swapAt?: number } = {},
): Simulation {
  // the token-ring wait keeps forward long enough for calls to meet block (see swap-fixture.ts)
  const sim = createSimulation({ seed: 5, cpus: 2, quantumTicks: 10, swapWait: 'token-ring' });
  attach(sim);
  const m = sim.objects.create(Meter);
  for (let i = 0; i < (o.threads ?? 20); i++) {
    sim.spawn(`w${i}`, function* () {
      for (let j = 0; j < callsEach; j++) {
        if (j % 5 === 0) yield* m.work();
        else m.bump();
        if (j % 3 === 0) yield* yieldCpu();
      }
    });
  }
  sim.at(o.swapAt ?? 300, () => void sim.hotswap(m, Meter2));
  sim.run();
  return sim;
}
