/**
 * TracerPlugin: writes a run as Chrome Trace Event JSON, the file Perfetto
 * (ui.perfetto.dev) and chrome://tracing open. It reads only the event
 * stream (through a TimelineRecorder), so tracing never changes a run: the
 * event log hash is the same with or without it.
 *
 * Interface: `new TracerPlugin(path?)` (the CLI passes `tracer=out.json`),
 * `attach(sim)` before `sim.run()`, then `toJSON()` (the trace object),
 * `text()` (its bytes), `write(path?)` (streams the same bytes to the file,
 * never holding the trace's events, and returns its path),
 * `model()` (the TimelineModel the HTML report draws from the same data),
 * `report()` / `lines()` (a summary; when a path was given they also write
 * the file, once, so the CLI needs no extra step).
 *
 * With a path, the trace is streamed: from attach on, each slice is written
 * as it closes (TraceStreamWriter, into `PATH.partial`, renamed to PATH when
 * the run's trace is finished by `write()` or `report()`), so memory stays
 * flat however long the run (docs/BENCHMARKS.md, "Trace memory"). The
 * file holds the same events as `toChromeTrace` of the whole run, slices in
 * the order they closed. `toJSON()` and `text()` then read the file back
 * (after it is finished), and `model()` holds only what the recorder kept
 * (held and torn calls, swaps, what was open). Without a path nothing is
 * streamed: the recorder keeps the whole run, and `write(path)` writes it
 * sorted by track (the bytes of `JSON.stringify(toJSON())`).
 *
 * Layout (see report/chrome-trace.ts): one track per simulated thread with
 * its lifetime and its calls as nested slices named `object.method`, one
 * track per CPU, one per swap; 1 tick = 1 µs. The same seed gives the same
 * bytes.
 *
 * Example:
 *   const tracer = new TracerPlugin('run.json');
 *   tracer.attach(sim);
 *   sim.run();
 *   tracer.write();   // open run.json in https://ui.perfetto.dev
 */
import { copyFileSync, existsSync, readFileSync, renameSync } from 'node:fs';
import type { Simulation } from '../simulation/index.ts';
import {
  TimelineRecorder,
  toChromeTrace,
  fileSink,
  streamChromeTrace,
  TraceStreamWriter,
  type FileSink,
  traceEventCount,
  type ChromeTrace,
  type TimelineModel,
} from '../report/index.ts';
import type { Plugin } from './plugin.ts';

export interface TracerReport {
  readonly file: string | null;
  readonly traceEvents: number;
  readonly threads: number;
  readonly calls: number;
  readonly swaps: number;
  readonly endTick: number;
}

export class TracerPlugin implements Plugin {
  readonly name = 'tracer';
  readonly recorder: TimelineRecorder;
  private written: string | null = null;
  /** With a path: the file being streamed and its writer, until finished. */
  private stream: { out: FileSink | null; partial: string } | null = null;
  private readonly writer: TraceStreamWriter | null = null;
  private streamedEvents = 0;
  /** Whether write() replaced a file that was there (warned: the CLI's default is ./trace.json). */
  private replaced = false;
  /**
   * The last model built, the event count it was built at, and the trace
   * object if toJSON() asked for it (write() and report() never build it).
   */
  private cache: { events: number; model: TimelineModel; trace: ChromeTrace | null } | null = null;

  /** `path`: where `write()` (and `report()`) put the trace; optional. */
  constructor(readonly path?: string) {
    if (path !== undefined && path.trim() === '') {
      throw new Error(
        "tracer: the output path is empty; pass a file name, e.g. '--plugin tracer=trace.json'",
      );
    }
    if (path === undefined) this.recorder = new TimelineRecorder();
    else {
      const stream: { out: FileSink | null; partial: string } = {
        out: null,
        partial: `${path}.partial`,
      };
      this.stream = stream;
      // The file is opened at the first slice that closes (constructing the plugin writes nothing).
      this.writer = new TraceStreamWriter((text) =>
        (stream.out ??= fileSink(stream.partial)).write(text),
      );
      this.recorder = new TimelineRecorder({ retention: this.writer });
    }
  }

  attach(sim: Simulation): void {
    this.recorder.attach(sim);
  }

  /** Whether the trace is streamed to the constructor's path. */
  get streaming(): boolean {
    return this.path !== undefined;
  }

  /** Finish the streamed file: the kept rest, the closing JSON, renamed into place. */
  private finishStream(path: string): void {
    const s = this.stream!;
    this.stream = null;
    try {
      this.streamedEvents = this.writer!.finish(this.recorder.model({ share: true }));
    } finally {
      s.out?.close();
    }
    this.replaced = existsSync(path);
    renameSync(s.partial, path);
    this.written = path;
    this.recorder.detach();
  }

  detach(): void {
    this.recorder.detach();
  }

  model(): TimelineModel {
    return this.built().model;
  }

  /** The trace as one object (write() streams the same bytes without building it). */
  toJSON(): ChromeTrace {
    if (this.streaming) return JSON.parse(this.text()) as ChromeTrace;
    const c = this.built();
    return (c.trace ??= toChromeTrace(c.model));
  }

  /** The model to read at once and drop: the cached one if built, else one sharing the recorder's columns. */
  private view(): TimelineModel {
    const c = this.cache;
    return c !== null && c.events === this.recorder.eventCount
      ? c.model
      : this.recorder.model({ share: true });
  }

  private built(): { model: TimelineModel; trace: ChromeTrace | null } {
    const events = this.recorder.eventCount;
    if (this.cache === null || this.cache.events !== events)
      this.cache = { events, model: this.recorder.model(), trace: null };
    return this.cache;
  }

  /** The trace file's bytes. */
  text(): string {
    if (!this.streaming) return JSON.stringify(this.toJSON());
    if (this.written === null) {
      throw new Error(
        `tracer: the trace is streamed to ${this.path}; read it once written (after write() or report())`,
      );
    }
    return readFileSync(this.written, 'utf8');
  }

  /** Write the trace to `path` (default: the constructor's); returns the path written. */
  write(path: string | undefined = this.path): string {
    if (path === undefined) {
      throw new Error(
        'TracerPlugin.write: no output path; pass one to write(path) or to the plugin (tracer=out.json)',
      );
    }
    if (this.stream !== null) {
      this.finishStream(this.path!);
      if (path === this.path) return path;
    }
    if (this.streaming) {
      copyFileSync(this.written!, path);
      return path;
    }
    this.replaced = existsSync(path);
    const out = fileSink(path);
    try {
      streamChromeTrace(this.view(), out.write);
    } finally {
      out.close();
    }
    this.written = path;
    return path;
  }

  report(): TracerReport {
    if (this.path !== undefined && this.written === null) this.write();
    const m = this.view();
    const w = this.writer;
    return {
      file: this.written,
      traceEvents: w === null ? traceEventCount(m) : this.streamedEvents,
      threads: m.threads.length + (w?.threadsWritten ?? 0),
      calls: m.calls.id.length + (w?.callsWritten ?? 0),
      swaps: m.swaps.length,
      endTick: m.endTick,
    };
  }

  lines(): string[] {
    const r = this.report();
    const where =
      r.file === null
        ? 'not written (give a path: tracer=out.json)'
        : `written to ${r.file}${this.replaced ? ', replacing the file that was there' : ''} (open in ui.perfetto.dev)`;
    return [
      `tracer: ${r.traceEvents} trace events, ${r.calls} calls on ${r.threads} threads, ${r.swaps} swaps, ${r.endTick} ticks; ${where}`,
    ];
  }

  warnings(): string[] {
    if (!this.replaced) return [];
    return [
      `tracer replaced the existing ${this.written}; give another file (--plugin tracer=FILE) to keep both`,
    ];
  }
}
