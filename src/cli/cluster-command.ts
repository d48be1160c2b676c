/**
 * clusterCommand: `kernel-sim cluster [example]` runs one of the Upstart
 * examples (docs/UPSTART.md, "CLI") as a cluster upgraded node by node
 * under load and network faults, with every cluster checker on.
 *
 * Output: the seed first (drawn and said so when --seed is absent), then
 * the run's options, its account (ticks, RPCs, disallowed calls by
 * version:method, invariant checks, nodes upgraded), the lanes of the
 * timeline with --timeline, and PASSED or FAILED with the reason and a
 * one-line reproduce command. With --seeds N it runs seeds seed..seed+N-1,
 * stops at the first failure (its reproduce line) and prints the count.
 * --report FILE.html writes the run's lanes, one per node (a failing seed's
 * with --seeds).
 * --json prints one JSON document instead.
 *
 * Exit codes (exit-codes.ts): 0 passed; 3 a checker violation, a stale read,
 * an unexpected call error or a node not upgraded; 4 liveness (ticksMax);
 * 1 a crash; 2 bad input.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { clusterLanesHtml, EXAMPLE_NAMES, runExample, type ExampleRun } from '../cluster/index.ts';
import { versionColor } from '../report/index.ts';
import { CliError } from './cli-error.ts';
import type { CliIo } from './cli-io.ts';
import { drawSeed } from './draw-seed.ts';
import { EXIT } from './exit-codes.ts';

export interface ClusterCommandOptions {
  readonly example: string;
  readonly seed?: number;
  readonly seeds?: number;
  readonly nodes?: number;
  readonly schedule?: string;
  readonly loss?: number;
  readonly failures?: number;
  readonly partition?: boolean;
  readonly ops?: number;
  readonly ticksMax?: number;
  readonly timeline?: boolean;
  /** Write the lanes (one per node) as an HTML page to this file. */
  readonly report?: string;
  readonly json?: boolean;
}

function exitOf(run: ExampleRun): number {
  if (run.ok) return EXIT.passed;
  switch (run.result.outcome) {
    case 'crash':
      return EXIT.internal;
    case 'liveness':
      return EXIT.liveness;
    default:
      return EXIT.correctness;
  }
}

function why(run: ExampleRun): string {
  const r = run.result;
  if (r.outcome !== 'passed') return `${r.outcome}: ${r.reason ?? ''}`;
  if (run.problems.length > 0) return run.problems[0];
  return `${run.cluster.pending} node(s) not upgraded`;
}

/** The command line that replays one seed. */
export function reproduceLine(o: ClusterCommandOptions, seed: number): string {
  const parts = ['kernel-sim cluster', o.example, `--seed ${seed}`];
  if (o.nodes !== undefined) parts.push(`--nodes ${o.nodes}`);
  if (o.schedule !== undefined) parts.push(`--schedule ${o.schedule}`);
  if (o.loss !== undefined) parts.push(`--loss ${o.loss}`);
  if (o.failures !== undefined) parts.push(`--failures ${o.failures}`);
  if (o.partition) parts.push('--partition');
  if (o.ops !== undefined) parts.push(`--ops ${o.ops}`);
  if (o.ticksMax !== undefined) parts.push(`--ticks-max ${o.ticksMax}`);
  return parts.join(' ');
}

function checkInput(o: ClusterCommandOptions): void {
  if (!(EXAMPLE_NAMES as readonly string[]).includes(o.example))
    throw new CliError(
      `unknown cluster example '${o.example}': use one of ${EXAMPLE_NAMES.join(', ')}`,
    );
  if (o.loss !== undefined && !(o.loss >= 0 && o.loss < 1))
    throw new CliError(`--loss must be a probability in [0, 1), got ${o.loss}`);
}

function run1(o: ClusterCommandOptions, seed: number): ExampleRun {
  try {
    return runExample(o.example, {
      nodes: o.nodes ?? 8,
      seed,
      schedule: (o.schedule ?? 'rolling') as never,
      loss: o.loss ?? 0,
      failures: o.failures ?? 0,
      partition: o.partition === true,
      ...(o.ops !== undefined ? { opsPerClient: o.ops } : {}),
      ...(o.ticksMax !== undefined ? { ticksMax: o.ticksMax } : {}),
    });
  } catch (e) {
    if (e instanceof RangeError) throw new CliError(e.message);
    throw e;
  }
}

function account(run: ExampleRun): Record<string, unknown> {
  const c = run.cluster;
  const l = c.ledger;
  return {
    outcome: run.ok
      ? 'passed'
      : run.result.outcome === 'passed'
        ? 'correctness'
        : run.result.outcome,
    ticks: run.result.ticks,
    rpcs: { issued: l.issued, replied: l.replied, timedOut: l.timedOut, late: l.lateReplies },
    network: { sent: c.network.sent, lost: c.network.lost, cut: c.network.cut },
    disallowed: l.disallowedCalls,
    refusedByCall: Object.fromEntries([...run.refused].sort()),
    invariantChecks: c.invariantChecks,
    upgraded: c.nodes.length - c.pending,
    nodes: c.nodes.length,
    violations: [...run.result.violations, ...run.problems],
  };
}

function printOne(o: ClusterCommandOptions, seed: number, run: ExampleRun, io: CliIo): void {
  const a = account(run);
  const l = run.cluster.ledger;
  const refused = [...run.refused].sort().map(([k, v]) => `${k} ${v}`);
  io.out(`ticks ${run.result.ticks}; nodes upgraded ${String(a.upgraded)}/${String(a.nodes)}`);
  io.out(
    `rpcs ${l.issued}: replied ${l.replied}, timed out ${l.timedOut}, late replies ${l.lateReplies}; network sent ${run.cluster.network.sent}, lost ${run.cluster.network.lost}, cut ${run.cluster.network.cut}`,
  );
  io.out(
    `disallowed ${l.disallowedCalls}${refused.length ? ` (clients saw: ${refused.join(', ')})` : ''}; invariant checks ${run.cluster.invariantChecks}`,
  );
  if (o.timeline) io.out(run.cluster.timeline.render(run.result.ticks));
  if (run.ok) io.out('PASSED');
  else {
    io.out(`FAILED seed ${seed}: ${why(run)}`);
    io.out(`reproduce: ${reproduceLine(o, seed)}`);
  }
}

function writeReport(o: ClusterCommandOptions, seed: number, run: ExampleRun, io: CliIo): void {
  const path = resolve(io.cwd, o.report!);
  const title = `kernel-sim cluster ${o.example}, seed ${seed}: ${run.ok ? 'PASSED' : 'FAILED'}`;
  try {
    writeFileSync(
      path,
      clusterLanesHtml(run.cluster.timeline, run.result.ticks, title, versionColor),
    );
  } catch (e) {
    throw new CliError(
      `--report: cannot write ${path}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (!o.json) io.out(`report: ${path}`);
}

export function clusterCommand(o: ClusterCommandOptions, io: CliIo): { exitCode: number } {
  checkInput(o);
  const seed = o.seed ?? drawSeed();
  const seeds = o.seeds ?? 1;
  const head = `cluster ${o.example}: ${o.nodes ?? 8} nodes, schedule ${o.schedule ?? 'rolling'}, loss ${o.loss ?? 0}, failures ${o.failures ?? 0}${o.partition ? ', partition' : ''}`;
  if (!o.json) {
    io.out(`seed ${seed}${o.seed === undefined ? ' (drawn; pass --seed to replay)' : ''}`);
    io.out(seeds > 1 ? `${head}; seeds ${seed}..${seed + seeds - 1}` : head);
  }
  let totalDisallowed = 0;
  for (let s = seed; s < seed + seeds; s++) {
    const run = run1(o, s);
    totalDisallowed += run.cluster.ledger.disallowedCalls;
    const exitCode = exitOf(run);
    if (seeds === 1 || exitCode !== EXIT.passed) {
      if (o.report !== undefined) writeReport(o, s, run, io);
      if (o.json) {
        const doc = { seed: s, example: o.example, ...account(run), exitCode };
        if (exitCode !== EXIT.passed) Object.assign(doc, { reproduce: reproduceLine(o, s) });
        io.out(JSON.stringify(doc));
      } else printOne(o, s, run, io);
      return { exitCode };
    }
  }
  if (o.json)
    io.out(
      JSON.stringify({
        seed,
        seeds,
        example: o.example,
        passed: seeds,
        totalDisallowed,
        exitCode: 0,
      }),
    );
  else io.out(`PASSED ${seeds} seed(s); disallowed calls in all: ${totalDisallowed}`);
  return { exitCode: EXIT.passed };
}
