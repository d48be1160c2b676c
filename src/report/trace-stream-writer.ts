/**
 * TraceStreamWriter: the Chrome trace written while the run goes, so its
 * memory does not grow with the run. It is a TimelineRetention: the
 * recorder hands it each call, CPU run and thread as it closes and each
 * generation point as it happens; it writes the event through `sink` and
 * takes the item (the recorder drops it). `finish(model)` writes what the
 * recorder kept (held and torn calls, what is still open, swaps, quiescence
 * markers, the names of the processes and live tracks) and closes the JSON.
 *
 *   const writer = new TraceStreamWriter(out.write);
 *   const recorder = new TimelineRecorder({ retention: writer }).attach(sim);
 *   sim.run();
 *   writer.finish(recorder.model({ share: true }));
 *
 * Invariants: the same events as `toChromeTrace` of the whole run's model,
 * each once, in a different order: slices in the order they closed (a call
 * before its parent), then the rest by track as in chrome-trace.ts. Trace
 * viewers sort by timestamp (Perfetto and chrome://tracing do), and the
 * nesting on each track is unchanged. The writer only writes: the
 * simulation never waits for it, and it has no promise or timer.
 */
import type { TraceEvent } from './chrome-trace.ts';
import { metadata, otherDataOf } from './chrome-trace.ts';
import {
  callTraceEvent,
  generationTraceEvent,
  metaTraceEvent,
  PID_THREADS,
  runTraceEvent,
  threadTraceEvent,
} from './trace-events.ts';
import type { CallColumns, RunColumns, ThreadInfo, TimelineModel } from './timeline-model.ts';
import type { TimelineRetention } from './timeline-retention.ts';
import { TraceTracks } from './trace-tracks.ts';

export class TraceStreamWriter implements TimelineRetention {
  /** Events written so far. */
  events = 0;
  /** Calls and threads written as they closed. */
  callsWritten = 0;
  threadsWritten = 0;
  private finished = false;

  /** `sink` gets its first text at the first event (or at finish), so a file may be opened lazily. */
  constructor(private readonly sink: (text: string) => void) {}

  private write(ev: TraceEvent): void {
    this.sink(
      this.events === 0 ? `{"traceEvents":[${JSON.stringify(ev)}` : `,${JSON.stringify(ev)}`,
    );
    this.events++;
  }

  callClosed(calls: CallColumns, i: number, label: string): boolean {
    this.write(callTraceEvent(calls, i, label));
    this.callsWritten++;
    return true;
  }

  runClosed(runs: RunColumns, i: number, threadName: string): boolean {
    this.write(runTraceEvent(runs, i, threadName));
    return true;
  }

  generation(tick: number, cpu: number, generation: number): boolean {
    this.write(generationTraceEvent(tick, cpu, generation));
    return true;
  }

  threadEnded(t: ThreadInfo): boolean {
    this.write(metaTraceEvent(PID_THREADS, t.id, 'thread_name', `${t.name} #${t.id}`));
    this.write(threadTraceEvent(t));
    this.threadsWritten++;
    return true;
  }

  /** Write what `model` (the recorder's, at the end) still holds and close the JSON; returns the events written in all. */
  finish(model: TimelineModel, otherData: Readonly<Record<string, unknown>> = {}): number {
    if (this.finished) throw new Error('TraceStreamWriter.finish: the trace is already finished');
    this.finished = true;
    if (this.events === 0) this.sink('{"traceEvents":[');
    for (const ev of metadata(model)) this.write(ev);
    for (const ev of new TraceTracks(model).events()) this.write(ev);
    const other = JSON.stringify(otherDataOf(model, otherData));
    this.sink(`],"displayTimeUnit":"ms","otherData":${other}}`);
    return this.events;
  }
}
