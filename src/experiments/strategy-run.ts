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
    case 'call.exited':
      t.exits.push(e.tick);
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
    violations: violations.length,
    violationCheckers: [...new Set(violations.map((v) => v.checker))].sort(),
  };
}
