/**
 * runStrategyRun: one run of the strategies experiment: a scenario, under
 * one swap strategy, at one seed, with every checker on; what the swaps cost
 * and whether the checkers caught anything.
 *
 * Interface: `runStrategyRun({ scenario, name, strategy, seed })` ->
 * StrategyRunRecord. Figures, all in simulated ticks:
 *   updateTicks      request -> completed, summed over the completed swaps
 *   heldCalls        calls held by a swap (the callers it paused)
 *   heldTicksMean    mean ticks a held call waited; heldTicksMax the longest
 *   pauseTicks       ticks summed over every held call (total caller pause)
 *   dip              1 - (calls finished per tick from the first request to
 *                    the last settled swap) / (per tick over the whole run):
 *                    0 no change, 1 nothing finished, negative a rise
 *   refusedPoints    update points refused (update-points only)
 *   rolledBack       transactions rolled back (rollback only), and
 *   rolledBackTicks  the ticks of work they lost (transaction.rolled-back)
 *   steadyOverhead   per method (object and method), mean ticks per call
 *                    (entry to exit) of the calls that entered after the
 *                    last swap settled, over the mean of the calls that
 *                    finished before the first request, weighted by the
 *                    calls after: 1 no change, above 1 a steady cost the
 *                    update left behind (1 when no method has both sides)
 *   violations       checker violations (expected for naive)
 * Deterministic: the same spec gives the same record.
 */
import { attachCheckers } from '../checkers/index.ts';
import type { StrategyName } from '../hotswap/index.ts';
import { runScenario, type Scenario } from '../scenario/index.ts';
import type { SimulationEvent } from '../simulation/index.ts';

export interface StrategyRunSpec {
  readonly scenario: Scenario<unknown>;
  /** The workload's name in the results (the scenario's file name without .ts). */
  readonly name: string;
  readonly strategy: StrategyName;
  readonly seed: number;
}

export interface StrategyRunRecord {
  readonly workload: string;
  readonly strategy: StrategyName;
  readonly seed: number;
  readonly outcome: string;
  readonly swaps: number;
  readonly completed: number;
  readonly aborted: number;
  readonly updateTicks: number;
  readonly heldCalls: number;
  readonly heldTicksMean: number;
  readonly heldTicksMax: number;
  readonly pauseTicks: number;
  readonly dip: number;
  readonly refusedPoints: number;
  readonly rolledBack: number;
  readonly rolledBackTicks: number;
  readonly steadyOverhead: number;
  readonly violations: number;
  readonly violationCheckers: readonly string[];
}

interface Tally {
  requested: Map<number, number>;
  settled: number;
  completed: number;
  aborted: number;
  updateTicks: number;
  held: number[];
  refused: number;
  exits: number[];
  rolledBack: number;
  rolledBackTicks: number;
  /** call id -> entry tick and 'object.method', and the finished calls' spans. */
  entered: Map<number, [number, string]>;
  spans: [number, number, string][];
}

function listen(e: SimulationEvent & { tick: number }, t: Tally): void {
  switch (e.type) {
    case 'swap.requested':
      t.requested.set(e.swap, e.tick);
      return;
    case 'swap.completed':
      t.completed++;
      t.updateTicks += e.tick - (t.requested.get(e.swap) ?? e.tick);
      t.settled = Math.max(t.settled, e.tick);
      return;
    case 'swap.aborted':
      t.aborted++;
      t.settled = Math.max(t.settled, e.tick);
      return;
    case 'swap.call-released':
      t.held.push(e.heldTicks);
      return;
    case 'swap.update-point':
      if (!e.safe) t.refused++;
      return;
    case 'call.entered':
      t.entered.set(e.call, [e.tick, `${e.object}.${e.method}`]);
      return;
    case 'call.exited': {
      t.exits.push(e.tick);
      const at = t.entered.get(e.call);
      if (at !== undefined) t.spans.push([at[0], e.tick, at[1]]);
      t.entered.delete(e.call);
      return;
    }
    case 'transaction.rolled-back':
      t.rolledBack++;
      t.rolledBackTicks += e.ticksLost;
      return;
    default:
  }
}

/** Calls finished per tick while the swaps ran, against the whole run's rate. */
function dipOf(t: Tally, ticks: number): number {
  if (t.requested.size === 0 || t.exits.length === 0 || ticks <= 0) return 0;
  const start = Math.min(...t.requested.values());
  const span = Math.max(1, t.settled - start);
  const during = t.exits.filter((x) => x >= start && x < start + span).length;
  return 1 - during / span / (t.exits.length / ticks);
}

/**
 * Per-call ticks after the last swap settled over before the first request,
 * method by method (the same object and method on both sides), weighted by
 * the calls after (strategy-run.ts header).
 */
function steadyOverheadOf(t: Tally): number {
  if (t.requested.size === 0) return 1;
  const start = Math.min(...t.requested.values());
  const sides = new Map<string, { before: number[]; after: number[] }>();
  for (const [a, x, key] of t.spans) {
    const side = x < start ? 'before' : a > t.settled ? 'after' : null;
    if (side === null) continue;
    let s = sides.get(key);
    if (s === undefined) sides.set(key, (s = { before: [], after: [] }));
    s[side].push(x - a);
  }
  let weighted = 0;
  let n = 0;
  const mean = (xs: number[]): number => xs.reduce((p, q) => p + q, 0) / xs.length;
  for (const { before, after } of sides.values()) {
    if (before.length === 0 || after.length === 0 || mean(before) === 0) continue;
    weighted += (mean(after) / mean(before)) * after.length;
    n += after.length;
  }
  return n === 0 ? 1 : Math.round((weighted / n) * 1000) / 1000;
}

export function runStrategyRun(spec: StrategyRunSpec): StrategyRunRecord {
  const t: Tally = {
    requested: new Map(),
    settled: 0,
    completed: 0,
    aborted: 0,
    updateTicks: 0,
    held: [],
    refused: 0,
    exits: [],
    rolledBack: 0,
    rolledBackTicks: 0,
    entered: new Map(),
    spans: [],
  };
  let checks: ReturnType<typeof attachCheckers> | null = null;
  const fromScenario = (spec.scenario as { checkers?: object }).checkers ?? {};
  const report = runScenario(spec.scenario, {
    seed: spec.seed,
    overrides: { swapStrategy: spec.strategy },
    attach(sim) {
      checks = attachCheckers(sim, fromScenario);
      sim.events$.subscribe((e) => listen(e, t));
    },
  });
  const violations = checks!.report().violations;
  const pause = t.held.reduce((a, b) => a + b, 0);
  return {
    workload: spec.name,
    strategy: spec.strategy,
    seed: spec.seed,
    outcome: report.outcome,
    swaps: t.requested.size,
    completed: t.completed,
    aborted: t.aborted,
    updateTicks: t.updateTicks,
    heldCalls: t.held.length,
    heldTicksMean: t.held.length === 0 ? 0 : pause / t.held.length,
    heldTicksMax: t.held.length === 0 ? 0 : Math.max(...t.held),
    pauseTicks: pause,
    dip: Math.round(dipOf(t, report.ticks) * 1000) / 1000,
    refusedPoints: t.refused,
    rolledBack: t.rolledBack,
    rolledBackTicks: t.rolledBackTicks,
    steadyOverhead: steadyOverheadOf(t),
    violations: violations.length,
    violationCheckers: [...new Set(violations.map((v) => v.checker))].sort(),
  };
}
