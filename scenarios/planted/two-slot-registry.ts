/**
 * planted/two-slot-registry: a deliberately broken object whose bug needs
 * a size, for testing that check shrinks sizes (docs/CHECKING.md, "The
 * smallest failing run"). A registry keeps each worker's result in a table
 * of two slots indexed by `worker % 2` (BUG: sized for the two workers it
 * was first written for, with no collision check), so with 3 or more
 * workers a later registration overwrites an earlier one and a result is
 * lost. With 1 or 2 workers it is correct, under every schedule.
 *
 * `workers` is a param declared with bounds (1..64, default 8): on a
 * failure `kernel-sim check` tries fewer workers and prints the smallest
 * count that still fails, 3, in its reproduce line (`--param workers=3`).
 *
 * Run: `kernel-sim check scenarios/planted/two-slot-registry.ts --seeds 5`
 */
import { compute, defineScenario, type Op } from 'kernel-sim';

class Registry {
  readonly slots: ({ worker: number; result: number } | null)[] = [null, null];
  *register(worker: number, result: number): Op<void> {
    yield* compute(1);
    this.slots[worker % 2] = { worker, result }; // BUG: two slots, no collision check
  }
  lookup(worker: number): number | null {
    const s = this.slots[worker % 2];
    return s !== null && s.worker === worker ? s.result : null;
  }
}

export default defineScenario<{ registry: Registry; workers: number }>({
  name: 'planted-two-slot-registry',
  description: 'PLANTED BUG: a registry of two slots that loses a result with 3 or more workers',
  options: { cpus: 2, quantumTicks: 4, ticksMax: 20_000 },
  params: { workers: { default: 8, min: 1, max: 64, description: 'worker threads' } },
  setup(sim, { workers }) {
    const registry = sim.objects.createNamed('registry', Registry);
    for (let w = 0; w < workers; w++) {
      sim.spawn(`worker-${w}`, function* () {
        yield* compute(5 + w);
        yield* registry.register(w, w * 10);
      });
    }
    return { registry: sim.objects.peek(registry), workers };
  },
  expect(_result, _sim, { registry, workers }) {
    const lost = Array.from({ length: workers }, (_, w) => w).filter(
      (w) => registry.lookup(w) !== w * 10,
    );
    if (lost.length > 0)
      throw new Error(`the registry lost the results of workers ${lost.join(', ')} of ${workers}`);
  },
});
