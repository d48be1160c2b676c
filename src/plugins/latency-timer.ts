/**
 * LatencyTimer and LatencyTimerPlugin: a histogram of call durations in
 * ticks, per object and method.
 *
 * LatencyTimer is the mediator for one object: at a call's exit (returned or
 * thrown) it records `clock.now - call.tickEntered` in that method's
 * LatencyHistogram. A plain call is atomic, so it always takes 0 ticks; a
 * generator call's duration includes time spent preempted, blocked or held
 * by a swap. `histograms` maps a method name to its histogram.
 *
 * LatencyTimerPlugin (registry name `latency`, arg: an ObjectFilter) puts one
 * LatencyTimer in front of each matching object. Report: `{ methods: {
 * 'object.method': {count, min, p50, p90, p99, max, mean, buckets} } }`.
 */
import type { Clock, Op } from '../kernel/index.ts';
import type { Call, Forward, ForwardOp, Mediator, TableEntry } from '../translation-table/index.ts';
import type { Simulation } from '../simulation/index.ts';
import type { MethodFilter, ObjectFilter } from './object-filter.ts';
import { InterposingPlugin } from './interposing-plugin.ts';
import { LatencyHistogram, type LatencySummary } from './latency-histogram.ts';

export class LatencyTimer implements Mediator {
  /** It only observes: installing it leaves the event hash as it was. */
  readonly observeOnly = true;
  readonly histograms = new Map<string, LatencyHistogram>();

  constructor(
    private readonly clock: Clock,
    readonly methods: MethodFilter | null = null,
    readonly name = 'latency',
  ) {}

  call(call: Call, forward: Forward): unknown {
    let result: unknown;
    try {
      result = forward(call);
    } catch (err) {
      this.record(call);
      throw err;
    }
    this.record(call);
    return result;
  }

  *callOp(call: Call, forward: ForwardOp): Op<unknown> {
    let result: unknown;
    try {
      result = yield* forward(call);
    } catch (err) {
      this.record(call);
      throw err;
    }
    this.record(call);
    return result;
  }

  private record(call: Call): void {
    const method = call.method;
    if (this.methods !== null && !this.methods.matches(method)) return;
    let h = this.histograms.get(method);
    if (h === undefined) this.histograms.set(method, (h = new LatencyHistogram()));
    h.record(this.clock.now - call.tickEntered);
  }
}

export interface LatencyReport {
  readonly methods: Record<string, LatencySummary>;
}

export class LatencyTimerPlugin extends InterposingPlugin {
  readonly name = 'latency';

  constructor(filter?: ObjectFilter | string) {
    super(filter);
  }

  protected mediatorFor(
    _entry: TableEntry,
    methods: MethodFilter | null,
    sim: Simulation,
  ): LatencyTimer {
    return new LatencyTimer(sim.kernel, methods, this.name);
  }

  /** The histogram of `object.method`, if any call was timed. */
  histogram(object: string, method: string): LatencyHistogram | undefined {
    for (const [e, m] of this.mediators)
      if (e.name === object) return (m as LatencyTimer).histograms.get(method);
    return undefined;
  }

  report(): LatencyReport {
    const methods: Record<string, LatencySummary> = {};
    for (const [e, m] of this.mediators) {
      const hs = (m as LatencyTimer).histograms;
      for (const name of [...hs.keys()].sort())
        methods[`${e.name}.${name}`] = hs.get(name)!.summary();
    }
    return { methods };
  }

  lines(): string[] {
    const rows = Object.entries(this.report().methods);
    const width = Math.max(6, ...rows.map(([k]) => k.length));
    const cols = ['count', 'p50', 'p90', 'p99', 'max'] as const;
    const out = [
      `latency (ticks): ${rows.length} methods`,
      `  ${'method'.padEnd(width)}  ${cols.map((c) => c.padStart(7)).join('')}`,
    ];
    for (const [k, s] of rows)
      out.push(`  ${k.padEnd(width)}  ${cols.map((c) => String(s[c]).padStart(7)).join('')}`);
    return out;
  }
}
