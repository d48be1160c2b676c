/**
 * benchSuite: the groups of `npm run bench`, in run order, and the runner.
 *
 * Interface: `BENCH_GROUPS` (name, what it measures, the function);
 * `runSuite({ scale, only, onFigure })` runs every group (or the one named by
 * `only`) in this process and returns all figures with each group's wall
 * time. `onFigure` sees each figure as soon as its group finishes.
 */
import type { BenchFigure } from './bench-figure.ts';
import type { BenchScale } from './bench-scale.ts';
import { clusterBench } from './cluster-bench.ts';
import { endToEndBench } from './end-to-end-bench.ts';
import { headlineBench } from './headline-bench.ts';
import { hotswapBench } from './hotswap-bench.ts';
import { interpositionBench } from './interposition-bench.ts';
import { kernelBench } from './kernel-bench.ts';
import { memoryBench } from './memory-bench.ts';
import { quiescenceBench } from './quiescence-bench.ts';
import { quiescenceRequestsBench } from './quiescence-requests-bench.ts';
import { scalingBench } from './scaling-bench.ts';
import { scheduleBench } from './schedule-bench.ts';
import { swapUnderLoadBench } from './swap-under-load-bench.ts';
import { tableBench } from './table-bench.ts';
import { nowMs } from './wall-clock.ts';

export interface BenchGroup {
  readonly name: string;
  readonly about: string;
  readonly run: (scale: BenchScale) => Promise<BenchFigure[]>;
}

export const BENCH_GROUPS: readonly BenchGroup[] = [
  {
    name: 'headline',
    about:
      'the peer workload as users run it (createSimulation defaults, event hash on) and with the hash off, vs a hand-written minimal simulator of the same cost model',
    run: headlineBench,
  },
  {
    name: 'kernel',
    about: 'thread steps in the kernel vs a bare generator loop',
    run: kernelBench,
  },
  {
    name: 'table',
    about: 'plain calls through the translation table vs direct calls; building 10^6 entries',
    run: tableBench,
  },
  {
    name: 'interposition',
    about: 'calls through counting mediators vs direct calls',
    run: interpositionBench,
  },
  {
    name: 'quiescence',
    about: 'generation counting per thread vs a thread spawn-to-exit',
    run: quiescenceBench,
  },
  {
    name: 'quiescence-requests',
    about: 'quiescence bookkeeping as pending requests and live threads grow together (10^4..10^6)',
    run: quiescenceRequestsBench,
  },
  {
    name: 'hotswap',
    about: 'swap wall time and ticks; call cost during and after swaps',
    run: hotswapBench,
  },
  {
    name: 'end-to-end',
    about:
      'short-lived threads making table calls, default options and event hash off, vs a hand-written minimal simulator',
    run: endToEndBench,
  },
  { name: 'memory', about: 'heap bytes per table entry and per live thread', run: memoryBench },
  {
    name: 'scaling',
    about: 'calls/s as threads grow 10^2..10^6 and CPUs 1..64',
    run: scalingBench,
  },
  {
    name: 'swap-under-load',
    about: 'throughput dip and recovery around one swap under load',
    run: swapUnderLoadBench,
  },
  {
    name: 'schedule',
    about:
      'the peer workload under each schedule vs no schedule option (fifo): the fifo path (random+deviations=0), random, pct',
    run: scheduleBench,
  },
  {
    name: 'cluster',
    about:
      'a 64-node rolling null upgrade of a ring under load vs the same run without the upgrade (issue 17)',
    run: clusterBench,
  },
];

export interface SuiteOptions {
  readonly scale: BenchScale;
  readonly only?: string;
  readonly onGroupStart?: (group: BenchGroup) => void;
  readonly onFigure?: (f: BenchFigure) => void;
}

export interface SuiteResult {
  readonly figures: readonly BenchFigure[];
  readonly groupMs: ReadonlyMap<string, number>;
  readonly totalMs: number;
}

export function findGroup(name: string): BenchGroup {
  const g = BENCH_GROUPS.find((x) => x.name === name);
  if (g === undefined)
    throw new RangeError(
      `no benchmark group '${name}'; the groups are: ${BENCH_GROUPS.map((x) => x.name).join(', ')}`,
    );
  return g;
}

export async function runSuite(options: SuiteOptions): Promise<SuiteResult> {
  const groups = options.only === undefined ? BENCH_GROUPS : [findGroup(options.only)];
  const figures: BenchFigure[] = [];
  const groupMs = new Map<string, number>();
  const t0 = nowMs();
  for (const g of groups) {
    options.onGroupStart?.(g);
    const start = nowMs();
    const fs = await g.run(options.scale);
    groupMs.set(g.name, nowMs() - start);
    for (const f of fs) {
      figures.push(f);
      options.onFigure?.(f);
    }
  }
  return { figures, groupMs, totalMs: nowMs() - t0 };
}
