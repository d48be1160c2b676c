/**
 * A scenario for measuring trace memory (docs/BENCHMARKS.md, "Trace
 * memory"): CALLS plain calls (environment variable, default 10^5) on one
 * object from 100 threads, 10 calls then one tick of compute per step.
 *
 *   CALLS=1000000 /usr/bin/time -f "%e s %M KB" node bin/kernel-sim.js \
 *     scenario scripts/trace-memory-calls.ts --seed 1 --quiet --watchdog-ms 0 --trace t.json
 */
import { compute, defineScenario } from 'kernel-sim';

class Box {
  n = 0;
  get(): number {
    return ++this.n;
  }
}

const CALLS = Number(process.env.CALLS ?? 100_000);
const THREADS = 100;

export default defineScenario({
  name: 'trace-memory-calls',
  description: 'CALLS plain calls over 100 threads, for trace memory measurements',
  options: { ticksMax: Number.MAX_SAFE_INTEGER },
  setup(sim) {
    const box = sim.objects.create(Box);
    for (let t = 0; t < THREADS; t++)
      sim.spawn(`w${t}`, function* () {
        for (let i = 0; i < CALLS / THREADS; i++) {
          box.get();
          if (i % 10 === 9) yield* compute(1);
        }
      });
  },
});
