/**
 * CheckSummary: what `kernel-sim check` reports over all its seeds: runs,
 * passes, failures by kind, the failing seeds (each with its first
 * violation and the lines that replay it), how many non-passed outcomes
 * were the faults' own (tolerated), and the exit code it means
 * (0 passed, 3 correctness, 4 liveness, 1 crash; correctness wins).
 *
 * `summarize(results, context)` builds it; `formatSummary(summary)` renders
 * it as the lines the CLI prints.
 */
import { CHECK_SCHEDULE_DEFAULT } from './check-options.ts';
import {
  formatInterleavings,
  interleavingCellCount,
  interleavingCoverageOf,
  type InterleavingCoverage,
} from './interleavings.ts';
import { FAILURE_KINDS, type FailureKind, type SeedResult } from './seed-result.ts';
import type { ShrunkRun } from './shrink-failure.ts';

export interface CheckSummary {
  readonly scenario: string;
  readonly faults: boolean;
  /** The schedule every seed ran (src/kernel/schedule.ts). */
  readonly schedule: string;
  readonly seeds:
    { readonly from: number; readonly to: number } | { readonly list: readonly number[] };
  readonly runs: number;
  readonly passes: number;
  readonly failures: Readonly<Record<FailureKind, number>>;
  /** Seeds whose non-passed outcome was the faults' own. */
  readonly tolerated: number;
  /** Seeds re-run to compare event logs. */
  readonly rerun: number;
  /**
   * Seeds whose expectations were fully checked: expect() ran and its
   * verdict counted (it held, or it failed as an expectation failure). Not
   * counted: a failure the faults were blamed for (tolerated), and runs that
   * never reached expect() (liveness, crash).
   */
  readonly expectationsChecked: number;
  readonly failing: readonly SeedResult[];
  readonly coverage: CheckCoverage;
  readonly exitCode: number;
}

/**
 * What the seeds explored. Mergeable: shards' `eventHashes` add up key by
 * key, and `schedules` is the number of keys of the sum.
 */
export interface CheckCoverage {
  /** Distinct schedules run: distinct event-log hashes. */
  readonly schedules: number;
  /** Runs per event-log hash. */
  readonly eventHashes: Readonly<Record<string, number>>;
  /** Distinct (swap, phase, call state) cells seen over the runs. */
  readonly interleavingCells: number;
  /** Per swap (`from->to`), per `phase/state` cell: runs in which it occurred (interleavings.ts). */
  readonly interleavings: InterleavingCoverage;
}

export function coverageOf(results: readonly SeedResult[]): CheckCoverage {
  const eventHashes: Record<string, number> = {};
  for (const r of results) eventHashes[r.eventsHash] = (eventHashes[r.eventsHash] ?? 0) + 1;
  const interleavings = interleavingCoverageOf(results.map((r) => r.interleavings));
  return {
    schedules: Object.keys(eventHashes).length,
    eventHashes,
    interleavingCells: interleavingCellCount(interleavings),
    interleavings,
  };
}

export const CHECK_EXIT = { passed: 0, crash: 1, correctness: 3, liveness: 4 } as const;

function seedsOf(seeds: readonly number[]): CheckSummary['seeds'] {
  const sorted = [...seeds].sort((a, b) => a - b);
  const contiguous = sorted.every((s, i) => i === 0 || s === sorted[i - 1] + 1);
  return contiguous && sorted.length > 0
    ? { from: sorted[0], to: sorted[sorted.length - 1] }
    : { list: sorted };
}

function exitCode(f: Readonly<Record<FailureKind, number>>): number {
  if (f.violation + f.expectation + f.nondeterministic > 0) return CHECK_EXIT.correctness;
  if (f.crash > 0) return CHECK_EXIT.crash;
  if (f.liveness > 0) return CHECK_EXIT.liveness;
  return CHECK_EXIT.passed;
}

/** What a summary says besides the per-seed results: the scenario's label, faults on, the schedule, seeds re-run. */
export interface CheckContext {
  readonly scenario: string;
  readonly faults: boolean;
  readonly schedule?: string;
  readonly rerun: number;
  /**
   * The run's other overrides as command-line flags (`--strategy`,
   * `--swap-mediation`, `--param name=value` sorted by name...): merge
   * refuses parts whose flags differ. Absent when none was given.
   */
  readonly runArgs?: readonly string[];
}

function expectationsCheckedIn(r: SeedResult): boolean {
  return (r.outcome === 'passed' && r.tolerated === null) || r.verdict === 'expectation';
}

export function summarize(results: readonly SeedResult[], context: CheckContext): CheckSummary {
  const failures = Object.fromEntries(FAILURE_KINDS.map((k) => [k, 0])) as Record<
    FailureKind,
    number
  >;
  for (const r of results) if (r.verdict !== 'passed') failures[r.verdict]++;
  const failing = results.filter((r) => r.verdict !== 'passed');
  return {
    scenario: context.scenario,
    faults: context.faults,
    schedule: context.schedule ?? CHECK_SCHEDULE_DEFAULT,
    seeds: seedsOf(results.map((r) => r.seed)),
    runs: results.length,
    passes: results.length - failing.length,
    failures,
    tolerated: results.filter((r) => r.tolerated !== null).length,
    rerun: context.rerun,
    expectationsChecked: results.filter(expectationsCheckedIn).length,
    failing,
    coverage: coverageOf(results),
    exitCode: exitCode(failures),
  };
}

function percent(n: number, of: number): string {
  return of === 0 ? '0%' : `${Math.round((1000 * n) / of) / 10}%`;
}

/** The failing seeds shown in full; the rest are listed by seed. */
const SHOWN_MAX = 5;

export function formatSummary(s: CheckSummary): string[] {
  const range =
    'from' in s.seeds ? `seeds ${s.seeds.from}..${s.seeds.to}` : `seeds ${s.seeds.list.join(', ')}`;
  const kinds = FAILURE_KINDS.filter((k) => s.failures[k] > 0).map((k) => `${k} ${s.failures[k]}`);
  const lines = [
    `check ${s.scenario}: ${range}, schedule ${s.schedule}${s.faults ? ', faults on' : ''}, all checkers on`,
    `runs ${s.runs}, passed ${s.passes}, failed ${s.runs - s.passes}${kinds.length ? ` (${kinds.join(', ')})` : ''}${s.tolerated ? `; ${s.tolerated} outcome(s) were the injected faults' own` : ''}${s.rerun ? `; ${s.rerun} seed(s) re-run for determinism` : ''}`,
    `coverage: ${s.coverage.schedules} distinct schedule(s) (event logs) in ${s.runs} run(s); ${s.coverage.interleavingCells} swap interleaving cell(s) (phase x call state)`,
    `expectations fully checked in ${s.expectationsChecked} of ${s.runs} seed(s) (${percent(s.expectationsChecked, s.runs)})`,
    ...formatInterleavings(s.coverage.interleavings),
  ];
  for (const r of s.failing.slice(0, SHOWN_MAX)) {
    lines.push(
      '',
      `FAILED seed ${r.seed}: ${r.verdict}${r.reason ? ` (${r.outcome}: ${r.reason.split('\n')[0]})` : ''}`,
    );
    for (const v of r.violations) lines.push(...v.text.split('\n').map((l) => `  ${l}`));
    if (r.faults && r.faults.active.length > 0)
      lines.push(`  faults active: ${r.faults.active.join(', ')}`);
    lines.push(`  reproduce: ${r.reproduce}`, `  recheck:   ${r.recheck}`);
    if (r.shrunk)
      lines.push(
        `  smallest:  ${r.shrunk.recheck}`,
        `             ${r.shrunk.reproduce}`,
        `             (shrunk ${shrunkSizes(r.shrunk)}from ${r.shrunk.from} schedule deviations to ${r.shrunk.deviations}, budget ${r.shrunk.deviationsMax}${r.shrunk.dropped.length > 0 ? `, ${r.shrunk.dropped.length} dropped` : ''}, in ${r.shrunk.runs} run(s))`,
      );
  }
  const more = s.failing.slice(SHOWN_MAX).map((r) => `${r.seed} (${r.verdict})`);
  if (more.length > 0) lines.push('', `also failed: seeds ${more.join(', ')}`);
  lines.push(
    '',
    s.exitCode === 0
      ? `PASSED ${s.runs} seed(s)`
      : `FAILED ${s.runs - s.passes} of ${s.runs} seed(s)`,
  );
  return lines;
}

/** "threads 12 -> 3, " for each param the shrink made smaller (none: ""). */
function shrunkSizes(shrunk: ShrunkRun): string {
  // `resized` is absent in parts written before size shrinking
  return Object.entries(shrunk.resized ?? {})
    .map(([name, { from, to }]) => `${name} ${from} -> ${to}, `)
    .join('');
}
