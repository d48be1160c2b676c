/**
 * REFERENCE_QUIESCENCE_SWEEP: the sweep behind docs/QUIESCENCE.md's figures
 * and the parallel-speedup measurement (issue 5): 96 points (4 lifetimes,
 * one of them long-tailed, x 1/4/16/64 CPUs x k42 polling every 1 and 10
 * ticks waiting on the token ring or on per-CPU markers (the swap's wait),
 * event, oracle) x 10 seeds = 960 runs of 100 threads per CPU, arriving
 * every 24 ticks per CPU on average (CPU load 0.13 to 0.8).
 *
 *   runQuiescenceExperiment({ ...REFERENCE_QUIESCENCE_SWEEP, outDir })
 */
import type { QuiescenceSweepOptions } from './quiescence-sweep-options.ts';

export const REFERENCE_QUIESCENCE_SWEEP = {
  gapsPerCpuTicks: [24],
  lifetimes: ['exp:4', 'exp:12', 'bimodal:4:300:0.05', 'exp:24'],
  cpus: [1, 4, 16, 64],
  detectors: ['k42', 'event', 'oracle'],
  pollsTicks: [1, 10],
  waits: ['token-ring', 'per-cpu'],
  seeds: 10,
  seedFirst: 1,
  threadsPerCpu: 100,
  requests: 20,
  sleepFraction: 0.2,
  quantumTicks: 10,
} as const satisfies QuiescenceSweepOptions;
