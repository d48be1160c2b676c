/**
 * ArgumentChecker and ArgumentCheckerPlugin: a predicate per method, checked
 * on every call before it is forwarded.
 *
 * A rule is `(args, call) => true | false | string`: true passes, false or a
 * string is a violation (the string is its message). Rules are keyed by
 * method name; the key '*' applies to every method (checked first).
 *
 * On a violation, mode 'reject' (default) throws an ArgumentCheckError, which
 * names the object, method, arguments, call id and the rule's message; the
 * call is not forwarded and the caller's thread sees the error (wrapped by the
 * mediator chain in a MediatorError naming this mediator, with the
 * ArgumentCheckError as its `cause`). Mode 'log' records the violation and
 * forwards the call anyway. Either way the violation is recorded and passed to
 * the optional `sink`.
 *
 * ArgumentCheckerPlugin (registry name `checker`) puts one ArgumentChecker in
 * front of each object its `objects` filter matches. From the command line it
 * has no code to run, so `--plugin checker[=FILTER]` uses the built-in rule
 * FINITE_NUMBERS in log mode: it reports calls passing NaN or an infinity.
 * Report: `{ checked, violations: [{call, tick, object, method, args,
 * message, rejected}] }`.
 */
import type { Clock, Op } from '../kernel/index.ts';
import type { Call, Forward, ForwardOp, Mediator, TableEntry } from '../translation-table/index.ts';
import type { Simulation } from '../simulation/index.ts';
import { formatArgs } from './format-value.ts';
import type { MethodFilter, ObjectFilter } from './object-filter.ts';
import { InterposingPlugin } from './interposing-plugin.ts';

export type ArgumentPredicate = (args: readonly unknown[], call: Call) => boolean | string;
export type ArgumentRules = Readonly<Record<string, ArgumentPredicate>>;
export type CheckMode = 'reject' | 'log';

export interface ArgumentViolation {
  readonly call: number;
  readonly tick: number;
  readonly object: string;
  readonly method: string;
  readonly args: string;
  readonly message: string;
  readonly rejected: boolean;
}

export class ArgumentCheckError extends Error {
  override readonly name = 'ArgumentCheckError';
  constructor(readonly violation: ArgumentViolation) {
    super(describeViolation(violation));
  }
}

export function describeViolation(v: ArgumentViolation): string {
  return `${v.object}.${v.method}(${v.args}) (call ${v.call}) failed its argument check: ${v.message}`;
}

/** The rule the CLI's `checker` uses: no argument is NaN or an infinity. */
export const FINITE_NUMBERS: ArgumentRules = {
  '*': (args) => {
    const i = args.findIndex((a) => typeof a === 'number' && !Number.isFinite(a));
    return i < 0 ? true : `argument ${i} is ${String(args[i])}, not a finite number`;
  },
};

export class ArgumentChecker implements Mediator {
  private readonly byMethod = new Map<string, ArgumentPredicate>();
  private readonly any: ArgumentPredicate | undefined;
  /** Calls checked so far (calls to methods with no rule are not counted). */
  checked = 0;

  constructor(
    rules: ArgumentRules,
    private readonly clock: Clock,
    private readonly onViolation: (v: ArgumentViolation) => void = () => {},
    readonly mode: CheckMode = 'reject',
    readonly methods: MethodFilter | null = null,
    readonly name = 'checker',
  ) {
    this.any = rules['*'];
    for (const [m, p] of Object.entries(rules)) if (m !== '*') this.byMethod.set(m, p);
  }

  call(call: Call, forward: Forward): unknown {
    this.check(call);
    return forward(call);
  }

  *callOp(call: Call, forward: ForwardOp): Op<unknown> {
    this.check(call);
    return yield* forward(call);
  }

  /** Checks one call: records a violation, and throws in 'reject' mode. */
  check(call: Call): void {
    if (this.methods !== null && !this.methods.matches(call.method)) return;
    const p = this.byMethod.get(call.method);
    if (this.any === undefined && p === undefined) return;
    this.checked++;
    if (this.any !== undefined) this.apply(this.any, call);
    if (p !== undefined) this.apply(p, call);
  }

  private apply(p: ArgumentPredicate, call: Call): void {
    const verdict = p(call.args, call);
    if (verdict === true) return;
    const message =
      verdict === false ? `rule ${p.name || `for ${call.method}`} returned false` : String(verdict);
    const v: ArgumentViolation = {
      call: call.id,
      tick: this.clock.now,
      object: call.objectName,
      method: call.method,
      args: formatArgs(call.args),
      message,
      rejected: this.mode === 'reject',
    };
    this.onViolation(v);
    if (v.rejected) throw new ArgumentCheckError(v);
  }
}

export interface ArgumentCheckerOptions {
  readonly rules: ArgumentRules;
  readonly mode?: CheckMode;
  readonly objects?: ObjectFilter | string;
  readonly sink?: (line: string) => void;
}

export interface ArgumentCheckerReport {
  readonly checked: number;
  readonly violations: readonly ArgumentViolation[];
}

export class ArgumentCheckerPlugin extends InterposingPlugin {
  readonly name = 'checker';
  readonly violations: ArgumentViolation[] = [];
  private readonly record = (v: ArgumentViolation): void => {
    this.violations.push(v);
    this.options.sink?.(describeViolation(v));
  };

  constructor(private readonly options: ArgumentCheckerOptions) {
    super(options.objects);
    checkRules(options.rules);
  }

  protected mediatorFor(
    _entry: TableEntry,
    methods: MethodFilter | null,
    sim: Simulation,
  ): ArgumentChecker {
    return new ArgumentChecker(
      this.options.rules,
      sim.kernel,
      this.record,
      this.options.mode ?? 'reject',
      methods,
      this.name,
    );
  }

  report(): ArgumentCheckerReport {
    let checked = 0;
    for (const m of this.mediators.values()) checked += (m as ArgumentChecker).checked;
    return { checked, violations: [...this.violations] };
  }

  lines(): string[] {
    const mode = this.options.mode ?? 'reject';
    const head = `checker (${mode}): ${this.report().checked} calls checked, ${this.violations.length} violations`;
    return [head, ...this.violations.map((v) => `  tick ${v.tick}: ${describeViolation(v)}`)];
  }
}

function checkRules(rules: ArgumentRules): void {
  if (typeof rules !== 'object' || rules === null)
    throw new TypeError(
      'ArgumentCheckerPlugin: options.rules must be an object { method: (args, call) => true | false | "message" }',
    );
  for (const [m, p] of Object.entries(rules)) {
    if (typeof p !== 'function')
      throw new TypeError(
        `ArgumentCheckerPlugin: the rule for '${m}' is ${typeof p}, not a function (args, call) => true | false | "message"`,
      );
  }
}
