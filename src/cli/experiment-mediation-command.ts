/**
 * experimentMediationCommand: `kernel-sim experiment quiescence --mediations
 * global,per-cpu [--cpus 1,4,16] [--seeds N] [--lifetimes L] [--gaps G]
 * [--threads-per-cpu N] [--ticks-max T] --out DIR`, the quiescence
 * experiment's swap-mediation arm (src/experiments/mediation-comparison.ts):
 * one swap per run under each mediation on the same workload. Prints a
 * markdown table and writes it (mediation.md) and the runs (mediation.json)
 * to DIR. Runs in this thread (no --shard, --queue or workers: the arm is
 * small). Only the first of --lifetimes and --gaps is used.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  mediationTable,
  parseLifetime,
  runMediationComparison,
  summarizeMediation,
} from '../experiments/index.ts';
import { MEDIATIONS, type Mediation } from '../hotswap/index.ts';
import type { CliIo } from './cli-io.ts';
import { CliError } from './cli-error.ts';
import { EXIT } from './exit-codes.ts';

const listOf = (v: unknown): string[] | undefined =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
    : undefined;

function intsOf(v: unknown, flag: string): number[] | undefined {
  return listOf(v)?.map((s) => {
    if (!/^\d+$/.test(s) || Number(s) < 1)
      throw new CliError(`${flag}: '${s}' is not a whole number >= 1; write a list such as 1,4,16`);
    return Number(s);
  });
}

export function experimentMediationCommand(
  flags: Record<string, unknown>,
  io: CliIo,
): { exitCode: number; files: string[] } {
  for (const f of ['queue', 'shard', 'jobRuns', 'queueWaitS'])
    if (flags[f] !== undefined)
      throw new CliError('--mediations runs in this thread: drop --queue, --shard and their flags');
  const mediations = listOf(flags.mediations) ?? [];
  for (const m of mediations)
    if (!MEDIATIONS.includes(m as Mediation))
      throw new CliError(`--mediations: '${m}' is not one of ${MEDIATIONS.join(', ')}`);
  if (mediations.length === 0) throw new CliError('--mediations: give global, per-cpu or both');
  const cpus = intsOf(flags.cpus, '--cpus') ?? [1, 4, 16];
  if (cpus.some((c) => c > 64)) throw new CliError('--cpus: at most 64');
  let lifetime;
  try {
    lifetime = parseLifetime(listOf(flags.lifetimes)?.[0] ?? 'exp:12');
  } catch (e) {
    throw new CliError(`--lifetimes: ${e instanceof Error ? e.message : String(e)}`);
  }
  const options = {
    cpus,
    mediations: mediations as Mediation[],
    seeds: (flags.seeds as number | undefined) ?? 5,
    seedFirst: (flags.seedFirst as number | undefined) ?? 1,
    lifetime,
    gapPerCpuTicks: intsOf(flags.gaps, '--gaps')?.[0] ?? 16,
    threadsPerCpu: (flags.threadsPerCpu as number | undefined) ?? 200,
    ticksMax: (flags.ticksMax as number | undefined) ?? 1_000_000,
  };
  const runs = runMediationComparison(options);
  const table = mediationTable(summarizeMediation(runs));
  for (const l of table) io.out(l);
  const dir = resolve(io.cwd, String(flags.out));
  mkdirSync(dir, { recursive: true });
  const files = [join(dir, 'mediation.md'), join(dir, 'mediation.json')];
  writeFileSync(files[0], table.join('\n') + '\n');
  writeFileSync(files[1], JSON.stringify({ options, runs }, null, 2) + '\n');
  for (const f of files) io.out(`wrote: ${f}`);
  return { exitCode: EXIT.passed, files };
}
