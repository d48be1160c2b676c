/**
 * k42-trace-profile: K42's trace profile of hot swaps (the figures its
 * TraceOSClustObjSwapStart/Done events give), in ticks, at 1, 4, 16 and 64
 * CPUs: swap start-to-done (min / avg / max) and the generation period.
 *
 * A page-fault object is used by a stream of short-lived faulting threads
 * on every CPU (the same load per CPU at every CPU count) and null-swapped
 * SWAPS times in a row, each to a fresh class with no state (K42's
 * DTT_FCM_NULL_SWAP: the swap's pure overhead). Start-to-done is the ticks
 * from the request to completion (forward + block + transfer; retiring the
 * old object comes after). The generation period is the mean number of ticks
 * between two successive generation advances on one CPU, over every CPU.
 *
 * The scenario's own run is one row (its `cpus` option, default 4); the
 * summary runs the same load for the other CPU counts, with the same seed,
 * so one command prints the whole table. expect() checks that every null
 * swap completed at every CPU count and that each row's figures are in
 * order (min <= avg <= max, a positive generation period).
 *
 * Run: `kernel-sim scenario k42-trace-profile.ts [--seed N] [--swap-wait token-ring]`
 */
import {
  compute,
  createSimulation,
  defineScenario,
  sleep,
  SWAP_STOPPING_FAULTS,
  type Op,
  type Simulation,
  type Swap,
} from 'kernel-sim';

const CPU_COUNTS = [1, 4, 16, 64] as const;
const SWAPS = 8;
const FIRST_SWAP_TICK = 40;
const SWAP_GAP_TICKS = 30;
const THREADS_PER_CPU = 40;
const GAP_PER_CPU_TICKS = 12;

/** A page-fault handler: a fault takes a few ticks of work and a short wait. */
class FcmDefault {
  *fault(page: number): Op<number> {
    yield* compute(2);
    yield* sleep(page % 3);
    return page;
  }
}

interface Row {
  readonly cpus: number;
  readonly swaps: number;
  readonly completed: number;
  readonly minTicks: number;
  readonly avgTicks: number;
  readonly maxTicks: number;
  readonly generationPeriodTicks: number;
}

interface Probe {
  readonly swaps: Swap[];
  readonly advances: Map<number, number[]>;
}

/** The load and the chain of null swaps, on `sim`; the probe fills in as it runs. */
function install(sim: Simulation): Probe {
  const fcm = sim.objects.createNamed('fcm', FcmDefault);
  const probe: Probe = { swaps: [], advances: new Map() };
  sim.events$.subscribe((e) => {
    if (e.type !== 'generation.advanced') return;
    const list = probe.advances.get(e.cpu) ?? [];
    list.push(e.tick);
    probe.advances.set(e.cpu, list);
  });
  for (let cpu = 0; cpu < sim.kernel.cpus.length; cpu++) {
    sim.workload({
      name: `vp${cpu}`,
      threads: THREADS_PER_CPU,
      meanGapTicks: GAP_PER_CPU_TICKS,
      lifetime: { kind: 'uniform', min: 1, max: 3 },
      body: function* ({ index, lifetimeTicks }): Op<void> {
        for (let i = 0; i < lifetimeTicks; i++) yield* fcm.fault(index + i);
      },
    });
  }
  const next = (n: number): void => {
    if (n === SWAPS) return;
    // a fresh class each time: a null swap (no formats, nothing transferred)
    const Next = class extends FcmDefault {};
    Object.defineProperty(Next, 'name', { value: `FcmDefault${n + 2}` });
    probe.swaps.push(
      sim.hotswap(fcm, Next, {
        after: () => void sim.at(sim.now + SWAP_GAP_TICKS, () => next(n + 1), 'next null swap'),
      }),
    );
  };
  sim.at(FIRST_SWAP_TICK, () => next(0), 'first null swap');
  return probe;
}

function rowOf(cpus: number, probe: Probe): Row {
  const done = probe.swaps.filter((s) => s.outcome === 'completed');
  const ticks = done.map(
    (s) =>
      (s.phaseTicks.negotiate ?? 0) +
      (s.phaseTicks.forward ?? 0) +
      (s.phaseTicks.block ?? 0) +
      (s.phaseTicks.transfer ?? 0),
  );
  const gaps: number[] = [];
  for (const list of probe.advances.values())
    for (let i = 1; i < list.length; i++) gaps.push(list[i] - list[i - 1]);
  const mean = (xs: number[]) =>
    xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    cpus,
    swaps: probe.swaps.length,
    completed: done.length,
    minTicks: Math.min(...ticks),
    avgTicks: Math.round(mean(ticks) * 10) / 10,
    maxTicks: Math.max(...ticks),
    generationPeriodTicks: Math.round(mean(gaps) * 10) / 10,
  };
}

/** The same load on a fresh simulation with `cpus` CPUs. */
function profile(cpus: number, sim: Simulation): Row {
  const o = sim.options;
  const other = createSimulation({
    seed: o.seed,
    cpus,
    quantumTicks: o.quantumTicks,
    ticksMax: o.ticksMax,
    detector: o.detector,
    pollTicks: o.pollTicks,
    swapWait: o.swapWait,
    hashEvents: false,
  });
  const probe = install(other);
  other.run();
  return rowOf(cpus, probe);
}

interface Ctx {
  readonly probe: Probe;
  readonly rows: Row[];
}

export default defineScenario<Ctx>({
  name: 'k42-trace-profile',
  description:
    "K42's trace profile of null hot swaps under steady faults: swap start-to-done min/avg/max and the generation period, in ticks, at 1, 4, 16 and 64 CPUs",
  options: { cpus: 4, quantumTicks: 5, ticksMax: 200_000 },
  setup(sim) {
    return { probe: install(sim), rows: [] };
  },
  // Under faults only this run's own row is faulted (the other CPU counts run fault-free): a
  // swap-stopping fault ends the chain of null swaps (the next is requested after one completes),
  // so that row's counts are kept only when none fired.
  faultAware: true,
  expect(_result, sim, ctx, info) {
    const own = sim.kernel.cpus.length;
    const stopped = SWAP_STOPPING_FAULTS.some((site) => info.fired(site));
    for (const cpus of CPU_COUNTS)
      ctx.rows.push(cpus === own ? rowOf(cpus, ctx.probe) : profile(cpus, sim));
    for (const r of ctx.rows) {
      if (stopped && r.cpus === own) {
        if (r.completed > r.swaps) throw new Error(`${r.cpus} CPUs: more swaps completed than run`);
        if (r.completed === 0) continue;
      } else if (r.swaps !== SWAPS || r.completed !== SWAPS)
        throw new Error(
          `${r.cpus} CPUs: ${r.completed} of ${r.swaps} null swaps completed, expected ${SWAPS}`,
        );
      if (!(r.minTicks <= r.avgTicks && r.avgTicks <= r.maxTicks))
        throw new Error(
          `${r.cpus} CPUs: start-to-done out of order: ${r.minTicks}/${r.avgTicks}/${r.maxTicks}`,
        );
      if (!(r.generationPeriodTicks > 0))
        throw new Error(`${r.cpus} CPUs: no generation period measured`);
    }
  },
  summary(_result, _sim, ctx) {
    if (ctx.rows.length === 0) return ['no table: the run did not pass'];
    return [
      `swap wait: ${_sim.options.swapWait}; ${SWAPS} null swaps per row (ticks)`,
      'CPUs  start-to-done min / avg / max  generation period',
      ...ctx.rows.map(
        (r) =>
          `${String(r.cpus).padStart(4)}  ${`${r.minTicks} / ${r.avgTicks} / ${r.maxTicks}`.padStart(28)}  ${String(r.generationPeriodTicks).padStart(17)}`,
      ),
    ];
  },
});
