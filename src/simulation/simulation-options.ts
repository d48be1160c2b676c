/**
 * SimulationOptions: everything a run is made of besides its code. Every
 * option has a default; `resolveOptions` checks ranges, refuses unknown
 * option names, and says which option is wrong and what it accepts.
 */
import { DETECTOR_NAMES, type DetectorName, type MarkerMode } from '../quiescence/index.ts';
import { LIVE_LIMIT_CEILINGS, parseSchedule } from '../kernel/index.ts';

import {
  checkMediation,
  checkStrategyName,
  checkSwapWait,
  type Mediation,
  type StrategyName,
} from '../hotswap/index.ts';

export interface SimulationOptions {
  /** The one seed every random choice derives from. Default 1. */
  readonly seed?: number;
  /** Simulated CPUs, 1..64. Default 2. */
  readonly cpus?: number;
  /** Ticks a thread runs before it is preempted. Default 10. */
  readonly quantumTicks?: number;
  /** The run ends with outcome 'liveness' past this tick. Default 1_000_000. */
  readonly ticksMax?: number;
  /** Quiescence detector: 'k42' (default), 'event' or 'oracle'. */
  readonly detector?: DetectorName;
  /** Poll interval of the k42 detector, in ticks. Default 5. */
  readonly pollTicks?: number;
  /** Hash every event into result.eventsHash (builds every event). Default true. */
  readonly hashEvents?: boolean;
  /**
   * Count calls per object and method into `objects.info(ref).stats`
   * (calls, failed, in flight). Off by default: counting takes every call off
   * the table's fast path, and stats is then `{}`. Whether anything observes
   * the run never changes what is counted.
   */
  readonly callStats?: boolean;
  /**
   * Deepest nesting of calls through the table; a call past it throws
   * CallDepthError ("call depth N exceeded") into the caller, the same on
   * every engine and stack size. Default 1000.
   */
  readonly callDepthMax?: number;
  /**
   * Most live threads at once (daemons included). One more spawn throws
   * LiveLimitError into its caller and ends the run as liveness, naming who
   * spawned and what is alive: a fork bomb stops here, not in the heap.
   * Default 10000.
   */
  readonly threadsMax?: number;
  /**
   * Most live objects at once (created and not yet reclaimed, the scheduler
   * included). One more objects.create throws LiveLimitError and ends the
   * run as liveness. Default 100000.
   */
  readonly objectsMax?: number;
  /**
   * How the seed perturbs scheduling (src/kernel/schedule.ts): 'fifo' (no
   * perturbation: the kernel's own order), 'random', or 'pct[:depth]',
   * optionally '+jitter=N'. Default 'fifo'; `kernel-sim check` defaults to
   * 'random' (docs/CHECKING.md, "Schedules").
   */
  readonly schedule?: string;
  /**
   * How a swap that names no strategy reaches its transfer: 'quiescence'
   * (K42, the default), 'naive', 'block-all' or 'update-points'
   * (docs/STRATEGIES.md).
   */
  readonly swapStrategy?: StrategyName;
  /**
   * How a swap waits for quiescence under the k42 detector: 'per-cpu' (the
   * default: a generation marker per CPU, K42's hot swap) or 'token-ring'
   * (the global generation, K42's destruction path; docs/QUIESCENCE.md).
   */
  readonly swapWait?: MarkerMode;
  /**
   * How a swap that names none mediates: 'global' (the default: one phase
   * for the swap) or 'per-cpu' (K42's mediator rep per CPU, each leaving
   * forward on its own marker; a CPU with no rep starts in block;
   * docs/HOTSWAP.md).
   */
  readonly swapMediation?: Mediation;
}

export type ResolvedOptions = Required<SimulationOptions>;

export const DEFAULT_OPTIONS: ResolvedOptions = {
  seed: 1,
  cpus: 2,
  quantumTicks: 10,
  ticksMax: 1_000_000,
  detector: 'k42',
  pollTicks: 5,
  hashEvents: true,
  callStats: false,
  callDepthMax: 1000,
  threadsMax: 10_000,
  objectsMax: 100_000,
  schedule: 'fifo',
  swapStrategy: 'quiescence',
  swapWait: 'per-cpu',
  swapMediation: 'global',
};

function checkInt(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const got =
      typeof value === 'number' ? String(value) : `${JSON.stringify(value)} (a ${typeof value})`;
    throw new RangeError(`option ${name} must be an integer from ${min} to ${max}, got ${got}`);
  }
}

function checkBoolean(name: string, value: unknown): void {
  if (typeof value !== 'boolean')
    throw new RangeError(`option ${name} must be true or false, got ${JSON.stringify(value)}`);
}

export function resolveOptions(options: SimulationOptions = {}): ResolvedOptions {
  for (const key of Object.keys(options)) {
    if (!Object.hasOwn(DEFAULT_OPTIONS, key))
      throw new RangeError(
        `unknown option '${key}'; known: ${Object.keys(DEFAULT_OPTIONS).join(', ')}`,
      );
  }
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const o = { ...DEFAULT_OPTIONS, ...defined } as ResolvedOptions;
  checkInt('seed', o.seed, 0, Number.MAX_SAFE_INTEGER);
  checkInt('cpus', o.cpus, 1, 64);
  checkInt('quantumTicks', o.quantumTicks, 1, 1e9);
  checkInt('ticksMax', o.ticksMax, 0, Number.MAX_SAFE_INTEGER);
  checkInt('pollTicks', o.pollTicks, 1, 1e9);
  checkBoolean('hashEvents', o.hashEvents);
  checkBoolean('callStats', o.callStats);
  checkInt('callDepthMax', o.callDepthMax, 1, 5000);
  checkInt('threadsMax', o.threadsMax, 1, LIVE_LIMIT_CEILINGS.threadsMax);
  checkInt('objectsMax', o.objectsMax, 1, LIVE_LIMIT_CEILINGS.objectsMax);
  parseSchedule(o.schedule);

  checkStrategyName(o.swapStrategy, 'option swapStrategy');
  checkSwapWait(o.swapWait, 'option swapWait');
  checkMediation(o.swapMediation, 'option swapMediation');
  if (!DETECTOR_NAMES.includes(o.detector)) {
    throw new RangeError(
      `option detector must be one of ${DETECTOR_NAMES.join(', ')}, got '${String(o.detector)}'`,
    );
  }
  return o;
}
