/**
 * Replicator and ReplicatorPlugin: forward each call to the primary object
 * and then to N replica objects of the same interface, and check that every
 * replica's outcome agrees with the primary's (N-version execution).
 *
 * Replicator is the mediator in front of the primary. A call is forwarded to
 * the primary first; then each replica gets the same method with a copy of the
 * arguments as they arrived, in order, through its own ref (so through its own
 * mediators): a plain call directly, a generator call with `yield*`, one
 * replica after the other. Outcomes agree when both returned equal values
 * (`equals`, default sameResult) or both threw errors with the same name and
 * message. The caller always gets the primary's outcome; a replica's error
 * never reaches it.
 *
 * A disagreement is a Divergence `{call, tick, object, method, args, replica,
 * primary, value}` (outcomes formatted as `-> value` or `threw Error: msg`),
 * recorded and passed to `onDivergence`. ReplicatorPlugin can also fail the
 * run on the first one (`failRun`, outcome 'correctness').
 *
 * ReplicatorPlugin (not in the CLI registry: replicas are objects) checks at
 * attach time that primary and replicas are distinct refs of the simulation
 * whose classes have the same methods of the same kinds, and installs one
 * Replicator in front of the primary. `methods` limits which are replicated.
 */
import type { Clock, Op } from '../kernel/index.ts';
import {
  methodKinds,
  type Call,
  type Forward,
  type ForwardOp,
  type Mediator,
} from '../translation-table/index.ts';
import type { MediatorHandle } from '../interposition/index.ts';
import type { Simulation } from '../simulation/index.ts';
import { formatArgs, formatValue } from './format-value.ts';
import { MethodFilter } from './object-filter.ts';
import type { Plugin } from './plugin.ts';
import { sameResult } from './same-result.ts';

export interface Divergence {
  readonly call: number;
  readonly tick: number;
  readonly object: string;
  readonly method: string;
  readonly args: string;
  readonly replica: string;
  readonly primary: string;
  readonly value: string;
}

export type ResultsEqual = (primary: unknown, replica: unknown) => boolean;

type Replica = Record<string, (...args: unknown[]) => any> & { readonly $name: string };

export class Replicator implements Mediator {
  readonly divergences: Divergence[] = [];
  /** Calls replicated so far. */
  replicated = 0;
  private readonly replicas: readonly Replica[];

  constructor(
    replicas: readonly object[],
    private readonly clock: Clock,
    private readonly onDivergence: (d: Divergence) => void = () => {},
    private readonly equals: ResultsEqual = sameResult,
    readonly methods: MethodFilter | null = null,
    readonly name = 'replicator',
  ) {
    this.replicas = replicas as readonly Replica[];
  }

  call(call: Call, forward: Forward): unknown {
    if (this.methods !== null && !this.methods.matches(call.method)) return forward(call);
    const args = call.args.slice();
    let threw = false;
    let outcome: unknown;
    try {
      outcome = forward(call);
    } catch (err) {
      threw = true;
      outcome = err;
    }
    this.replicated++;
    for (const r of this.replicas) {
      let rThrew = false;
      let rOutcome: unknown;
      try {
        rOutcome = r[call.method](...args);
      } catch (err) {
        rThrew = true;
        rOutcome = err;
      }
      this.compare(call, args, r, threw, outcome, rThrew, rOutcome);
    }
    if (threw) throw outcome;
    return outcome;
  }

  *callOp(call: Call, forward: ForwardOp): Op<unknown> {
    if (this.methods !== null && !this.methods.matches(call.method)) return yield* forward(call);
    const args = call.args.slice();
    let threw = false;
    let outcome: unknown;
    try {
      outcome = yield* forward(call);
    } catch (err) {
      threw = true;
      outcome = err;
    }
    this.replicated++;
    for (const r of this.replicas) {
      let rThrew = false;
      let rOutcome: unknown;
      try {
        rOutcome = yield* r[call.method](...args);
      } catch (err) {
        rThrew = true;
        rOutcome = err;
      }
      this.compare(call, args, r, threw, outcome, rThrew, rOutcome);
    }
    if (threw) throw outcome;
    return outcome;
  }

  private compare(
    call: Call,
    args: unknown[],
    r: Replica,
    threw: boolean,
    outcome: unknown,
    rThrew: boolean,
    rOutcome: unknown,
  ): void {
    const agree =
      threw === rThrew && (threw ? sameResult(outcome, rOutcome) : this.equals(outcome, rOutcome));
    if (agree) return;
    const d: Divergence = {
      call: call.id,
      tick: this.clock.now,
      object: call.objectName,
      method: call.method,
      args: formatArgs(args),
      replica: r.$name,
      primary: describeOutcome(threw, outcome),
      value: describeOutcome(rThrew, rOutcome),
    };
    this.divergences.push(d);
    this.onDivergence(d);
  }
}

function describeOutcome(threw: boolean, v: unknown): string {
  return threw ? `threw ${formatValue(v)}` : `-> ${formatValue(v)}`;
}

export function describeDivergence(d: Divergence): string {
  return `call ${d.call} ${d.object}.${d.method}(${d.args}): primary ${d.primary}, replica ${d.replica} ${d.value}`;
}

export interface ReplicatorOptions {
  readonly primary: object;
  readonly replicas: readonly object[];
  /** Only these methods (names or `*` patterns) are replicated; default all. */
  readonly methods?: readonly string[];
  readonly equals?: ResultsEqual;
  /** End the run as a correctness failure at the first divergence. */
  readonly failRun?: boolean;
  readonly sink?: (line: string) => void;
}

export interface ReplicatorReport {
  readonly primary: string;
  readonly replicas: readonly string[];
  readonly replicated: number;
  readonly divergences: readonly Divergence[];
}

export class ReplicatorPlugin implements Plugin {
  readonly name = 'replicator';
  private mediator: Replicator | null = null;
  private handle: MediatorHandle | null = null;

  constructor(private readonly options: ReplicatorOptions) {}

  attach(sim: Simulation): void {
    if (this.handle?.installed) return;
    this.mediator ??= this.build(sim);
    this.handle = sim.interpose(this.options.primary, this.mediator);
  }

  detach(): void {
    this.handle?.remove();
  }

  get divergences(): readonly Divergence[] {
    return this.mediator?.divergences ?? [];
  }

  report(): ReplicatorReport {
    const o = this.options;
    return {
      primary: nameOf(o.primary),
      replicas: o.replicas.map(nameOf),
      replicated: this.mediator?.replicated ?? 0,
      divergences: [...this.divergences],
    };
  }

  lines(): string[] {
    const r = this.report();
    const head = `replicator: ${r.primary} x ${r.replicas.length} replicas (${r.replicas.join(', ')}): ${r.replicated} calls, ${r.divergences.length} divergences`;
    return [head, ...r.divergences.map((d) => `  tick ${d.tick}: ${describeDivergence(d)}`)];
  }

  private build(sim: Simulation): Replicator {
    const o = this.options;
    checkReplicas(sim, o.primary, o.replicas);
    const onDivergence = (d: Divergence): void => {
      const line = describeDivergence(d);
      o.sink?.(line);
      if (o.failRun) sim.fail('correctness', `replicator: ${line}`);
    };
    const methods = o.methods ? MethodFilter.of(o.methods) : null;
    return new Replicator(
      o.replicas,
      sim.kernel,
      onDivergence,
      o.equals ?? sameResult,
      methods,
      this.name,
    );
  }
}

function nameOf(ref: object): string {
  return (ref as { $name?: string }).$name ?? String(ref);
}

function checkReplicas(sim: Simulation, primary: object, replicas: readonly object[]): void {
  const where = 'ReplicatorPlugin';
  const p = sim.table.entryOf(primary, `${where} (primary)`);
  if (!Array.isArray(replicas) || replicas.length === 0)
    throw new TypeError(`${where}: give at least one replica ref in options.replicas`);
  const kinds = methodKinds(p.cls);
  for (const ref of replicas) {
    const e = sim.table.entryOf(ref, `${where} (replica)`);
    if (e === p)
      throw new Error(
        `${where}: ${p.describe()} is both the primary and a replica; replicas must be other objects`,
      );
    const theirs = methodKinds(e.cls);
    for (const [m, kind] of kinds) {
      if (theirs.get(m) !== kind) {
        const has = theirs.get(m);
        throw new TypeError(
          `${where}: replica ${e.describe()} ${has ? `has '${m}' as a ${has} method, the primary as ${kind}` : `lacks method '${m}' of the primary ${p.describe()}`}; replicas need the primary's interface`,
        );
      }
    }
  }
}
