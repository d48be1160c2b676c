/**
 * The quiescence sweep's grid: `sweepPoints(sweep)` expands a resolved sweep
 * into its points (workload x CPUs x detector, and x poll interval x wait
 * for the k42 detector only; the token ring's series is 'k42/poll=N', the
 * per-CPU markers' 'k42-per-cpu/poll=N'), numbered from 0 in a fixed order; `sweepRuns(sweep,
 * points)` gives one QuiescenceRunSpec per (point, seed), point-major.
 * The load per CPU is the same at every CPU count: a run on n CPUs has n
 * arrival streams of threadsPerCpu threads at mean gap gapPerCpuTicks.
 *
 * Invariant: both are pure functions of the resolved sweep, so a run's index
 * names the same run in a serial and a parallel execution.
 */
import type { Lifetime } from '../kernel/index.ts';
import type { DetectorName, MarkerMode } from '../quiescence/index.ts';
import { formatLifetime, lifetimeMeanTicks } from './lifetime-notation.ts';
import type { ResolvedSweep } from './quiescence-sweep-options.ts';
import type { QuiescenceRunSpec } from './quiescence-run.ts';

export interface SweepPoint {
  readonly point: number;
  readonly detector: DetectorName;
  /** K42 poll interval; null for detectors that do not poll. */
  readonly pollTicks: number | null;
  /** How a k42 point waits for its requests; null for the other detectors. */
  readonly wait: MarkerMode | null;
  /** detector plus poll interval, e.g. 'k42/poll=5': one plotted series. */
  readonly series: string;
  readonly cpus: number;
  /** Mean ticks between arrivals per CPU (machine-wide: this / cpus). */
  readonly gapPerCpuTicks: number;
  readonly lifetime: Lifetime;
  /** Lifetime in text notation, e.g. 'exp:40'. */
  readonly lifetimeText: string;
  readonly lifetimeMeanTicks: number;
}

export function sweepPoints(sweep: ResolvedSweep): SweepPoint[] {
  const points: SweepPoint[] = [];
  for (const gapPerCpuTicks of sweep.gapsPerCpuTicks) {
    for (const lifetime of sweep.lifetimes) {
      for (const cpus of sweep.cpus) {
        for (const detector of sweep.detectors) {
          const polls = detector === 'k42' ? sweep.pollsTicks : [null];
          const waits = detector === 'k42' ? sweep.waits : [null];
          for (const [pollTicks, wait] of polls.flatMap((p) => waits.map((w) => [p, w] as const))) {
            points.push({
              point: points.length,
              detector,
              pollTicks,
              wait,
              series: seriesName(detector, pollTicks, wait),
              cpus,
              gapPerCpuTicks,
              lifetime,
              lifetimeText: formatLifetime(lifetime),
              lifetimeMeanTicks: lifetimeMeanTicks(lifetime),
            });
          }
        }
      }
    }
  }
  return points;
}

function seriesName(
  detector: DetectorName,
  pollTicks: number | null,
  wait: MarkerMode | null,
): string {
  if (pollTicks === null) return detector;
  return `${wait === 'per-cpu' ? 'k42-per-cpu' : detector}/poll=${pollTicks}`;
}

export function sweepRuns(
  sweep: ResolvedSweep,
  points: readonly SweepPoint[],
): QuiescenceRunSpec[] {
  return points.flatMap((p) =>
    Array.from({ length: sweep.seeds }, (_, i) => ({
      point: p.point,
      seed: sweep.seedFirst + i,
      cpus: p.cpus,
      detector: p.detector,
      pollTicks: p.pollTicks,
      wait: p.wait,
      gapPerCpuTicks: p.gapPerCpuTicks,
      lifetime: p.lifetime,
      threadsPerCpu: sweep.threadsPerCpu,
      requests: sweep.requests,
      sleepFraction: sweep.sleepFraction,
      quantumTicks: sweep.quantumTicks,
      ticksMax: sweep.ticksMax,
    })),
  );
}
