/**
 * planted/planted-core: the workload shared by the planted core bugs
 * (early-generation.ts, block-leak.ts, transfer-drops-last-write.ts; docs/
 * CHECKING.md, "Planted core bugs"). Not a scenario itself.
 *
 * Clients deactivate once (K42 server threads: from then on quiescence
 * counts them only while inside a call), then loop: add(1) to a counter
 * (work, then the write), sleep. An upgrader, also deactivated, sleeps and
 * swaps the counter to the other class, over and over (a request during a
 * swap is refused). The expectation: the counter holds every add that
 * returned, i.e. no write was lost. Each bug's file gives the shape (CPUs,
 * clients, ticks); `plant: false` runs the same workload on the sound core,
 * which passes under every schedule (test/check/planted-bugs.test.ts).
 *
 * Under fifo the one schedule never opens the bug's window: with a 10-tick
 * quantum an add never spans a preemption, so the swap's phases never meet
 * a call in the state the bug needs (measured: fifo passes). A schedule
 * that preempts a client inside add() (random's cut quantum, a pct change
 * point) or reorders same-tick events opens it: an untracked call still
 * inside when an early generation ends forward (early-generation), a call
 * arriving while block drains (block-leak), a tracked call writing while
 * block drains (transfer-drops-last-write).
 */
import {
  compute,
  deactivateSelf,
  defineScenario,
  plantCoreBug,
  sleep,
  type Op,
  type PlantedCoreBug,
  type Scenario,
  type SimulationOptions,
} from 'kernel-sim';

export interface PlantedCoreShape {
  readonly clients: number;
  readonly rounds: number;
  readonly workTicks: number;
  readonly sleepTicks: number;
  readonly swapEveryTicks: number;
  readonly options: SimulationOptions;
}

class Tally {
  value = 0;
  constructor(readonly work: number) {}
  *add(n: number): Op<void> {
    yield* compute(this.work);
    this.value += n;
  }
  exportFormats(): readonly string[] {
    return ['count'];
  }
  importFormats(): readonly string[] {
    return ['count'];
  }
  exportState(): number {
    return this.value;
  }
  importState(_format: string, state: unknown): void {
    this.value = state as number;
  }
}
class TallyV2 extends Tally {}

/** The workload with `bug` planted; `plant: false` runs the same workload on the sound core (the control). */
export function plantedCoreScenario(
  bug: PlantedCoreBug,
  shape: PlantedCoreShape,
  plant = true,
): Scenario<{ done: { adds: number; running: boolean } }> {
  return defineScenario({
    name: plant ? `planted-${bug}` : `planted-${bug}-control`,
    description: plant
      ? `PLANTED CORE BUG '${bug}': clients add to a counter that is swapped over and over`
      : `the workload of planted bug '${bug}' on the sound core`,
    options: shape.options,
    setup(sim) {
      if (plant) plantCoreBug(sim, bug);
      const counter = sim.objects.createNamed('counter', Tally, shape.workTicks);
      const done = { adds: 0, running: true };
      let left = shape.clients;
      for (let c = 0; c < shape.clients; c++)
        sim.spawn(`client-${c}`, function* () {
          yield* deactivateSelf();
          for (let i = 0; i < shape.rounds; i++) {
            yield* counter.add(1);
            done.adds++;
            yield* sleep(shape.sleepTicks);
          }
          if (--left === 0) done.running = false;
        });
      let v2 = false;
      sim.spawn('upgrader', function* () {
        yield* deactivateSelf();
        while (done.running) {
          yield* sleep(shape.swapEveryTicks);
          if (!done.running) break;
          sim.hotswap(counter, v2 ? Tally : TallyV2);
          v2 = !v2;
        }
      });
      return { done, counter: () => sim.objects.peek(counter) };
    },
    expect(_result, _sim, state) {
      const value = (state as unknown as { counter: () => Tally }).counter().value;
      if (value !== state.done.adds)
        throw new Error(`counter holds ${value} after ${state.done.adds} adds: a write was lost`);
    },
  });
}
