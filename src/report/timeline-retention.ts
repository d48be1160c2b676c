/**
 * TimelineRetention: what a TimelineRecorder does with an item once it is
 * closed. Without one the recorder keeps everything (the model is the whole
 * run); with one, each closed call, CPU run, generation point and ended
 * thread is offered to it, and an item it takes (returns true) is dropped
 * from the recorder, its slot reused. So memory is bounded by what is open
 * plus what the retention chooses to keep, not by the length of the run.
 *
 * Implementations: TraceStreamWriter (trace-stream-writer.ts) writes every
 * closed item to the trace file and takes it; ReportBudget (report-budget.ts)
 * keeps the first calls of each lane exact and folds the rest into bins.
 *
 * Invariants: the recorder never offers what must stay exact: a call that
 * was held by a swap, or that a swap in flight may still mark torn (it was
 * in flight in an old version when the swap exported state). Every item is
 * offered once, after its last change; offering never changes the run.
 */
import type { CallColumns, RunColumns, ThreadInfo } from './timeline-model.ts';

export interface TimelineRetention {
  /** Call i closed (its end, version and flags are final); `label` is its `object.method`. */
  callClosed(calls: CallColumns, i: number, label: string): boolean;
  /** CPU run i ended; `threadName` names the thread that ran. */
  runClosed(runs: RunColumns, i: number, threadName: string): boolean;
  /** A generation counter advanced on `cpu`. */
  generation(tick: number, cpu: number, generation: number): boolean;
  /** A thread ended (its calls and run are already closed and offered). */
  threadEnded(thread: ThreadInfo): boolean;
}
