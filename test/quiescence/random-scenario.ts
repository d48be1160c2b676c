/**
 * randomScenario (test helper): a seeded mixed workload for quiescence tests.
 * Everything but the detector is drawn from the seed on a stream of its own,
 * so the three detectors face the same threads, schedule and requests:
 * short and long-tailed workload threads, optionally a QSBR daemon (a
 * quiescent point per loop), a self-deactivated daemon that enters table
 * calls (counted again inside each), requests at random ticks for all CPUs or
 * a random subset, and a self-deactivated sentinel that keeps the run alive
 * until every request is reached (or ticksMax says it never will be).
 */
import {
  compute,
  createSimulation,
  deactivateSelf,
  Prng,
  quiescentPoint,
  sleep,
  type DetectorName,
  type Lifetime,
  type Op,
  type QuiescenceRequest,
  type Simulation,
} from 'kernel-sim';
import { LifecycleProbe } from './lifecycle-probe.ts';

class Counter {
  n = 0;
  *slowInc(ticks: number): Op<number> {
    yield* compute(ticks);
    return ++this.n;
  }
}

const LIFETIMES: Lifetime[] = [
  { kind: 'exponential', mean: 8 },
  { kind: 'uniform', min: 1, max: 30 },
  { kind: 'bimodal', short: 3, long: 150, longChance: 0.1 },
];

export interface RandomScenario {
  readonly sim: Simulation;
  readonly probe: LifecycleProbe;
  readonly requests: QuiescenceRequest[];
  readonly cpus: number;
}

export function randomScenario(seed: number, detector: DetectorName): RandomScenario {
  const rng = new Prng(seed).derive('test:quiescence-scenario');
  const cpus = rng.int(1, 4);
  const sim = createSimulation({
    seed,
    cpus,
    detector,
    pollTicks: rng.int(1, 12),
    quantumTicks: rng.int(2, 12),
    ticksMax: 200_000,
    hashEvents: false,
  });
  const probe = new LifecycleProbe(sim.kernel, sim.events$);
  sim.workload({
    threads: rng.int(20, 60),
    meanGapTicks: rng.int(0, 6),
    lifetime: rng.pick(LIFETIMES),
    sleepFraction: 0.3,
  });
  if (rng.chance(0.5)) {
    const work = rng.int(1, 9);
    sim.spawn(
      'qsbr-daemon',
      function* () {
        for (;;) {
          yield* compute(work);
          yield* quiescentPoint();
          yield* sleep(2);
        }
      },
      { daemon: true },
    );
  }
  if (rng.chance(0.5)) {
    const counter = sim.objects.create(Counter);
    const work = rng.int(1, 9);
    sim.spawn(
      'deactivated-daemon',
      function* () {
        yield* deactivateSelf();
        for (;;) {
          yield* compute(3);
          yield* counter.slowInc(work);
          yield* sleep(1);
        }
      },
      { daemon: true },
    );
  }
  const requests: QuiescenceRequest[] = [];
  let lastTick = 0;
  for (let i = rng.int(3, 10); i > 0; i--) {
    const tick = rng.int(0, 200);
    const subset = Array.from({ length: cpus }, (_, c) => c).filter(() => rng.chance(0.5));
    const options = rng.chance(0.5) || subset.length === 0 ? {} : { cpus: subset };
    lastTick = Math.max(lastTick, tick);
    sim.at(tick, () => void requests.push(sim.quiescence.request(() => {}, options)));
  }
  sim.spawn('sentinel', function* () {
    yield* deactivateSelf();
    while (sim.now <= lastTick || sim.quiescence.pending.length > 0) yield* sleep(7);
  });
  return { sim, probe, requests, cpus };
}
