/**
 * runMediationComparison: the quiescence experiment's mediation arm (`kernel-sim
 * experiment quiescence --mediations global,per-cpu`): one hot swap per run
 * under each swap mediation (src/hotswap/cpu-mediation.ts), on the same
 * workload, side by side.
 *
 * The run: createSimulation({seed, cpus, swapMediation, hashEvents: false}),
 * k42 detector, per-CPU swap wait; one arrival stream per CPU ('stream-i',
 * `threadsPerCpu` threads at exponential gaps of mean `gapPerCpuTicks`), each
 * thread making one generator call of `lifetime` ticks on a shared object;
 * one swap of that object at a tick drawn uniformly from the arrival window
 * on the 'experiment:requests' stream. The workload and the swap tick depend
 * on the seed only, so both arms face the same threads.
 *
 * Per run it records the swap's ticks from request to complete (the new
 * object serving and every held call released), from request to done (the
 * old object destroyed a generation later), the calls held and forwarded,
 * and the outcome. `summarizeMediation` gives per (cpus, mediation) the
 * median and max durations and the mean held and forwarded counts;
 * `mediationTable` renders it as a markdown table.
 */
import { createSimulation } from '../simulation/index.ts';
import { compute, type Op } from '../kernel/index.ts';
import type { Lifetime } from '../kernel/index.ts';
import type { Mediation, Swap } from '../hotswap/index.ts';
import { REQUEST_STREAM } from './quiescence-run.ts';

export interface MediationComparisonOptions {
  readonly cpus: readonly number[];
  readonly mediations: readonly Mediation[];
  readonly seeds: number;
  readonly seedFirst?: number;
  readonly lifetime: Lifetime;
  readonly gapPerCpuTicks: number;
  readonly threadsPerCpu: number;
  readonly ticksMax: number;
}

export interface MediationRun {
  readonly cpus: number;
  readonly mediation: Mediation;
  readonly seed: number;
  readonly outcome: string;
  readonly toCompleteTicks: number;
  readonly toDoneTicks: number;
  readonly held: number;
  readonly forwarded: number;
}

export interface MediationSummary {
  readonly cpus: number;
  readonly mediation: Mediation;
  readonly runs: number;
  readonly completed: number;
  readonly completeMedianTicks: number;
  readonly completeMaxTicks: number;
  readonly doneMedianTicks: number;
  readonly heldMean: number;
  readonly forwardedMean: number;
}

class Served {
  calls = 0;
  *serve(ticks: number): Op<void> {
    yield* compute(ticks);
    this.calls++;
  }
  exportFormats(): string[] {
    return ['calls'];
  }
  exportState(): number {
    return this.calls;
  }
  importFormats(): string[] {
    return ['calls'];
  }
  importState(_format: string, calls: number): void {
    this.calls = calls;
  }
}
class ServedV2 extends Served {}

export function runMediationRun(
  o: MediationComparisonOptions,
  cpus: number,
  mediation: Mediation,
  seed: number,
): MediationRun {
  const sim = createSimulation({
    seed,
    cpus,
    ticksMax: o.ticksMax,
    hashEvents: false,
    swapMediation: mediation,
  });
  const served = sim.objects.createNamed('served', Served);
  const streams = Array.from({ length: cpus }, (_, i) =>
    sim.workload({
      name: `stream-${i}`,
      threads: o.threadsPerCpu,
      meanGapTicks: o.gapPerCpuTicks,
      lifetime: o.lifetime,
      body: function* (ctx) {
        yield* served.serve(ctx.lifetimeTicks);
      },
    }),
  );
  const windowTicks = Math.min(...streams.map((s) => s.lastArrivalTick));
  const at = sim.random(REQUEST_STREAM).int(0, windowTicks);
  let swap: Swap | null = null;
  sim.at(at, () => void (swap = sim.hotswap(served, ServedV2)), 'experiment swap');
  sim.run();
  const s = swap as Swap | null;
  const since = (t: number | undefined) => (t === undefined ? -1 : t - at);
  return {
    cpus,
    mediation,
    seed,
    outcome: s?.outcome ?? 'not requested',
    toCompleteTicks: since(s?.phaseStart.complete),
    toDoneTicks: since(s?.phaseStart.done),
    held: s?.held ?? 0,
    forwarded: s?.forwarded ?? 0,
  };
}

export function runMediationComparison(o: MediationComparisonOptions): MediationRun[] {
  const runs: MediationRun[] = [];
  const first = o.seedFirst ?? 1;
  for (const cpus of o.cpus)
    for (const mediation of o.mediations)
      for (let seed = first; seed < first + o.seeds; seed++)
        runs.push(runMediationRun(o, cpus, mediation, seed));
  return runs;
}

const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return -1;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};
const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;

export function summarizeMediation(runs: readonly MediationRun[]): MediationSummary[] {
  const keys = [...new Set(runs.map((r) => `${r.cpus}|${r.mediation}`))];
  return keys.map((key) => {
    const of = runs.filter((r) => `${r.cpus}|${r.mediation}` === key);
    const done = of.filter((r) => r.outcome === 'completed');
    return {
      cpus: of[0].cpus,
      mediation: of[0].mediation,
      runs: of.length,
      completed: done.length,
      completeMedianTicks: median(done.map((r) => r.toCompleteTicks)),
      completeMaxTicks: done.length === 0 ? -1 : Math.max(...done.map((r) => r.toCompleteTicks)),
      doneMedianTicks: median(done.map((r) => r.toDoneTicks)),
      heldMean: mean(of.map((r) => r.held)),
      forwardedMean: mean(of.map((r) => r.forwarded)),
    };
  });
}

export function mediationTable(rows: readonly MediationSummary[]): string[] {
  const lines = [
    '| CPUs | mediation | completed | request→complete median / max (ticks) | request→done median (ticks) | held per swap (mean) | forwarded per swap (mean) |',
    '|---:|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows)
    lines.push(
      `| ${r.cpus} | ${r.mediation} | ${r.completed}/${r.runs} | ${r.completeMedianTicks} / ${r.completeMaxTicks} | ${r.doneMedianTicks} | ${r.heldMean.toFixed(1)} | ${r.forwardedMean.toFixed(1)} |`,
    );
  return lines;
}
