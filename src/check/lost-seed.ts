/**
 * lostSeedResult: the result of a seed whose worker thread died while
 * running it (the scenario exhausted the worker's memory, or ended the
 * thread some way the exit guard cannot catch). The seed counts as a crash
 * named in the summary with its reproduce lines; the check goes on with a
 * fresh worker and keeps every other seed's result.
 */
import { paramArgs, shellQuote } from '../scenario/index.ts';
import type { CheckSeedInput } from './check-seed-task.ts';
import { recheckLine } from './check-seed.ts';
import type { SeedResult } from './seed-result.ts';

export function lostSeedResult(input: CheckSeedInput, why: string): SeedResult {
  const source = input.options.source ?? input.file;
  const faults = input.options.faults !== undefined && input.options.faults !== false;
  const schedule = input.options.overrides?.schedule;
  const reproduce = ['kernel-sim', 'scenario', source, '--seed', String(input.seed)];
  if (schedule !== undefined) reproduce.push('--schedule', schedule);
  reproduce.push(...paramArgs(input.options.overrides?.params));
  return {
    seed: input.seed,
    verdict: 'crash',
    outcome: 'crash',
    reason: `the worker thread running seed ${input.seed} ${why} before the seed's verdict (rerun it alone to see why)`,
    tolerated: null,
    ticks: 0,
    eventsHash: '',
    violations: [],
    notes: [],
    faults: null,
    reproduce: [...reproduce, ...(faults ? ['--faults'] : [])].map(shellQuote).join(' '),
    recheck: recheckLine(
      source,
      input.seed,
      faults,
      schedule,
      input.options.overrides?.swapStrategy,
      input.options.overrides?.params,
    ),
  };
}
