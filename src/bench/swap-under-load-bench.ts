/**
 * swapUnderLoadBench: one hot swap in the middle of a steady load, and what it
 * does to throughput (issue 10): the dip while the swap is in forward/block,
 * and the time until throughput is back, in ticks and in wall time.
 *
 * Load: threads arrive at random (workload, mean gap `gapTicks`, about 80% of
 * 2 CPUs), each making 10 generator calls `yield* ref.op(1)`. A kernel action
 * samples every `windowTicks` the calls completed so far and the wall clock.
 * At `swapTick` the object is hot-swapped to another class (its state
 * transferred). Baseline: mean calls per window before the swap. Dip: the
 * lowest window between the request and the completion, as a fraction of the
 * baseline. Recovered: the first window after completion back at >= 90% of
 * the baseline; recovery is measured from the request.
 */
import type { Swap } from '../hotswap/index.ts';
import { pick, type BenchScale } from './bench-scale.ts';
import { figure, type BenchFigure } from './bench-figure.ts';
import { benchSimulation, runToEnd } from './bench-simulation.ts';
import { makeWorkClass } from './work-class.ts';
import { nowMs } from './wall-clock.ts';

interface Sample {
  readonly tick: number;
  readonly calls: number;
  readonly wallMs: number;
}

interface LoadRun {
  readonly samples: readonly Sample[];
  readonly swap: Swap;
  readonly windowTicks: number;
}

function runLoad(
  threads: number,
  gapTicks: number,
  windowTicks: number,
  swapTick: number,
): LoadRun {
  const sim = benchSimulation({ cpus: 2 });
  const ref = sim.objects.create(makeWorkClass('LoadOld'));
  const New = makeWorkClass('LoadNew');
  let calls = 0;
  const stats = sim.workload({
    name: 'load',
    threads,
    meanGapTicks: gapTicks,
    lifetime: { kind: 'fixed', ticks: 1 },
    body: function* () {
      for (let j = 0; j < 10; j++) {
        yield* ref.op(1);
        calls++;
      }
    },
  });
  const samples: Sample[] = [];
  const sample = (): void => {
    samples.push({ tick: sim.now, calls, wallMs: nowMs() });
    if (sim.now < stats.lastArrivalTick) sim.at(sim.now + windowTicks, sample, 'bench sample');
  };
  sim.at(0, sample, 'bench sample');
  let swap: Swap | null = null;
  sim.at(swapTick, () => {
    swap = sim.hotswap(ref, New);
  });
  runToEnd(sim);
  const s = swap as Swap | null;
  if (s === null || s.outcome !== 'completed')
    throw new Error(`swapUnderLoadBench: swap ${s?.outcome}: ${s?.reason}`);
  return { samples, swap: s, windowTicks };
}

interface Window {
  readonly start: number;
  readonly end: number;
  readonly calls: number;
  readonly ms: number;
}

function windows(samples: readonly Sample[]): Window[] {
  return samples.slice(1).map((s, i) => ({
    start: samples[i].tick,
    end: s.tick,
    calls: s.calls - samples[i].calls,
    ms: s.wallMs - samples[i].wallMs,
  }));
}

export function swapUnderLoadBench(scale: BenchScale): Promise<BenchFigure[]> {
  const group = 'swap-under-load';
  const threads = pick(scale, 20_000, 200);
  const gapTicks = 13;
  const windowTicks = pick(scale, 50, 20);
  const swapTick = Math.round((threads * gapTicks) / 2);
  const run = runLoad(threads, gapTicks, windowTicks, swapTick);
  const w = windows(run.samples);
  const requested = run.swap.phaseStart.negotiate!;
  const completed = run.swap.phaseStart.complete!;
  const before = w.filter((x) => x.end <= requested && x.start >= windowTicks * 4);
  const baseCalls = before.reduce((a, x) => a + x.calls, 0) / before.length;
  const baseRate = before.reduce((a, x) => a + x.calls, 0) / before.reduce((a, x) => a + x.ms, 0);
  const during = w.filter((x) => x.end > requested && x.start < completed);
  const dip = Math.min(...during.map((x) => x.calls)) / baseCalls;
  const wallDip = Math.min(...during.map((x) => x.calls / x.ms)) / baseRate;
  const back = w.find((x) => x.start >= completed && x.calls >= 0.9 * baseCalls);
  const recoverTicks = back === undefined ? NaN : back.end - requested;
  const startSample = run.samples.find((s) => s.tick >= requested);
  const endSample = run.samples.find((s) => back !== undefined && s.tick >= back.end);
  const recoverMs = startSample && endSample ? endSample.wallMs - startSample.wallMs : NaN;
  const phases = (['forward', 'block', 'transfer'] as const)
    .map((p) => `${p} ${run.swap.phaseTicks[p] ?? 0}`)
    .join(', ');
  return Promise.resolve([
    figure({
      group,
      name: 'throughput during the swap (lowest window)',
      value: dip * 100,
      unit: '% of before',
      note: `windows of ${windowTicks} ticks; ${baseCalls.toFixed(1)} calls/window before; phases (ticks): ${phases}`,
    }),
    figure({
      group,
      name: 'wall-clock throughput during the swap (lowest window)',
      value: wallDip * 100,
      unit: '% of before',
      note: `calls per wall ms, before: ${(baseRate / 1e3).toFixed(2)} M/s`,
    }),
    figure({
      group,
      name: 'time to recover, simulated',
      value: recoverTicks,
      unit: 'ticks',
      note: `from the request (tick ${requested}) to the first window at >= 90% after completion (tick ${completed})`,
    }),
    figure({
      group,
      name: 'time to recover, wall',
      value: recoverMs,
      unit: 'ms',
      note: `${threads.toLocaleString('en-US')} threads x 10 calls arriving every ${gapTicks} ticks on average`,
    }),
  ]);
}
