/**
 * A small swap scenario for the report tests: workers call a counter (a slow
 * generator method and an atomic one) while it is hot-swapped mid-run, so
 * the run has calls on both versions, a forward wait, held calls and
 * generation advances (seed 3 holds three calls for up to 20 ticks). The
 * `veto` option makes before() refuse, so the swap rolls back in transfer.
 */
import {
  compute,
  createSimulation,
  sleep,
  type Op,
  type RunResult,
  type Simulation,
  type SwapHandle,
} from 'kernel-sim';
import {
  recordTimeline,
  type TimelineModel,
  type TimelineRecorder,
} from '../../src/report/index.ts';

export class Counter {
  n = 0;
  inc(): number {
    return ++this.n;
  }
  *slowInc(ticks: number): Op<number> {
    yield* compute(ticks);
    return ++this.n;
  }
  exportFormats() {
    return ['value'];
  }
  exportState() {
    return this.n;
  }
  importFormats() {
    return ['value'];
  }
  importState(_f: string, v: unknown) {
    this.n = v as number;
  }
}

export class Counter2 extends Counter {
  override inc(): number {
    this.n += 1;
    return this.n;
  }
}

export interface SwapRunOptions {
  readonly seed?: number;
  readonly workers?: number;
  /** Iterations of slowInc + inc per worker. */
  readonly rounds?: number;
  readonly swapTick?: number;
  /** Veto the swap in transfer: it rolls back. */
  readonly veto?: boolean;
  readonly cpus?: number;
  /** Mean ticks between worker arrivals. */
  readonly gapTicks?: number;
  /** Ticks of compute in each slowInc call. */
  readonly slowTicks?: number;
  /** SimulationOptions.swapMediation (default global). */
  readonly mediation?: 'global' | 'per-cpu';
  /** Called after setup, before the run (attach recorders here or before). */
  readonly observe?: (sim: Simulation) => void;
}

export interface SwapRun {
  readonly sim: Simulation;
  swap(): SwapHandle;
}

/** Build the scenario (not run yet). */
export function buildSwapRun(o: SwapRunOptions = {}): SwapRun {
  // the token-ring wait keeps forward long enough for this small load to meet block (the default per-CPU wait holds nothing here)
  const sim = createSimulation({
    seed: o.seed ?? 3,
    cpus: o.cpus ?? 2,
    quantumTicks: 6,
    swapWait: 'token-ring',
    ...(o.mediation === undefined ? {} : { swapMediation: o.mediation }),
  });
  o.observe?.(sim);
  const c = sim.objects.create(Counter);
  const rounds = o.rounds ?? 2;
  sim.workload({
    name: 'worker',
    threads: o.workers ?? 20,
    meanGapTicks: o.gapTicks ?? 12,
    lifetime: { kind: 'fixed', ticks: 10 },
    body: function* () {
      for (let j = 0; j < rounds; j++) {
        yield* c.slowInc(o.slowTicks ?? 10);
        c.inc();
        yield* sleep(1);
      }
    },
  });
  let swap: SwapHandle | undefined;
  sim.at(o.swapTick ?? 12, () => {
    swap = sim.hotswap(c, Counter2, o.veto ? { before: () => 'the teacher said no' } : {});
  });
  return {
    sim,
    swap: () => {
      if (swap === undefined)
        throw new Error('swap fixture: the swap was not requested (run the simulation first)');
      return swap;
    },
  };
}

export interface RecordedRun {
  readonly sim: Simulation;
  readonly result: RunResult;
  readonly model: TimelineModel;
  readonly swap: SwapHandle;
}

/** Build, record (recorder attached before setup) and run the scenario. */
export function recordSwapRun(o: SwapRunOptions = {}): RecordedRun {
  let recorder: TimelineRecorder | undefined;
  const run = buildSwapRun({
    ...o,
    observe: (sim) => {
      recorder = recordTimeline(sim);
      o.observe?.(sim);
    },
  });
  const result = run.sim.run();
  return { sim: run.sim, result, model: recorder!.model(), swap: run.swap() };
}
