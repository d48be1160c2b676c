/**
 * runQuiescenceRun: one run of the quiescence-latency experiment, a pure
 * function of its QuiescenceRunSpec (plus the wall time it took, which is
 * reported apart). This is the task the worker pool runs.
 *
 * The run: createSimulation({seed, cpus, detector, pollTicks, hashEvents:
 * false}); one arrival stream per CPU (`sim.workload` named 'stream-i'),
 * each of `threadsPerCpu` threads at exponential gaps of mean
 * `gapPerCpuTicks`, so the load per CPU is the same at any CPU count (and
 * the whole-tick rounding of each gap stays negligible: a single stream at a
 * machine-wide gap below a tick would arrive too fast); `requests`
 * machine-wide quiescence requests at ticks drawn uniformly from the window
 * in which every stream still arrives, [0, earliest last arrival], on the
 * 'experiment:requests' stream, each issued
 * from a `sim.at` action, waited for as `wait` says ('token-ring' by
 * default; 'per-cpu' is how a hot swap waits). Per reached request it records the latency
 * (tick reached - tick requested) and the lag behind the oracle
 * (QuiescenceRequest.lagTicks), in request order.
 *
 * The workload and the request ticks depend on the seed and the workload
 * parameters only, not on the detector: every detector of a point faces the
 * same threads and the same requests, so their figures compare directly.
 */
import { createSimulation, type RunOutcome } from '../simulation/index.ts';
import type { Lifetime } from '../kernel/index.ts';
import type { DetectorName, MarkerMode, QuiescenceRequest } from '../quiescence/index.ts';

export interface QuiescenceRunSpec {
  readonly point: number;
  readonly seed: number;
  readonly cpus: number;
  readonly detector: DetectorName;
  readonly pollTicks: number | null;
  /** How the k42 detector waits for each request (null: the other detectors; the token ring). */
  readonly wait?: MarkerMode | null;
  /** Mean ticks between arrivals of each CPU's stream. */
  readonly gapPerCpuTicks: number;
  readonly lifetime: Lifetime;
  readonly threadsPerCpu: number;
  readonly requests: number;
  readonly sleepFraction: number;
  readonly quantumTicks: number;
  readonly ticksMax: number;
}

export interface QuiescenceRunRecord {
  readonly point: number;
  readonly seed: number;
  readonly outcome: RunOutcome;
  readonly reason: string | null;
  /** Simulated ticks the run took. */
  readonly ticks: number;
  readonly threadsCompleted: number;
  /** Requests planned (a run cut short by ticksMax may not issue them all). */
  readonly requests: number;
  readonly reached: number;
  /** Per reached request, in request order. */
  readonly latenciesTicks: readonly number[];
  readonly lagsTicks: readonly number[];
}

export interface QuiescenceRunOutput {
  readonly record: QuiescenceRunRecord;
  /** Wall-clock milliseconds of this run: not deterministic, kept apart from the record. */
  readonly wallMs: number;
}

export const REQUEST_STREAM = 'experiment:requests';

export function runQuiescenceRun(spec: QuiescenceRunSpec): QuiescenceRunOutput {
  const started = performance.now();
  const record = simulate(spec);
  return { record, wallMs: performance.now() - started };
}

function simulate(spec: QuiescenceRunSpec): QuiescenceRunRecord {
  const sim = createSimulation({
    seed: spec.seed,
    cpus: spec.cpus,
    detector: spec.detector,
    pollTicks: spec.pollTicks ?? undefined,
    quantumTicks: spec.quantumTicks,
    ticksMax: spec.ticksMax,
    hashEvents: false,
  });
  const streams = Array.from({ length: spec.cpus }, (_, i) =>
    sim.workload({
      name: `stream-${i}`,
      threads: spec.threadsPerCpu,
      meanGapTicks: spec.gapPerCpuTicks,
      lifetime: spec.lifetime,
      sleepFraction: spec.sleepFraction,
    }),
  );
  const windowTicks = Math.min(...streams.map((s) => s.lastArrivalTick));
  const rng = sim.random(REQUEST_STREAM);
  const ticks = Array.from({ length: spec.requests }, () => rng.int(0, windowTicks)).sort(
    (a, b) => a - b,
  );
  const made: QuiescenceRequest[] = [];
  const markers = spec.wait ?? 'token-ring';
  for (const tick of ticks) {
    sim.at(
      tick,
      () => void made.push(sim.quiescence.request(() => {}, { label: 'experiment', markers })),
      'experiment request',
    );
  }
  const result = sim.run();
  const reached = made.filter((r) => r.state === 'reached');
  return {
    point: spec.point,
    seed: spec.seed,
    outcome: result.outcome,
    reason: result.reason ?? null,
    ticks: result.ticks,
    threadsCompleted: result.threads.exited,
    requests: spec.requests,
    reached: reached.length,
    latenciesTicks: reached.map((r) => r.latencyTicks),
    lagsTicks: reached.map((r) => r.lagTicks),
  };
}
