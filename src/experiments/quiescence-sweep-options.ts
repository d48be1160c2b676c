/**
 * QuiescenceSweepOptions: what a quiescence-latency sweep varies and holds
 * fixed; `resolveQuiescenceSweep` fills defaults and checks every value,
 * naming the option and what it accepts.
 *
 * Axes (the grid is their product): `gapsPerCpuTicks` (mean ticks between
 * thread arrivals per CPU: a run on n CPUs has exponential gaps of mean
 * gap / n machine-wide, so the load per CPU does not change with n),
 * `lifetimes` (kernel Lifetime
 * distributions, see lifetime-notation.ts), `cpus` (1..64), `detectors`
 * ('k42' | 'event' | 'oracle'), `pollsTicks` (K42 poll intervals; only k42
 * points vary over them), `waits` (how the k42 detector waits for each
 * machine-wide request: 'token-ring', the global generation, or 'per-cpu',
 * a marker per CPU as a hot swap waits; only k42 points vary over them;
 * default ['token-ring']). Each point runs `seeds` seeds, seedFirst.. .
 * Fixed per run: `threadsPerCpu` x cpus arrivals, `requests` quiescence requests at seeded
 * ticks during the arrivals, `sleepFraction`, `quantumTicks`, `ticksMax`.
 *
 * Not part of the results: `workers` (0 = run serially in this thread) and
 * `outDir` (where files go); the same resolved sweep gives the same results
 * and the same bytes whatever they are.
 */
import type { Lifetime } from '../kernel/index.ts';
import {
  DETECTOR_NAMES,
  MARKER_MODES,
  type DetectorName,
  type MarkerMode,
} from '../quiescence/index.ts';
import { formatLifetime, parseLifetime } from './lifetime-notation.ts';

export interface QuiescenceSweepOptions {
  readonly gapsPerCpuTicks?: readonly number[];
  /** Lifetime distributions, as objects or in the text notation ('exp:40'). */
  readonly lifetimes?: readonly (Lifetime | string)[];
  readonly cpus?: readonly number[];
  readonly detectors?: readonly DetectorName[];
  readonly pollsTicks?: readonly number[];
  readonly waits?: readonly MarkerMode[];
  readonly seeds?: number;
  readonly seedFirst?: number;
  readonly threadsPerCpu?: number;
  readonly requests?: number;
  readonly sleepFraction?: number;
  readonly quantumTicks?: number;
  readonly ticksMax?: number;
}

export interface QuiescenceExperimentOptions extends QuiescenceSweepOptions {
  /** Worker threads; 0 runs serially in this thread. Default: available CPUs (at most one per run). */
  readonly workers?: number;
  /** Write CSV, JSON, SVG and spec files here when given. */
  readonly outDir?: string;
  /** Render the SVG plots (default true; needs the optional vega packages). */
  readonly plots?: boolean;
}

export interface ResolvedSweep {
  readonly gapsPerCpuTicks: readonly number[];
  readonly lifetimes: readonly Lifetime[];
  readonly cpus: readonly number[];
  readonly detectors: readonly DetectorName[];
  readonly pollsTicks: readonly number[];
  readonly waits: readonly MarkerMode[];
  readonly seeds: number;
  readonly seedFirst: number;
  readonly threadsPerCpu: number;
  readonly requests: number;
  readonly sleepFraction: number;
  readonly quantumTicks: number;
  readonly ticksMax: number;
}

export const DEFAULT_SWEEP: ResolvedSweep = {
  gapsPerCpuTicks: [24],
  lifetimes: ['exp:4', 'exp:12', 'bimodal:4:300:0.05', 'exp:24'].map(parseLifetime),
  cpus: [4],
  detectors: ['k42', 'event', 'oracle'],
  pollsTicks: [5],
  waits: ['token-ring'],
  seeds: 10,
  seedFirst: 1,
  threadsPerCpu: 100,
  requests: 20,
  sleepFraction: 0.2,
  quantumTicks: 10,
  ticksMax: 10_000_000,
};

function checkInt(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `sweep option ${name} must be an integer from ${min} to ${max}, got ${value}`,
    );
  }
  return value;
}

function checkList<T>(name: string, values: readonly T[], check: (v: T) => T): readonly T[] {
  if (values.length === 0) throw new RangeError(`sweep option ${name} needs at least one value`);
  return [...new Set(values.map(check))];
}

function checkDetector(d: DetectorName): DetectorName {
  if (!DETECTOR_NAMES.includes(d))
    throw new RangeError(
      `sweep option detectors: '${String(d)}' is not one of ${DETECTOR_NAMES.join(', ')}`,
    );
  return d;
}

function checkWait(w: MarkerMode): MarkerMode {
  if (!MARKER_MODES.includes(w))
    throw new RangeError(
      `sweep option waits: '${String(w)}' is not one of ${MARKER_MODES.join(', ')}`,
    );
  return w;
}

export function resolveQuiescenceSweep(options: QuiescenceSweepOptions = {}): ResolvedSweep {
  const o = {
    ...DEFAULT_SWEEP,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  };
  const sleepFraction = o.sleepFraction;
  if (!(sleepFraction >= 0 && sleepFraction <= 1))
    throw new RangeError(`sweep option sleepFraction must be from 0 to 1, got ${sleepFraction}`);
  return {
    gapsPerCpuTicks: checkList('gapsPerCpuTicks', o.gapsPerCpuTicks as number[], (g) =>
      checkInt('gapsPerCpuTicks', g, 0, 1e9),
    ),
    lifetimes: dedupeLifetimes(
      (o.lifetimes as (Lifetime | string)[]).map((l) =>
        parseLifetime(typeof l === 'string' ? l : formatLifetime(l)),
      ),
    ),
    cpus: checkList('cpus', o.cpus as number[], (c) => checkInt('cpus', c, 1, 64)),
    detectors: checkList('detectors', o.detectors as DetectorName[], checkDetector),
    pollsTicks: checkList('pollsTicks', o.pollsTicks as number[], (p) =>
      checkInt('pollsTicks', p, 1, 1e9),
    ),
    waits: checkList('waits', o.waits as MarkerMode[], checkWait),
    seeds: checkInt('seeds', o.seeds, 1, 1e6),
    seedFirst: checkInt('seedFirst', o.seedFirst, 0, 2 ** 31),
    threadsPerCpu: checkInt('threadsPerCpu', o.threadsPerCpu, 1, 1e6),
    requests: checkInt('requests', o.requests, 1, 1e6),
    sleepFraction,
    quantumTicks: checkInt('quantumTicks', o.quantumTicks, 1, 1e9),
    ticksMax: checkInt('ticksMax', o.ticksMax, 1, Number.MAX_SAFE_INTEGER),
  };
}

function dedupeLifetimes(lifetimes: readonly Lifetime[]): readonly Lifetime[] {
  if (lifetimes.length === 0)
    throw new RangeError('sweep option lifetimes needs at least one value');
  const seen = new Map<string, Lifetime>();
  for (const l of lifetimes) seen.set(JSON.stringify(l), l);
  return [...seen.values()];
}
