/**
 * CallLogger and CallLoggerPlugin: one line per call, filterable by object
 * and method.
 *
 * CallLogger is the mediator for one object: it formats the arguments when a
 * call arrives and writes one line when it leaves:
 *
 *   tick 12..15 cpu 0 thread 3 (w1) call 17: cache.get("a") -> 1
 *   tick 20..20 cpu 1 thread 4 (w2) call 18: cache.put("b", 2) threw Error: full
 *
 * (entry tick, exit tick, the CPU and thread at entry, the call id, then the
 * call with its arguments and its result or error, via formatValue). The text
 * depends only on the run, so the same seed gives the same lines.
 *
 * CallLoggerPlugin (registry name `logger`, arg: an ObjectFilter such as
 * `cache` or `cache.get,Counter*.inc`) puts one CallLogger in front of each
 * matching object. Options: `sink(line)` receives each line as it is written;
 * `keep` (default true) keeps lines in memory, the first `keepMax` (default
 * 10000) of them, counting the rest as dropped. Report: `{ calls, dropped,
 * lines }`; `lines()` is a header and the kept lines.
 */
import type { Clock, Op } from '../kernel/index.ts';
import type { Call, Forward, ForwardOp, Mediator, TableEntry } from '../translation-table/index.ts';
import type { Simulation } from '../simulation/index.ts';
import { formatArgs, formatValue, type FormatOptions } from './format-value.ts';
import type { MethodFilter, ObjectFilter } from './object-filter.ts';
import { InterposingPlugin } from './interposing-plugin.ts';

export type LineSink = (line: string) => void;

export class CallLogger implements Mediator {
  /** It only observes: installing it leaves the event hash as it was. */
  readonly observeOnly = true;
  constructor(
    private readonly clock: Clock,
    private readonly write: LineSink,
    readonly methods: MethodFilter | null = null,
    private readonly format: FormatOptions = {},
    readonly name = 'logger',
  ) {}

  call(call: Call, forward: Forward): unknown {
    if (this.methods !== null && !this.methods.matches(call.method)) return forward(call);
    const args = formatArgs(call.args, this.format);
    let result: unknown;
    try {
      result = forward(call);
    } catch (err) {
      this.write(this.line(call, args, `threw ${formatValue(err, this.format)}`));
      throw err;
    }
    this.write(this.line(call, args, `-> ${formatValue(result, this.format)}`));
    return result;
  }

  *callOp(call: Call, forward: ForwardOp): Op<unknown> {
    if (this.methods !== null && !this.methods.matches(call.method)) return yield* forward(call);
    const args = formatArgs(call.args, this.format);
    let result: unknown;
    try {
      result = yield* forward(call);
    } catch (err) {
      this.write(this.line(call, args, `threw ${formatValue(err, this.format)}`));
      throw err;
    }
    this.write(this.line(call, args, `-> ${formatValue(result, this.format)}`));
    return result;
  }

  private line(call: Call, args: string, outcome: string): string {
    const who = `cpu ${call.cpu} thread ${call.thread} (${call.threadName})`;
    return `tick ${call.tickEntered}..${this.clock.now} ${who} call ${call.id}: ${call.objectName}.${call.method}(${args}) ${outcome}`;
  }
}

export interface CallLoggerOptions {
  readonly objects?: ObjectFilter | string;
  readonly sink?: LineSink;
  readonly keep?: boolean;
  readonly keepMax?: number;
  readonly format?: FormatOptions;
}

export interface CallLoggerReport {
  readonly calls: number;
  readonly dropped: number;
  readonly lines: readonly string[];
}

export class CallLoggerPlugin extends InterposingPlugin {
  readonly name = 'logger';
  /** The kept lines, in the order calls exited. */
  readonly kept: string[] = [];
  calls = 0;
  private readonly options: CallLoggerOptions;
  private readonly keepMax: number;
  private readonly write: LineSink = (line) => this.take(line);

  constructor(options: CallLoggerOptions | string = {}) {
    const o = typeof options === 'string' ? { objects: options } : options;
    super(o.objects);
    this.options = o;
    this.keepMax = o.keep === false ? 0 : (o.keepMax ?? 10_000);
  }

  protected mediatorFor(
    _entry: TableEntry,
    methods: MethodFilter | null,
    sim: Simulation,
  ): CallLogger {
    return new CallLogger(sim.kernel, this.write, methods, this.options.format, this.name);
  }

  get dropped(): number {
    return this.options.keep === false ? 0 : this.calls - this.kept.length;
  }

  report(): CallLoggerReport {
    return { calls: this.calls, dropped: this.dropped, lines: [...this.kept] };
  }

  lines(): string[] {
    const more = this.dropped > 0 ? ` (${this.dropped} not kept: keepMax is ${this.keepMax})` : '';
    return [`logger: ${this.calls} calls${more}`, ...this.kept.map((l) => `  ${l}`)];
  }

  private take(line: string): void {
    this.calls++;
    if (this.kept.length < this.keepMax) this.kept.push(line);
    this.options.sink?.(line);
  }
}
