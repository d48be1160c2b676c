/**
 * swap-scheduler: the kernel's own scheduling policy is hot-swapped while
 * threads keep arriving. The dispatcher reaches the policy only through the
 * object translation table, so the scheduler is a kernel object like any
 * other: it can be interposed on and replaced.
 *
 * Threads of three weights (1, 2 and 4) arrive all the time on two CPUs, each
 * needing the same amount of CPU. Under round robin every ready thread gets
 * an equal share, so a thread's turnaround does not depend on its weight. At
 * tick 1000 the policy is swapped to stride scheduling; its run queue (the
 * ready threads, per CPU, in run order) is transferred in the 'run-queue'
 * format, the only one both policies speak. From then on a thread's share is
 * proportional to its weight: heavy threads turn around faster.
 *
 * What to look at: the swap's phases (the scheduler has only plain methods,
 * so block drains at once: no call of the dispatcher is ever in flight across
 * a preemption point), the negotiated format, and the turnaround per weight
 * before and after (the summary lines).
 *
 * Run: `kernel-sim scenario swap-scheduler.ts [--seed N] [--report out.html]`
 */
import {
  compute,
  defineScenario,
  StridePolicy,
  type Op,
  type Simulation,
  type Swap,
} from 'kernel-sim';

const SWAP_TICK = 1000;
const ARRIVALS = 600;
const MEAN_GAP_TICKS = 16;
const WORK_TICKS = 30;
const WEIGHTS = [1, 2, 4] as const;

interface Era {
  /** Turnaround ticks per weight. */
  readonly turnaround: Map<number, number[]>;
}

interface Ctx {
  readonly swap: { handle: Swap | null };
  readonly before: Era;
  readonly after: Era;
  readonly spawned: { n: number };
}

function* cpuBound(): Op<void> {
  for (let done = 0; done < WORK_TICKS; done += 5) yield* compute(5);
}

function mean(xs: readonly number[]): number {
  return xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Arrivals at seeded gaps, each thread with a seeded weight; turnaround recorded by era. */
function arrive(sim: Simulation, ctx: Ctx): void {
  const random = sim.random('arrivals');
  let tick = 0;
  for (let i = 0; i < ARRIVALS; i++) {
    tick += Math.round(random.exponential(MEAN_GAP_TICKS));
    const weight = random.pick(WEIGHTS);
    sim.at(
      tick,
      () => {
        const spawnTick = sim.now;
        const era =
          ctx.swap.handle?.outcome === 'completed'
            ? ctx.after
            : spawnTick < SWAP_TICK
              ? ctx.before
              : null;
        ctx.spawned.n++;
        sim.spawn(
          `w${weight}-${i}`,
          function* () {
            yield* cpuBound();
            const list = era?.turnaround.get(weight);
            list?.push(sim.now - spawnTick);
          },
          { weight },
        );
      },
      `arrival ${i}`,
    );
  }
}

export default defineScenario<Ctx>({
  name: 'swap-scheduler',
  description:
    'the scheduling policy is hot-swapped from round robin to stride while threads keep arriving',
  options: { cpus: 2, quantumTicks: 5, ticksMax: 200_000 },
  setup(sim) {
    const era = (): Era => ({ turnaround: new Map(WEIGHTS.map((w) => [w, []])) });
    const ctx: Ctx = { swap: { handle: null }, before: era(), after: era(), spawned: { n: 0 } };
    arrive(sim, ctx);
    sim.at(
      SWAP_TICK,
      () => {
        ctx.swap.handle = sim.hotswap(sim.scheduler, StridePolicy, { timeoutTicks: 20_000 });
      },
      'swap the scheduler',
    );
    return ctx;
  },
  expect(result, sim, ctx) {
    const swap = ctx.swap.handle;
    if (swap?.outcome !== 'completed')
      throw new Error(`the scheduler swap did not complete: ${swap?.outcome} (${swap?.reason})`);
    if (swap.members[0]?.format !== 'run-queue')
      throw new Error(`expected the 'run-queue' format, negotiated ${swap.members[0]?.format}`);
    if (sim.objects.info(sim.scheduler).class !== 'StridePolicy')
      throw new Error('the scheduler is not StridePolicy after the swap');
    if (result.threads.exited !== ctx.spawned.n || result.threads.failed !== 0) {
      throw new Error(
        `every thread must complete: ${result.threads.exited} of ${ctx.spawned.n} exited, ${result.threads.failed} failed`,
      );
    }
    const heavy = mean(ctx.after.turnaround.get(4)!);
    const light = mean(ctx.after.turnaround.get(1)!);
    if (!(heavy < light))
      throw new Error(
        `under stride, weight-4 threads should turn around faster than weight-1 ones (${heavy.toFixed(1)} vs ${light.toFixed(1)} ticks)`,
      );
  },
  summary(_result, _sim, ctx) {
    const row = (name: string, era: Era) =>
      `${name}: mean turnaround by weight ${WEIGHTS.map((w) => `w${w}=${mean(era.turnaround.get(w)!).toFixed(1)}`).join(' ')} ticks (${[...era.turnaround.values()].reduce((n, l) => n + l.length, 0)} threads)`;
    return [row('round robin (before)', ctx.before), row('stride (after)     ', ctx.after)];
  },
});
