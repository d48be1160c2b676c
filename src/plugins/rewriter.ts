/**
 * Rewriter and RewriterPlugin: rewrite a call's arguments on the way in and
 * its result on the way out, per method.
 *
 * A rewrite is `{ args?(args, call) => newArgs, result?(result, call) =>
 * newResult }`, keyed by method name. `args` runs before the call is
 * forwarded and must return an array (it replaces `call.args`, so inner
 * mediators and the implementation see the new arguments); `result` runs on
 * the value the call returned (a call that throws is left alone). Methods
 * without a rewrite pass through untouched. Works the same for plain and
 * generator methods.
 *
 * RewriterPlugin (not in the CLI registry: rewrites are code) puts one
 * Rewriter in front of each object its `objects` filter matches.
 * Report: `{ rewritten: { 'object.method': {args, results} } }`, how many
 * times each rewrite ran.
 */
import type { Op } from '../kernel/index.ts';
import type { Call, Forward, ForwardOp, Mediator, TableEntry } from '../translation-table/index.ts';
import type { MethodFilter, ObjectFilter } from './object-filter.ts';
import { InterposingPlugin } from './interposing-plugin.ts';

export interface MethodRewrite {
  readonly args?: (args: unknown[], call: Call) => unknown[];
  readonly result?: (result: unknown, call: Call) => unknown;
}

export type Rewrites = Readonly<Record<string, MethodRewrite>>;

export interface RewriteCount {
  args: number;
  results: number;
}

export class Rewriter implements Mediator {
  private readonly rewrites: Map<string, MethodRewrite>;
  readonly counts = new Map<string, RewriteCount>();

  constructor(
    rewrites: Rewrites,
    readonly methods: MethodFilter | null = null,
    readonly name = 'rewriter',
  ) {
    this.rewrites = new Map(Object.entries(rewrites));
  }

  call(call: Call, forward: Forward): unknown {
    const r = this.rewriteOf(call);
    if (r === undefined) return forward(call);
    this.rewriteArgs(r, call);
    return this.rewriteResult(r, call, forward(call));
  }

  *callOp(call: Call, forward: ForwardOp): Op<unknown> {
    const r = this.rewriteOf(call);
    if (r === undefined) return yield* forward(call);
    this.rewriteArgs(r, call);
    return this.rewriteResult(r, call, yield* forward(call));
  }

  private rewriteOf(call: Call): MethodRewrite | undefined {
    if (this.methods !== null && !this.methods.matches(call.method)) return undefined;
    return this.rewrites.get(call.method);
  }

  private countOf(method: string): RewriteCount {
    let c = this.counts.get(method);
    if (c === undefined) this.counts.set(method, (c = { args: 0, results: 0 }));
    return c;
  }

  private rewriteArgs(r: MethodRewrite, call: Call): void {
    if (r.args === undefined) return;
    const args = r.args(call.args, call);
    if (!Array.isArray(args)) {
      throw new TypeError(
        `the args rewrite for ${call.objectName}.${call.method} returned ${typeof args}; it must return the new argument array`,
      );
    }
    call.args = args;
    this.countOf(call.method).args++;
  }

  private rewriteResult(r: MethodRewrite, call: Call, result: unknown): unknown {
    if (r.result === undefined) return result;
    this.countOf(call.method).results++;
    return r.result(result, call);
  }
}

export interface RewriterOptions {
  readonly rewrites: Rewrites;
  readonly objects?: ObjectFilter | string;
}

export interface RewriterReport {
  readonly rewritten: Record<string, RewriteCount>;
}

export class RewriterPlugin extends InterposingPlugin {
  readonly name = 'rewriter';

  constructor(private readonly options: RewriterOptions) {
    super(options.objects);
    for (const [m, r] of Object.entries(options.rewrites)) {
      const bad = (['args', 'result'] as const).find(
        (k) => r[k] !== undefined && typeof r[k] !== 'function',
      );
      if (bad)
        throw new TypeError(`RewriterPlugin: the '${bad}' rewrite for '${m}' must be a function`);
    }
  }

  protected mediatorFor(_entry: TableEntry, methods: MethodFilter | null): Rewriter {
    return new Rewriter(this.options.rewrites, methods, this.name);
  }

  report(): RewriterReport {
    const rewritten: Record<string, RewriteCount> = {};
    for (const [e, m] of this.mediators) {
      const counts = (m as Rewriter).counts;
      for (const k of [...counts.keys()].sort())
        rewritten[`${e.name}.${k}`] = { ...counts.get(k)! };
    }
    return { rewritten };
  }

  lines(): string[] {
    const rows = Object.entries(this.report().rewritten);
    return [
      `rewriter: ${rows.length} methods rewritten`,
      ...rows.map(([k, c]) => `  ${k}: args ${c.args}, results ${c.results}`),
    ];
  }
}
