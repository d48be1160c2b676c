/**
 * TimelineModel: one run as pure data, built from the event stream by the
 * TimelineRecorder; the tracer's Chrome Trace file and the HTML report are
 * both drawn from it, so the two views never disagree.
 *
 * Shape: plain JSON (numbers, strings, arrays; no Maps, no closures). Bulk
 * data is columnar: `calls`, `runs`, `held` and `generations` hold one array
 * per field, the i-th element of each describing item i, so 100,000 calls are
 * ten number arrays, not 100,000 objects. Call labels (`object.method`) are
 * interned in `labels`.
 *
 * Lanes (`lanes`, in display order): one per CPU (`cpu-N`: which thread ran
 * when), one per swap (`swap-N`: its phases), one per CPU that ran
 * kernel-context calls (`kernel-N`: the dispatcher calling the scheduler),
 * one per thread (`thread-N`: its calls as nested spans).
 *
 * Invariants: ticks are integers from 0 to `endTick`; every interval has
 * start <= end; on one lane, calls nest perfectly (a call lies inside its
 * parent, siblings do not overlap), and a held interval lies inside its call.
 * Nothing is left open: what was still running at the end is closed at
 * `endTick` and flagged (CALL_OPEN, run end 'running', thread end 'alive').
 * The same event stream gives the same model, byte for byte as JSON.
 */
import type { SwapOutcome, SwapPhase } from '../hotswap/index.ts';

export const TIMELINE_FORMAT = 'kernel-sim-timeline/1';

/** Why a CPU run ended (index stored in `runs.why`). */
export const RUN_ENDS = [
  'preempted',
  'yielded',
  'slept',
  'blocked',
  'exited',
  'failed',
  'running',
] as const;
export type RunEnd = (typeof RUN_ENDS)[number];

/** Bits of `calls.flags`. */
export const CALL_ERROR = 1;
export const CALL_OPEN = 2;
export const CALL_HELD = 4;
/**
 * In flight in the old version of an object when a swap that then completed
 * exported its state: what it did after that is lost (a torn call; naive).
 */
export const CALL_TORN = 8;

export interface CallColumns {
  readonly id: number[];
  /** Thread id, or -1 for a kernel-context call (its lane is `kernel-<cpu>`). */
  readonly thread: number[];
  /** CPU at entry. */
  readonly cpu: number[];
  readonly object: number[];
  /** Index into `labels` of `objectName.method`. */
  readonly label: number[];
  readonly start: number[];
  readonly end: number[];
  /** Object version the call reached (0: it never reached one). */
  readonly version: number[];
  /** Nesting depth on its lane (0 = outermost). */
  readonly depth: number[];
  /** Index (in these columns) of the enclosing call, or -1. */
  readonly parent: number[];
  /** CALL_ERROR | CALL_OPEN | CALL_HELD | CALL_TORN. */
  readonly flags: number[];
}

export interface RunColumns {
  readonly cpu: number[];
  readonly thread: number[];
  readonly start: number[];
  readonly end: number[];
  /** Index into RUN_ENDS. */
  readonly why: number[];
}

export interface HeldColumns {
  /** Index into the call columns. */
  readonly call: number[];
  readonly swap: number[];
  readonly start: number[];
  readonly end: number[];
}

export interface GenerationColumns {
  readonly tick: number[];
  readonly cpu: number[];
  readonly generation: number[];
}

export interface ThreadInfo {
  readonly id: number;
  readonly name: string;
  readonly parent: number | null;
  readonly daemon: boolean;
  readonly spawnTick: number;
  readonly endTick: number;
  readonly end: 'exited' | 'failed' | 'alive';
  readonly error: string | null;
  /** Deepest call nesting on this thread's lane (0 when it made no call). */
  readonly depthMax: number;
}

export interface ObjectVersionInfo {
  readonly version: number;
  readonly class: string;
  /** Tick the version became current (or was first seen). */
  readonly tick: number;
  readonly destroyedTick: number | null;
}

export interface ObjectInfo {
  readonly id: number;
  readonly name: string;
  readonly versions: readonly ObjectVersionInfo[];
}

export interface QuiescenceInfo {
  readonly request: number;
  readonly label: string;
  readonly detector: string;
  readonly cpus: readonly number[];
  readonly requestedTick: number;
  readonly reachedTick: number | null;
  readonly cancelledTick: number | null;
  readonly latencyTicks: number | null;
  readonly lagTicks: number | null;
}

export interface SwapPhaseSpan {
  readonly phase: SwapPhase;
  readonly start: number;
  readonly end: number;
}

export interface SwapInfo {
  readonly swap: number;
  readonly objects: readonly number[];
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly requestedTick: number;
  /** Tick it reached 'done', or null if it had not by the end. */
  readonly doneTick: number | null;
  /** Phases entered, in order (negotiate first); the last one ends at doneTick or endTick. */
  readonly phases: readonly SwapPhaseSpan[];
  readonly outcome: SwapOutcome;
  /** Why it was refused or aborted ('' otherwise). */
  readonly reason: string;
  /** Phase it was aborted in, or null. */
  readonly abortedIn: SwapPhase | null;
  readonly outcomeTick: number | null;
  /** Calls forwarded to the old object (reported when the swap completes; 0 otherwise). */
  readonly forwarded: number;
  readonly held: number;
  readonly maxHoldTicks: number;
  readonly transfers: readonly {
    readonly tick: number;
    readonly object: number;
    readonly format: string | null;
  }[];
  readonly stalls: readonly {
    readonly tick: number;
    readonly phase: SwapPhase;
    readonly blockers: string;
  }[];
  /**
   * Per-CPU mediation only (`swap.cpu-phase`): each CPU's mediator entering
   * forward or block, in event order; empty under global mediation. A CPU
   * with no rep (`noRep`) starts in block.
   */
  readonly cpuPhases: readonly CpuPhaseMark[];
}

/** One CPU's mediator changing phase during a per-CPU-mediated swap. */
export interface CpuPhaseMark {
  readonly tick: number;
  readonly cpu: number;
  readonly phase: 'forward' | 'block';
  readonly noRep: boolean;
}

export interface MediatorMark {
  readonly tick: number;
  readonly object: number;
  readonly mediator: string;
  readonly installed: boolean;
}

export type LaneKind = 'cpu' | 'kernel' | 'thread' | 'swap';

export interface LaneInfo {
  /** `cpu-0`, `kernel-0`, `thread-3`, `swap-1`. */
  readonly key: string;
  readonly kind: LaneKind;
  /** CPU index, thread id or swap id. */
  readonly id: number;
  readonly label: string;
  /** Rows of nested spans the lane needs (1 for cpu and swap lanes). */
  readonly rows: number;
}

export interface TimelineModel {
  readonly format: typeof TIMELINE_FORMAT;
  readonly seed: number | null;
  readonly cpus: number;
  readonly endTick: number;
  readonly events: number;
  readonly labels: readonly string[];
  readonly lanes: readonly LaneInfo[];
  readonly threads: readonly ThreadInfo[];
  readonly objects: readonly ObjectInfo[];
  readonly runs: RunColumns;
  readonly calls: CallColumns;
  readonly held: HeldColumns;
  readonly generations: GenerationColumns;
  readonly quiescence: readonly QuiescenceInfo[];
  readonly swaps: readonly SwapInfo[];
  readonly mediators: readonly MediatorMark[];
  /**
   * Present only when a budget folded closed calls or runs into bins
   * (report-budget.ts): then `calls` and `runs` hold the kept ones and these
   * bins the rest.
   */
  readonly aggregates?: TimelineAggregates;
}

/** One lane's bins: bin b covers ticks [b * binTicks, (b + 1) * binTicks). */
export interface LaneBins {
  /** `thread-N`, `kernel-N` (calls) or `cpu-N` (runs). */
  readonly key: string;
  /** Items folded in, by the bin their start falls in. */
  readonly items: readonly number[];
  /** Ticks the lane was busy with folded items (outermost calls only; runs), spread over the bins. */
  readonly busy: readonly number[];
  /** Folded calls that ended in an error, by start bin. */
  readonly errors: readonly number[];
}

/** What a budget folded away, and the budget itself. */
export interface TimelineAggregates {
  readonly binTicks: number;
  /** Bins per lane (each lane's arrays have this length). */
  readonly bins: number;
  /** The budget: exact calls (or runs) kept per lane, and in all. */
  readonly perLaneMax: number;
  readonly totalMax: number;
  readonly callsAggregated: number;
  readonly runsAggregated: number;
  /** Generation counter points beyond the budget: counted, not drawn. */
  readonly generationsDropped: number;
  readonly lanes: readonly LaneBins[];
}

/** The lane key a call is drawn on. */
export function callLaneKey(model: TimelineModel, i: number): string {
  const t = model.calls.thread[i];
  return t >= 0 ? `thread-${t}` : `kernel-${model.calls.cpu[i]}`;
}

/** Number of calls in the model. */
export function callCount(model: TimelineModel): number {
  return model.calls.id.length;
}
